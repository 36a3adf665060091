import { describe, expect, it } from 'vitest';
import { Model, indexSource, isLumixError } from '../src/index.js';

// An error thrown by user code inside any callback the model calls is re-thrown with the family
// and the key (or item) it was called for, and the original error as `cause`. A plain Error stays
// a plain error of the same class (it is the caller's error, not one of LumiX's checks); a
// LumixError keeps its code.

const products = [
  { id: 1, profit: 45 },
  { id: 2, profit: 120 },
  { id: 3, profit: 200 },
];

class DataMissing extends Error {}

/** The error a compile (or a declaration) throws. */
async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** Asserts the wrapping: the context fragments in the message, the original as cause, the class kept. */
function expectWrapped(err: Error, original: Error, ...fragments: string[]): void {
  for (const f of fragments) expect(err.message).toContain(f);
  expect(err.message).toContain(original.message);
  expect(err.cause).toBe(original);
  expect(isLumixError(err)).toBe(false);
}

describe('callback context', () => {
  it('callback-context/constraint-callback-plain-error-names-family-and-row', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    const boom = new Error('capacity is missing');
    m.constraints('cap', products, (p) => {
      if (p.id === 2) throw boom;
      return make.of(p).le(10);
    });
    expectWrapped(await errorOf(m.compile()), boom, "Constraint family 'cap', row 2");
  });

  it('callback-context/constraint-callback-keeps-the-error-class', async () => {
    const m = new Model();
    m.continuous('make', products);
    m.constraints('cap', products, (p) => (p as unknown as { machine: { hours: number } }).machine.hours as never);
    const err = await errorOf(m.compile());
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toContain("Constraint family 'cap', row 1");
    expect(err.cause).toBeInstanceOf(TypeError);
  });

  it('callback-context/constraint-callback-non-error-thrown-is-wrapped', async () => {
    const m = new Model();
    m.continuous('make', products);
    m.constraints('cap', products, () => {
      throw 'no data';
    });
    const err = await errorOf(m.compile());
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe("Constraint family 'cap', row 1: no data");
    expect(err.cause).toBe('no data');
  });

  it('callback-context/constraint-key-function-names-family-and-item', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    const boom = new DataMissing('no sku');
    m.constraints('cap', products, (p) => make.of(p).le(1), {
      key: (p) => {
        if (p.id === 3) throw boom;
        return p.id;
      },
    });
    const err = await errorOf(m.compile());
    expectWrapped(err, boom, "Constraint family 'cap'", 'key function', 'index 2');
  });

  it('callback-context/group-by-key-function-names-family-and-variable', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    const boom = new Error('no group');
    const groups = make.groupBy((p) => {
      if (p.id === 2) throw boom;
      return p.profit > 100 ? 'big' : 'small';
    });
    m.constraints('group_cap', groups, (g) => g.sum().le(5));
    expectWrapped(await errorOf(m.compile()), boom, "Variable family 'make'", 'groupBy', 'make[2]');
  });

  it('callback-context/group-sum-coefficient-names-the-row', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    const boom = new Error('no weight');
    m.constraints('group_cap', make.groupBy((p) => p.profit > 100), (g) =>
      g
        .sum((p) => {
          if (p.id === 3) throw boom;
          return 1;
        })
        .le(5),
    );
    expectWrapped(await errorOf(m.compile()), boom, "Constraint family 'group_cap', row true");
  });

  it('callback-context/variable-bound-callbacks-name-family-and-key', async () => {
    for (const bound of ['lb', 'ub'] as const) {
      const m = new Model();
      const boom = new RangeError(`no ${bound}`);
      const fn = (p: (typeof products)[number]): number => {
        if (p.id === 2) throw boom;
        return bound === 'lb' ? 0 : 10;
      };
      m.continuous('make', products, { [bound]: fn });
      const err = await errorOf(m.compile());
      expectWrapped(err, boom, "Variable family 'make'", bound, 'make[2]');
      expect(err).toBeInstanceOf(RangeError);
    }
  });

  it('callback-context/variable-bound-callback-at-declaration-time', async () => {
    const m = new Model();
    const boom = new Error('no demand');
    const make = m.continuous('make', products, {
      ub: (p) => {
        if (p.id === 3) throw boom;
        return 10;
      },
    });
    expectWrapped(await errorOf(() => make.get(1)), boom, "Variable family 'make'", 'ub', 'make[3]');
  });

  it('callback-context/variable-where-callback-names-family-and-item', async () => {
    const m = new Model();
    const boom = new Error('no flag');
    m.continuous('make', products, {
      where: (p) => {
        if (p.id === 2) throw boom;
        return true;
      },
    });
    expectWrapped(await errorOf(m.compile()), boom, "Variable family 'make'", 'where', 'make[2]');
  });

  it('callback-context/variable-key-and-integer-callbacks-name-family-and-item', async () => {
    const keyBoom = new Error('no sku');
    const m1 = new Model();
    m1.continuous('make', products, {
      key: (p) => {
        if (p.id === 2) throw keyBoom;
        return p.id;
      },
    });
    expectWrapped(await errorOf(m1.compile()), keyBoom, "Variable family 'make'", 'key function', 'index 1');

    const intBoom = new Error('no kind');
    const m2 = new Model();
    m2.continuous('make', products, {
      integer: (p) => {
        if (p.id === 3) throw intBoom;
        return false;
      },
    });
    expectWrapped(await errorOf(m2.compile()), intBoom, "Variable family 'make'", 'integer', 'make[3]');
  });

  it('callback-context/product-where-and-filter-callbacks-name-family-and-key', async () => {
    const lectures = [{ id: 1 }, { id: 2 }];
    const rooms = [{ id: 'R1' }, { id: 'R2' }];
    const whereBoom = new Error('no size');
    const m1 = new Model();
    m1.binary('assign', { lecture: lectures, room: rooms }, {
      where: ({ lecture, room }) => {
        if (lecture.id === 2 && room.id === 'R1') throw whereBoom;
        return true;
      },
    });
    expectWrapped(await errorOf(m1.compile()), whereBoom, "Variable family 'assign'", 'where', 'assign[2,R1]');

    const filterBoom = new Error('no capacity');
    const m2 = new Model();
    m2.binary('assign', { lecture: lectures, room: rooms }, {
      filter: {
        room: (r) => {
          if (r.id === 'R2') throw filterBoom;
          return true;
        },
      },
    });
    expectWrapped(await errorOf(m2.compile()), filterBoom, "Variable family 'assign'", "dimension 'room'", 'filter', 'R2');
  });

  it('callback-context/objective-thunk-plain-error', async () => {
    const m = new Model();
    const make = m.continuous('make', indexSource('products', async () => products));
    const boom = new Error('no prices');
    m.maximize(() => {
      if (make.size > 0) throw boom;
      return make.sum();
    });
    expectWrapped(await errorOf(m.compile()), boom, 'Objective');
  });

  it('callback-context/lumix-errors-keep-their-code-and-are-wrapped-once', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    m.constraints('cap', products, () => make.get(42).le(1));
    const err = await errorOf(m.compile());
    expect(isLumixError(err, 'UNKNOWN_KEY')).toBe(true);
    expect(err.message.match(/Constraint family/g)).toHaveLength(1);
  });
});
