import { LumixError, type AnalysisChange } from '@lumix/core';
import type { MultiPeriodData } from '../model/multi-period-model.js';

/** A change of one number as typed: `+50`, `-50`, `-20%`, `+10%`, `=120`. */
export type Amount = { readonly by: number } | { readonly scale: number } | { readonly set: number };

/**
 * Reads `+50` (by), `-20%` (scale 0.8), `=120` (set).
 *
 * @throws LumixError `INVALID_ARGUMENT` for anything else (a bare number is ambiguous: add or set?).
 */
export function parseAmount(text: string, flag: string): Amount {
  const t = text.trim();
  const pct = /^([+-])(\d+(?:\.\d+)?)%$/.exec(t);
  if (pct !== null) {
    const f = 1 + (pct[1] === '-' ? -1 : 1) * (Number(pct[2]) / 100);
    if (f < 0)
      throw new LumixError('INVALID_ARGUMENT', `${flag} ${text} would make the capacity negative; a cut is at most -100%.`, { details: { flag, value: text } });
    return { scale: f };
  }
  const by = /^([+-])(\d+(?:\.\d+)?)$/.exec(t);
  if (by !== null) return { by: (by[1] === '-' ? -1 : 1) * Number(by[2]) };
  const set = /^=(\d+(?:\.\d+)?)$/.exec(t);
  if (set !== null) return { set: Number(set[1]) };
  throw new LumixError(
    'INVALID_ARGUMENT',
    `${flag} ${JSON.stringify(text)} is not a change: write +50 to add, -50 to take away, -20% or +10% for a share, =120 to set.`,
    {
      details: { flag, value: text },
    },
  );
}

/** A machine or material found by id or name (case-insensitive; a unique prefix is enough: `Cutting`). */
export function findResource(data: MultiPeriodData, type: 'machine' | 'material', text: string): { id: number; name: string } {
  const list = type === 'machine' ? data.machines : data.materials;
  const t = text.trim().toLowerCase();
  const byId = /^\d+$/.test(t) ? list.find((r) => r.id === Number(t)) : undefined;
  const exact = list.find((r) => r.name.toLowerCase() === t);
  const prefix = list.filter((r) => r.name.toLowerCase().startsWith(t));
  const found = byId ?? exact ?? (prefix.length === 1 ? prefix[0] : undefined);
  if (found === undefined) {
    throw new LumixError(
      'UNKNOWN_KEY',
      `${prefix.length > 1 ? `${JSON.stringify(text)} names several ${type}s (${prefix.map((r) => r.name).join(', ')})` : `No ${type} ${JSON.stringify(text)}`}; the ${type}s are ${list.map((r) => `${r.id} ${r.name}`).join(', ')}.`,
      { details: { type, value: text } },
    );
  }
  return { id: found.id, name: found.name };
}

/** The period of a week number. @throws LumixError `UNKNOWN_KEY`. */
export function findWeek(data: MultiPeriodData, week: number): { id: number; week: number } {
  const p = data.periods.find((t) => t.week_number === week);
  if (p === undefined)
    throw new LumixError('UNKNOWN_KEY', `No week ${week}; the weeks are ${data.periods.map((t) => t.week_number).join(', ')}.`, { details: { week } });
  return { id: p.id, week };
}

/** One edit of a what-if: a machine's hours or a material's supply, in one week or every week. */
export interface ResourceEdit {
  readonly type: 'machine' | 'material';
  readonly id: number;
  /** The period; undefined for every week. */
  readonly periodId?: number;
  readonly amount: Amount;
}

/** A capacity after an edit. */
export function applyAmount(a: Amount, base: number): number {
  if ('by' in a) return base + a.by;
  if ('scale' in a) return base * a.scale;
  return a.set;
}

/** An edit as a change of core's analysis, on the row family of its resource. */
export function resourceChange(family: string, e: ResourceEdit): AnalysisChange {
  if (e.periodId !== undefined) return { rhs: family, key: [e.id, e.periodId], ...e.amount };
  return { rhs: family, where: (it: { resource: { id: number } }) => it.resource.id === e.id, ...e.amount };
}

/** `+50`, `-20%`, `=120` again, for headings. */
export function amountText(a: Amount): string {
  if ('by' in a) return `${a.by >= 0 ? '+' : ''}${a.by}`;
  if ('scale' in a) return `${a.scale >= 1 ? '+' : ''}${Math.round((a.scale - 1) * 1e6) / 1e4}%`;
  return `=${a.set}`;
}
