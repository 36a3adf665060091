import { describe, expect, it } from 'vitest';
import { Expr, Model, indexSource, isLumixError } from '../src/index.js';

const machines = [
  { id: 'cut', hours: 40 },
  { id: 'drill', hours: 0 },
  { id: 'paint', hours: 30 },
];

function declare(source: typeof machines | ReturnType<typeof indexSource<(typeof machines)[number]>> = machines) {
  const m = new Model('t');
  const x = m.continuous('x', ['a', 'b']);
  // A machine with no hours gets no row: its callback returns null.
  const hours = m.constraints('hours', source, (mc) => (mc.hours > 0 ? x.sum().le(mc.hours) : null));
  const budget = m.constraint('budget', x.sum().le(100));
  return { m, x, hours, budget };
}

describe('constraint family accessors', () => {
  it('constraint-family/items-keys-and-size-list-the-rows-of-the-last-compile', async () => {
    const { m, hours } = declare();
    await m.compile();
    expect(hours.size).toBe(2);
    expect(hours.items()).toEqual([machines[0], machines[2]]);
    expect(hours.items()[0]).toBe(machines[0]);
    expect(hours.keys()).toEqual(['cut', 'paint']);
  });

  it('constraint-family/item-of-a-key-or-undefined', async () => {
    const { m, hours } = declare();
    await m.compile();
    expect(hours.itemOf('paint')).toBe(machines[2]);
    expect(hours.itemOf('drill')).toBeUndefined();
    expect(hours.itemOf('saw')).toBeUndefined();
  });

  it('constraint-family/records-of-an-async-source-after-the-build', async () => {
    const { m, hours } = declare(indexSource('table machines', async () => machines));
    await m.compile();
    expect(hours.items().map((mc) => mc.id)).toEqual(['cut', 'paint']);
  });

  it('constraint-family/a-single-constraint-has-one-row-and-no-items', async () => {
    const { m, budget } = declare();
    await m.compile();
    expect(budget.isSingle).toBe(true);
    expect(budget.size).toBe(1);
    expect(budget.items()).toEqual([]);
    expect(budget.keys()).toEqual([]);
  });

  it('constraint-family/returned-arrays-are-copies', async () => {
    const { m, hours } = declare();
    await m.compile();
    hours.items().pop();
    hours.keys().pop();
    expect(hours.size).toBe(2);
    expect(hours.keys()).toEqual(['cut', 'paint']);
  });

  it('constraint-family/before-a-compile-is-INVALID_STATE', () => {
    const { hours } = declare();
    for (const read of [() => hours.items(), () => hours.keys(), () => hours.itemOf('cut'), () => hours.size]) {
      let err: unknown;
      try {
        read();
      } catch (e) {
        err = e;
      }
      expect(isLumixError(err, 'INVALID_STATE')).toBe(true);
      expect((err as Error).message).toContain("Constraint family 'hours' has no rows yet");
    }
  });
});

describe('encapsulation', () => {
  it('encapsulation/family-and-expression-internals-are-not-properties', async () => {
    const { m, x, hours } = declare();
    await m.compile();
    // Column offsets, bounds, term arrays and row bookkeeping are #private: not reachable or writable.
    for (const name of ['offset', 'idx', 'lower', 'upper', 'integral', 'dims', 'count']) expect(name in x).toBe(false);
    for (const name of ['offset', 'count', 'rowKeys', 'rowItems', 'source', 'build', 'single']) expect(name in hours).toBe(false);
    const e = x.sum();
    for (const name of ['cols', 'coefs', 'model', 'shared']) expect(name in e).toBe(false);
    expect(Object.keys(e)).toEqual([]);
  });

  it('encapsulation/length-and-constant-are-read-only', () => {
    const e = new Expr().add(3);
    expect(e.constant).toBe(3);
    expect(e.length).toBe(0);
    expect(() => {
      (e as unknown as { length: number }).length = 5;
    }).toThrow(TypeError);
    expect(e.length).toBe(0);
  });
});
