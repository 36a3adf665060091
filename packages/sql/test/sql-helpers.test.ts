import { describe, expect, it } from 'vitest';
import { assertSqlIdentifier, isLumixError, solutionTable, validateTableSpec, type LumixErrorCode, type RunInfo } from '@lumix/core';
import { checkPlaceholders, placeholderPositions, rowToSolveRun, runInfoToRow, toSqlValue } from '@lumix/sql';

function codeOf(fn: () => unknown): LumixErrorCode | 'none' {
  try {
    fn();
  } catch (e) {
    if (isLumixError(e)) return e.code;
    throw e;
  }
  return 'none';
}

describe('orm helpers', () => {
  it('orm-identifiers/plain-names-only', () => {
    for (const ok of ['products', '_x', 'A1_b', 'x'.repeat(63)]) expect(codeOf(() => assertSqlIdentifier(ok, 'table'))).toBe('none');
    for (const bad of ['', '1a', 'a b', 'a"b', "a'b", 'a;drop', 'a-b', 'x'.repeat(64), 42, null]) {
      expect(codeOf(() => assertSqlIdentifier(bad, 'table'))).toBe('INVALID_NAME');
    }
  });

  it('orm-placeholders/skip-strings-identifiers-and-comments', () => {
    const sql = `SELECT '?', "?", \`?\`, [?], 'it''s ?' -- ?\n /* ? */ FROM t WHERE a = ? AND b IN (?, ?)`;
    expect(placeholderPositions(sql)).toHaveLength(3);
    expect(placeholderPositions(sql).map((p) => sql[p])).toEqual(['?', '?', '?']);
    expect(codeOf(() => checkPlaceholders('SELECT ?', []))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => checkPlaceholders('SELECT ?', [1]))).toBe('none');
  });

  it('orm-placeholders/named-and-numbered-forms-refused', () => {
    for (const sql of ['SELECT ?1', 'SELECT :id', 'SELECT $x', 'SELECT @x']) expect(codeOf(() => placeholderPositions(sql))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => placeholderPositions("SELECT ':id', a::int FROM t"))).toBe('none');
  });

  it('orm-values/conversions-and-refusals', () => {
    const at = { table: 't', row: 4, column: 'c' };
    expect(toSqlValue(true, at)).toBe(1);
    expect(toSqlValue(new Date('2026-01-02T03:04:05.000Z'), at)).toBe('2026-01-02T03:04:05.000Z');
    expect(toSqlValue(5n, at)).toBe(5n);
    expect(toSqlValue(null, at)).toBeNull();
    for (const bad of [Number.NaN, Infinity, -Infinity]) expect(codeOf(() => toSqlValue(bad, at))).toBe('INVALID_NUMBER');
    for (const bad of [undefined, {}, [], () => 1, new Date(Number.NaN)]) expect(codeOf(() => toSqlValue(bad, at))).toBe('DATA_ERROR');
    try {
      toSqlValue(Number.NaN, at);
    } catch (e) {
      expect((e as Error).message).toContain('row 5');
    }
  });

  it('orm-runs/row-round-trip', () => {
    const run: RunInfo = {
      modelName: 'm',
      solver: 'glpk',
      status: 'time-limit',
      objective: Infinity,
      startedAt: new Date('2026-01-01T00:00:00.000Z'),
      finishedAt: new Date('2026-01-01T00:00:01.500Z'),
      buildMs: 1.5,
      solveMs: 2,
      numVariables: 3,
      numConstraints: 4,
      numNonzeros: 5,
      options: { timeLimit: 1, big: 10n, f: () => 1 },
    };
    const row = runInfoToRow(run, 'x');
    expect(row['objective']).toBeNull();
    expect(JSON.parse(row['options_json'] as string)).toEqual({ timeLimit: 1, big: '10' });
    const back = rowToSolveRun({ ...row, id: 7 });
    expect(back.id).toBe(7);
    expect(back.finishedAt.getTime() - back.startedAt.getTime()).toBe(1500);
    expect(back.label).toBe('x');
    expect(back.status).toBe('time-limit');
    expect(codeOf(() => runInfoToRow({ ...run, buildMs: Number.NaN }, null))).toBe('INVALID_NUMBER');
    expect(codeOf(() => rowToSolveRun({ ...row, id: 1, options_json: '{' }))).toBe('DATA_ERROR');
  });

  it('orm-specs/solution-table-and-validation', () => {
    const spec = solutionTable('plan', { product_id: { type: 'integer' } }, { unique: [['product_id']] });
    expect(Object.keys(spec.columns)).toEqual(['id', 'run_id', 'product_id']);
    expect(spec.unique).toEqual([['run_id', 'product_id']]);
    expect(codeOf(() => solutionTable('plan', { run_id: { type: 'integer' } }))).toBe('INVALID_NAME');
    expect(codeOf(() => validateTableSpec({ name: 't', columns: { a: { type: 'text' } }, unique: [['b']] }))).toBe('SCHEMA_ERROR');
    expect(codeOf(() => validateTableSpec({ name: 't', columns: {} }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => validateTableSpec({ name: 't', columns: { a: { type: 'text', references: 'x y' } } }))).toBe('INVALID_NAME');
  });
});

