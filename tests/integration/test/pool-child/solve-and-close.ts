// Run by solver-pool.test.ts as its own process: a pool solves, is closed, and the process must
// then end by itself. Prints what it saw as one JSON line.
import { readMps } from '@lumix/core/io';
import { createSolverPool } from '@lumix/solver-runtime';
import { readFixture } from '@lumix/test-fixtures';

const pool = await createSolverPool({ solver: 'highs', size: 2 });
const r = await pool.solve(readMps(readFixture('miplib/p0033.mps')));
const before = pool.stats().workers;
await pool.close();
console.log(JSON.stringify({ objective: r.objective, before, after: pool.stats().workers }));
