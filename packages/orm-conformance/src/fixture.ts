import { solutionTable, type OrmAdapter, type RunInfo, type TableSpec } from '@lumix/core';

/** Products: the records of the conformance models. */
export interface ProductRow {
  readonly id: number;
  readonly name: string;
  readonly profit: number;
  readonly max_demand: number;
  readonly family: string | null;
}

/** The tables every conformance test starts from. */
export const FIXTURE_TABLES: readonly TableSpec[] = [
  {
    name: 'products',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      profit: { type: 'real' },
      max_demand: { type: 'real' },
      family: { type: 'text', nullable: true },
    },
  },
  {
    name: 'machines',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      hours: { type: 'real' },
    },
  },
  {
    name: 'recipes',
    columns: {
      id: { type: 'integer', primaryKey: true },
      product_id: { type: 'integer', references: 'products' },
      machine_id: { type: 'integer', references: 'machines' },
      hours: { type: 'real' },
    },
    unique: [['product_id', 'machine_id']],
  },
  // No unique constraints: where duplicate keys and bad values can be planted.
  {
    name: 'loose',
    columns: {
      id: { type: 'integer', primaryKey: true },
      a: { type: 'integer' },
      b: { type: 'text' },
      c: { type: 'integer' },
      v: { type: 'real', nullable: true },
    },
  },
  {
    name: 'empty_things',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text' } },
  },
  solutionTable('plan', { product_id: { type: 'integer', references: 'products' }, quantity: { type: 'real' } }, { unique: [['product_id']] }),
  solutionTable('notes', { product_id: { type: 'integer', references: 'products', nullable: true }, text: { type: 'text' } }),
];

/** The literal that must be stored and matched as text, never run. */
export const SQL_FRAGMENT = "'); DROP TABLE products; --";

export const PRODUCTS: readonly ProductRow[] = [
  { id: 1, name: 'chair', profit: 45, max_demand: 100, family: 'wood' },
  { id: 2, name: 'table', profit: 80, max_demand: 40, family: 'wood' },
  { id: 3, name: 'desk', profit: 110, max_demand: 25, family: 'steel' },
  { id: 4, name: "o'brien stool", profit: 20, max_demand: 60, family: null },
  { id: 5, name: SQL_FRAGMENT, profit: 1, max_demand: 1, family: 'odd' },
];

export const MACHINES = [
  { id: 1, name: 'cutter', hours: 120 },
  { id: 2, name: 'sander', hours: 90 },
  { id: 3, name: 'painter', hours: 60 },
];

export const RECIPES = [
  { product_id: 1, machine_id: 1, hours: 1 },
  { product_id: 1, machine_id: 2, hours: 0.5 },
  { product_id: 2, machine_id: 1, hours: 2 },
  { product_id: 2, machine_id: 3, hours: 1.5 },
  { product_id: 3, machine_id: 1, hours: 3 },
  { product_id: 3, machine_id: 2, hours: 1 },
  { product_id: 3, machine_id: 3, hours: 2 },
];

export const LOOSE = [
  { a: 1, b: 'x', c: 1, v: 1.5 },
  { a: 1, b: 'y', c: 1, v: 2.5 },
  { a: 2, b: 'x', c: 1, v: 3.5 },
  { a: 2, b: 'x', c: 2, v: 4.5 },
];

/** Creates the fixture tables and fills them. */
export async function seedFixture(adapter: OrmAdapter): Promise<void> {
  await adapter.createTables(FIXTURE_TABLES);
  await adapter.insertRows('products', PRODUCTS);
  await adapter.insertRows('machines', MACHINES);
  await adapter.insertRows('recipes', RECIPES);
  await adapter.insertRows('loose', LOOSE);
}

/** A RunInfo as a Solution would carry it. */
export function makeRun(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    modelName: 'production',
    solver: 'highs',
    status: 'optimal',
    objective: 2735.714285714286,
    startedAt: new Date('2026-01-02T03:04:05.006Z'),
    finishedAt: new Date('2026-01-02T03:04:06.500Z'),
    buildMs: 12.5,
    solveMs: 3.25,
    numVariables: 5,
    numConstraints: 3,
    numNonzeros: 7,
    options: { timeLimit: 30, presolve: true },
    ...overrides,
  };
}
