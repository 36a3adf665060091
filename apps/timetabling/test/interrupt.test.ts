// Ctrl-C and --time-limit keep the best timetable. The app runs as a child process (the solve in a
// worker thread, so that SIGINT is heard while HiGHS works) on a school three times the tutorial's
// step 4 (261 lectures, 73,560 binaries; HiGHS needs tens of seconds to prove the optimum, and
// finds a first timetable after about ten). Ctrl-C is sent like a terminal does, to the whole
// process group (tsx and the node process that runs the app, which may both deliver it: the app
// counts the copies as one press). Every saved timetable is re-checked from the database rows by the
// independent checker. The second press (quit at once, 130) is tested in app-kit's interrupt.test.ts:
// after the first press HiGHS stops within a fraction of a second, too soon to press again in time.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonFixture } from '@lumix/test-fixtures';
import { checkTimetable } from './support/check-timetable.js';
import { roomTypeViolations } from './support/check-steps.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows, readTimetable, snapshot } from './support/read-db.js';

afterAll(removeTempDirs);

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(APP_DIR, '..', '..', 'node_modules', '.bin', 'tsx');

type Row = Record<string, unknown>;

/** Tutorial step 4 three times over: teachers, classes, lectures and preferences copied with new ids, the same 12 rooms and 40 timeslots. */
function tripledStep4(): Record<string, Row[]> {
  const d = readJsonFixture<Record<string, Row[]>>('tutorial/timetabling_step4.json');
  const n = (table: string) => d[table]!.length;
  const [T, C, L, P] = [n('teachers'), n('classes'), n('lectures'), n('teacher_preferences')];
  const copies = [1, 2];
  const id = (r: Row, k: string) => r[k] as number;
  return {
    ...d,
    teachers: [...d['teachers']!, ...copies.flatMap((i) => d['teachers']!.map((t) => ({ ...t, id: id(t, 'id') + T * i, name: `${String(t['name'])} ${i}` })))],
    classes: [...d['classes']!, ...copies.flatMap((i) => d['classes']!.map((c) => ({ ...c, id: id(c, 'id') + C * i, name: `${String(c['name'])}-${i}` })))],
    lectures: [
      ...d['lectures']!,
      ...copies.flatMap((i) => d['lectures']!.map((l) => ({ ...l, id: id(l, 'id') + L * i, teacher_id: id(l, 'teacher_id') + T * i, class_id: id(l, 'class_id') + C * i }))),
    ],
    teacher_preferences: [
      ...d['teacher_preferences']!,
      ...copies.flatMap((i) =>
        d['teacher_preferences']!.map((p) => ({
          ...p,
          id: id(p, 'id') + P * i,
          teacher_id: id(p, 'teacher_id') + T * i,
          ...(p['lecture_id'] === null || p['lecture_id'] === undefined ? {} : { lecture_id: id(p, 'lecture_id') + L * i }),
        })),
      ),
    ],
  };
}

async function seededBigSchool(): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, 'big.json'), JSON.stringify(tripledStep4()));
  const r = await cli(dir, 'seed', '--orm', 'sqlite', '--data', 'big.json');
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/**
 * The app's `solve` as a child in its own process group, with its output watched. `via: 'tsx'` as
 * `pnpm start` runs it (tsx relays signals to the node process that runs the app, and kills it when
 * it does not acknowledge one within 30 ms, as while the main thread builds the model); `via:
 * 'node'` runs the app in one node process with tsx's loader, where a signal waits for the main
 * thread to be free.
 */
