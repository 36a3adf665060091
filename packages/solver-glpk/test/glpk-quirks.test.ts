// glpk.js behaviours the backend works around, each shown on the raw library first (so a fixed
// upstream quirk is noticed) and then through the backend.
import { checkFeasibility, createStandardForm, finishStandardForm, isLumixError, type SolveResult, type StandardForm } from '@lumix/core';
import GLPK from 'glpk.js/node';
import { describe, expect, it, vi } from 'vitest';
import { GLPK_CAPABILITIES, createGlpkSolver, readGlpkStatus } from '../src/index.js';
import { buildGlpkModel, glpkBounds } from '../src/build-model.js';

const glpk = await GLPK();
const solver = createGlpkSolver();

/** x + y >= 5 and x + y <= 3: infeasible. */
const infeasibleLp = createStandardForm({
  columns: [{ cost: 1 }, {}],
  rows: [
    { lb: 5, terms: [[0, 1], [1, 1]] },
    { ub: 3, terms: [[0, 1], [1, 1]] },
  ],
});

/** max x with x - y <= 3: unbounded. */
const unboundedLp = createStandardForm({
  sense: 'max',
  columns: [{ cost: 1 }, {}],
  rows: [{ ub: 3, terms: [[0, 1], [1, -1]] }],
});

/** max x + y, 2x + 2y <= 7, integers: optimum 3. */
const smallMip = createStandardForm({
  sense: 'max',
  columns: [
    { cost: 1, integer: true },
    { cost: 1, integer: true },
  ],
  rows: [{ ub: 7, terms: [[0, 2], [1, 2]] }],
});

/** The production LP: max 45x1 + 120x2 + 200x3, wood 8x1 + 25x2 + 35x3 <= 500. */
const production = createStandardForm({
  sense: 'max',
  columns: [
    { lb: 10, ub: 100, cost: 45 },
    { lb: 5, ub: 50, cost: 120 },
    { lb: 3, ub: 30, cost: 200 },
  ],
  rows: [{ name: 'wood', ub: 500, terms: [[0, 8], [1, 25], [2, 35]] }],
});

/** A random packing LP (max c·x, A x <= b, 0 <= x <= 10, 30% dense) that takes GLPK a few hundred ms. */
function packingLp(m: number, n: number): StandardForm {
  let a = 12345;
  const rnd = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const rowStart = new Int32Array(m + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const rowUpper = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let total = 0;
    for (let j = 0; j < n; j++) {
      if (rnd() < 0.3) {
        const v = 1 + Math.floor(rnd() * 99);
        cols.push(j);
        vals.push(v);
        total += v;
      }
    }
    rowStart[i + 1] = cols.length;
    rowUpper[i] = total * 3;
  }
  return finishStandardForm({
    name: 'packing',
    sense: 'max',
    objectiveOffset: 0,
    colCost: new Float64Array(n).map(() => 1 + Math.floor(rnd() * 100)),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(10),
    colIntegral: new Uint8Array(n),
    rowLower: new Float64Array(m).fill(Number.NEGATIVE_INFINITY),
    rowUpper,
    rowStart,
    colIndex: Int32Array.from(cols),
    value: Float64Array.from(vals),
    colName: (j) => `x${j}`,
    rowName: (i) => `r${i}`,
  });
}

/**
 * Runs `fn` with console output swallowed: an aborting glpk.js instance prints its error through
 * the console functions it bound when it was created, so create it inside `fn`.
 */
