import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { htmlPage, isReportBy, prepareOutputs, withOutputs, type DatabaseOutput } from '@lumix/app-kit';

const root = mkdtempSync(join(tmpdir(), 'app-kit-outputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(84)]);

function folder(): string {
  const dir = join(root, `d${++n}`);
  mkdirSync(dir);
  return dir;
}

const db = (dir: string, use: DatabaseOutput['use'], tables: readonly string[] = []): DatabaseOutput => ({
  file: join(dir, 'app.db'),
  name: 'app.db',
  use,
  createHint: 'Create it first with: app seed',
  ownTables: ['items', 'solve_runs'],
  listTables: async () => tables,
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('the output rule', () => {
  it('outputs/staged-files-land-only-when-the-command-succeeds', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'app.db'), SQLITE);
    const report = { file: join(dir, 'r.html'), flag: '--report', example: 'r.html', isOwn: isReportBy('test-app') };
    // Success: the staged report is renamed into place, nothing else is left.
    const ok = await withOutputs({ database: db(dir, 'write'), files: [report] }, async (o) => {
      o.file('--report')?.write(htmlPage({ title: 'T', body: '', generator: 'test-app' }));
      return 0;
    });
    expect(ok).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/<meta name="generator" content="test-app">/);
    expect(readdirSync(dir).sort()).toEqual(['app.db', 'r.html']);
    // Exit 3, or a throw: nothing lands, the temporary file is gone, the earlier report stays.
    const earlier = readFileSync(join(dir, 'r.html'), 'utf8');
    const infeasible = await withOutputs({ database: db(dir, 'write'), files: [report] }, async (o) => {
      o.file('--report')?.write('new');
      return 3;
    });
    expect(infeasible).toBe(3);
    await rejection(
      withOutputs({ database: db(dir, 'write'), files: [report] }, async (o) => {
        o.file('--report')?.write('new');
        throw new Error('boom');
      }),
    );
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe(earlier);
    expect(readdirSync(dir).sort()).toEqual(['app.db', 'r.html']);
  });

  it('outputs/checks-name-the-output-and-what-to-do', async () => {
    const dir = folder();
    const msg = async (spec: Parameters<typeof prepareOutputs>[0]) => (await rejection(prepareOutputs(spec))).message;
    expect(await msg({ database: db(dir, 'read') })).toBe('No database at app.db. Create it first with: app seed');
    writeFileSync(join(dir, 'app.db'), '');
    expect(await msg({ database: db(dir, 'read') })).toBe('Empty file at app.db. Create it first with: app seed');
    writeFileSync(join(dir, 'app.db'), 'hello');
    expect(await msg({ database: db(dir, 'write') })).toMatch(/^The file app\.db is not a SQLite database \(or it is damaged\)/);
    expect(await msg({ database: db(dir, 'replace') })).toMatch(/^app\.db is not a SQLite database \(it is another kind of file\); .*add --force/);
    writeFileSync(join(dir, 'app.db'), SQLITE);
    expect(await msg({ database: db(dir, 'replace', ['items', 'invoices']) })).toMatch(/^app\.db holds other tables \(invoices\)/);
    const forced = await prepareOutputs({ database: db(dir, 'replace', ['invoices']), force: true });
    expect(forced.existing).toEqual({ kind: 'forced' });
    forced.discard();
    const own = await prepareOutputs({ database: db(dir, 'replace', ['items']) });
    expect(own.existing).toEqual({ kind: 'own', tables: ['items'] });
    own.discard();
    const report = (file: string) => ({ file: join(dir, file), flag: '--report', example: 'r.html' });
    symlinkSync(join(dir, 'app.db'), join(dir, 'link'));
    expect(await msg({ database: db(dir, 'write'), files: [report('app.db')], force: true })).toMatch(/is the database app\.db itself/);
    expect(await msg({ database: db(dir, 'write'), files: [report('link')], force: true })).toMatch(/is the database app\.db itself/);
    expect(await msg({ database: db(dir, 'write'), files: [report('app.db-journal')], force: true })).toMatch(/is the database app\.db itself/);
    expect(readdirSync(dir).sort()).toEqual(['app.db', 'link']);
  });

  it('outputs/temp-files-of-dead-processes-are-removed', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'app.db'), SQLITE);
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const stale = [`.app.db.${dead}-0123abcd.lumix-tmp`, `.app.db.${dead}-0123abcd.lumix-tmp-journal`, `.r.html.${dead}-89abcdef.lumix-tmp`];
    const live = `.app.db.${process.ppid}-0123abcd.lumix-tmp`;
    for (const f of [...stale, live]) writeFileSync(join(dir, f), 'x');
    const o = await prepareOutputs({ database: db(dir, 'replace', ['items']), files: [{ file: join(dir, 'r.html'), flag: '--report', example: 'r.html' }] });
    for (const f of stale) expect(existsSync(join(dir, f)), f).toBe(false);
    expect(existsSync(join(dir, live)), 'a live process keeps its files').toBe(true);
    o.discard();
    expect(readdirSync(dir).sort()).toEqual([live, 'app.db'].sort());
  });

  it('outputs/a-missing-folder-is-bad-input', async () => {
    const dir = folder();
    const e = await rejection(prepareOutputs({ database: { ...db(dir, 'replace'), file: join(dir, 'no', 'app.db') } }));
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
    expect(e.message).toMatch(/The folder of --db app\.db does not exist/);
  });
});
