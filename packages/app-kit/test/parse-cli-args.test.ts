import { describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { formatUsage, parseCliArgs, type CliSpec } from '@lumix/app-kit';

const spec: CliSpec = {
  program: 'demo',
  summary: 'A demo.',
  commands: {
    seed: { description: 'Load data.', flags: { db: { type: 'string', description: 'database', valueName: 'FILE', default: 'x.db' } } },
    solve: {
      description: 'Solve.',
      flags: {
        solver: { type: 'string', description: 'backend', choices: ['highs', 'glpk'], default: 'highs' },
        'time-limit': { type: 'number', description: 'seconds', min: 0, exclusiveMin: true },
        run: { type: 'number', description: 'run id', integer: true, min: 1 },
        verbose: { type: 'boolean', description: 'log' },
      },
    },
  },
};

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('parseCliArgs', () => {
  it('args/command-and-flags', () => {
    const p = parseCliArgs(spec, ['--', 'solve', '--solver', 'glpk', '--time-limit=2.5', '--verbose']);
    expect(p.command).toBe('solve');
    expect(p.string('solver')).toBe('glpk');
    expect(p.number('time-limit')).toBe(2.5);
    expect(p.boolean('verbose')).toBe(true);
    expect([...p.given].sort()).toEqual(['solver', 'time-limit', 'verbose']);
  });

  it('args/defaults', () => {
    const p = parseCliArgs(spec, ['solve']);
    expect(p.string('solver')).toBe('highs');
    expect(p.number('time-limit')).toBeUndefined();
    expect(p.boolean('verbose')).toBe(false);
    expect(p.given.size).toBe(0);
  });

  it('args/help', () => {
    expect(parseCliArgs(spec, []).command).toBeNull();
    expect(parseCliArgs(spec, ['help']).command).toBeNull();
    const h = parseCliArgs(spec, ['seed', '--help']);
    expect(h.command).toBeNull();
    expect(h.helpFor).toBe('seed');
  });

  it('args/errors-name-the-flag', () => {
    const cases: [string[], RegExp][] = [
      [['nope'], /Unknown command 'nope'.*seed, solve/],
      [['--db', 'x'], /Expected a command/],
      [['solve', '--db', 'x'], /Unknown flag '--db' for 'solve'/],
      [['solve', '--solver', 'cplex'], /must be one of highs, glpk; got 'cplex'/],
      [['solve', '--time-limit', 'abc'], /needs a number; got 'abc'/],
      [['solve', '--time-limit', '0'], /greater than 0/],
      [['solve', '--run', '1.5'], /whole number/],
      [['solve', '--solver'], /needs a value/],
      [['solve', '--solver', '--verbose'], /needs a value/],
      [['solve', 'extra'], /Unexpected argument 'extra'/],
      [['solve', '--verbose', '--verbose'], /given twice/],
    ];
    for (const [argv, message] of cases) {
      const e = errorOf(() => parseCliArgs(spec, argv));
      expect(isLumixError(e, 'INVALID_ARGUMENT'), argv.join(' ')).toBe(true);
      expect((e as Error).message).toMatch(message);
    }
  });

  it('args/numbers-only-in-plain-notation', () => {
    // Number() reads 0x1, 0b1, 1e0, ' 1' and Infinity: none of them is a run id or a number of seconds.
    for (const run of ['0x1', '0b1', '0o1', '1e0', '+1', ' 1', '1 ', '1.0', 'Infinity', '', '9007199254740993']) {
      const e = errorOf(() => parseCliArgs(spec, ['solve', `--run=${run}`]));
      expect(isLumixError(e, 'INVALID_ARGUMENT'), run).toBe(true);
      expect((e as Error).message, run).toMatch(/Flag '--run' needs a whole number/);
    }
    for (const t of ['0x10', 'Infinity', '1e', '.', ' 2']) {
      expect((errorOf(() => parseCliArgs(spec, ['solve', `--time-limit=${t}`])) as Error).message, t).toMatch(/needs a number; got/);
    }
    expect(parseCliArgs(spec, ['solve', '--run', '12']).number('run')).toBe(12);
    expect(parseCliArgs(spec, ['solve', '--time-limit', '1.5e1']).number('time-limit')).toBe(15);
    expect(parseCliArgs(spec, ['solve', '--time-limit', '.5']).number('time-limit')).toBe(0.5);
  });

  it('usage/lists-commands-flags-defaults', () => {
    const u = formatUsage(spec);
    expect(u).toContain('demo seed [--db FILE]');
    expect(u).toContain('one of highs|glpk; default highs');
    expect(formatUsage(spec, 'seed')).not.toContain('solve');
  });
});
