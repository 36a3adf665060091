import { explainInfeasibleModel, explanationMethod, formatNumber } from '@lumix/app-kit';
import type { ExplainedMember, InfeasibilityExplanation, Model, RowRelaxation, Solver } from '@lumix/core';

interface Named {
  readonly id: number;
  readonly name: string;
}

/** The resource a row is about, in the planner's words: `machine Cutting`, `material Wood (week 2)`. */
function rowSubject(family: string, item: unknown): string | null {
  const kind = family === 'machine_hours' ? 'machine' : family === 'material_supply' ? 'material' : null;
  if (kind === null || item === null || typeof item !== 'object') return null;
  // Single week: the item is the machine or material; multi-period: { resource, period }.
  const { resource, period } = item as { resource?: Named; period?: Named };
  if (resource !== undefined) return `${kind} ${resource.name}${period === undefined ? '' : ` in ${period.name}`}`;
  return `${kind} ${(item as Named).name}`;
}

/** One member of the conflict in words: a capacity row or a product's demand bound. */
function describeMember(m: ExplainedMember): string {
  const subject = rowSubject(m.family, m.item);
  if (subject !== null) return `${subject}: at most ${formatNumber(m.upper)}${m.family === 'machine_hours' ? ' h' : ''} available`;
  if (m.family === 'make') {
    const p = m.item as Named;
    if (m.bound === 'lower') return `product ${p.name}: at least ${formatNumber(m.lower)} units (minimum demand)`;
    if (m.bound === 'upper') return `product ${p.name}: at most ${formatNumber(m.upper)} units (maximum demand)`;
    return `product ${p.name}: between ${formatNumber(m.lower)} and ${formatNumber(m.upper)} units (demand band)`;
  }
  const item = m.item as { product?: Named; period?: Named } | undefined;
  const where = item?.product !== undefined && item.period !== undefined ? ` (${item.product.name}, ${item.period.name})` : '';
  const side = m.bound === 'lower' ? `≥ ${formatNumber(m.lower)}` : m.bound === 'upper' ? `≤ ${formatNumber(m.upper)}` : `${formatNumber(m.lower)} … ${formatNumber(m.upper)}`;
  return `${m.family} row ${m.name}${where}: ${side}`;
}

/** One move of the smallest relaxation in words: `machine Cutting: 120.00 → 150.00 h (+30.00)`. */
function describeRelaxation(r: RowRelaxation): string {
  const subject = rowSubject(r.family, r.item) ?? `${r.family} row ${r.name}`;
  const unit = r.family === 'machine_hours' ? ' h' : '';
  return `${subject}: ${formatNumber(r.from)} → ${formatNumber(r.to)}${unit} (${r.side === 'upper' ? '+' : '−'}${formatNumber(r.by)})`;
}

/** The lines `solve` prints for an explained infeasible plan; empty when the explanation found nothing. */
function explanationLines(e: InfeasibilityExplanation, solverName: string): string[] {
  if (!e.infeasible || (e.rows.length === 0 && e.columns.length === 0)) return [];
  const lines = [`These limits cannot all hold together; drop any one and the rest can (${explanationMethod(e, solverName)}):`];
  for (const m of [...e.rows, ...e.columns]) lines.push(`  - ${describeMember(m)}`);
  if (e.relaxation !== null && e.relaxation.rows.length > 0) {
    lines.push('The smallest change to the capacities that makes a plan possible (the demands kept):');
    for (const r of e.relaxation.rows) lines.push(`  - ${describeRelaxation(r)}`);
  }
  return lines;
}

/**
 * Explains an infeasible production model through core's `explain` (orders, which are goals,
 * set aside) and words it for the planner: the machines, materials and weeks, the products'
 * demand bounds. Empty when nothing explains it.
 */
export async function explainInfeasiblePlan(model: Model, solver: Solver, goalFamilies: readonly string[], timeLimit?: number): Promise<string[]> {
  const e = await explainInfeasibleModel(model, { solver, goalFamilies, ...(timeLimit === undefined ? {} : { timeLimit }) });
  return e === null ? [] : explanationLines(e, solver.name);
}
