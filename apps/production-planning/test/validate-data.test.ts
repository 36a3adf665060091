import { describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { readJsonFixture } from '@lumix/test-fixtures';
import { generateProductionData } from '../src/data/generate-production-data.js';
import { TUTORIAL_DATA } from '../src/data/tutorial-data.js';
import { validateProductionData } from '../src/data/validate-production-data.js';

type Json = Record<string, unknown>;

function clone(): Record<string, Json[]> {
  return JSON.parse(JSON.stringify(TUTORIAL_DATA)) as Record<string, Json[]>;
}

function problemsOf(data: unknown): string {
  try {
    validateProductionData(data, 'test.json');
  } catch (e) {
    expect(isLumixError(e, 'DATA_ERROR')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected DATA_ERROR');
}

describe('data validation', () => {
  it('data/tutorial-fixtures-accepted', () => {
    const step2 = validateProductionData(readJsonFixture('tutorial/production_step2.json'), 'step2');
    expect(step2.products).toHaveLength(3);
    expect(step2).toEqual(TUTORIAL_DATA);
    // step 1 has no ids on recipes and requirements: they are numbered in file order
    const step1 = validateProductionData(readJsonFixture('tutorial/production_step1.json'), 'step1');
    expect(step1.production_recipes.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(step1.material_requirements).toEqual(TUTORIAL_DATA.material_requirements);
  });

  it('data/negative-capacity-names-record', () => {
    const d = clone();
    d['machines']![1]!['available_hours'] = -100;
    expect(problemsOf(d)).toMatch(/machines #2 \(id 2, "Assembly Station"\): available_hours is -100; it must be 0 or more/);
  });

  it('data/unknown-foreign-key-names-record', () => {
    const d = clone();
    d['production_recipes']![3]!['machine_id'] = 9;
    expect(problemsOf(d)).toMatch(/production_recipes #4 \(id 4\): machine_id 9 does not match any machines id/);
  });

  it('data/non-numeric-names-record', () => {
    const d = clone();
    d['products']![2]!['profit_per_unit'] = 'lots';
    expect(problemsOf(d)).toMatch(/products #3 \(id 3, "Desk"\): profit_per_unit is "lots" \(text\); it must be a number/);
  });

  it('data/min-above-max-names-record', () => {
    const d = clone();
    d['products']![0]!['min_demand'] = 150;
    expect(problemsOf(d)).toMatch(/products #1 \(id 1, "Chair"\): min_demand 150 is above max_demand 100/);
  });

  it('data/duplicates-and-unknown-fields', () => {
    const d = clone() as Record<string, unknown>;
    const recipes = (d['production_recipes'] as Json[]).concat([{ id: 7, product_id: 1, machine_id: 1, hours_required: 2 }]);
    d['production_recipes'] = recipes;
    (d['products'] as Json[])[1]!['name'] = 'Chair';
    (d['machines'] as Json[])[0]!['avail_hours'] = 3;
    d['extra'] = [];
    d['_comment'] = 'ignored';
    d['expected'] = { anything: true };
    const msg = problemsOf(d);
    expect(msg).toMatch(/production_recipes #7 \(id 7\): production_recipes #1 already gives product_id 1 with machine_id 1; keep one row per pair/);
    expect(msg).toMatch(/products #2 \(id 2, "Chair"\): the name "Chair" is also used by products #1/);
    expect(msg).toMatch(/machines #1 .*unknown field "avail_hours"/);
    expect(msg).toMatch(/unknown key "extra"/);
    expect(msg).not.toMatch(/unknown key "(_comment|expected)"/);
    expect(msg).toMatch(/database was not changed/);
  });

  it('data/shape-errors', () => {
    expect(problemsOf([])).toMatch(/top level is a list/);
    const d = clone() as Record<string, unknown>;
    delete d['machines'];
    d['products'] = [];
    const msg = problemsOf(d);
    expect(msg).toMatch(/no "machines" list/);
    expect(msg).toMatch(/"products" is empty/);
  });

  it('data/generator-is-valid-and-seeded', () => {
    const a = generateProductionData({ products: 50, machines: 10, materials: 8, seed: 7 });
    expect(validateProductionData(a, 'generated')).toEqual(a);
    expect(generateProductionData({ products: 50, machines: 10, materials: 8, seed: 7 })).toEqual(a);
    expect(generateProductionData({ products: 50, machines: 10, materials: 8, seed: 8 })).not.toEqual(a);
    expect(a.products).toHaveLength(50);
    expect(a.machines).toHaveLength(10);
    expect(a.raw_materials).toHaveLength(8);
  });
});
