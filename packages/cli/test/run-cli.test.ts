import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readMps } from '@lumix/core/io';
import { fixturePath, readFixture } from '@lumix/test-fixtures';
import { EXIT_CODES, HELP_TEXT, exitCodeForStatus, problemFileFormat, runCli } from '../src/index.js';

// The same command in-process: argument handling and file formats, without a process per case.

const tmp = mkdtempSync(join(tmpdir(), 'lumix-run-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}, cwd = tmp) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env, cwd });
  return { code, out, err };
}

describe('lumix arguments', () => {
  it('args/help-and-version', async () => {
    expect(await cli(['--help'])).toEqual({ code: 0, out: [HELP_TEXT], err: [] });
    expect((await cli(['help'])).code).toBe(0);
    expect((await cli(['--version'])).out).toEqual(['0.1.0']);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toEqual([HELP_TEXT]);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['unknown-option', ['solve', 'a.mps', '--bogus'], /^lumix: Unknown option '--bogus' \(see lumix --help\)\.$/],
    ['missing-value', ['solve', 'a.mps', '--time-limit'], /^lumix: Option '--time-limit' needs a value \(see lumix --help\)\.$/],
    ['unknown-command', ['optimise', 'a.mps'], /^lumix: Unknown command 'optimise'/],
    ['option-of-another-command', ['convert', 'a.mps', 'b.lp', '--json'], /--json does not apply to 'lumix convert'/],
    ['no-file', ['solve'], /'lumix solve' takes one FILE, got 0/],
    ['two-files', ['solve', 'a.mps', 'b.mps'], /takes one FILE, got 2/],
    ['convert-one-file', ['convert', 'a.mps'], /'lumix convert' takes IN and OUT, got 1/],
    ['bad-time-limit', ['solve', fixturePath('netlib/afiro.mps'), '--time-limit', 'soon'], /--time-limit must be a number of seconds > 0, got 'soon'/],
    ['zero-time-limit', ['solve', fixturePath('netlib/afiro.mps'), '--time-limit', '0'], /--time-limit must be a number of seconds > 0/],
    ['negative-gap', ['solve', fixturePath('netlib/afiro.mps'), '--mip-gap=-1'], /--mip-gap must be a number >= 0, got '-1'/],
    ['dash-value', ['solve', fixturePath('netlib/afiro.mps'), '--mip-gap', '-1'], /Option '--mip-gap' got a value that starts with '-'; write it as --mip-gap=VALUE/],
    ['unknown-solver', ['solve', fixturePath('netlib/afiro.mps'), '--solver', 'cplex'], /Unknown solver 'cplex'/],
    ['unknown-extension', ['solve', 'model.txt'], /'model\.txt' has an unknown extension; use \.mps .* or \.lp/],
    ['missing-file', ['solve', 'nowhere.mps'], /^lumix: Cannot read 'nowhere\.mps': no such file or directory \(.*nowhere\.mps\)\.$/],
    ['bad-format', ['convert', fixturePath('netlib/afiro.mps'), 'x.mps', '--format', 'wide'], /--format must be 'free' or 'fixed'/],
    ['bad-objective-rhs', ['solve', fixturePath('netlib/afiro.mps'), '--objective-rhs', 'half'], /--objective-rhs must be 'minus'/],
  ];
  for (const [name, args, message] of bad) {
    it(`args/${name}-exits-2`, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
    });
  }

  it('args/unknown-solver-from-environment', async () => {
    const r = await cli(['solve', fixturePath('netlib/afiro.mps')], { LUMIX_SOLVER: 'cplex' });
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^lumix: Unknown solver 'cplex' \(from LUMIX_SOLVER\)\. Choose one of highs, glpk\b/);
  });

  it('args/exit-code-per-status', () => {
    expect(exitCodeForStatus('optimal')).toBe(EXIT_CODES.ok);
    for (const s of ['infeasible', 'unbounded', 'infeasible-or-unbounded'] as const) expect(exitCodeForStatus(s)).toBe(3);
    for (const s of ['time-limit', 'iteration-limit', 'interrupted'] as const) expect(exitCodeForStatus(s)).toBe(4);
    expect(exitCodeForStatus('error')).toBe(1);
  });
});

describe('lumix files', () => {
  it('files/format-by-extension', () => {
    expect(problemFileFormat('a/B.MPS')).toEqual({ format: 'mps', gzip: false });
    expect(problemFileFormat('x.lp.gz')).toEqual({ format: 'lp', gzip: true });
    expect(() => problemFileFormat('x.gz')).toThrow(/unknown extension/);
  });

  it('files/relative-paths-from-cwd-and-gzip', async () => {
    writeFileSync(join(tmp, 'afiro.mps.gz'), gzipSync(readFixture('netlib/afiro.mps')));
    const r = await cli(['convert', 'afiro.mps.gz', 'afiro.lp']);
    expect(r).toEqual({ code: 0, out: ['wrote afiro.lp: 27 rows, 32 columns (0 integer), 83 non-zeros'], err: [] });
    expect(readFileSync(join(tmp, 'afiro.lp'), 'utf8')).toMatch(/^Minimize$/m);
    expect((await cli(['convert', 'afiro.lp', 'out.mps', '--format', 'fixed'])).code).toBe(0);
    expect(readMps(readFileSync(join(tmp, 'out.mps'), 'utf8'), { format: 'fixed' }).numCols).toBe(32);
  });

  it('files/e226-objective-rhs-flag', async () => {
    const e226 = fixturePath('netlib/e226.mps');
    const minus = JSON.parse((await cli(['solve', e226, '--json'])).out[0]!) as { objective: number };
    const ignore = JSON.parse((await cli(['solve', e226, '--json', '--objective-rhs', 'ignore'])).out[0]!) as { objective: number };
    expect(minus.objective).toBeCloseTo(-11.638929066, 6);
    expect(ignore.objective).toBeCloseTo(-18.751929066, 6);
  });

  it('files/parse-error-names-the-path-as-typed', async () => {
    writeFileSync(join(tmp, 'broken.lp'), 'Minimize\n obj: x +\nSubject To\n c: x >= 1\nEnd\n');
    const r = await cli(['solve', 'broken.lp']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(["lumix: broken.lp:2: expected a number or a column name after '+' but found the end of the section."]);
  });
});
