// HiGHS against GLPK through our two backends on the same real instances (Netlib LPs, MIPLIB 3
// MIPs from test-fixtures): wall time of each solve, the ratio, and the error against the
// published optimum. Then, per backend, the largest Netlib LP it solves within 60 s.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Solver, StandardForm } from '@lumix/core';
import { readMps } from '@lumix/core/io';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { fixturePath, readFixture } from '@lumix/test-fixtures';
import { median, type BenchRow, type BenchSuite } from '../bench-kit.js';

const SUITE = 'solver-compare';
/** The limit of the "largest LP within 60 s" figure, and of every solve here. */
const TIME_LIMIT = 60;

/** name → value of `column` in an expected.csv (its first column is the name). */
function optima(csv: string, column: string): Map<string, number> {
  const [header, ...lines] = csv.trim().split('\n');
  const at = header!.split(',').indexOf(column);
  return new Map(lines.map((l) => [l.split(',')[0]!, Number(l.split(',')[at])]));
}

interface Instance {
  readonly label: string;
  readonly kind: 'lp' | 'mip';
  readonly load: () => StandardForm;
  readonly optimum: number;
}

function instances(quick: boolean): Instance[] {
  const netlib = optima(readFixture('netlib/expected.csv'), 'optimal_objective');
  const large = optima(readFixture('netlib-large/expected.csv'), 'optimal_objective');
  const miplib = optima(readFixture('miplib/expected.csv'), 'best_known_objective');
  const lps = quick ? ['afiro', 'sc205', 'bandm', 'capri'] : [...netlib.keys()];
  const largeLps = quick ? [] : [...large.keys()];
  const mips = quick ? ['p0033', 'egout', 'flugpl'] : ['p0033', 'egout', 'flugpl', 'enigma', 'lseu', 'misc03', 'khb05250', 'bell5', 'mod008', 'dcmulti'];
  return [
    ...lps.map((n) => ({
      label: `netlib/${n}`,
      kind: 'lp' as const,
      // e226's objective RHS is not part of the Netlib optimum.
      load: () => readMps(readFixture(`netlib/${n}.mps`), { file: `${n}.mps`, objectiveRhs: 'ignore' }),
      optimum: netlib.get(n)!,
    })),
    ...largeLps.map((n) => ({
      label: `netlib/${n}`,
      kind: 'lp' as const,
      load: () => readMps(gunzipSync(readFileSync(fixturePath(`netlib-large/${n}.mps.gz`))).toString('utf8'), { file: `${n}.mps` }),
      optimum: large.get(n)!,
    })),
    ...mips.map((n) => ({
      label: `miplib/${n}`,
      kind: 'mip' as const,
      load: () => readMps(readFixture(`miplib/${n}.mps`), { file: `${n}.mps` }),
      optimum: miplib.get(n)!,
    })),
  ];
}

interface Timed {
  readonly ms: number;
  readonly status: string;
  readonly relErr: number;
}

async function timeSolve(solver: Solver, p: StandardForm, optimum: number, runs: number): Promise<Timed> {
  const times: number[] = [];
  let status = '';
  let objective: number | null = null;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    // mipGap 0 for both: their defaults differ (HiGHS 1e-4, GLPK 0).
    const r = await solver.solve(p, { timeLimit: TIME_LIMIT, mipGap: 0 });
    times.push(performance.now() - t);
    status = r.status;
    objective = r.objective;
  }
  const relErr = objective === null ? Number.NaN : Math.abs(objective - optimum) / Math.max(1, Math.abs(optimum));
  return { ms: median(times), status, relErr };
}

const geomean = (xs: readonly number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / Math.max(1, xs.length));

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const backends: Array<[string, Solver]> = [
    ['highs', createHighsSolver()],
    ['glpk', createGlpkSolver()],
  ];
  // Warm-up: Wasm load and tier-up make the first solves of a process 3–6× slower.
  const warm = readMps(readFixture('netlib/afiro.mps'));
  for (const [, s] of backends) for (let k = 0; k < 3; k++) await s.solve(warm);

  const largest = new Map<string, { label: string; nnz: number; ms: number }>();
  const ratios: Record<'lp' | 'mip', number[]> = { lp: [], mip: [] };
  for (const inst of instances(quick)) {
    const p = inst.load();
    // Medians of 3 for LPs (single runs in quick mode and for MIPs, which take seconds).
    const runs = quick || inst.kind === 'mip' ? 1 : 3;
    const [h, g] = [await timeSolve(backends[0]![1], p, inst.optimum, runs), await timeSolve(backends[1]![1], p, inst.optimum, runs)];
    const ratio = g.ms / h.ms;
    if (h.status === 'optimal' && g.status === 'optimal') ratios[inst.kind].push(ratio);
    for (const [name, t] of [['highs', h], ['glpk', g]] as const) {
      const best = largest.get(name);
      if (inst.kind === 'lp' && t.status === 'optimal' && t.ms <= TIME_LIMIT * 1000 && (best === undefined || p.value.length > best.nnz)) {
        largest.set(name, { label: inst.label, nnz: p.value.length, ms: t.ms });
      }
    }
    const bad = [h.status !== 'optimal' ? `highs ${h.status}` : '', g.status !== 'optimal' ? `glpk ${g.status}` : '']
      .filter((s) => s !== '')
      .join(', ');
    rows.push({
      suite: SUITE,
      case: inst.label,
      figures: { rows: p.numRows, cols: p.numCols, nnz: p.value.length, highsMs: h.ms, glpkMs: g.ms, glpkOverHighs: ratio, highsRelErr: h.relErr, glpkRelErr: g.relErr },
      note: bad === '' ? (runs > 1 ? `median of ${runs}` : 'one run') : `not optimal: ${bad}`,
    });
  }
  for (const kind of ['lp', 'mip'] as const) {
    rows.push({
      suite: SUITE,
      case: `geometric mean, ${kind === 'lp' ? 'Netlib LPs' : 'MIPLIB MIPs'}`,
      figures: { instances: ratios[kind].length, glpkOverHighs: geomean(ratios[kind]) },
      note: 'glpkOverHighs > 1: HiGHS faster',
    });
  }
  for (const [name] of backends) {
    const best = largest.get(name);
    rows.push({
      suite: SUITE,
      case: `largest Netlib LP within ${TIME_LIMIT} s: ${name}`,
      figures: best === undefined ? {} : { nnz: best.nnz, ms: best.ms },
      note: quick
        ? `quick mode: the large Netlib LPs (test-fixtures/netlib-large) were skipped; ${best?.label ?? 'none'} is only the largest of the quick set`
        : `${best?.label ?? 'none'}: the largest Netlib LP in test-fixtures (a lower bound: bigger Netlib LPs are not stored here)`,
    });
  }
  return rows;
};

export default suite;
