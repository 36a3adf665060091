// The adapter-building SQL helpers over a scripted in-memory driver and the SQLite dialect: SQL
// text, batching, error diagnosis and schema caching that the adapters' conformance suite does not
// pin down.
import { describe, expect, it } from 'vitest';
import { LumixError, isLumixError, solutionTable, type LumixErrorCode } from '@lumix/core';
import {
  DRIVER_ERROR_KINDS,
  SchemaCache,
  buildSelect,
  checkNumericColumns,
  createSqlSession,
  lumixErrorFromDriver,
  mapDriverError,
  parentsFirst,
  readTableInfo,
  rowsToLookup,
  sqlInsertRows,
  sqliteDialect,
  type BoundValue,
  type DriverError,
  type SqlDriver,
  type SqlSession,
} from '@lumix/sql';

type PragmaColumn = readonly [name: string, type: string, notnull: number, pk: number];
interface Statement {
  readonly via: 'all' | 'run' | 'prepare' | 'prepared';
  readonly sql: string;
  readonly params: readonly BoundValue[];
}

/** An error as the scripted driver throws it: it carries the kind an adapter would read. */
class ScriptedError extends Error {
  constructor(readonly driverError: DriverError) {
    super(driverError.originalMessage);
  }
}

const createTableSql = sqliteDialect.compiler.createTable;

/** A session whose driver answers the schema queries from `tables` and records every statement. */
function scripted(
  tables: Record<string, { kind?: 'table' | 'view'; columns: readonly PragmaColumn[] }>,
  options: { maxParams?: number; prepare?: boolean; fail?: (sql: string, params: readonly BoundValue[]) => DriverError | undefined } = {},
): { conn: SqlSession; log: Statement[] } {
  const log: Statement[] = [];
  const find = (name: unknown) => Object.keys(tables).find((t) => t.toLowerCase() === String(name).toLowerCase());
  const write = async (via: Statement['via'], sql: string, params: readonly BoundValue[]) => {
    log.push({ via, sql, params });
    const err = options.fail?.(sql, params);
    if (err !== undefined) throw new ScriptedError(err);
  };
  const driver: SqlDriver = {
    all: async <T,>(sql: string, params: readonly BoundValue[] = []) => {
      log.push({ via: 'all', sql, params });
      const t = find(params[0]);
      if (/sqlite_master/.test(sql)) return (t === undefined ? [] : [{ name: t, type: tables[t]!.kind ?? 'table', x: 1 }]) as T[];
      if (/pragma_table_info/.test(sql)) return tables[t!]!.columns.map(([name, type, notnull, pk]) => ({ name, type, notnull, pk })) as T[];
      return [];
    },
    allReadOnly: (sql, params) => driver.all(sql, params),
    run: async (sql, params = []) => {
      await write('run', sql, params);
      return { lastInsertId: 1 };
    },
    ...(options.prepare === true
      ? {
          prepare: async (sql: string) => {
            log.push({ via: 'prepare', sql, params: [] });
            return { run: (params: readonly BoundValue[]) => write('prepared', sql, params), finalize: async () => undefined };
          },
        }
      : {}),
    transaction: (fn) => fn(driver),
    ...(options.maxParams === undefined ? {} : { maxParams: options.maxParams }),
  };
  const conn = createSqlSession({
    dialect: sqliteDialect,
    driver,
    convertError: (e) => (e instanceof ScriptedError ? e.driverError : { kind: 'other', originalCode: undefined, originalMessage: String(e) }),
    schema: { cache: new SchemaCache(), handle: driver },
    hints: { create: 'createTables', migrate: 'see the README' },
  });
  return { conn, log };
}

async function codeOf(fn: () => unknown): Promise<LumixErrorCode | 'none'> {
  try {
    await fn();
  } catch (e) {
    if (isLumixError(e)) return e.code;
    throw e;
  }
  return 'none';
}

