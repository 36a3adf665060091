// The README's example, run as written (the database URL is a fresh database on this package's
// throw-away PostgreSQL server, and the last line checks instead of printing): a knapsack job
// queued, solved on a warm HiGHS pool, its result saved with the job's UNIQUE key.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createStandardForm } from '@lumix/core';
import { newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';
import { createWarmSolvers, isUniqueViolation, openJobQueue, untilSignal, withPostgres } from '../src/index.js';

const server = testPostgres();
// HiGHS is a devDependency of this package: the pool resolves it from here.
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Knapsack {
  readonly values: number[];
  readonly weights: number[];
  readonly capacity: number;
}

if ('skip' in server) {
  console.warn(`[jobs readme] skipped: ${server.skip}`);
  it.skip(`readme/knapsack-job (${server.skip})`, () => undefined);
} else {
  it('readme/knapsack-job: queued, solved to its optimum on a warm pool, saved once', { timeout: 60_000 }, async () => {
    const url = await newPostgresDatabase(server.url, 'lumix_jobs_readme');
    // --- README ---
    const queue = await openJobQueue<Knapsack>(url, { name: 'knapsacks' }, 'worker');
    await queue.transaction((tx) => tx.query('CREATE TABLE IF NOT EXISTS knapsack_results (id serial PRIMARY KEY, job_id text UNIQUE NOT NULL, best double precision)'));
    const id = await queue.submit({ values: [10, 13, 7], weights: [4, 6, 3], capacity: 9 });

    const solvers = createWarmSolvers({ size: 2, cwd: PACKAGE_DIR });
    const savedFor = async (jobId: string): Promise<number | undefined> =>
      (await queue.transaction((tx) => tx.query<{ id: number }>('SELECT id FROM knapsack_results WHERE job_id = $1', [jobId])))[0]?.id;

    await untilSignal((signal) =>
      queue.work(
        async (job) => {
          const { values, weights, capacity } = job.data;
          const problem = createStandardForm({
            sense: 'max',
            columns: values.map((v, j) => ({ name: `take${j}`, cost: v, ub: 1, integer: true })),
            rows: [{ ub: capacity, terms: weights.map((w, j): [number, number] => [j, w]) }],
          });
          const { solver } = await solvers.get('highs');
          const result = await solver.solve(problem);
          if (result.status !== 'optimal') return { failed: `no optimum: ${result.status}` }; // not retried
          try {
            const runId = await queue.transaction(
              async (tx) => (await tx.query<{ id: number }>('INSERT INTO knapsack_results (job_id, best) VALUES ($1, $2) RETURNING id', [job.id, result.objective]))[0]!.id,
            );
            return { runId };
          } catch (e) {
            // Another attempt of this job saved first: report its row. Anything else: thrown, the job is retried.
            const other = isUniqueViolation(e) ? await savedFor(job.id) : undefined;
            if (other === undefined) throw e;
            return { runId: other, reused: true };
          }
        },
        { concurrency: 2, exitWhenIdle: true, signal },
      ),
    );
    await solvers.close();
    expect([(await queue.job(id))?.state, (await queue.job(id))?.runId]).toEqual(['done', 1]);
    await queue.close();
    // --- end of README ---
    // Items 1 and 2 (weights 6 + 3 = 9): 13 + 7 = 20; no other subset within 9 does better (4 + 3 gives 17).
    expect(await withPostgres(url, (c) => c.query('SELECT job_id, best FROM knapsack_results'))).toEqual([{ job_id: id, best: 20 }]);
  });
}
