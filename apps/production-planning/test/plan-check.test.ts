import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMockSolver } from '@lumix/core/testing';
import { snapshotDatabase } from './support/db-snapshot.js';
import { runInProcess } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

// A solver that answers with a point breaking the data (every product at its maximum demand,
// far more wood than there is): the plan fails its check, and must not be saved.
vi.mock('@lumix/app-kit', async (importOriginal) => {
  const kit = await importOriginal<typeof import('@lumix/app-kit')>();
  return {
    ...kit,
    chooseSolver: async () => ({
      solver: createMockSolver({ name: 'broken', fallback: (problem) => ({ colValues: problem.colUpper }) }),
      reason: 'test',
    }),
  };
});

const root = useTempDir('plan-check');

describe('the saved-plan check runs before the commit', () => {
  it('outputs/a-plan-that-fails-its-check-saves-no-run-and-no-report', async () => {
    const dir = join(root, 'u');
    mkdirSync(dir);
    expect((await runInProcess(['seed', '--orm', 'sqlite'], dir)).code).toBe(0);
    const db = join(dir, 'production.db');
    const before = await snapshotDatabase(db);
    for (const orm of ['sqlite', 'sequelize']) {
      const r = await runInProcess(['solve', '--orm', orm, '--report', 'plan.html'], dir);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toMatch(/broken returned a plan that fails the check against the database rows; nothing was saved/);
      expect(r.stderr).toMatch(/material 1 \(Wood \(board feet\)\) quantity/);
      expect(await snapshotDatabase(db)).toBe(before);
      expect(readdirSync(dir).sort()).toEqual(['production.db']);
    }
  });
});
