import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, readFixture } from '@lumix/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateItc, parseItcSolution } from '../src/itc/itc-evaluate.js';
import { parseItcInstance } from '../src/itc/itc-instance.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows, snapshot } from './support/read-db.js';

// import-itc → solve (HiGHS, short time limit) → the saved rows scored by the evaluator straight
// from the database → export-itc → the exported file read back and scored again; show, runs and
// the report on the same database. comp01 (160 lectures) and comp04 (286 lectures, 18 rooms).

afterAll(removeTempDirs);

interface Row {
  readonly course: string;
  readonly room: string;
  readonly day: number;
  readonly period: number;
}

async function savedTimetable(db: string, run: number): Promise<Row[]> {
  return readRows<Row>(
    db,
    'SELECT c.name AS course, r.name AS room, a.day AS day, a.period AS period FROM itc_assignments a JOIN itc_courses c ON c.id = a.course_id JOIN itc_rooms r ON r.id = a.room_id WHERE a.run_id = ?',
    [run],
  );
}

async function endToEnd(name: string, timeLimit: number, orm: string): Promise<void> {
  const dir = tempDir();
  const inst = parseItcInstance(readFixture(`itc2007/ctt/${name}.ctt`), `${name}.ctt`);
  const lectures = inst.courses.reduce((n, c) => n + c.lectures, 0);
  expect((await cli(dir, 'import-itc', fixturePath(`itc2007/ctt/${name}.ctt`), '--db', 'itc.db', '--orm', orm)).code).toBe(0);
  const db = join(dir, 'itc.db');

  const solved = await cli(dir, 'solve', '--db', 'itc.db', '--orm', orm, '--time-limit', String(timeLimit), '--report', 'itc.html');
  expect(solved.code, solved.stderr).toBe(0);
  expect(solved.stdout).toMatch(/Saved run #1: \d+ lectures, cost \d+/);
  // A solve of 20 s or more reports its progress on stderr every 5 s (app-kit's solveProgressOptions).
  expect(solved.stderr).toMatch(/^progress \d[\d.,]* s: incumbent [\d.,]+, bound ([\d.,]+|—), gap ([\d.,]+%|—), [\d,]+ nodes/m);

  // The saved rows, scored independently of the model.
  const rows = await savedTimetable(db, 1);
  expect(rows).toHaveLength(lectures);
  const score = evaluateItc(inst, rows);
  expect(score.hard).toBe(0);
  const [run] = await readRows<{ objective: number; model_name: string; num_variables: number }>(db, 'SELECT objective, model_name, num_variables FROM solve_runs WHERE id = 1');
  expect(run).toMatchObject({ objective: score.soft, model_name: 'itc' });
  expect(run!.num_variables).toBeGreaterThan(0);
  expect(solved.stdout).toContain(`cost ${score.soft},`);

  // Export, then the file read back through the evaluator gives the same score.
  const exported = await cli(dir, 'export-itc', '--db', 'itc.db', '--orm', orm, '--out', `${name}.sol`);
  expect(exported.code, exported.stderr).toBe(0);
  const text = readFileSync(join(dir, `${name}.sol`), 'utf8');
  expect(text.trim().split('\n')).toHaveLength(lectures);
  expect(text).toMatch(/^\S+ \S+ \d \d\n/);
  expect(evaluateItc(inst, parseItcSolution(text, `${name}.sol`))).toEqual(score);
  const evaluated = await cli(dir, 'evaluate-itc', `${name}.sol`, '--db', 'itc.db', '--orm', orm);
  expect(evaluated.code, evaluated.stderr).toBe(0);
  expect(evaluated.stdout).toMatch(new RegExp(`cost \\(UD2\\)\\s+${score.soft}\\b`));

  // show, runs and the report work on it.
  const shown = await cli(dir, 'show', '--db', 'itc.db', '--orm', orm);
  expect(shown.code, shown.stderr).toBe(0);
  expect(shown.stdout).toMatch(new RegExp(`cost \\(UD2\\)\\s+${score.soft}\\b`));
  expect(shown.stdout).toMatch(/hard violations\s+0\b/);
  const runs = await cli(dir, 'runs', '--db', 'itc.db', '--orm', orm);
  expect(runs.code).toBe(0);
  expect(runs.stdout).toMatch(new RegExp(`^\\s+1 .* ${score.soft}\\s+${lectures}\\s`, 'm'));
  const html = readFileSync(join(dir, 'itc.html'), 'utf8');
  expect(html).toContain(`ITC-2007 timetable ${inst.name}`);
  expect(html).toContain(`<span class="value">${score.soft}</span>`);
}

describe('ITC-2007 end to end', () => {
  it('itc/e2e/comp01-import-solve-export-evaluate', async () => {
    await endToEnd('comp01', 20, 'sequelize');
  }, 90_000);

  it('itc/e2e/comp04-import-solve-export-evaluate', async () => {
    await endToEnd('comp04', 40, 'sqlite');
  }, 120_000);

  it('itc/e2e/evaluate-itc-scores-a-reference-solution-file', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'import-itc', fixturePath('itc2007/ctt/comp01.ctt'), '--db', 'c.db')).code).toBe(0);
    const r = await cli(dir, 'evaluate-itc', fixturePath('itc2007/solutions/comp01.sol'), '--db', 'c.db');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/room occupancy\s+0\b/);
    expect(r.stdout).toMatch(/room capacity \(1\/student\)\s+4\b/);
    expect(r.stdout).toMatch(/room stability \(1\/room\)\s+1\b/);
    expect(r.stdout).toMatch(/cost \(UD2\)\s+5\b/);
    writeFileSync(join(dir, 'bad.sol'), 'c0001 rB 0 0\nc0001 rB zero 1\n');
    const bad = await cli(dir, 'evaluate-itc', 'bad.sol', '--db', 'c.db');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.sol line 2/);
  });

  it('itc/e2e/export-and-show-refuse-bad-requests-and-change-nothing', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'import-itc', fixturePath('itc2007/ctt/comp11.ctt'), '--db', 'itc.db')).code).toBe(0);
    const db = join(dir, 'itc.db');
    const before = await snapshot(db);
    const noRuns = await cli(dir, 'export-itc', '--db', 'itc.db', '--out', 'x.sol');
    expect(noRuns.code).toBe(2);
    expect(noRuns.stderr).toMatch(/has no saved runs yet/);
    expect(existsSync(join(dir, 'x.sol'))).toBe(false);
    expect((await cli(dir, 'show', '--db', 'itc.db', '--run', '3')).code).toBe(2);
    expect((await cli(dir, 'export-itc', '--db', 'itc.db')).stderr).toMatch(/needs --out FILE/);
    // An existing file that is not a solution file is kept without --force.
    writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
    const kept = await cli(dir, 'export-itc', '--db', 'itc.db', '--out', 'notes.txt');
    expect(kept.code).toBe(2);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect((await cli(dir, 'export-itc', '--db', 'missing.db', '--out', 'x.sol')).stderr).toMatch(/No database at missing\.db.*import-itc/);
    // ITC databases are SQLite files: a server URL is refused by name, before anything is opened.
    const url = await cli(dir, 'import-itc', fixturePath('itc2007/ctt/comp01.ctt'), '--db', 'postgres://lumix:secret@localhost:1/itc');
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/import-itc works on a SQLite database file for now/);
    expect(url.stderr).not.toContain('secret');
    expect(await snapshot(db)).toEqual(before);
  });
});
