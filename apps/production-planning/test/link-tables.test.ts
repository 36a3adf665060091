import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { isLumixError } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { generateProductionData } from '../src/data/generate-production-data.js';
import { LinkLookup, type LinkColumns } from '../src/data/link-table.js';
import { openProductionDb } from '../src/db/open-production-db.js';
import { loadProductionInputs, type OrmName } from '../src/db/production-db.js';
import { buildProductionModel } from '../src/model/build-production-model.js';
import { checkPlan } from '../src/model/check-saved-plan.js';
import { execSql } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('link-tables');

const LINKS = [
  { table: 'production_recipes', resource: 'machine_id', amount: 'hours_required', input: 'hours' },
  { table: 'material_requirements', resource: 'material_id', amount: 'quantity_required', input: 'usage' },
] as const;

async function seeded(name: string): Promise<string> {
  const db = join(dir, `${name}.db`);
  await seedDatabase({ db, orm: 'sqlite', dataset: generateProductionData({ products: 300, machines: 12, materials: 9, seed: 7 }) }, createBufferedOutput());
  return db;
}

/** The rows of a link table read with plain SQL, one `[product, resource, amount]` each, in id order. */
async function plainRows(db: string, table: string, resource: string, amount: string): Promise<number[][]> {
  const a = await openSqliteAdapter(db);
  try {
    const rows = await a.query<{ p: number; r: number; a: number }>(`SELECT product_id AS p, ${resource} AS r, ${amount} AS a FROM ${table} ORDER BY id`);
    return rows.map((r) => [r.p, r.r, r.a]);
  } finally {
    await a.close();
  }
}

const triples = (c: LinkColumns): number[][] => Array.from({ length: c.length }, (_, i) => [c.productIds[i]!, c.resourceIds[i]!, c.amounts[i]!]);

async function load(db: string, orm: OrmName) {
  const handle = await openProductionDb(db, orm);
  try {
    return await loadProductionInputs(handle);
  } finally {
    await handle.close();
  }
}

/** Link columns from [product id, resource id, amount] rows. */
function cols(rows: number[][]): LinkColumns {
  return {
    length: rows.length,
    productIds: Float64Array.from(rows, (r) => r[0]!),
    resourceIds: Float64Array.from(rows, (r) => r[1]!),
    amounts: Float64Array.from(rows, (r) => r[2]!),
  };
}

