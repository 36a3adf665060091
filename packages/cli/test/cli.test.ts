import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '@lumix/test-fixtures';

// The real command in a child process, as a user runs it: exit codes, stdout and stderr.

const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'lumix-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const base = { ...process.env };
  delete base['LUMIX_SOLVER'];
  delete base['LUMIX_DEBUG'];
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function lumix(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', '--conditions=@lumix/source', 'src/main.ts', ...args], CLI_DIR, env);
}

interface Summary {
  readonly status: string;
  readonly objective: number | null;
  readonly solver: string;
  readonly seconds: number;
}

/** The one JSON line of `--json` (fails when stdout holds anything else). */
function summaryOf(r: Run): Summary {
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  const s = JSON.parse(lines[0]!) as Summary;
  expect(Object.keys(s)).toEqual(['status', 'objective', 'solver', 'seconds']);
  return s;
}

function expectClose(actual: number | null, expected: number, rel = 1e-6): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / Math.max(1, Math.abs(expected))).toBeLessThan(rel);
}

const AFIRO = fixturePath('netlib/afiro.mps');
const AFIRO_OPTIMUM = -464.75314286;

describe('lumix solve', () => {
  for (const solver of ['highs', 'glpk']) {
    it(`cli/afiro-optimal-${solver}`, async () => {
      const r = await lumix(['solve', AFIRO, '--solver', solver, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const s = summaryOf(r);
      expect(s.status).toBe('optimal');
      expect(s.solver).toBe(solver);
      expectClose(s.objective, AFIRO_OPTIMUM);
      expect(s.seconds).toBeGreaterThanOrEqual(0);
    });
  }

  it('cli/human-output-and-lumix-solver-env', async () => {
    const r = await lumix(['solve', AFIRO], { LUMIX_SOLVER: 'glpk' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/afiro\.mps: 27 rows, 32 columns \(0 integer\), 83 non-zeros/);
    expect(r.stdout).toMatch(/^status {5}optimal$/m);
    expect(r.stdout).toMatch(/^solver {5}glpk$/m);
    expect(r.stdout).toMatch(/^objective {2}-464\.753142857/m);
    expect(r.stdout).toMatch(/^seconds {4}\d+(\.\d+)?$/m);
  });

  it('cli/infeasible-lp-exits-3', async () => {
    const file = join(tmp, 'infeasible.lp');
    writeFileSync(file, 'Minimize\n obj: x + y\nSubject To\n c1: x + y >= 5\n c2: x + y <= 3\nEnd\n');
    for (const solver of ['highs', 'glpk']) {
      const r = await lumix(['solve', file, '--solver', solver, '--json']);
      expect(r.code).toBe(3);
      const s = summaryOf(r);
      expect(['infeasible', 'infeasible-or-unbounded']).toContain(s.status);
      expect(s.objective).toBeNull();
    }
  });

  it('cli/unbounded-lp-exits-3', async () => {
    const file = join(tmp, 'unbounded.lp');
    writeFileSync(file, 'Maximize\n obj: x + y\nSubject To\n c1: x - y <= 1\nEnd\n');
    for (const solver of ['highs', 'glpk']) {
      const r = await lumix(['solve', file, '--solver', solver, '--json']);
      expect(r.code).toBe(3);
      expect(['unbounded', 'infeasible-or-unbounded']).toContain(summaryOf(r).status);
    }
  });

  it('cli/huge-finite-numbers-exit-2-naming-the-column-not-a-wrong-answer', async () => {
    // HiGHS reads |v| >= 1e20 as infinite: x <= 1e25 used to come back 'unbounded' (exit 3), and a
    // cost of -1e308 'optimal' with the objective printed as null (exit 0).
    const bound = join(tmp, 'huge-bound.lp');
    writeFileSync(bound, 'Maximize\n obj: 3 x + 5 y\nSubject To\n c1: y <= 40\nBounds\n x <= 1e25\nEnd\n');
    const r = await lumix(['solve', bound, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lumix: Upper bound of x is 1e\+25, which solver 'highs' cannot represent.*Infinity.*rescale/);
    // GLPK represents 1e25: the same file is optimal there.
    const g = await lumix(['solve', bound, '--solver', 'glpk', '--json']);
    expect(g.code).toBe(0);
    expect(summaryOf(g).objective).toBeCloseTo(3e25 + 200, -12);

    const cost = join(tmp, 'huge-cost.lp');
    writeFileSync(cost, 'Minimize\n obj: -1e308 x + y\nSubject To\n c1: x + y <= 10\nEnd\n');
    for (const solver of ['highs', 'glpk']) {
      const c = await lumix(['solve', cost, '--solver', solver, '--json']);
      expect(c.code, c.stderr).toBe(2);
      expect(c.stdout).toBe('');
      // HiGHS: the cost is beyond its infinite_cost; GLPK: -1e308 · 10 overflows the objective.
      expect(c.stderr).toMatch(solver === 'highs' ? /Objective coefficient of x is -1e\+308/ : /objective is -Infinity.*overflow/);
    }
  });

  it('cli/time-limit-on-a-hard-mip-exits-4', async () => {
    // mas74 is not solved by either backend within 60 s (test-fixtures/miplib/README.md).
    for (const solver of ['highs', 'glpk']) {
      const r = await lumix(['solve', fixturePath('miplib/mas74.mps'), '--solver', solver, '--time-limit', '1', '--json']);
      expect(r.code).toBe(4);
      const s = summaryOf(r);
      expect(s.status).toBe('time-limit');
      expect(s.seconds).toBeLessThan(10);
      // An incumbent, if any, cannot beat the proven optimum.
      if (s.objective !== null) expect(s.objective).toBeGreaterThanOrEqual(11801.1857 - 1e-6);
    }
  });

  it('cli/malformed-mps-exits-2-naming-file-and-line', async () => {
    const file = join(tmp, 'bad.mps');
    writeFileSync(file, 'NAME bad\nROWS\n N obj\n L c1\nCOLUMNS\n    x obj 1 c1 abc\nRHS\nENDATA\n');
    const r = await lumix(['solve', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bad.mps:6:');
    expect(lines[0]).toMatch(/expected a number for the coefficient of column 'x' in row 'c1' but found 'abc'/);
  });

  it('cli/debug-shows-the-stack', async () => {
    const r = await lumix(['solve', join(tmp, 'missing.mps')], { LUMIX_DEBUG: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^lumix: Cannot read '.*missing\.mps': no such file or directory/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('lumix convert', () => {
  it('cli/convert-mps-lp-mps-round-trip-solves-the-same', async () => {
    const lp = join(tmp, 'afiro.lp');
    const fixed = join(tmp, 'afiro-again.mps');
    const toLp = await lumix(['convert', AFIRO, lp]);
    expect(toLp.code).toBe(0);
    expect(toLp.stdout).toMatch(/^wrote .*afiro\.lp: 27 rows, 32 columns \(0 integer\), 83 non-zeros$/m);
    expect((await lumix(['convert', lp, fixed, '--format', 'fixed'])).code).toBe(0);
    const direct = summaryOf(await lumix(['solve', AFIRO, '--json']));
    for (const file of [lp, fixed]) {
      const s = summaryOf(await lumix(['solve', file, '--json']));
      expect(s.status).toBe('optimal');
      expectClose(s.objective, direct.objective!, 1e-9);
    }
  });

  it('cli/convert-keeps-integers', async () => {
    const lp = join(tmp, 'p0033.lp');
    expect((await lumix(['convert', fixturePath('miplib/p0033.mps'), lp])).code).toBe(0);
    const r = await lumix(['solve', lp, '--json', '--mip-gap', '0']);
    expect(r.code).toBe(0);
    expectClose(summaryOf(r).objective, 3089, 1e-9);
  });
});

describe('pnpm lumix', () => {
  it('cli/pnpm-script-resolves-paths-from-where-it-was-run', async () => {
    // `pnpm -s lumix` from the repository root: the script runs in packages/cli, the path is
    // relative to the root (INIT_CWD).
    const r = await run('pnpm', ['-s', 'lumix', 'solve', 'test-fixtures/netlib/afiro.mps', '--json'], REPO_ROOT);
    expect(r.code).toBe(0);
    expectClose(summaryOf(r).objective, AFIRO_OPTIMUM);
  });
});
