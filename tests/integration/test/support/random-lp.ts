// Random small LPs as data (records), and the Model declared over them: the analysis property
// tests change the data and build afresh to get the reference answer of every what-if.
import { Model } from '@lumix/core';
import fc from 'fast-check';

export interface LpColumn {
  readonly id: number;
  readonly lb: number;
  readonly ub: number;
  readonly cost: number;
}

type RowKind = 'le' | 'ge' | 'eq' | 'range';

interface LpRow {
  readonly id: string;
  readonly coefs: readonly number[];
  readonly kind: RowKind;
  readonly lb: number;
  readonly ub: number;
}

export interface LpData {
  readonly sense: 'min' | 'max';
  readonly columns: readonly LpColumn[];
  readonly rows: readonly LpRow[];
}

/**
 * Random LPs of up to 6 bounded columns and 6 rows, around a hidden integer point x0: a row's
 * bound sits `slack` away from x0's activity, so a negative slack can cut x0 off (some problems
 * are infeasible). Every column is bounded, so each problem is optimal or infeasible.
 */
export function lpArb(options: { minRows?: number } = {}): fc.Arbitrary<LpData> {
  return fc
    .record({ n: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: options.minRows ?? 1, max: 6 }) })
    .chain(({ n, m }) =>
      fc.record({
        sense: fc.constantFrom<'min' | 'max'>('min', 'max'),
        columns: fc.array(
          fc.record({
            lb: fc.integer({ min: -5, max: 5 }),
            width: fc.integer({ min: 1, max: 10 }),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            cost: fc.integer({ min: -9, max: 9 }),
          }),
          { minLength: n, maxLength: n },
        ),
        rows: fc.array(
          fc.record({
            coefs: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n }),
            kind: fc.constantFrom<RowKind>('le', 'ge', 'le', 'ge', 'eq', 'range'),
            slack: fc.integer({ min: -3, max: 6 }),
            width: fc.integer({ min: 0, max: 5 }),
          }),
          { minLength: m, maxLength: m },
        ),
      }),
    )
    .map(({ sense, columns, rows }) => {
      const x0 = columns.map((c) => c.lb + Math.round(c.at * c.width));
      return {
        sense,
        columns: columns.map((c, j) => ({ id: j, lb: c.lb, ub: c.lb + c.width, cost: c.cost })),
        rows: rows.map((r, i) => {
          const a = r.coefs.reduce((s, c, j) => s + c * x0[j]!, 0);
          const id = `r${i}`;
          if (r.kind === 'le') return { id, coefs: r.coefs, kind: r.kind, lb: -Infinity, ub: a + r.slack };
          if (r.kind === 'ge') return { id, coefs: r.coefs, kind: r.kind, lb: a - r.slack, ub: Infinity };
          if (r.kind === 'eq') return { id, coefs: r.coefs, kind: r.kind, lb: a + r.slack, ub: a + r.slack };
          return { id, coefs: r.coefs, kind: r.kind, lb: a - r.slack - r.width, ub: a - r.slack };
        }),
      };
    });
}

/** The model over the data: variable family `x` (key = column id), row family `r` (key = row id). */
export function lpModel(data: LpData): Model {
  const m = new Model('random-lp');
  const x = m.continuous('x', data.columns, { lb: (c) => c.lb, ub: (c) => c.ub });
  m.constraints(
    'r',
    data.rows,
    (row) => {
      const e = x.sum((c) => row.coefs[c.id]!);
      if (row.kind === 'le') return e.le(row.ub);
      if (row.kind === 'ge') return e.ge(row.lb);
      if (row.kind === 'eq') return e.eq(row.lb);
      return e.between(row.lb, row.ub);
    },
    { key: (row) => row.id },
  );
  const objective = () => x.sum((c) => c.cost);
  if (data.sense === 'max') m.maximize(objective);
  else m.minimize(objective);
  return m;
}

/** The data with a row's right-hand side moved by `by` (as the analysis' `{ rhs, by }` does). */
export function shiftRhs(data: LpData, rowId: string, by: number): LpData {
  return {
    ...data,
    rows: data.rows.map((r) => {
      if (r.id !== rowId) return r;
      if (r.kind === 'le') return { ...r, ub: r.ub + by };
      if (r.kind === 'ge') return { ...r, lb: r.lb + by };
      return { ...r, lb: r.lb + by, ub: r.ub + by };
    }),
  };
}

/** The data with one column's fields replaced. */
export function changeColumn(data: LpData, id: number, patch: Partial<LpColumn>): LpData {
  return { ...data, columns: data.columns.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}