describe('link tables read once, as columns', () => {
  it('load/packed-read-equals-the-plain-rows-on-both-orms', async () => {
    const db = await seeded('packed');
    // Amounts SQLite writes with 17 digits, an exponent or none: each must read back as the same double.
    const odd = [0.1 + 0.2, 1e-7, 1.5e20, 5, 123456.78901234567, 2 / 3];
    for (const [i, v] of odd.entries()) await execSql(db, `UPDATE production_recipes SET hours_required = ${v} WHERE id = ${3 * i + 2}`);
    const stored = (await plainRows(db, 'production_recipes', 'machine_id', 'hours_required')).map((t) => t[2]);
    for (const v of odd) expect(stored).toContain(v);
    for (const orm of ['sqlite', 'sequelize'] as const) {
      const inputs = await load(db, orm);
      for (const { table, resource, amount, input } of LINKS) {
        const plain = await plainRows(db, table, resource, amount);
        const lookup = inputs[input];
        // SQLite packs the rows into texts (no object per row); the columns hold exactly the stored doubles.
        expect(lookup.via, `${orm} ${table}`).toBe('packed');
        expect(triples(lookup.columns), `${orm} ${table}`).toEqual(plain);
        for (const [p, r, a] of plain) expect(lookup.get(p!, r!)).toBe(a);
        const groups = lookup.byResource();
        expect([...groups.values()].reduce((s, g) => s + g.products.length, 0)).toBe(plain.length);
      }
    }
  });

  it('load/zero-amount-read-packed-and-left-out-of-the-model', async () => {
    const db = await seeded('zero');
    await execSql(db, 'UPDATE production_recipes SET hours_required = 0 WHERE id = 4');
    const plain = await plainRows(db, 'production_recipes', 'machine_id', 'hours_required');
    const requirements = await plainRows(db, 'material_requirements', 'material_id', 'quantity_required');
    const handle = await openProductionDb(db, 'sqlite');
    try {
      const inputs = await loadProductionInputs(handle);
      expect(inputs.hours.via).toBe('packed');
      expect(triples(inputs.hours.columns)).toEqual(plain);
      const zero = plain.find((t) => t[2] === 0)!;
      expect(inputs.hours.getOr(-1, zero[0]!, zero[1]!)).toBe(0);
      // the zero is no coefficient of the model
      const { problem } = await buildProductionModel(inputs).model.compile();
      expect(problem.value.length).toBe(plain.length - 1 + requirements.length);
    } finally {
      await handle.close();
    }
  });

  it('load/a-table-with-an-unusual-row-is-read-as-plain-rows', async () => {
    const db = await seeded('fallback');
    // A text SQLite keeps as text (not a decimal it converts), which would read as 16 if parsed as a number.
    await execSql(db, "UPDATE material_requirements SET quantity_required = '0x10' WHERE id = 3");
    const handle = await openProductionDb(db, 'sqlite');
    try {
      await expect(loadProductionInputs(handle)).rejects.toThrow(/material_requirements id 3: quantity_required is "0x10" \(text\); it must be a number/);
    } finally {
      await handle.close();
    }
    await execSql(db, 'UPDATE material_requirements SET quantity_required = 2.5 WHERE id = 3');
    // A product id of 16 digits is a fine id the packed parser leaves to the plain read.
    await execSql(db, "INSERT INTO products (id, name, profit_per_unit, min_demand, max_demand) VALUES (1000000000000000, 'Big id', 1, 0, 5)");
    await execSql(db, 'INSERT INTO production_recipes (product_id, machine_id, hours_required) VALUES (1000000000000000, 2, 0.75)');
    const plain = await plainRows(db, 'material_requirements', 'material_id', 'quantity_required');
    const recipes = await plainRows(db, 'production_recipes', 'machine_id', 'hours_required');
    const inputs = await load(db, 'sqlite');
    expect([inputs.hours.via, inputs.usage.via]).toEqual(['rows', 'packed']);
    expect(triples(inputs.usage.columns)).toEqual(plain);
    expect(triples(inputs.hours.columns)).toEqual(recipes);
    expect(inputs.hours.get(1e15, 2)).toBe(0.75);
  });

  it('load/bad-link-rows-named-on-both-orms', async () => {
    const db = await seeded('bad');
    await execSql(db, 'UPDATE production_recipes SET hours_required = -2 WHERE id = 5');
    await execSql(db, "UPDATE material_requirements SET quantity_required = 'lots' WHERE id = 7");
    for (const orm of ['sqlite', 'sequelize'] as const) {
      let caught: unknown;
      try {
        await solveCommand({ db, dbShown: db, solver: 'highs', orm }, createBufferedOutput());
      } catch (e) {
        caught = e;
      }
      expect(isLumixError(caught, 'DATA_ERROR'), String(caught)).toBe(true);
      const message = (caught as Error).message;
      expect(message).toMatch(/production_recipes id 5: hours_required is -2; it must be 0 or more/);
      expect(message).toMatch(/material_requirements id 7: quantity_required is "lots" \(text\); it must be a number/);
    }
  });

  it('lookup/get-has-entries-and-duplicate-pairs', () => {
    const columns = { length: 4, productIds: new Float64Array([1, 2, 1, 3]), resourceIds: new Float64Array([10, 10, 20, 20]), amounts: new Float64Array([1.5, 0, 2.5, 4]) };
    const lookup = new LinkLookup('links', columns);
    expect(lookup.size).toBe(4);
    expect([lookup.get(1, 20), lookup.getOr(-1, 2, 20), lookup.has(2, 10), lookup.has('1', 10)]).toEqual([2.5, -1, true, false]);
    expect(() => lookup.get(9, 9)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY' }));
    expect([...lookup.entries()]).toEqual([[[1, 10], 1.5], [[2, 10], 0], [[1, 20], 2.5], [[3, 20], 4]]);
    // zeros are no coefficients
    expect([...lookup.byResource()].map(([r, g]) => [r, Array.from(g.products), Array.from(g.amounts)])).toEqual([
      [10, [1], [1.5]],
      [20, [1, 3], [2.5, 4]],
    ]);
    // resource ids too large for a slot array: grouped through a map, same result
    const sparse = new LinkLookup('sparse', { length: 3, productIds: new Float64Array([1, 2, 3]), resourceIds: new Float64Array([1e12, 3, 1e12]), amounts: new Float64Array([1, 2, 3]) });
    expect([...sparse.byResource()].map(([r, g]) => [r, Array.from(g.products), Array.from(g.amounts)])).toEqual([
      [1e12, [1, 3], [1, 3]],
      [3, [2], [2]],
    ]);
    const twice = new LinkLookup('twice', { length: 3, productIds: new Float64Array([3, 1, 3]), resourceIds: new Float64Array([7, 7, 7]), amounts: new Float64Array([1, 1, 1]) });
    expect(() => twice.byResource()).toThrow(expect.objectContaining({ code: 'DUPLICATE_KEY', message: expect.stringMatching(/\["3","7"\]/) }));
  });

  it('check/use-recomputed-from-link-columns-in-any-order', () => {
    const data = {
      products: [
        { id: 1, name: 'A', profit_per_unit: 3, min_demand: 0, max_demand: 10 },
        { id: 2, name: 'B', profit_per_unit: 5, min_demand: 1, max_demand: 10 },
      ],
      machines: [
        { id: 1, name: 'M1', available_hours: 30 },
        { id: 2, name: 'M2', available_hours: 100 },
      ],
      materials: [{ id: 7, name: 'Wood', available_quantity: 50 }],
      // machine rows interleaved: 1, 2, 1, 2
      recipes: cols([[1, 1, 2], [1, 2, 1], [2, 1, 1.5], [2, 2, 4]]),
      requirements: cols([[2, 7, 5], [1, 7, 1]]),
      orders: [],
    };
    const plan = (a: number, b: number, used: Record<string, number>) => ({
      schedule: [
        { product_id: 1, quantity: a, profit_contribution: 3 * a },
        { product_id: 2, quantity: b, profit_contribution: 5 * b },
      ],
      utilization: Object.entries(used).map(([k, u]) => ({ resource_type: k.split(':')[0]!, resource_id: Number(k.split(':')[1]), used: u })),
      fulfillment: [],
      objective: 3 * a + 5 * b,
    });
    // a=6, b=4: M1 2·6 + 1.5·4 = 18, M2 6 + 16 = 22, wood 20 + 6 = 26
    const good = checkPlan(data, plan(6, 4, { 'machine:1': 18, 'machine:2': 22, 'material:7': 26 }), 'the plan');
    expect(good).toMatchObject({ ok: true, problems: [], recomputedObjective: 38 });
    // a=10, b=8: M1 20 + 12 = 32 > 30; the saved M2 use is wrong
    const bad = checkPlan(data, plan(10, 8, { 'machine:1': 32, 'machine:2': 99, 'material:7': 50 }), 'the plan');
    expect(bad.problems).toEqual(['machine 1 (M1) hours: 32 exceeds 30.', 'machine 2 (M2): saved use 99 differs from the recomputed 42.']);
    expect(bad.maxRelativeViolation).toBeCloseTo(2 / 30, 12);
  });

  it('check/schedule-rows-by-product-id-same-problems-with-small-or-huge-ids', () => {
    // The same data with ids 1..3 (indexed in arrays) and with ids shifted by 10^9 (too sparse
    // for arrays: indexed in maps): the check reports the same problems, in the same order.
    const at = (shift: number) => {
      const id = (k: number): number => k + shift;
      const data = {
        products: [
          { id: id(1), name: 'A', profit_per_unit: 3, min_demand: 0, max_demand: 10 },
          { id: id(2), name: 'B', profit_per_unit: 5, min_demand: 1, max_demand: 10 },
          { id: id(3), name: 'C', profit_per_unit: 1, min_demand: 0, max_demand: 10 },
        ],
        machines: [{ id: 1, name: 'M1', available_hours: 100 }],
        materials: [],
        recipes: cols([[id(1), 1, 2], [id(2), 1, 1], [id(3), 1, 1]]),
        requirements: cols([]),
        orders: [{ id: 1, product_id: id(2), target_quantity: 7 }],
      };
      const rows = {
        // Product 1 twice (the second row's quantity counts), product 3 missing, product 4 unknown.
        schedule: [
          { product_id: id(1), quantity: 2, profit_contribution: 6 },
          { product_id: id(2), quantity: 4, profit_contribution: 20 },
          { product_id: id(4), quantity: 1, profit_contribution: 1 },
          { product_id: id(1), quantity: 5, profit_contribution: 15 },
        ],
        utilization: [{ resource_type: 'machine', resource_id: 1, used: 14 }],
        fulfillment: [{ order_id: 1, target: 7, achieved: 4, shortfall: 3, satisfied: 0 }],
        objective: 35,
      };
      return checkPlan(data, rows, 'the plan');
    };
    const small = at(0);
    expect(small.problems).toEqual([
      'Product 1 has two schedule rows in the plan.',
      'Product 1 (A): profit_contribution 6 is not quantity × profit = 15.',
      'Product 3 (C) has no schedule row in the plan.',
      'Schedule row for product 4, which does not exist.',
    ]);
    expect(small.recomputedObjective).toBe(35);
    const huge = at(1e9);
    expect(huge.problems).toEqual(small.problems.map((p) => p.replace(/product (\d)|Product (\d)/g, (m, a: string | undefined, b: string | undefined) => m.replace(a ?? b!, String(1e9 + Number(a ?? b))))));
    expect(huge.recomputedObjective).toBe(35);
  });
});