async function withQuietConsole<T>(fn: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return await fn();
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const rawStatus = (p: StandardForm, presol: boolean) => glpk.solve(buildGlpkModel(p).lp, { msglev: 0, presol }).result.status;

describe('glpk.js quirks', () => {
  it('presolve/undef-for-infeasible-lp', async () => {
    expect(rawStatus(infeasibleLp, true)).toBe(glpk.GLP_UNDEF);
    expect(rawStatus(infeasibleLp, false)).toBe(glpk.GLP_NOFEAS);
    const r = await solver.solve(infeasibleLp);
    expect(r.status).toBe('infeasible');
    expect(r.hasSolution).toBe(false);
    expect(r.colValues).toBeNull();
    expect(r.message).toContain('re-solved without presolve');
  });

  it('presolve/undef-for-unbounded-lp', async () => {
    expect(rawStatus(unboundedLp, true)).toBe(glpk.GLP_UNDEF);
    expect(rawStatus(unboundedLp, false)).toBe(glpk.GLP_UNBND);
    const r = await solver.solve(unboundedLp);
    expect(r.status).toBe('unbounded');
    expect(r.hasSolution).toBe(false);
  });

  it('presolve/off-classifies-directly', async () => {
    expect((await solver.solve(infeasibleLp, { presolve: false })).status).toBe('infeasible');
    expect((await solver.solve(unboundedLp, { presolve: false })).status).toBe('unbounded');
  });

  it('mip/reverse-quirk-infeasible', async () => {
    // An integer-infeasible MIP (2x = 3): NOFEAS with presolve on, UNDEF with it off.
    const p = createStandardForm({ columns: [{ cost: 1, integer: true }], rows: [{ lb: 3, ub: 3, terms: [[0, 2]] }] });
    expect(rawStatus(p, true)).toBe(glpk.GLP_NOFEAS);
    expect(rawStatus(p, false)).toBe(glpk.GLP_UNDEF);
    expect((await solver.solve(p)).status).toBe('infeasible');
    expect((await solver.solve(p, { presolve: false })).status).toBe('infeasible');
  });

  it('mip/presolve-off-is-undef-even-when-feasible', async () => {
    // glp_intopt without presolve needs an optimal LP basis that glpk.js never computes.
    expect(rawStatus(smallMip, false)).toBe(glpk.GLP_UNDEF);
    const r = await solver.solve(smallMip, { presolve: false });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(3);
    expect(r.message).toContain('presolve kept on');
  });

  it('mip/unbounded-is-undef', async () => {
    // max x, 2x - 2y <= 1, integers: unbounded, but glp_intopt says UNDEF.
    const p = createStandardForm({
      sense: 'max',
      columns: [{ cost: 1, integer: true }, { integer: true }],
      rows: [{ ub: 1, terms: [[0, 2], [1, -2]] }],
    });
    expect(rawStatus(p, true)).toBe(glpk.GLP_UNDEF);
    const r = await solver.solve(p);
    expect(r.status).toBe('unbounded');
    expect(r.hasSolution).toBe(false);
  });

  it('mip/unbounded-relaxation-without-integer-point', async () => {
    // 2x - 2y = 1 has no integer point but an unbounded relaxation: branch and bound never ends,
    // so the backend gives up after classifyTimeLimit and says it is one of the two.
    const p = createStandardForm({
      sense: 'max',
      columns: [{ cost: 1, integer: true }, { integer: true }],
      rows: [{ lb: 1, ub: 1, terms: [[0, 2], [1, -2]] }],
    });
    const quick = createGlpkSolver({ classifyTimeLimit: 0.2 });
    const r = await quick.solve(p);
    expect(r.status).toBe('infeasible-or-unbounded');
    expect(r.hasSolution).toBe(false);
  });

  it('mip/infeasible-relaxation', async () => {
    const p = createStandardForm({
      columns: [{ cost: 1, integer: true }, { integer: true }],
      rows: [
        { lb: 5, terms: [[0, 1], [1, 1]] },
        { ub: 3, terms: [[0, 1], [1, 1]] },
      ],
    });
    expect((await solver.solve(p)).status).toBe('infeasible');
  });

  it('mip/fractional-integer-bounds', async () => {
    // glp_intopt refuses fractional bounds on integer columns: they are rounded inwards.
    const p = createStandardForm({ columns: [{ lb: 0.5, ub: 2.5, cost: 1, integer: true }], rows: [] });
    const r = await solver.solve(p);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(1);
    const none = createStandardForm({ columns: [{ lb: 0.2, ub: 0.8, cost: 1, integer: true }], rows: [] });
    const r2 = await solver.solve(none);
    expect(r2.status).toBe('infeasible');
    expect(r2.message).toContain('x0');
  });

  it('limits/lp-time-limit', async () => {
    // Stopped mid-simplex: without presolve GLPK keeps its primal feasible basis (GLP_FEAS), a
    // point; with presolve the presolver cannot recover a non-optimal one (GLP_UNDEF), never a
    // point. Where a limit lands depends on the machine's load (a fixed 0.02 s was eaten by
    // loading alone on a loaded machine, and a presolved solve can finish inside a limit meant
    // to stop it), so each case searches for a limit that stops the simplex: it starts at a third
    // of a warm solve and halves the limit after a solve that finished, doubles it after one that
    // stopped before the simplex had a basis to keep.
    const p = packingLp(400, 1600);
    const stopped = async (presolve: boolean, keepsPoint: (r: SolveResult) => boolean): Promise<SolveResult[]> => {
      expect((await solver.solve(p, { presolve })).status).toBe('optimal');
      const t0 = performance.now();
      await solver.solve(p, { presolve });
      let limit = (performance.now() - t0) / 1000 / 3;
      const seen: SolveResult[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const r = await solver.solve(p, { timeLimit: limit, presolve });
        seen.push(r);
        if (r.status === 'optimal') limit /= 2;
        else if (keepsPoint(r)) break;
        else limit *= 2;
      }
      return seen;
    };
    const off = await stopped(false, (r) => r.hasSolution);
    const kept = off.find((r) => r.status === 'time-limit' && r.hasSolution);
    expect(kept, `no limit stopped the unpresolved simplex with a point: ${off.map((r) => r.status).join(', ')}`).toBeDefined();
    expect(checkFeasibility(p, kept!.colValues!).feasible).toBe(true);
    expect(kept!.rowDuals).toBeNull();
    // With presolve, every stop is without a point (and some limit stops it).
    const on = await stopped(true, () => false);
    const limited = on.filter((r) => r.status === 'time-limit');
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(r.hasSolution).toBe(false);
      expect(r.colValues).toBeNull();
    }
  }, 120_000);

  it('names/long-and-bracketed-names', async () => {
    // glpk.js aborts on names over 255 characters; the backend sends c0.., r0.. instead.
    const long = 'x'.repeat(300);
    const p = createStandardForm({
      name: 'n'.repeat(400),
      sense: 'max',
      columns: [{ name: `${long}[1, 2]`, ub: 4, cost: 1 }, { name: 'make[chair, "jan"]', ub: 3, cost: 2 }],
      rows: [{ name: `${long} row`, ub: 5, terms: [[0, 1], [1, 1]] }],
    });
    const r = await solver.solve(p);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(8);
    expect(Array.from(r.colValues!)).toEqual([2, 3]);
  });

  it('bounds/glpk-types', () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(glpkBounds(-inf, inf)).toEqual({ type: glpk.GLP_FR, lb: 0, ub: 0 });
    expect(glpkBounds(-2, inf)).toEqual({ type: glpk.GLP_LO, lb: -2, ub: 0 });
    expect(glpkBounds(-inf, 7)).toEqual({ type: glpk.GLP_UP, lb: 0, ub: 7 });
    expect(glpkBounds(-1, 7)).toEqual({ type: glpk.GLP_DB, lb: -1, ub: 7 });
    expect(glpkBounds(3, 3)).toEqual({ type: glpk.GLP_FX, lb: 3, ub: 3 });
  });

  it('duals/native-sign-is-core-convention-max', async () => {
    // Wood is the binding row: x3 = (500 - 8·10 - 25·5) / 35, so one more unit of wood buys
    // 1/35 of x3 worth 200: dual 200/35.
    const r = await solver.solve(production);
    expect(r.objective).toBeCloseTo(2735.714285714286, 9);
    expect(r.rowDuals![0]).toBeCloseTo(200 / 35, 9);
    expect(r.reducedCosts).toBeNull();
  });

  it('duals/native-sign-is-core-convention-min', async () => {
    // min 2x + 3y, x + y >= 10, x <= 4: x = 4, y = 6, cost 26. Raising 10 costs 3 more (y),
    // raising 4 saves 1 (x replaces y).
    const p = createStandardForm({
      columns: [{ cost: 2 }, { cost: 3 }],
      rows: [
        { lb: 10, terms: [[0, 1], [1, 1]] },
        { ub: 4, terms: [[0, 1]] },
      ],
    });
    const r = await solver.solve(p);
    expect(r.objective).toBeCloseTo(26, 9);
    expect(r.rowDuals![0]).toBeCloseTo(3, 9);
    expect(r.rowDuals![1]).toBeCloseTo(-1, 9);
  });

  it('duals/none-for-mip', async () => {
    const r = await solver.solve(smallMip);
    expect(r.rowDuals).toBeNull();
    expect(checkFeasibility(smallMip, r.colValues!).feasible).toBe(true);
  });

  it('log/lines-go-to-the-callback', async () => {
    const lines: string[] = [];
    const r = await solver.solve(production, { log: (l) => lines.push(l) });
    expect(r.status).toBe('optimal');
    expect(lines.some((l) => l.includes('obj ='))).toBe(true);
  });

  it('log/verbose-prints-and-default-is-silent', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await solver.solve(infeasibleLp);
      await solver.solve(production);
      expect(write).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      await solver.solve(production, { verbose: true });
      expect(write.mock.calls.some(([chunk]) => String(chunk).includes('obj ='))).toBe(true);
    } finally {
      write.mockRestore();
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('errors/wasm-abort-is-solver-failed-and-recovers', async () => {
    // An invalid native parameter makes GLPK call abort(); the instance is replaced afterwards.
    const e = await solver.solve(production, { raw: { msglev: 99 } }).catch((x: unknown) => x);
    expect(isLumixError(e, 'SOLVER_FAILED')).toBe(true);
    expect((e as Error).cause).toBeInstanceOf(Error);
    expect((e as Error).message).toContain('msg_lev');
    const r = await solver.solve(production);
    expect(r.status).toBe('optimal');
  });

  it('options/unknown-raw-option-rejected-naming-the-valid-ones', async () => {
    // glpk.js drops option names it does not know without a word; HiGHS rejects them. So does the backend now.
    for (const name of ['tm_lim', 'mip_gap', 'time_limit']) {
      const e = await solver.solve(production, { raw: { [name]: 1 } }).catch((x: unknown) => x);
      expect(isLumixError(e, 'INVALID_ARGUMENT'), String(e)).toBe(true);
      expect((e as Error).message).toContain(`'${name}'`);
      expect((e as Error).message).toContain('mipgap, tmlim, msglev, presol, rows, cb');
      expect((e as { details: Record<string, unknown> }).details).toMatchObject({ solver: 'glpk', option: name });
    }
    // Through instance defaults too, and a known name with a value glpk.js cannot take.
    await expect(createGlpkSolver({ defaults: { raw: { tmlim_s: 5 } } }).solve(production)).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_ARGUMENT'));
    await expect(solver.solve(production, { raw: { presol: 'off' } })).rejects.toThrow(/'presol'.*"off".*true or false/);
    // Valid names still reach GLPK.
    const r = await solver.solve(production, { raw: { presol: false, mipgap: 0, msglev: 0, tmlim: 30 } });
    expect(r.status).toBe('optimal');
  });

  it('options/iteration-limit-unsupported', async () => {
    const e = await solver.solve(production, { iterationLimit: 10 }).catch((x: unknown) => x);
    expect(isLumixError(e, 'UNSUPPORTED_FEATURE')).toBe(true);
  });

  it('options/what-glpk-cannot-honour-is-refused-not-ignored', async () => {
    // glpk.js has no MIP start, ranging, threads, sessions, IIS or several objectives: each is
    // refused with UNSUPPORTED_FEATURE naming it and HiGHS, before GLPK runs.
    const mip = createStandardForm({ columns: [{ ub: 1, cost: 1, integer: true }], rows: [] });
    const asks: Array<[() => Promise<unknown>, RegExp]> = [
      [() => solver.solve(mip, { mipStart: [1] }), /mipStart.*'highs'/],
      [() => solver.solve(production, { ranging: true }), /ranging.*'highs'/],
      [() => solver.solve(production, { threads: 2 }), /more than one thread.*workers/],
      [() => solver.open(production), /sessions.*'highs'/],
      [() => solver.computeIis(production), /irreducible infeasible subsystem.*'highs'/],
      [() => solver.solveLexicographic(production, [{ sense: 'max', coefficients: [1, 1, 1] }]), /several objectives.*'highs'/],
    ];
    for (const [ask, what] of asks) {
      const e = await ask().catch((x: unknown) => x);
      expect(isLumixError(e, 'UNSUPPORTED_FEATURE'), String(e)).toBe(true);
      expect((e as Error).message).toMatch(what);
    }
    // The same options through instance defaults are refused too.
    const withStart = createGlpkSolver({ defaults: { ranging: true } });
    await expect(withStart.solve(production)).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
  });

  it('limits/measured-on-glpk-js', async () => {
    // Bounds: GLPK reads DBL_MAX as infinite (max x comes back unbounded); anything below is finite.
    const upTo = (ub: number, presol: boolean) => rawStatus(createStandardForm({ sense: 'max', columns: [{ ub, cost: 1 }], rows: [] }), presol);
    for (const presol of [true, false]) {
      expect(upTo(Number.MAX_VALUE * (1 - 1e-12), presol)).toBe(glpk.GLP_OPT);
      expect(upTo(Number.MAX_VALUE, presol)).toBe(glpk.GLP_UNBND);
    }
    expect(GLPK_CAPABILITIES.largestFiniteBound).toBe(Number.MAX_VALUE);
    // Coefficients: from 2^512 (whose square overflows) next to a coefficient 1 in a row, GLPK's
    // scaling aborts ("invalid scale factor"); just below, it solves. A private instance, since
    // an abort poisons it.
    const mixed = (a: number) =>
      buildGlpkModel(createStandardForm({ sense: 'max', columns: [{ ub: 10, cost: 1 }, { ub: 10, cost: 1 }], rows: [{ ub: 5 * a, terms: [[0, a], [1, 1]] }] })).lp;
    const [below, at] = await withQuietConsole(async () => {
      const fresh = await GLPK();
      const ok = fresh.solve(mixed(2 ** 512 * (1 - 1e-9)), { msglev: 0, presol: true }).result.status;
      let aborted: unknown;
      try {
        fresh.solve(mixed(2 ** 512), { msglev: 0, presol: true });
      } catch (e) {
        aborted = e;
      }
      return [ok, aborted];
    });
    expect(below).toBe(glpk.GLP_OPT);
    expect(String(at)).toMatch(/Aborted/);
    expect(GLPK_CAPABILITIES.largestCoefficient).toBe(2 ** 512);
    // Costs: the largest finite double is kept exactly.
    const r = glpk.solve(buildGlpkModel(createStandardForm({ sense: 'max', columns: [{ ub: 1, cost: Number.MAX_VALUE }], rows: [] })).lp, { msglev: 0 });
    expect(r.result.z).toBe(Number.MAX_VALUE);
    expect(GLPK_CAPABILITIES.largestCost).toBe(Number.POSITIVE_INFINITY);
  });

  it('limits/front-door-refuses-a-coefficient-that-would-abort-glpk', async () => {
    // Used to be SOLVER_FAILED from a WebAssembly abort (and a dropped instance).
    const p = createStandardForm({ sense: 'max', columns: [{ name: 'x', ub: 10, cost: 1 }, { name: 'y', ub: 10, cost: 1 }], rows: [{ name: 'r', ub: 1e300, terms: [['x', 1e200], ['y', 1]] }] });
    const e = await solver.solve(p).catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_NUMBER'), String(e)).toBe(true);
    expect((e as Error).message).toContain("Coefficient of x in row r is 1e+200");
  });

  it('limits/an-overflowing-objective-is-not-reported-optimal', async () => {
    // Every cost is finite and within GLPK's limits, but 1e308 · 10 is Infinity: the solve used
    // to say 'optimal' with objective Infinity.
    const p = createStandardForm({ sense: 'max', columns: [{ name: 'x', ub: 10, cost: 1e308 }], rows: [] });
    const e = await solver.solve(p).catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_NUMBER'), String(e)).toBe(true);
    expect((e as Error).message).toMatch(/objective is Infinity.*overflow/);
  });

  it('capabilities/honest', () => {
    expect(GLPK_CAPABILITIES).toMatchObject({
      lp: true,
      integer: true,
      rowDuals: true,
      reducedCosts: false,
      basis: false,
      ranging: false,
      iis: false,
      mipStart: false,
      sessions: false,
      multiObjective: false,
      timeLimit: true,
      mipGap: true,
      iterationLimit: false,
      threads: false,
      presolveToggle: true,
      logCallback: true,
    });
  });

  it('status/table', () => {
    expect(readGlpkStatus('lp', 1)).toEqual({ kind: 'ambiguous' });
    expect(readGlpkStatus('mip', 2)).toEqual({ kind: 'stopped', hasSolution: true });
    expect(readGlpkStatus('lp', 42)).toEqual({ kind: 'final', status: 'error', hasSolution: false });
  });
});
