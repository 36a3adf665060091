// Four rough edges of the modelling API (issue 11): a single constraint built from data when the
// model compiles, entries of a constraint family, dual/activity/duals taking the family object as
// well as its name, and unknown declaration options refused at run time.
import { describe, expect, it } from 'vitest';
import { Model, indexSource, } from '../src/index.js';
import { createMockSolver } from '../src/testing/index.js';
import { expectCode } from './helpers/expect-code.js';


describe('m.constraint(name, () => row)', () => {
  it('builds the row when the model compiles, over a family of an async source', async () => {
    let loaded = false;
    const items = indexSource('table items', async () => {
      loaded = true;
      return [
        { id: 1, price: 3 },
        { id: 2, price: 5 },
      ];
    });
    const m = new Model();
    const buy = m.continuous('buy', items);
    const budget = { amount: 40 };
    // Declared before the source is loaded: buy.sum() could not be formed yet.
    m.constraint('budget', () => buy.sum((i) => i.price).le(budget.amount));
    budget.amount = 30; // read at compile time, not at declaration
    expect(loaded).toBe(false);
    const { problem } = await m.compile();
    expect(problem.numRows).toBe(1);
    expect(problem.rowName(0)).toBe('budget');
    expect(Array.from(problem.value)).toEqual([3, 5]);
    expect(problem.rowUpper[0]).toBe(30);
  });

  it('names the constraint when the function throws or returns something else', async () => {
    const m = new Model();
    m.continuous('x', [1]);
    m.constraint('bad', () => {
      throw new Error('no data');
    });
    await expect(m.compile()).rejects.toThrow("Constraint 'bad': no data");
    const m2 = new Model();
    m2.constraint('bad2', (() => 3) as never);
    await expectCode(m2.compile(), 'INVALID_ARGUMENT', 'bad2', 'expected a Constraint');
    await expectCode(() => new Model().constraint('c', 5 as never), 'INVALID_ARGUMENT', 'or a function returning one');
  });
});

describe('solution rows by family object or name', () => {
  async function solved() {
    const m = new Model();
    const x = m.continuous('x', [1, 2]);
    const cap = m.constraints('cap', [{ id: 'a', hi: 4 }, { id: 'b', hi: 6 }], (r) => x.sum().le(r.hi));
    const one = m.constraint('one', x.get(1).ge(1));
    m.maximize(x.sum());
    const solver = createMockSolver({ fallback: { colValues: [1, 3], rowDuals: [1, 0, -0.5] } });
    return { sol: await m.solve({ solver }), cap, one };
  }

  it('entries(constraintFamily) lists every row with key, item, activity, bounds and dual', async () => {
    const { sol, cap, one } = await solved();
    expect(sol.entries(cap)).toEqual([
      { key: 'a', item: { id: 'a', hi: 4 }, activity: 4, lower: Number.NEGATIVE_INFINITY, upper: 4, dual: 1 },
      { key: 'b', item: { id: 'b', hi: 6 }, activity: 4, lower: Number.NEGATIVE_INFINITY, upper: 6, dual: 0 },
    ]);
    expect(sol.entries(one)).toEqual([{ key: undefined, item: undefined, activity: 1, lower: 1, upper: Number.POSITIVE_INFINITY, dual: -0.5 }]);
  });

  it('entries(constraintFamily) without duals gives dual undefined', async () => {
    const m = new Model();
    const x = m.continuous('x', [1]);
    const c = m.constraints('c', [1], () => x.sum().le(2));
    const sol = await m.solve({ solver: createMockSolver({ fallback: { colValues: [2] } }) });
    expect(sol.entries(c)).toEqual([{ key: 1, item: 1, activity: 2, lower: Number.NEGATIVE_INFINITY, upper: 2, dual: undefined }]);
  });

  it('dual, duals and activity accept the family object as well as its name, and refuse another model\'s', async () => {
    const { sol, cap, one } = await solved();
    expect(sol.dual(cap, 'a')).toBe(1);
    expect(sol.dual('cap', 'a')).toBe(1);
    expect(sol.dual(one)).toBe(-0.5);
    expect(sol.activity(cap, 'b')).toBe(4);
    expect(sol.activity('one')).toBe(1);
    expect([...sol.duals(cap)]).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    const other = await solved();
    await expectCode(() => sol.dual(other.cap, 'a'), 'FOREIGN_VARIABLE', "'cap' belongs to another model");
    await expectCode(() => sol.entries(other.cap), 'FOREIGN_VARIABLE');
    await expectCode(() => sol.dual('nope'), 'UNKNOWN_KEY', "no constraint family 'nope'");
  });
});

describe('unknown declaration options', () => {
  it('are refused with the list of valid ones', async () => {
    const m = new Model();
    await expectCode(() => m.continuous('x', [1], { cost: 3 } as never), 'INVALID_ARGUMENT', "Variable family 'x'", "unknown option 'cost'", "'key', 'where', 'lb', 'ub', 'integer'");
    await expectCode(() => m.binary('y', { a: [1], b: [2] }, { key: {} } as never), 'INVALID_ARGUMENT', "unknown option 'key'", "'keys', 'filter'");
    await expectCode(() => m.integer('z', [1], { lb: 0, upper: 3 } as never), 'INVALID_ARGUMENT', "unknown option 'upper'");
    await expectCode(() => m.variable('v', { type: 'integer', cost: 1 } as never), 'INVALID_ARGUMENT', "Variable 'v'", "unknown option 'cost'");
    const x = m.continuous('x2', [1]);
    await expectCode(() => m.constraints('c', [1], () => x.sum().le(1), { keys: () => 1 } as never), 'INVALID_ARGUMENT', "Constraint family 'c'", "unknown option 'keys'", "'key'");
    // The name is not taken by a refused declaration.
    expect(() => m.continuous('x', [1], { ub: 3 })).not.toThrow();
  });
});
