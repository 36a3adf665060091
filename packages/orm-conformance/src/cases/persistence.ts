// Run history: every solve_runs field and the solution rows read back, filters, literal quoting.
import { expect } from 'vitest';
import { PRODUCTS, SQL_FRAGMENT, makeRun } from '../fixture.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** Run history: every solve_runs field and the solution rows read back, filters, literal quoting. */
export const PERSISTENCE_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'persistence',
    name: 'save-and-read-back',
    async run({ adapter: a }) {
      const run = makeRun();
      const saved = await a.saveRun(
        { run },
        {
          label: 'baseline',
          rows: () => ({
            plan: [
              { product_id: 1, quantity: 10 },
              { product_id: 3, quantity: 2.5 },
            ],
          }),
        },
      );
      expect(saved.id).toBeGreaterThan(0);
      expect(saved.label).toBe('baseline');
      const back = await a.getRun(saved.id);
      expect(back).not.toBeNull();
      expect(back!.modelName).toBe(run.modelName);
      expect(back!.solver).toBe('highs');
      expect(back!.status).toBe('optimal');
      expect(back!.objective).toBeCloseTo(run.objective!, 12);
      expect(back!.startedAt.toISOString()).toBe(run.startedAt.toISOString());
      expect(back!.finishedAt.toISOString()).toBe(run.finishedAt.toISOString());
      expect(back!.buildMs).toBe(12.5);
      expect(back!.solveMs).toBe(3.25);
      expect([back!.numVariables, back!.numConstraints, back!.numNonzeros]).toEqual([5, 3, 7]);
      expect(back!.options).toEqual({ timeLimit: 30, presolve: true });
      expect(back!.label).toBe('baseline');
      const rows = await a.readRunRows<{ run_id: number; product_id: number; quantity: number }>('plan', saved.id);
      expect(rows.map((r) => [r.run_id, r.product_id, r.quantity])).toEqual([
        [saved.id, 1, 10],
        [saved.id, 3, 2.5],
      ]);
    },
  },
  {
    area: 'persistence',
    name: 'mapper-gets-the-run-id-and-every-row-gets-it',
    async run({ adapter: a }) {
      let seen = -1;
      const saved = await a.saveRun(
        { run: makeRun() },
        {
          rows: (runId) => {
            seen = runId;
            return { plan: [{ product_id: 2, quantity: 1 }], notes: [{ product_id: null, text: `run ${runId}` }] };
          },
        },
      );
      expect(seen).toBe(saved.id);
      const notes = await a.readRunRows<{ run_id: number; text: string }>('notes', saved.id);
      expect(notes).toEqual([expect.objectContaining({ run_id: saved.id, text: `run ${saved.id}` })]);
    },
  },
  {
    area: 'persistence',
    name: 'earlier-runs-are-kept',
    async run({ adapter: a }) {
      const r1 = await a.saveRun({ run: makeRun({ objective: 1 }) }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) });
      const r2 = await a.saveRun({ run: makeRun({ objective: 2, modelName: 'timetable' }) }, { label: 'second', rows: () => ({ plan: [{ product_id: 1, quantity: 2 }] }) });
      const r3 = await a.saveRun({ run: makeRun({ objective: 3 }) }, { rows: () => ({ plan: [{ product_id: 1, quantity: 3 }] }) });
      expect(r1.id < r2.id && r2.id < r3.id).toBe(true);
      expect((await a.listRuns()).map((r) => r.objective)).toEqual([1, 2, 3]);
      expect((await a.latestRun())!.id).toBe(r3.id);
      expect((await a.latestRun({ modelName: 'timetable' }))!.id).toBe(r2.id);
      expect((await a.latestRun({ label: 'second' }))!.objective).toBe(2);
      expect((await a.listRuns({ modelName: 'production' })).map((r) => r.id)).toEqual([r1.id, r3.id]);
      expect((await a.getRun(r1.id))!.objective).toBe(1);
      expect((await a.readRunRows<{ quantity: number }>('plan', r2.id)).map((r) => r.quantity)).toEqual([2]);
      expect((await a.readRunRows<{ quantity: number }>('plan', r1.id)).map((r) => r.quantity)).toEqual([1]);
    },
  },
  {
    area: 'persistence',
    name: 'no-runs-yet',
    async run({ adapter: a }) {
      expect(await a.latestRun()).toBeNull();
      expect(await a.listRuns()).toEqual([]);
      expect(await a.getRun(1)).toBeNull();
      await a.ensureRunTable();
      await a.ensureRunTable();
      expect(await a.latestRun()).toBeNull();
    },
  },
  {
    area: 'persistence',
    name: 'infeasible-run-without-objective',
    async run({ adapter: a }) {
      const saved = await a.saveRun({ run: makeRun({ status: 'infeasible', objective: null }) });
      const back = await a.getRun(saved.id);
      expect(back!.status).toBe('infeasible');
      expect(back!.objective).toBeNull();
    },
  },
  {
    area: 'persistence',
    name: 'quotes-and-sql-fragments-are-stored-literally',
    async run({ adapter: a }) {
      const saved = await a.saveRun(
        { run: makeRun({ modelName: SQL_FRAGMENT }) },
        { label: "it's \"quoted\" -- /* x */ ?", rows: () => ({ notes: [{ product_id: 5, text: SQL_FRAGMENT }] }) },
      );
      const back = await a.latestRun({ modelName: SQL_FRAGMENT });
      expect(back!.id).toBe(saved.id);
      expect(back!.label).toBe("it's \"quoted\" -- /* x */ ?");
      expect((await a.latestRun({ label: "it's \"quoted\" -- /* x */ ?" }))!.id).toBe(saved.id);
      const notes = await a.readRunRows<{ text: string }>('notes', saved.id);
      expect(notes[0]!.text).toBe(SQL_FRAGMENT);
      expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
    },
  },
  {
    area: 'persistence',
    name: 'solution-object-with-run',
    async run({ adapter: a }) {
      // A Solution carries its RunInfo as `run`; extra members are ignored.
      const solution = { run: makeRun({ solver: 'glpk' }), status: 'optimal', value: () => 0 };
      const saved = await a.saveRun(solution);
      expect((await a.getRun(saved.id))!.solver).toBe('glpk');
    },
  },
];
