import { checkFeasibility, type SolveProgress } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { marketSplit } from '../market-split.js';

/** Progress reports (`onProgress`) and cancellation (`signal`) of a MIP that cannot be closed in seconds. */
export const PROGRESS_CASES: readonly ConformanceCase[] = [
  {
    area: 'progress',
    name: 'abort-at-first-incumbent-keeps-it',
    needs: ['integer', 'progress', 'cancel'],
    timeout: 60_000,
    async run(solver) {
      // min Σ |slack|: every 0/1 point is feasible, and the optimum takes minutes to prove.
      const p = marketSplit({ rows: 6 });
      const ac = new AbortController();
      const reports: SolveProgress[] = [];
      const r = await solver.solve(p, {
        signal: ac.signal,
        onProgress: (x) => {
          reports.push(x);
          if (x.kind === 'incumbent') ac.abort();
        },
      });
      expect(r.status).toBe('interrupted');
      expect(r.hasSolution).toBe(true);
      const check = checkFeasibility(p, r.colValues!);
      expect(check.feasible, JSON.stringify(check)).toBe(true);
      expect(r.objective!).toBeCloseTo(check.objective, 6);
      const first = reports.find((x) => x.kind === 'incumbent');
      expect(first?.point?.length).toBe(p.numCols);
      expect(r.objective!).toBeLessThanOrEqual(first!.incumbent! + 1e-6);
    },
  },
  {
    area: 'progress',
    name: 'session-solve-aborted-keeps-its-incumbent',
    needs: ['integer', 'progress', 'cancel', 'sessions'],
    timeout: 60_000,
    async run(solver) {
      const p = marketSplit({ rows: 6 });
      const session = await solver.open!(p);
      try {
        const ac = new AbortController();
        const r = await session.solve({ signal: ac.signal, onProgress: (x) => (x.kind === 'incumbent' ? ac.abort() : undefined) });
        expect(r.status).toBe('interrupted');
        expect(r.hasSolution).toBe(true);
        expect(checkFeasibility(p, r.colValues!).feasible).toBe(true);
      } finally {
        session.dispose();
      }
    },
  },
  {
    area: 'progress',
    name: 'signal-aborted-before-the-call-interrupts',
    needs: ['integer', 'cancel'],
    timeout: 60_000,
    async run(solver) {
      const p = marketSplit({ rows: 6 });
      const r = await solver.solve(p, { signal: AbortSignal.abort() });
      expect(r.status).toBe('interrupted');
      if (r.hasSolution) expect(checkFeasibility(p, r.colValues!).feasible).toBe(true);
    },
  },
];
