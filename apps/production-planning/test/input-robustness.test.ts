import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUTORIAL_DATA } from '../src/data/tutorial-data.js';
import { snapshotDatabase } from './support/db-snapshot.js';
import { runInProcess } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

// Input robustness (issue 10): data files that are deep, carry a BOM, hold 1e309, repeat ids, or
// hold nothing; run numbers written as anything but digits. Each is a clear exit 2, never a
// stack trace, and the database is unchanged.

const root = useTempDir('input');
let dir = '';
let before = '';

async function setup(): Promise<void> {
  if (dir !== '') return;
  dir = join(root, 'u');
  mkdirSync(dir);
  expect((await runInProcess(['seed', '--orm', 'sqlite'], dir)).code).toBe(0);
  expect((await runInProcess(['solve', '--orm', 'sqlite'], dir)).code).toBe(0);
  before = await snapshotDatabase(join(dir, 'production.db'));
}

async function seedWith(name: string, content: string | Buffer): Promise<{ code: number; stderr: string }> {
  await setup();
  writeFileSync(join(dir, name), content);
  const r = await runInProcess(['seed', '--orm', 'sqlite', '--data', name], dir);
  expect(r.stderr, name).not.toMatch(/internal error|^\s+at /m);
  return r;
}

const tutorialWith = (change: (d: Record<string, Record<string, unknown>[]>) => void): string => {
  const d = JSON.parse(JSON.stringify(TUTORIAL_DATA)) as Record<string, Record<string, unknown>[]>;
  change(d);
  return JSON.stringify(d);
};

describe('input robustness', () => {
  it('input/deeply-nested-json-is-refused-with-a-message', async () => {
    const invalid = await seedWith('deep-invalid.json', '['.repeat(200_000));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/deep-invalid\.json is not valid JSON \(line 1, column 200001\)/);
    const valid = await seedWith('deep-valid.json', `{"products": ${'['.repeat(100_000)}1${']'.repeat(100_000)}}`);
    expect(valid.code).toBe(2);
    expect(valid.stderr).toMatch(/deep-valid\.json nests lists and objects more than 32 levels deep \(line 1, column 45\)/);
    expect(await snapshotDatabase(join(dir, 'production.db'))).toBe(before);
  });

  it('input/utf8-bom-is-accepted-and-a-utf16-one-named', async () => {
    const text = JSON.stringify(TUTORIAL_DATA);
    const utf16 = await seedWith('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toMatch(/utf16\.json is UTF-16 \(it starts with a UTF-16 byte-order mark, BOM\); save it as UTF-8/);
    expect(await snapshotDatabase(join(dir, 'production.db'))).toBe(before);
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${text}`);
    const bom = await runInProcess(['seed', '--orm', 'sqlite', '--data', 'bom.json', '--db', 'bom.db'], dir);
    expect(bom.code, bom.stderr).toBe(0);
  });

  it('input/1e309-is-not-a-finite-number', async () => {
    await setup();
    const r = await seedWith('huge.json', tutorialWith((d) => (d['machines']![0]!['available_hours'] = 1)).replace('"available_hours":1', '"available_hours":1e309'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/machines #1 \(id 1, "Cutting Machine"\): available_hours is not a finite number \(a value beyond ±1\.8e308, such as 1e309, reads as infinite\); it must be a finite number/);
    expect(r.stderr).not.toMatch(/is null|Infinity/);
  });

  it('input/duplicate-ids-name-both-records', async () => {
    const r = await seedWith('dup.json', tutorialWith((d) => (d['products']![2]!['id'] = 1)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/products #3 \(id 1, "Desk"\): id 1 is also used by products #1 \(id 1, "Chair"\); ids must be unique/);
  });

  it('input/all-empty-data-file-is-refused', async () => {
    const r = await seedWith('empty.json', JSON.stringify({ products: [], machines: [], raw_materials: [], production_recipes: [], material_requirements: [] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"products" is empty; add at least one product/);
    expect(await snapshotDatabase(join(dir, 'production.db'))).toBe(before);
  });

  it('input/run-must-be-plain-digits', async () => {
    await setup();
    for (const run of ['0x1', '1e0', '+1', ' 1', '1.0', '0b1', 'Infinity', '-1']) {
      const r = await runInProcess(['show', '--orm', 'sqlite', '--run', run], dir);
      expect(r.code, run).toBe(2);
      expect(r.stderr, run).toContain(`Flag '--run' needs a whole number; got '${run}' (write it in digits, such as 3).`);
    }
    expect((await runInProcess(['show', '--orm', 'sqlite', '--run', '1'], dir)).code).toBe(0);
  });
});
