import { LumixError, indexSource, type IndexSource, type OrmAdapter } from '@lumix/core';
import { LinkLookup, type LinkColumns } from '../data/link-table.js';
import type { DataTable, MachineRecord, MaterialRecord, OrderRecord, PeriodRecord, ProductRecord } from '../data/production-data.js';
import { describeRecord, recordProblems, throwIfProblems } from '../data/validate-production-data.js';
import type { ProductionInputs } from '../model/build-production-model.js';
import type { MultiPeriodData } from '../model/multi-period-model.js';
import { PRODUCTION_TABLE_NAMES } from './production-schema.js';

/** The ORM adapters the app can read and write the database through. */
export const ORM_NAMES = ['sequelize', 'sqlite'] as const;

/** One of {@link ORM_NAMES}. */
export type OrmName = (typeof ORM_NAMES)[number];

/** Index sources over the three entity tables, as the chosen ORM provides them (the link tables are read as columns: {@link loadProductionInputs}). */
interface DataSources {
  readonly products: IndexSource<ProductRecord>;
  readonly machines: IndexSource<MachineRecord>;
  readonly materials: IndexSource<MaterialRecord>;
}

/** An open production database: the adapter, and the data tables as index sources. */
export interface ProductionDb {
  readonly orm: OrmName;
  /** Absolute path of the database file. */
  readonly file: string;
  readonly adapter: OrmAdapter;
  /** The SQL dialect behind the adapter (SQLite reads the link tables packed). */
  readonly dialect: 'sqlite' | 'postgres';
  readonly sources: DataSources;
  /** Drops these tables and what depends on them (on a PostgreSQL database, which `seed` refills in place). */
  dropTables?(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wraps a source so that its rows are checked (types, signs, demand band) when loaded: a
 * database edited by hand is reported record by record instead of producing a wrong model.
 */
function checkedSource<T>(table: DataTable, source: IndexSource<T>, origin: string): IndexSource<T> {
  return indexSource(source.label, async () => {
    const rows = await source.load();
    const problems: string[] = [];
    for (const row of rows) {
      const found = recordProblems(table, row, () => describeRecord(table, row));
      if (found.length > 0) problems.push(...found);
    }
    throwIfProblems(problems, origin, 'Fix these rows (or seed again) and re-run; nothing was saved.');
    return rows;
  });
}

/** The tables of step 5 (scenarios), which a database seeded before them lacks. */
export const SCENARIO_TABLE_NAMES: readonly string[] = ['scenarios', 'scenario_parameters', 'scenario_runs'];

/**
 * Checks that an open database has every production table (the step-5 ones may be missing).
 *
 * @throws LumixError `SCHEMA_ERROR`: "not a production-planning database" when none is there,
 *   the missing tables otherwise; both say to run `seed`.
 */
export async function assertProductionSchema(adapter: OrmAdapter, file: string, seedCommand: string): Promise<void> {
  const have = new Set(await adapter.listTables());
  // The step-5 tables came later: a database seeded before them still solves (`scenarios` asks for a reseed).
  const missing = PRODUCTION_TABLE_NAMES.filter((t) => !have.has(t) && !SCENARIO_TABLE_NAMES.includes(t));
  if (missing.length === PRODUCTION_TABLE_NAMES.length || !have.has('products')) {
    throw new LumixError(
      'SCHEMA_ERROR',
      `${file} is not a production-planning database (it has no products table). Seed it with: ${seedCommand} seed --db ${file} (this replaces the file), or choose another --db.`,
      { details: { file, missing } },
    );
  }
  if (missing.length > 0) {
    throw new LumixError('SCHEMA_ERROR', `${file} lacks the tables ${missing.join(', ')}. Seed it again: ${seedCommand} seed --db ${file}`, {
      details: { file, missing },
    });
  }
}

/** The model's inputs as {@link loadProductionInputs} reads them: the link tables also as columns, for the check of the plan. */
export interface LoadedProductionInputs extends ProductionInputs {
  readonly hours: LinkLookup;
  readonly usage: LinkLookup;
  readonly orders: readonly OrderRecord[];
}

/** The link tables and the names of their columns. */
const LINKS = {
  production_recipes: { resource: 'machine_id', amount: 'hours_required' },
  material_requirements: { resource: 'material_id', amount: 'quantity_required' },
} as const;

/**
 * Reads a link table into columns, in id order: on SQLite packed ({@link readPackedLinks}); else,
 * or when the packed read finds anything unusual, with one plain SELECT (the adapters' raw read: no
 * model instances), checking each row as it goes (ids whole numbers of 1 or more, amounts finite
 * and not negative). The rows that fail are described with the same messages as every other
 * stored row (returned instead of the lookup). `packedReads`: whether the database writes reals
 * exactly ({@link sqliteWritesExactReals}), asked once for both link tables.
 */
async function readLinkTable(db: ProductionDb, table: keyof typeof LINKS, packedReads: Promise<boolean>): Promise<LinkLookup | string[]> {
  const { resource, amount } = LINKS[table];
  const label = `${table} (${resource}, ${amount})`;
  if (await packedReads) {
    const packed = await readPackedLinks(db, table);
    if (packed !== null) return new LinkLookup(label, packed, 'packed');
  }
  const rows = await db.adapter.query<{ id: unknown; p: unknown; r: unknown; a: unknown }>(`SELECT id, product_id AS p, ${resource} AS r, ${amount} AS a FROM ${table} ORDER BY id`);
  const n = rows.length;
  const productIds = new Float64Array(n);
  const resourceIds = new Float64Array(n);
  const amounts = new Float64Array(n);
  const bad: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const { p, r, a } = row;
    if (typeof p === 'number' && typeof r === 'number' && typeof a === 'number' && Number.isSafeInteger(p) && p >= 1 && Number.isSafeInteger(r) && r >= 1 && a >= 0 && a <= Number.MAX_VALUE) {
      productIds[i] = p;
      resourceIds[i] = r;
      amounts[i] = a;
    } else bad.push(i);
  }
  const problems = bad.flatMap((i) => {
    const { id, p, r, a } = rows[i]!;
    const record = { id, product_id: p, [resource]: r, [amount]: a };
    return recordProblems(table, record, describeRecord(table, record));
  });
  return problems.length > 0 ? problems : new LinkLookup(label, { length: n, productIds, resourceIds, amounts }, 'rows');
}

/** Doubles whose shortest text needs all 17 digits: a SQLite that writes fewer would round them. */
const EXACT_REALS_PROBE = [0.1 + 0.2, 2 / 3, 1.5e300];

/**
 * True when the database writes a REAL as text that reads back as the same double (the SQLite 3.52
 * the sqlite3 package bundles does; a build that wrote fewer digits, or lacked `ORDER BY` inside an
 * aggregate, fails this probe): only then may link tables be read packed.
 */
async function sqliteWritesExactReals(db: ProductionDb): Promise<boolean> {
  try {
    const [row] = await db.adapter.query<{ g: unknown }>("SELECT group_concat(x, ',' ORDER BY x) AS g FROM (SELECT 0.1 + 0.2 AS x UNION ALL SELECT 2.0 / 3 UNION ALL SELECT 1.5e300)");
    const g = row?.g;
    return typeof g === 'string' && g.split(',').every((t, i) => Number(t) === EXACT_REALS_PROBE[i]);
  } catch {
    return false;
  }
}

/** Rows per packed text: a chunk's text stays far below V8's string limit (≈15 MB for a million rows). */
const PACKED_CHUNK = 1 << 20;

/**
 * Reads a link table on SQLite packed: SQLite concatenates the rows into one text per chunk of a
 * million rows (`group_concat` over a scan in id order), so the read makes a few long strings
 * instead of an object per row: at 10k products (220k link rows) ≈45 ms against ≈210 ms for the
 * rows alone, measured with sqlite3 directly. SQLite writes each REAL as its shortest exact text,
 * so the doubles read back unchanged. `null` when any row is unusual (a NULL, a text, a negative
 * or non-finite amount): the plain read then names the rows.
 */
async function readPackedLinks(db: ProductionDb, table: keyof typeof LINKS): Promise<LinkColumns | null> {
  const { resource, amount } = LINKS[table];
  const chunks: { n: number; g: string }[] = [];
  let total = 0;
  let after = 0;
  for (;;) {
    const [chunk] = await db.adapter.query<{ n: unknown; last: unknown; g: unknown }>(
      `SELECT count(*) AS n, max(id) AS last, group_concat(product_id || ',' || ${resource} || ',' || ${amount}, ',') AS g ` +
        `FROM (SELECT id, product_id, ${resource}, ${amount} FROM ${table} WHERE id > ? ORDER BY id LIMIT ?)`,
      [after, PACKED_CHUNK],
    );
    const n = chunk?.n;
    if (typeof n !== 'number' || n === 0) break;
    const { last, g } = chunk as { last: unknown; g: unknown };
    if (typeof last !== 'number' || typeof g !== 'string') return null;
    chunks.push({ n, g });
    total += n;
    after = last;
    if (n < PACKED_CHUNK) break;
  }
  const columns = { length: total, productIds: new Float64Array(total), resourceIds: new Float64Array(total), amounts: new Float64Array(total) };
  let at = 0;
  for (const { n, g } of chunks) {
    // A NULL in a row drops the row out of group_concat: the count tells.
    if (parsePacked(g, columns, at) !== n) return null;
    at += n;
  }
  return columns;
}

/** A decimal number as SQLite writes a REAL (`2.5`, `1.0e-07`): nothing else (no hex, no words) is read packed. */
const DECIMAL = /^\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * Parses a packed text `product,resource,amount,…` into `columns` from row `at`, without a string
 * per value: ids are digits; an amount with at most 15 digits and no exponent is
 * `digits ÷ 10^decimals`, which is exactly what `Number` gives (both operands are exact doubles and
 * the division rounds correctly); any other amount goes through `Number`. Returns the rows read,
 * or -1 at the first token that is not an id (1 to 15 digits, not 0) or a finite amount of 0 or more.
 */
function parsePacked(s: string, columns: LinkColumns, at: number): number {
  const { productIds, resourceIds, amounts } = columns;
  const end = s.length;
  let k = at;
  let i = 0;
  while (i < end) {
    let p = 0;
    let start = i;
    let c = s.charCodeAt(i);
    for (; c >= 48 && c <= 57; c = s.charCodeAt(++i)) p = p * 10 + (c - 48);
    if (i === start || i - start > 15 || p < 1 || c !== 44) return -1;
    let r = 0;
    start = ++i;
    for (c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) r = r * 10 + (c - 48);
    if (i === start || i - start > 15 || r < 1 || c !== 44) return -1;
    const a0 = ++i;
    let m = 0;
    let scale = 1;
    let digits = 0;
    for (c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) {
      m = m * 10 + (c - 48);
      digits++;
    }
    if (c === 46) {
      for (c = s.charCodeAt(++i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) {
        m = m * 10 + (c - 48);
        scale *= 10;
        digits++;
      }
    }
    let a: number;
    if (digits > 0 && digits <= 15 && (i === end || c === 44)) a = m / scale;
    else {
      while (i < end && s.charCodeAt(i) !== 44) i++;
      const token = s.slice(a0, i);
      if (!DECIMAL.test(token)) return -1;
      a = Number(token);
    }
    if (!(a >= 0 && a <= Number.MAX_VALUE) || k >= productIds.length) return -1;
    productIds[k] = p;
    resourceIds[k] = r;
    amounts[k] = a;
    k++;
    i++;
  }
  return k - at;
}

/**
 * Loads the model's inputs from the database: the products, machines and materials sources
 * (loaded by the model when it compiles, one query each), the two link tables (one plain query
 * each, now, as columns: the model's coefficients and what the plan is checked against) and the
 * customer orders (one query, now). Every row is checked as it is loaded.
 */
export async function loadProductionInputs(db: ProductionDb): Promise<LoadedProductionInputs> {
  const origin = `database ${db.file}`;
  // Orders are few and every one becomes a row now: read them at once, checked like the other rows.
  const orders = (
    await db.adapter.query<Record<keyof OrderRecord, unknown>>(
      'SELECT o.id, o.customer_id, o.product_id, o.target_quantity, o.due_week, o.priority, c.name AS customer_name FROM customer_orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY o.id',
    )
  ).map((o) => ({ ...o, target_quantity: Number(o.target_quantity) }) as OrderRecord);
  const orderProblems = orders.flatMap((o) => recordProblems('customer_orders', o, () => describeRecord('customer_orders', o)));
  throwIfProblems(orderProblems, origin, 'Fix these rows (or seed again) and re-run; nothing was saved.');
  // Both read before any is reported, so that one message names the bad rows of both tables.
  // Whether the link tables can be read packed: asked of the database once for both.
  const packedReads = db.dialect === 'sqlite' ? sqliteWritesExactReals(db) : Promise.resolve(false);
  const links = await Promise.all([readLinkTable(db, 'production_recipes', packedReads), readLinkTable(db, 'material_requirements', packedReads)]);
  throwIfProblems(links.flatMap((l) => (l instanceof LinkLookup ? [] : l)), origin, 'Fix these rows (or seed again) and re-run; nothing was saved.');
  const [hours, usage] = links as [LinkLookup, LinkLookup];
  return {
    products: checkedSource('products', db.sources.products, origin),
    machines: checkedSource('machines', db.sources.machines, origin),
    materials: checkedSource('raw_materials', db.sources.materials, origin),
    hours,
    usage,
    orders,
  };
}

/**
 * Reads what the multi-period model (tutorial step 4) is built from, with plain SQL (both ORMs),
 * or `null` when the database has no periods (step 1–3 data: the single-week LP). Orders without a
 * period_id are due in the period whose week_number is their due_week.
 *
 * @throws LumixError `DATA_ERROR` when an order's week is not a period.
 */
export async function loadMultiPeriodData(db: ProductionDb): Promise<MultiPeriodData | null> {
  const q = <T extends object>(sql: string): Promise<T[]> => db.adapter.query<T>(sql);
  const n = (v: unknown): number => Number(v);
  const periods = (await q<PeriodRecord>('SELECT id, week_number, name FROM periods ORDER BY week_number')).map((t) => ({ ...t, id: n(t.id), week_number: n(t.week_number) }));
  if (periods.length === 0) return null;
  const byWeek = new Map(periods.map((t) => [t.week_number, t.id]));
  const orders = await q<Record<string, unknown>>(
    'SELECT o.id, o.customer_id, o.product_id, o.target_quantity, o.due_week, o.period_id, o.priority, c.name AS customer_name FROM customer_orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY o.id',
  );
  const problems: string[] = [];
  const due = orders.flatMap((o) => {
    const period = o['period_id'] === null || o['period_id'] === undefined ? byWeek.get(n(o['due_week'])) : n(o['period_id']);
    if (period === undefined) {
      problems.push(`customer_orders id ${String(o['id'])}: due_week ${String(o['due_week'])} is not the week_number of any period.`);
      return [];
    }
    return [
      {
        id: n(o['id']),
        customer_id: n(o['customer_id']),
        product_id: n(o['product_id']),
        target_quantity: n(o['target_quantity']),
        due_week: n(o['due_week']),
        priority: n(o['priority']),
        period_id: period,
        ...(typeof o['customer_name'] === 'string' ? { customer_name: o['customer_name'] } : {}),
      },
    ];
  });
  throwIfProblems(problems, `database ${db.file}`, 'Give those orders a period_id (or a due_week that is a period) and seed again; nothing was saved.');
  const nums = <T extends object>(rows: T[]): T[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'name' ? v : n(v)])) as T);
  return {
    products: nums(await q<MultiPeriodData['products'][number]>('SELECT id, name, profit_per_unit, holding_cost_per_unit FROM products ORDER BY id')),
    machines: nums(await q<MachineRecord>('SELECT id, name, available_hours FROM machines ORDER BY id')),
    materials: nums(await q<MaterialRecord>('SELECT id, name, available_quantity, cost_per_unit FROM raw_materials ORDER BY id')),
    periods,
    recipes: nums(await q<MultiPeriodData['recipes'][number]>('SELECT product_id, machine_id, hours_required FROM production_recipes ORDER BY id')),
    requirements: nums(await q<MultiPeriodData['requirements'][number]>('SELECT product_id, material_id, quantity_required FROM material_requirements ORDER BY id')),
    batches: nums(await q<MultiPeriodData['batches'][number]>('SELECT product_id, min_batch_size FROM production_batches ORDER BY id')),
    setups: nums(await q<MultiPeriodData['setups'][number]>('SELECT product_id, machine_id, cost, setup_hours FROM setup_costs ORDER BY id')),
    orders: due,
  };
}