function startSolve(dir: string, via: 'tsx' | 'node', ...args: string[]) {
  const argv = ['--conditions=@lumix/source', ...(via === 'node' ? ['--import', 'tsx'] : []), 'src/main.ts', 'solve', '--orm', 'sqlite', ...args];
  const child = spawn(via === 'node' ? process.execPath : TSX, argv, {
    cwd: APP_DIR,
    env: { ...process.env, INIT_CWD: dir, LUMIX_SOLVER: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const check = (): void => {
    for (const w of waiters.splice(0)) if (w.re.test(stderr) || w.re.test(stdout)) w.resolve();
    else waiters.push(w);
  };
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    check();
  });
  const killer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 280_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
  return {
    done,
    /** Resolves once stderr or stdout matches `re`; rejects if the app exits first. */
    waitFor: (re: RegExp) =>
      Promise.race([
        new Promise<void>((resolve) => (re.test(stderr) || re.test(stdout) ? resolve() : waiters.push({ re, resolve }))),
        done.then((r) => {
          throw new Error(`the app exited (${String(r.code)}) before stderr matched ${String(re)}:\n${r.stderr}\n${r.stdout.slice(-2000)}`);
        }),
      ]),
    /** Ctrl-C as a terminal sends it: SIGINT to the whole process group. */
    ctrlC: () => {
      try {
        process.kill(-(child.pid as number), 'SIGINT');
      } catch (e) {
        throw new Error(`the app had already exited when Ctrl-C was sent (${(e as Error).message}):\n${stderr}`);
      }
    },
  };
}

describe('Ctrl-C keeps the best timetable', () => {
  it('interrupt/first-ctrl-c-saves-the-incumbent-as-interrupted-and-it-checks', async () => {
    const dir = await seededBigSchool();
    const solve = startSolve(dir, 'tsx');
    await solve.waitFor(/^progress .*incumbent [\d,]+\.\d\d.*$/m);
    solve.ctrlC();
    const r = await solve.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Ctrl-C: stopping the solver; the best timetable found so far is checked and saved.');
    expect(r.stdout).toMatch(/status\s+interrupted/);
    expect(r.stdout).toContain('note: The solver stopped when interrupted; the best solution it found is kept (weighted goal objective ');
    expect(r.stdout).toContain('Saved run #1: 261 assignments');
    const file = join(dir, 'school.db');
    const runs = await readRows<{ id: number; status: string; solver: string }>(file, 'SELECT id, status, solver FROM solve_runs');
    expect(runs).toEqual([{ id: 1, status: 'interrupted', solver: 'highs' }]);
    const t = await readTimetable(file, 1);
    expect(t.assignments).toHaveLength(261);
    expect(checkTimetable(t)).toEqual([]);
    expect(await roomTypeViolations(file, 1)).toEqual([]);
  }, 300_000);

  it('interrupt/no-incumbent-nothing-saved-exit-130', async () => {
    // GLPK reports no incumbents: its worker is stopped with none, so there is nothing to keep.
    const dir = await seededBigSchool();
    const file = join(dir, 'school.db');
    const before = await snapshot(file);
    const solve = startSolve(dir, 'node', '--solver', 'glpk');
    // Ctrl-C as soon as the school is loaded: the signal is handled once the model is built, and the solve starts aborted.
    await solve.waitFor(/^Loaded \d+ teachers/m);
    solve.ctrlC();
    const r = await solve.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('Ctrl-C: stopping the solver');
    expect(r.stderr).toContain('Interrupted (Ctrl-C) before glpk found any timetable; nothing was saved.');
    expect(await snapshot(file)).toEqual(before);
  }, 300_000);
});

describe('--time-limit keeps the best timetable', () => {
  it('time-limit/the-incumbent-at-the-limit-is-saved-as-time-limit-and-it-checks', async () => {
    const dir = await seededBigSchool();
    const solve = startSolve(dir, 'tsx', '--time-limit', '18');
    const r = await solve.done;
    const file = join(dir, 'school.db');
    const runs = await readRows<{ id: number; status: string }>(file, 'SELECT id, status FROM solve_runs');
    if (r.code === 3) {
      // No timetable within 18 s on a loaded machine: nothing saved, and the message says why.
      expect(r.stderr).toContain('No timetable found before the solver stopped (time-limit, --time-limit 18)');
      expect(runs).toEqual([]);
      console.log('time-limit: HiGHS found no timetable within 18 s on this machine; the keep-the-best path was not reached');
      return;
    }
    expect(r.code, r.stderr).toBe(0);
    // Either the limit stopped it with an incumbent, or HiGHS proved the optimum first.
    expect(['time-limit', 'optimal']).toContain(runs[0]?.status);
    console.log(`time-limit: run #1 saved with status ${String(runs[0]?.status)}`);
    if (runs[0]?.status === 'time-limit') expect(r.stdout).toContain('note: The solver stopped at the time limit (--time-limit 18); the best solution it found is kept');
    const t = await readTimetable(file, 1);
    expect(t.assignments).toHaveLength(261);
    expect(checkTimetable(t)).toEqual([]);
    expect(await roomTypeViolations(file, 1)).toEqual([]);
  }, 300_000);
});
