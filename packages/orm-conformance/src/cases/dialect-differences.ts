// What differs silently between SQLite and PostgreSQL, pinned down: where the adapter makes both
// behave the same (identifier case in sources, booleans and keys read back, no silent upsert,
// text without a length limit), and where the database decides (LIKE's case, varchar(n) limits,
// unquoted names in a user's SQL), which a model written for both must allow for.
import { expect } from 'vitest';
import { expectLumixError } from '../expect-lumix-error.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** What differs silently between SQLite and PostgreSQL, each checked on the database under test. */
export const DIALECT_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'dialect-differences',
    name: 'like-is-case-insensitive-on-sqlite-and-case-sensitive-on-postgres',
    async run({ adapter: a, dialect }) {
      const like = await a.query<{ name: string }>('SELECT name FROM products WHERE name LIKE ? ORDER BY id', ['CHAIR']);
      // SQLite's LIKE folds ASCII case; PostgreSQL's does not (ILIKE does, and SQLite has no ILIKE).
      expect(like).toEqual(dialect === 'sqlite' ? [{ name: 'chair' }] : []);
      // lower() on both sides matches the same rows on both.
      expect(await a.query('SELECT name FROM products WHERE lower(name) LIKE lower(?) ORDER BY id', ['%CHAIR%'])).toEqual([{ name: 'chair' }]);
      // Equality is case-sensitive on both.
      expect(await a.fromTable('products', { where: { name: 'CHAIR' } }).load()).toEqual([]);
    },
  },
  {
    area: 'dialect-differences',
    name: 'text-has-no-length-limit-and-varchar-n-is-enforced-only-by-postgres',
    async run({ adapter: a, dialect, execRaw }) {
      const long = 'x'.repeat(100_000);
      await a.insertRows('machines', [{ name: long, hours: 1 }]);
      expect(await a.fromTable<{ name: string }>('machines', { where: { name: long }, columns: ['name'] }).load()).toEqual([{ name: long }]);
      await execRaw('CREATE TABLE short_codes (id INTEGER PRIMARY KEY, code VARCHAR(5) NOT NULL)');
      const rows = [
        { id: 1, code: 'ok' },
        { id: 2, code: 'much too long' },
      ];
      if (dialect === 'sqlite') {
        // SQLite ignores the declared length: the whole string is stored.
        await a.insertRows('short_codes', rows);
        expect(await a.fromTable('short_codes').load()).toEqual(rows);
      } else {
        const e = await expectLumixError(a.insertRows('short_codes', rows), 'DATA_ERROR');
        expect(e.message).toContain('short_codes');
        expect(e.details['originalCode']).toBe('22001');
        expect(await a.fromTable('short_codes').load()).toEqual([]);
      }
    },
  },
  {
    area: 'dialect-differences',
    name: 'booleans-read-back-as-1-and-0-on-both',
    async run({ adapter: a }) {
      await a.createTables([{ name: 'flags', columns: { id: { type: 'integer', primaryKey: true }, active: { type: 'boolean' }, label: { type: 'text' } } }]);
      await a.insertRows('flags', [
        { active: true, label: 'yes' },
        { active: false, label: 'no' },
      ]);
      expect(await a.fromTable('flags').load()).toEqual([
        { id: 1, active: 1, label: 'yes' },
        { id: 2, active: 0, label: 'no' },
      ]);
      expect(await a.fromTable('flags', { where: { active: true }, columns: ['label'] }).load()).toEqual([{ label: 'yes' }]);
      expect(await a.query('SELECT label, active FROM flags WHERE active = ? ORDER BY id', [false])).toEqual([{ label: 'no', active: 0 }]);
      // Counts and sums come back as numbers on both (PostgreSQL's bigint and numeric included).
      expect(await a.query('SELECT count(*) AS n, sum(id) AS s FROM flags')).toEqual([{ n: 2, s: 3 }]);
    },
  },
  {
    area: 'dialect-differences',
    name: 'mixed-case-names-are-found-as-written-or-in-lower-case-but-raw-sql-must-quote-them-on-postgres',
    async run({ adapter: a, dialect }) {
      await a.createTables([{ name: 'WorkCentre', columns: { Id: { type: 'integer', primaryKey: true }, Label: { type: 'text' } } }]);
      await a.insertRows('WorkCentre', [{ Label: 'press' }]);
      expect(await a.fromTable('WorkCentre').load()).toEqual([{ Id: 1, Label: 'press' }]);
      expect(await a.fromTable('workcentre', { where: { label: 'press' } }).load()).toEqual([{ Id: 1, Label: 'press' }]);
      expect(await a.listTables()).toContain('WorkCentre');
      expect(await a.tableExists('WORKCENTRE')).toBe(true);
      expect(await a.query('SELECT "Label" FROM "WorkCentre"')).toEqual([{ Label: 'press' }]);
      // Unquoted, PostgreSQL folds the name to workcentre, which does not exist; SQLite matches it.
      if (dialect === 'sqlite') expect(await a.query('SELECT Label FROM WorkCentre')).toEqual([{ Label: 'press' }]);
      else await expectLumixError(a.query('SELECT Label FROM WorkCentre'), 'SCHEMA_ERROR');
    },
  },
  {
    area: 'dialect-differences',
    name: 'no-silent-upsert-on-insert-and-on-conflict-behaves-the-same',
    async run({ adapter: a, execRaw }) {
      // A repeated unique key is refused, never replaced (SQLite's INSERT OR REPLACE is not used).
      const e = await expectLumixError(a.insertRows('machines', [{ name: 'cutter', hours: 5 }]), 'DATA_ERROR');
      expect(e.message).toContain('machines');
      const hours = async () => (await a.fromTable<{ hours: number }>('machines', { where: { name: 'cutter' }, columns: ['hours'] }).load())[0]?.hours;
      expect(await hours()).toBe(120);
      // The standard upsert, written by hand, does the same on both.
      await execRaw("INSERT INTO machines (name, hours) VALUES ('cutter', 7) ON CONFLICT (name) DO UPDATE SET hours = excluded.hours");
      expect(await hours()).toBe(7);
      await execRaw("INSERT INTO machines (name, hours) VALUES ('cutter', 9) ON CONFLICT DO NOTHING");
      expect(await hours()).toBe(7);
      // Keys the database numbers continue after keys given explicitly, on both.
      await a.insertRows('machines', [{ id: 50, name: 'explicit', hours: 1 }]);
      await a.insertRows('machines', [{ name: 'numbered', hours: 1 }]);
      expect(await a.fromTable('machines', { where: { name: 'numbered' }, columns: ['id'] }).load()).toEqual([{ id: 51 }]);
    },
  },
];
