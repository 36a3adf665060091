import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { isLumixError, type SqlRow } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { seedDatabase } from '../src/commands/seed-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { PRODUCTION_SCHEMA } from '../src/db/production-schema.js';
import { execSql, snapshotDatabase } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('safety');

async function rejects(p: Promise<unknown>): Promise<Error & { code: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code: string };
  }
  throw new Error('expected a rejection');
}

describe('database safety', () => {
  it('schema/foreign-keys-and-unique-pairs-enforced', async () => {
    const db = join(dir, 'schema.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    const before = await snapshotDatabase(db);
    const a = await openSqliteAdapter(db);
    try {
      const fk = await rejects(a.insertRows('production_recipes', [{ product_id: 99, machine_id: 1, hours_required: 1 } as SqlRow]));
      expect(isLumixError(fk)).toBe(true);
      expect(fk.message).toMatch(/product_id = 99 has no matching row in products/);
      const pair = await rejects(a.insertRows('material_requirements', [{ product_id: 1, material_id: 1, quantity_required: 3 } as SqlRow]));
      expect(pair.message).toMatch(/UNIQUE/i);
      const name = await rejects(a.insertRows('machines', [{ id: 9, name: 'Cutting Machine', available_hours: 3 } as SqlRow]));
      expect(name.message).toMatch(/UNIQUE/i);
      const cols = await a.query<{ name: string }>("SELECT name FROM pragma_table_info('resource_utilization')");
      expect(cols.map((c) => c.name)).toEqual(Object.keys(PRODUCTION_SCHEMA.find((t) => t.name === 'resource_utilization')!.columns));
    } finally {
      await a.close();
    }
    expect(await snapshotDatabase(db)).toBe(before);
  });

  it('safety/negative-capacity-in-database-names-record', async () => {
    const db = join(dir, 'tampered.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    await execSql(db, 'UPDATE machines SET available_hours = -5 WHERE id = 2');
    const before = await snapshotDatabase(db);
    const e = await rejects(solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, createBufferedOutput()));
    expect(isLumixError(e, 'DATA_ERROR')).toBe(true);
    expect(e.message).toMatch(/machines id 2 "Assembly Station": available_hours is -5; it must be 0 or more/);
    expect(await snapshotDatabase(db)).toBe(before);
    await execSql(db, 'UPDATE machines SET available_hours = 100 WHERE id = 2');
    await execSql(db, 'UPDATE products SET min_demand = 70 WHERE id = 2');
    const e2 = await rejects(solveCommand({ db, dbShown: db, solver: 'glpk', orm: 'sqlite' }, createBufferedOutput()));
    expect(e2.message).toMatch(/products id 2 "Table": min_demand 70 is above max_demand 50/);
  });

  it('safety/not-a-production-database', async () => {
    const other = join(dir, 'other.db');
    await execSql(other, 'CREATE TABLE teachers (id INTEGER PRIMARY KEY)');
    const before = await snapshotDatabase(other);
    const e = await rejects(solveCommand({ db: other, dbShown: 'other.db', solver: 'highs', orm: 'sqlite' }, createBufferedOutput()));
    expect(isLumixError(e, 'SCHEMA_ERROR')).toBe(true);
    expect(e.message).toMatch(/is not a production-planning database \(it has no products table\)/);
    expect(await snapshotDatabase(other)).toBe(before);
  });

  it('safety/report-path-checked-before-solving', async () => {
    const db = join(dir, 'report.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    const before = await snapshotDatabase(db);
    const e = await rejects(solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', report: join(dir, 'missing-folder', 'r.html') }, createBufferedOutput()));
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
    expect(e.message).toMatch(/The folder of --report .*missing-folder.* does not exist/);
    expect(await snapshotDatabase(db)).toBe(before);
  });

  it('safety/show-unknown-run', async () => {
    const db = join(dir, 'show.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    const none = await rejects(showCommand({ db, dbShown: 'show.db', orm: 'sqlite' }, createBufferedOutput()));
    expect(none.message).toMatch(/has no saved runs yet\. Solve first: .* solve --db show\.db/);
    await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, createBufferedOutput());
    const missing = await rejects(showCommand({ db, dbShown: 'show.db', orm: 'sqlite', run: 7 }, createBufferedOutput()));
    expect(missing.message).toMatch(/has no run 7; its runs are 1/);
  });

  it('safety/seed-failure-leaves-old-file', async () => {
    const db = join(dir, 'seeded.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, createBufferedOutput());
    const before = await snapshotDatabase(db);
    writeFileSync(join(dir, 'broken.json'), '{\n  "products": [\n    { "id": 1, },\n  ]\n}');
    const e = await rejects(seedDatabase({ db, orm: 'sqlite', data: join(dir, 'broken.json') }, createBufferedOutput()));
    expect(isLumixError(e, 'PARSE_ERROR')).toBe(true);
    expect(e.message).toMatch(/broken\.json is not valid JSON \(line 3, column 16\):.*Fix the JSON and run seed again/);
    expect((e as unknown as { details: unknown }).details).toMatchObject({ line: 3, column: 16 });
    expect(await snapshotDatabase(db)).toBe(before);
  });
});
