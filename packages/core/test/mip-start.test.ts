// model.solve({ start }): a MIP start by family and key mapped to the column-indexed mipStart
// the solver contract has (NaN for the columns left open). The mock solver records what it got.
import { describe, expect, it } from 'vitest';
import { Model, isLumixError } from '../src/index.js';
import { createMockSolver } from '../src/testing/index.js';

const lectures = [{ id: 'L1' }, { id: 'L2' }];
const slots = [{ id: 1 }, { id: 2 }];

function build() {
  const m = new Model('start');
  const assign = m.binary('assign', { lecture: lectures, slot: slots });
  const spare = m.continuous('spare', ['s'], { ub: 5 });
  m.constraints('once', lectures, (l) => assign.sum({ lecture: l }).eq(1));
  m.minimize(() => assign.sum().plus(spare.get('s')));
  return { m, assign, spare };
}

describe('model.solve({ start })', () => {
  it('maps [family, key, value] and [variable, value] entries to columns, NaN elsewhere', async () => {
    const { m, assign, spare } = build();
    const solver = createMockSolver({ capabilities: { mipStart: true }, fallback: { colValues: [1, 0, 0, 1, 0] } });
    const sol = await m.solve({ solver, start: [[assign, ['L1', 1], 1], [assign.get(['L2', 2]), 1], [spare.get('s'), 2]] });
    const x = Array.from(solver.calls[0]!.options.mipStart!);
    expect(x[assign.get(['L1', 1]).column]).toBe(1);
    expect(x[assign.get(['L2', 2]).column]).toBe(1);
    expect(x[spare.get('s').column]).toBe(2);
    expect(x.filter(Number.isNaN)).toHaveLength(2);
    expect(sol.run.options).toMatchObject({ start: true });
  });

  it('takes the integer columns of a previous solution, matched by family name and key (also of a rebuilt model)', async () => {
    const first = build();
    const solver = createMockSolver({ capabilities: { mipStart: true }, fallback: { colValues: [0, 1, 1, 0, 3] } });
    const prev = await first.m.solve({ solver });
    const again = build(); // a new model with the same families, as after reloading data
    await again.m.solve({ solver, start: prev });
    const x = solver.calls[1]!.options.mipStart!;
    expect(x[again.assign.get(['L1', 2]).column]).toBe(1);
    expect(x[again.assign.get(['L1', 1]).column]).toBe(0);
    expect(Number.isNaN(x[again.spare.get('s').column]!)).toBe(true); // continuous: left for the backend
  });

  it('refuses bad starts with typed errors, and solvers without mipStart', async () => {
    const { m, assign } = build();
    const solver = createMockSolver({ capabilities: { mipStart: true }, fallback: { colValues: [1, 0, 0, 1, 0] } });
    const codeOf = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      return isLumixError(e) ? `${e.code}: ${e.message}` : String(e);
    };
    expect(await codeOf(m.solve({ solver, start: [[assign, ['L9', 1], 1]] }))).toMatch(/^UNKNOWN_KEY/);
    expect(await codeOf(m.solve({ solver, start: [[assign, ['L1', 1], Number.NaN]] }))).toMatch(/^INVALID_ARGUMENT.*assign\[L1,1\]/);
    expect(await codeOf(m.solve({ solver, start: [] }))).toMatch(/^INVALID_ARGUMENT.*sets no column/);
    expect(await codeOf(m.solve({ solver, start: [[assign, ['L1', 1], 1]], mipStart: [1, 0, 0, 1, 0] }))).toMatch(/^INVALID_ARGUMENT.*both start and mipStart/);
    const other = build();
    expect(await codeOf(m.solve({ solver, start: [[other.assign, ['L1', 1], 1]] }))).toMatch(/^FOREIGN_VARIABLE/);
    const plain = createMockSolver({ fallback: { colValues: [1, 0, 0, 1, 0] } });
    expect(await codeOf(m.solve({ solver: plain, start: [[assign, ['L1', 1], 1]] }))).toMatch(/^UNSUPPORTED_FEATURE.*MIP start/);
    const lp = new Model('lp');
    const y = lp.continuous('y', ['a']);
    lp.minimize(y.sum());
    expect(await codeOf(lp.solve({ solver, start: [[y, 'a', 1]] }))).toMatch(/^INVALID_ARGUMENT.*no integer columns/);
  });
});
