import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliChildWithClosedStdout, removeTempDirs, tempDir } from './support/cli.js';
import { readRows } from './support/read-db.js';

// `timetabling solve … | head -1`: the reader closes the pipe after its line, every later write to
// stdout fails with EPIPE. The solve must still save its timetable and exit 0 (its own code),
// without a stack trace.

afterAll(removeTempDirs);

describe('solve with a closed stdout', () => {
  it('closed-stdout/the-timetable-is-saved-and-the-exit-code-is-0', async () => {
    const dir = tempDir();
    const seeded = await cli(dir, 'seed', '--orm', 'sqlite');
    expect(seeded.code, seeded.stderr).toBe(0);
    const r = await cliChildWithClosedStdout(dir, 'solve', '--orm', 'sqlite', '--solver', 'highs');
    expect(r.stderr).not.toMatch(/EPIPE|internal error|at .*\.ts:\d+/);
    expect(r.code, r.stderr).toBe(0);
    const db = join(dir, 'school.db');
    const runs = await readRows<{ id: number; status: string }>(db, 'SELECT id, status FROM solve_runs');
    expect(runs.map((x) => x.status)).toEqual(['optimal']);
    // Every lecture placed once in the saved run.
    const lectures = await readRows<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM lectures');
    const placed = await readRows<{ n: number; distinct_lectures: number }>(
      db,
      'SELECT COUNT(*) AS n, COUNT(DISTINCT lecture_id) AS distinct_lectures FROM schedule_assignments WHERE run_id = ?',
      [runs[0]?.id],
    );
    expect(Number(lectures[0]?.n)).toBeGreaterThan(0);
    expect(Number(placed[0]?.n)).toBe(Number(lectures[0]?.n));
    expect(Number(placed[0]?.distinct_lectures)).toBe(Number(lectures[0]?.n));
  });
});
