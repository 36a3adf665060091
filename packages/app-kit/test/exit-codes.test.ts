import { describe, expect, it } from 'vitest';
import { LUMIX_ERROR_CODES, LumixError } from '@lumix/core';
import { EXIT_CODES, EXIT_CODE_BY_ERROR, createBufferedOutput, exitCodeForError, runCli } from '@lumix/app-kit';

describe('exit codes', () => {
  it('exit/every-error-code-mapped', () => {
    for (const code of LUMIX_ERROR_CODES) expect([1, 2]).toContain(EXIT_CODE_BY_ERROR[code]);
    expect(exitCodeForError(new LumixError('DATA_ERROR', 'x'))).toBe(EXIT_CODES.badInput);
    expect(exitCodeForError(new LumixError('SOLVER_FAILED', 'x'))).toBe(EXIT_CODES.internal);
    expect(exitCodeForError(new TypeError('x'))).toBe(EXIT_CODES.internal);
  });

  it('exit/run-cli-prints-and-maps', async () => {
    const saved = process.exitCode;
    try {
      const o1 = createBufferedOutput();
      const c1 = await runCli(async () => {
        throw new LumixError('DATA_ERROR', 'Product 3 has a negative max_demand.');
      }, [], o1);
      expect(c1).toBe(2);
      expect(o1.stderr).toEqual(['error: Product 3 has a negative max_demand.']);

      const o2 = createBufferedOutput();
      const c2 = await runCli(async () => {
        throw new Error('boom', { cause: new Error('root') });
      }, [], o2);
      expect(c2).toBe(1);
      expect(o2.stderr.join('\n')).toMatch(/internal error: boom[\s\S]*caused by: root/);

      const o3 = createBufferedOutput();
      expect(await runCli(async (argv, out) => {
        out.out(argv.join(','));
        return 3;
      }, ['a', 'b'], o3)).toBe(3);
      expect(o3.text()).toBe('a,b');
    } finally {
      process.exitCode = saved;
    }
  });
});