const PLAN: readonly PragmaColumn[] = [
  ['id', 'INTEGER', 0, 1],
  ['name', 'TEXT', 1, 0],
  ['qty', 'REAL', 1, 0],
  ['due', 'DATETIME', 0, 0],
];

describe('orm sql helpers', () => {
  it('orm-schema/table-info-from-pragma', async () => {
    const { conn } = scripted({ Plan: { columns: [['b', 'integer', 1, 2], ['a', 'Numeric(10,2)', 0, 1], ['ok', 'BOOLEAN', 0, 0], ['at', 'DATETIME', 0, 0]] } });
    const info = await readTableInfo(conn, 'plan');
    expect(info.name).toBe('Plan');
    expect(info.primaryKey).toEqual(['a', 'b']);
    expect(info.columns.filter((c) => c.numeric).map((c) => c.name)).toEqual(['b', 'a']);
    expect(info.column('OK')?.type).toBe('BOOLEAN');
    await expect(readTableInfo(conn, 'missing')).rejects.toThrow(/create it first \(createTables\)/);
    expect(await codeOf(() => readTableInfo(conn, 'a;b'))).toBe('INVALID_NAME');
  });

  it('orm-schema/cache-keeps-only-what-it-may', async () => {
    const { conn, log } = scripted({ plan: { columns: PLAN } });
    const cache = new SchemaCache();
    const handle = {};
    const read = (t: string) => readTableInfo(conn, t);
    await cache.tableInfo(handle, 'plan', read, false);
    await cache.tableInfo(handle, 'plan', read, false);
    expect(log).toHaveLength(4); // not stored: read twice (sqlite_master + pragma each time)
    const first = await cache.tableInfo(handle, 'plan', read);
    expect(await cache.tableInfo(handle, 'PLAN', read)).toBe(first);
    expect(log).toHaveLength(6);
    cache.forget(handle, 'Plan');
    expect(await cache.tableInfo(handle, 'plan', read)).not.toBe(first);
    // A session never keeps what it reads inside a transaction, which may still roll back.
    log.length = 0;
    await conn.transaction(async (tx) => {
      await tx.tableInfo('plan');
      await tx.tableInfo('plan');
    });
    expect(log).toHaveLength(4);
  });

  it('orm-sql/select-text-and-bound-values', async () => {
    const { conn } = scripted({ plan: { columns: PLAN }, nopk: { columns: [['a', 'TEXT', 0, 0]] }, v: { kind: 'view', columns: [['a', 'TEXT', 0, 0]] } });
    const info = await readTableInfo(conn, 'plan');
    const s = buildSelect(sqliteDialect.compiler, info, { where: { NAME: 'x', qty: [1, 2], due: null, id: [] }, orderBy: [['qty', 'desc'], 'name'], columns: ['id', 'qty'] });
    expect(s.sql).toBe('SELECT "id", "qty" FROM "plan" WHERE "name" = ? AND "qty" IN (?, ?) AND "due" IS NULL AND 0 ORDER BY "qty" DESC, "name" ASC');
    expect(s.params).toEqual(['x', 1, 2]);
    expect(s.columns.map((c) => c.numeric)).toEqual([true, true]);
    expect(buildSelect(sqliteDialect.compiler, info, { where: { due: new Date('2026-01-01T00:00:00Z') } }).params).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(buildSelect(sqliteDialect.compiler, info, {}).sql).toBe('SELECT * FROM "plan" ORDER BY "id" ASC');
    expect(buildSelect(sqliteDialect.compiler, await readTableInfo(conn, 'nopk'), {}).sql).toBe('SELECT * FROM "nopk" ORDER BY rowid ASC');
    expect(buildSelect(sqliteDialect.compiler, await readTableInfo(conn, 'v'), {}).sql).toBe('SELECT * FROM "v"');
    expect(await codeOf(() => buildSelect(sqliteDialect.compiler, info, { orderBy: [['qty', 'up' as 'ASC']] }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => buildSelect(sqliteDialect.compiler, info, { where: { nope: 1 } }))).toBe('SCHEMA_ERROR');
    expect(await codeOf(() => buildSelect(sqliteDialect.compiler, info, { columns: [] }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => buildSelect(sqliteDialect.compiler, info, { where: { qty: Number.NaN } }))).toBe('INVALID_NUMBER');
  });

  it('orm-sql/create-table-text', async () => {
    const spec = solutionTable('plan', { note: { type: 'text', default: "it's" }, ok: { type: 'boolean', default: true, nullable: true } }, { unique: [['note']] });
    expect(createTableSql(spec)).toEqual([
      'CREATE TABLE IF NOT EXISTS "plan" (\n' +
        '  "id" INTEGER PRIMARY KEY AUTOINCREMENT,\n' +
        '  "run_id" INTEGER NOT NULL REFERENCES "solve_runs"("id") ON DELETE CASCADE,\n' +
        `  "note" TEXT NOT NULL DEFAULT 'it''s',\n` +
        '  "ok" BOOLEAN DEFAULT 1,\n' +
        '  UNIQUE ("run_id", "note")\n' +
        ')',
    ]);
    expect(createTableSql({ name: 't', columns: { a: { type: 'text' }, b: { type: 'real' } }, primaryKey: ['a', 'b'], indexes: [['b']] })).toEqual([
      'CREATE TABLE IF NOT EXISTS "t" (\n  "a" TEXT NOT NULL,\n  "b" REAL NOT NULL,\n  PRIMARY KEY ("a", "b")\n)',
      'CREATE INDEX IF NOT EXISTS "ix_t_b" ON "t" ("b")',
    ]);
    expect(await codeOf(() => createTableSql({ name: 't', columns: { a: { type: 'real', default: Infinity } } }))).toBe('INVALID_NUMBER');
    expect(await codeOf(() => createTableSql({ name: 't', columns: { a: { type: 'float' as 'real' } } }))).toBe('INVALID_ARGUMENT');
  });

  it('orm-sql/sqlite-dialect-placeholders-limits-and-new-keys', () => {
    const c = sqliteDialect.compiler;
    expect(c.toNumbered("SELECT '?' AS q FROM t WHERE a = ? AND b IN (?, ?)")).toBe("SELECT '?' AS q FROM t WHERE a = $1 AND b IN ($2, $3)");
    expect(c.fromPositional('SELECT ? AS x')).toBe('SELECT ? AS x');
    expect(c.select({ table: 'solve_runs', columns: null, where: [{ op: 'eq', column: 'label' }], orderBy: [{ column: 'id', direction: 'DESC' }], limit: 1 })).toBe(
      'SELECT * FROM "solve_runs" WHERE "label" = ? ORDER BY "id" DESC LIMIT 1',
    );
    expect(c.insertReturningId('solve_runs', ['a', 'b'], 'id')).toEqual({ sql: 'INSERT INTO "solve_runs" ("a", "b") VALUES (?, ?)', idFrom: 'last-insert-id' });
    expect([c.dialectRead('PRAGMA', 'PRAGMA table_info(t)'), c.dialectRead('SHOW', 'SHOW x')]).toEqual(["SELECT * FROM pragma_table_info('t')", null]);
    expect(c.writeProbe()).toEqual([expect.stringMatching(/^CREATE TABLE "lumix_write_check_\w+" \("x" INTEGER\)$/)]);
  });

  it('orm-sql/parents-first-and-cycles', async () => {
    const child = { name: 'child', columns: { p: { type: 'integer' as const, references: 'Parent' }, me: { type: 'integer' as const, references: 'child' } } };
    const parent = { name: 'parent', columns: { g: { type: 'integer' as const, references: 'grand' } } };
    const grand = { name: 'grand', columns: { id: { type: 'integer' as const, primaryKey: true } } };
    expect(parentsFirst([child, parent, grand]).map((s) => s.name)).toEqual(['grand', 'parent', 'child']);
    const a = { name: 'a', columns: { b: { type: 'integer' as const, references: 'b' } } };
    const b = { name: 'b', columns: { a: { type: 'integer' as const, references: 'a' } } };
    expect(await codeOf(() => parentsFirst([a, b]))).toBe('SCHEMA_ERROR');
  });

  it('orm-insert/batches-stay-under-the-parameter-cap', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}`, qty: i }));
    const prepared = scripted({ plan: { columns: PLAN } }, { maxParams: 5, prepare: true });
    expect(await sqlInsertRows(prepared.conn, 'plan', rows)).toBe(5);
    const writes = prepared.log.filter((s) => s.via !== 'all');
    // 2 columns, 5 parameters: 2 rows per statement; full batches reuse one prepared statement.
    expect(writes.map((s) => [s.via, s.params.length])).toEqual([['prepare', 0], ['prepared', 4], ['prepared', 4], ['run', 2]]);
    expect(writes[0]!.sql).toBe('INSERT INTO "plan" ("name", "qty") VALUES (?, ?), (?, ?)');
    expect(writes.flatMap((s) => s.params)).toEqual(rows.flatMap((r) => [r.name, r.qty]));

    const plain = scripted({ plan: { columns: PLAN } });
    await sqlInsertRows(plain.conn, 'plan', Array.from({ length: 1201 }, (_, i) => ({ qty: i })));
    expect(plain.log.filter((s) => s.via === 'run').map((s) => s.params.length)).toEqual([500, 500, 201]);
    expect(await codeOf(() => sqlInsertRows(plain.conn, 'plan', [{ qty: 1, nope: 2 }]))).toBe('SCHEMA_ERROR');
    expect(await codeOf(() => sqlInsertRows(plain.conn, 'plan', [{ qty: Infinity }]))).toBe('INVALID_NUMBER');
  });

  it('orm-insert/constraint-failures-name-the-row', async () => {
    const unique: DriverError = { kind: 'unique-violation', table: 'plan', columns: ['name'], originalCode: 'X', originalMessage: 'UNIQUE constraint failed: plan.name' };
    const dup = scripted({ plan: { columns: PLAN } }, { fail: () => unique });
    const e = await sqlInsertRows(dup.conn, 'plan', [{ name: 'a' }, { name: 'b' }, { name: 'a' }]).catch((x: unknown) => x);
    expect(isLumixError(e, 'DATA_ERROR')).toBe(true);
    expect((e as LumixError).details).toMatchObject({ table: 'plan', row: 2, duplicateOf: 0 });
    const notNull: DriverError = { kind: 'not-null-violation', table: 'plan', column: 'name', originalCode: 'X', originalMessage: 'NOT NULL constraint failed: plan.name' };
    const empty = scripted({ plan: { columns: PLAN } }, { fail: () => notNull });
    const n = await sqlInsertRows(empty.conn, 'plan', [{ name: 'a' }, { qty: 1 }]).catch((x: unknown) => x);
    expect((n as LumixError).message).toContain('row 2: column name is empty but NOT NULL');
    // A kind the diagnosis cannot pin to a row still names the table, the batch and the constraint.
    const check: DriverError = { kind: 'check-violation', constraint: 'qty_positive', originalCode: 'X', originalMessage: 'CHECK constraint failed: qty_positive' };
    const c = (await sqlInsertRows(scripted({ plan: { columns: PLAN } }, { fail: () => check }).conn, 'plan', [{ qty: -1 }]).catch((x: unknown) => x)) as LumixError;
    expect([c.code, c.details['table'], c.details['kind']]).toEqual(['DATA_ERROR', 'plan', 'check-violation']);
    expect(c.message).toBe('Inserting into plan (rows 1-1): CHECK constraint qty_positive failed; fix the value.');
    // Not a constraint: the kind's own message, with the fallback code.
    const busy: DriverError = { kind: 'busy', originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked' };
    const b = (await sqlInsertRows(scripted({ plan: { columns: PLAN } }, { fail: () => busy }).conn, 'plan', [{ qty: 1 }]).catch((x: unknown) => x)) as LumixError;
    expect([b.code, b.details['originalCode']]).toEqual(['PERSISTENCE_FAILED', 'SQLITE_BUSY']);
    expect(b.message).toContain('locked by another process or connection');
  });

  it('orm-errors/environment-kinds-name-the-database-from-every-call', async () => {
    // Every call of the driver, the catalog reads and the run store's included, turns a locked,
    // unreadable or full database into a LumixError naming the file, the cause and what to do.
    const kindOfSql = (kind: DriverError['kind']) => (): DriverError => ({ kind, originalCode: 'C', originalMessage: 'native says' }) as DriverError;
    const session = (fail: () => DriverError, on: 'all' | 'run' | 'begin') => {
      const err = () => new ScriptedError(fail());
      const driver: SqlDriver = {
        all: async () => {
          if (on === 'all') throw err();
          return [];
        },
        allReadOnly: async () => {
          if (on === 'all') throw err();
          return [];
        },
        run: async () => {
          if (on === 'run') throw err();
          return { lastInsertId: 1 };
        },
        transaction: async (fn) => {
          if (on === 'begin') throw err();
          return fn(driver);
        },
      };
      return createSqlSession({
        dialect: sqliteDialect,
        driver,
        convertError: (e) => (e instanceof ScriptedError ? e.driverError : { kind: 'other', originalCode: undefined, originalMessage: String(e) }),
        schema: { cache: new SchemaCache(), handle: driver },
        database: { file: '/data/plan.db', busyTimeoutMs: 250 },
      });
    };
    const { sqlCheckWritable, sqlOrmAdapter } = await import('@lumix/sql');
    const notADb = (await sqlOrmAdapter(session(kindOfSql('not-a-database'), 'all'))
      .listRuns()
      .catch((x: unknown) => x)) as LumixError;
    expect([notADb.code, notADb.details['kind'], notADb.details['file']]).toEqual(['SOURCE_FAILED', 'not-a-database', '/data/plan.db']);
    expect(notADb.message).toBe(
      'Reading the database failed: database /data/plan.db is not a database file (native says): it holds something else, or the path is wrong. Give the path of an existing database, or a new path to create one.',
    );
    const busy = (await sqlCheckWritable(session(kindOfSql('busy'), 'begin')).catch((x: unknown) => x)) as LumixError;
    expect([busy.code, busy.details['kind'], busy.details['busyTimeoutMs']]).toEqual(['PERSISTENCE_FAILED', 'busy', 250]);
    expect(busy.message).toContain('/data/plan.db is locked by another process or connection (native says), still locked after waiting 250 ms');
    const full = (await sqlCheckWritable(session(kindOfSql('disk-full'), 'run')).catch((x: unknown) => x)) as LumixError;
    expect([full.code, full.details['kind']]).toEqual(['PERSISTENCE_FAILED', 'disk-full']);
    const ro = (await sqlOrmAdapter(session(kindOfSql('read-only'), 'run'))
      .saveRun({ run: { modelName: 'm', solver: 's', status: 'optimal', objective: 1, startedAt: new Date(0), finishedAt: new Date(0), buildMs: 0, solveMs: 0, numVariables: 0, numConstraints: 0, numNonzeros: 0, options: {} } })
      .catch((x: unknown) => x)) as LumixError;
    expect([ro.code, ro.details['kind'], ro.details['file']]).toEqual(['PERSISTENCE_FAILED', 'read-only', '/data/plan.db']);
    expect(ro.message).toMatch(/^Saving the run of model m failed.*database \/data\/plan.db cannot be written \(native says\)/);
    // Nothing to write: the check passes and leaves no statement committed.
    await expect(sqlCheckWritable(session(kindOfSql('other'), 'all'))).resolves.toBeUndefined();
  });

  it('orm-errors/kinds-mapped-to-codes', () => {
    const as = (e: { kind: DriverError['kind']; table?: string; column?: string }, originalMessage = 'native text') => () =>
      ({ ...e, originalCode: 'CODE', originalMessage }) as DriverError;
    const table = mapDriverError(as({ kind: 'no-such-table', table: 'plans' }), new Error(), 'SOURCE_FAILED', 'Loading x');
    expect([table.code, table.details['table'], table.message]).toEqual(['SCHEMA_ERROR', 'plans', 'Loading x: table plans does not exist; create it or fix the name.']);
    expect(mapDriverError(as({ kind: 'no-such-column', column: 'qty' }), new Error(), 'SOURCE_FAILED', 'Loading x').message).toBe(
      'Loading x: column qty does not exist; fix the name or migrate the table.',
    );
    const fk = mapDriverError(as({ kind: 'foreign-key-violation' }, 'FOREIGN KEY constraint failed'), new Error(), 'SOURCE_FAILED', 'Inserting', { table: 't' });
    expect([fk.code, fk.details['constraint'], fk.details['table'], fk.details['kind']]).toEqual(['DATA_ERROR', 'FOREIGN KEY constraint failed', 't', 'foreign-key-violation']);
    expect(mapDriverError(as({ kind: 'disk-full' }), new Error(), 'PERSISTENCE_FAILED', 'Saving').code).toBe('PERSISTENCE_FAILED');
    const own = new LumixError('INVALID_NAME', 'x');
    expect(mapDriverError(as({ kind: 'other' }), own, 'SOURCE_FAILED', 'y')).toBe(own);
    // Every kind gets a message saying what was being done, and keeps the driver's code and the cause.
    const cause = new Error('native');
    for (const kind of DRIVER_ERROR_KINDS) {
      const e = lumixErrorFromDriver({ kind, originalCode: 'C', originalMessage: 'm' } as DriverError, cause, 'PERSISTENCE_FAILED', 'Doing it');
      expect(e.message.startsWith('Doing it'), kind).toBe(true);
      expect([e.details['kind'], e.details['originalCode'], (e as Error & { cause?: unknown }).cause]).toEqual([kind, 'C', cause]);
      expect(['SCHEMA_ERROR', 'DATA_ERROR', 'PERSISTENCE_FAILED']).toContain(e.code);
    }
  });

  it('orm-rows/numeric-checks-and-lookups', async () => {
    const rows = [{ id: 1, qty: 2 }, { id: 7, qty: 'x' }];
    expect(() => checkNumericColumns(rows, ['qty'], 'table plan', ['id'])).toThrow('table plan, row id=7: column qty holds "x"');
    expect(() => checkNumericColumns([{ qty: 1n }, { qty: null }], ['qty'], 't')).not.toThrow();
    const lookup = rowsToLookup('t', [{ a: 1, b: 'x', v: 2 }, { a: 1, b: 'y', v: 3 }], ['a', 'b'], 'v');
    expect([lookup.get(1, 'y'), lookup.size]).toEqual([3, 2]);
    expect(await codeOf(() => rowsToLookup('t', [{ a: 1, v: 'no' }], 'a', 'v'))).toBe('DATA_ERROR');
    expect(await codeOf(() => rowsToLookup('t', [{ a: 1, v: 1 }], 'z', 'v'))).toBe('SCHEMA_ERROR');
    expect(await codeOf(() => rowsToLookup('t', [], ['a', 'b', 'c', 'd'], 'v'))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => rowsToLookup('t', [{ a: 1, v: 1 }, { a: 1, v: 2 }], 'a', 'v'))).toBe('DUPLICATE_KEY');
  });
});