describe('orm read queries', () => {
  it('orm-read-queries/reads-pass-writes-are-refused', async () => {
    const { readStatement, sqliteDialect } = await import('../src/index.js');
    for (const ok of ['SELECT 1', '  -- c\n select * from t', '/* x */ WITH a AS (SELECT 1) SELECT * FROM a', 'PRAGMA foreign_keys', 'PRAGMA table_info(t)', "VALUES (1), ('='), (2)", "WITH a AS (SELECT 'delete') SELECT * FROM a", 'WITH "update" AS (SELECT 1) /* insert */ SELECT [delete] FROM "update" -- replace', "SELECT ';' FROM t; -- done"]) {
      expect(codeOf(() => readStatement(ok, sqliteDialect.compiler)), ok).toBe('none');
    }
    const hidden = `WITH "x'y" AS (SELECT 1) INSERT INTO t SELECT 'z' FROM "x'y"`; // a quote inside an identifier once hid the INSERT
    for (const bad of ['DELETE FROM t', 'insert into t values (1)', 'DROP TABLE t', '', 'WITH a AS (SELECT 1) DELETE FROM t', hidden, "VACUUM INTO '/tmp/x.db'", "ATTACH 'x.db' AS x", 'BEGIN', 'EXPLAIN QUERY x', 'SELECT 1; DELETE FROM t', "SELECT ';'; /* two */ SELECT 2"]) {
      expect(codeOf(() => readStatement(bad, sqliteDialect.compiler)), bad).toBe('INVALID_ARGUMENT');
    }
  });

  it('orm-read-queries/pragmas-run-as-their-table-valued-functions', async () => {
    // SQLite applies many pragmas while preparing them (EXPLAIN included), so no PRAGMA statement
    // of a user ever reaches it: each becomes a SELECT from the pragma's table-valued function,
    // which SQLite offers only for reading (a setting form fails there without running).
    const { readStatement, sqliteDialect } = await import('../src/index.js');
    const as = (sql: string) => readStatement(sql, sqliteDialect.compiler);
    expect(as('SELECT 1')).toEqual({ sql: 'SELECT 1', rewrittenFrom: null });
    expect(as('PRAGMA foreign_keys')).toEqual({ sql: 'SELECT * FROM pragma_foreign_keys', rewrittenFrom: 'PRAGMA foreign_keys' });
    expect(as('  /* c */ pragma Table_Info("my table")').sql).toBe("SELECT * FROM pragma_table_info('my table')");
    expect(as('PRAGMA main.table_info(t);').sql).toBe("SELECT * FROM pragma_table_info('t')");
    expect(as('PRAGMA aux.table_info(t)').sql).toBe("SELECT * FROM pragma_table_info('t') WHERE schema = 'aux'");
    expect(as('PRAGMA foreign_keys(0)').sql).toBe("SELECT * FROM pragma_foreign_keys('0')");
    expect(as('PRAGMA journal_mode(OFF)').sql).toBe("SELECT * FROM pragma_journal_mode('OFF')");
    expect(as('PRAGMA user_version = 42').sql).toBe("SELECT * FROM pragma_user_version('42')");
    expect(as("PRAGMA/**/user_version=-1 -- set").sql).toBe("SELECT * FROM pragma_user_version('-1')");
    expect(as("PRAGMA table_info('it''s')").sql).toBe("SELECT * FROM pragma_table_info('it''s')");
    expect(as('EXPLAIN PRAGMA foreign_keys(0)')).toEqual({ sql: "EXPLAIN SELECT * FROM pragma_foreign_keys('0')", rewrittenFrom: 'PRAGMA foreign_keys(0)' });
    expect(as('explain query plan /* x */ PRAGMA foreign_keys').sql).toBe('explain query plan /* x */ SELECT * FROM pragma_foreign_keys');
    for (const bad of ['PRAGMA', 'PRAGMA foreign_keys(?)', 'PRAGMA foreign_keys(0); DELETE FROM t', 'PRAGMA a.b.c', 'PRAGMA "x y"', 'PRAGMA foreign_keys(0', 'PRAGMA_x', "PRAGMA t('unterminated)"]) {
      expect(codeOf(() => as(bad)), bad).toBe('INVALID_ARGUMENT');
    }
  });
});
