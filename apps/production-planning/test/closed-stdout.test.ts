import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { seedDatabase } from '../src/commands/seed-command.js';
import { runAppWithClosedStdout } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

// `production-planning solve … | head -1`: the reader closes the pipe after its line, every later
// write to stdout fails with EPIPE. The solve must still save its run and exit 0 (its own code),
// without a stack trace.

const root = useTempDir('epipe');

describe('solve with a closed stdout', () => {
  it('closed-stdout/the-run-is-saved-and-the-exit-code-is-0', async () => {
    const db = join(root, 'production.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    const r = await runAppWithClosedStdout(['solve', '--orm', 'sqlite', '--solver', 'highs'], root, { LUMIX_SOLVER: undefined });
    expect(r.stderr).not.toMatch(/EPIPE|internal error|at .*\.ts:\d+/);
    expect(r.code, r.stderr).toBe(0);
    const adapter = await openSqliteAdapter(db);
    try {
      const runs = await adapter.query<{ id: number; status: string; objective: number }>('SELECT id, status, objective FROM solve_runs');
      expect(runs).toHaveLength(1);
      expect(runs[0]?.status).toBe('optimal');
      // The tutorial LP's optimum (step 1), and its schedule rows saved with it.
      expect(runs[0]?.objective).toBeCloseTo(2735.71, 2);
      const rows = await adapter.query<{ n: number }>('SELECT COUNT(*) AS n FROM production_schedules WHERE run_id = ?', [Number(runs[0]?.id)]);
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await adapter.close();
    }
  });
});
