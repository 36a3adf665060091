import { describe, expect, it } from 'vitest';
import { LumixError } from '@lumix/core';
import { EXIT_CODES, describeError, environmentKind, explainEnvironmentError, exitCodeForError } from '@lumix/app-kit';

/** A LumixError as the SQL layer raises it for a driver error read into a kind. */
const sqlError = (kind: string, code: string) =>
  new LumixError('PERSISTENCE_FAILED', 'Saving the run of model m failed; nothing was written. Inserting into solve_runs failed: ...', {
    details: { kind, originalCode: code, originalMessage: 'x' },
    cause: Object.assign(new Error(`${code}: x`), { code }),
  });

describe('environment errors', () => {
  it('environment/kinds-read-from-error-kinds-and-codes-not-text', () => {
    expect(environmentKind(sqlError('busy', 'SQLITE_BUSY'))).toBe('busy');
    expect(environmentKind(sqlError('read-only', 'SQLITE_READONLY'))).toBe('read-only');
    expect(environmentKind(sqlError('disk-full', 'SQLITE_FULL'))).toBe('disk-full');
    expect(environmentKind(sqlError('not-a-database', 'SQLITE_NOTADB'))).toBe('not-a-database');
    expect(environmentKind(sqlError('corrupt', 'SQLITE_CORRUPT'))).toBe('not-a-database');
    expect(environmentKind(sqlError('cannot-open', 'SQLITE_CANTOPEN'))).toBe('cannot-create');
    // An adapter that did not read the code into a kind: the driver's code, on the error or a cause.
    expect(environmentKind(new LumixError('SOURCE_FAILED', 'Cannot open', { cause: Object.assign(new Error('SQLITE_NOTADB: file is not a database'), { code: 'SQLITE_NOTADB' }) }))).toBe(
      'not-a-database',
    );
    expect(environmentKind(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))).toBe('disk-full');
    // Never from the message text.
    expect(environmentKind(new Error('SQLITE_BUSY: database is locked'))).toBeUndefined();
    expect(environmentKind(new LumixError('DATA_ERROR', 'the disk is full'))).toBeUndefined();
    expect(environmentKind(sqlError('unique-violation', 'SQLITE_CONSTRAINT'))).toBeUndefined();
  });

  it('environment/exit-2-with-the-file-the-cause-and-what-to-do-no-stack', () => {
    const e = explainEnvironmentError(sqlError('busy', 'SQLITE_BUSY'), '/data/plan.db');
    expect(e).toBeDefined();
    expect(exitCodeForError(e)).toBe(EXIT_CODES.badInput);
    expect(describeError(e)).toBe(
      'error: The database /data/plan.db is locked by another process (another solve or seed, or a program that has the database open); nothing was changed. ' +
        'Wait until it is done, then run the command again. (SQLITE_BUSY: x)',
    );
    // Unexplained, still exit 2 and no stack: the SQL layer's kind is enough.
    const raw = sqlError('disk-full', 'SQLITE_FULL');
    expect(exitCodeForError(raw)).toBe(EXIT_CODES.badInput);
    expect(describeError(raw)).not.toMatch(/internal error|^\s+at /m);
    // A bug stays exit 1 with its stack.
    expect(exitCodeForError(new TypeError('x is undefined'))).toBe(EXIT_CODES.internal);
    expect(describeError(new TypeError('x is undefined'))).toMatch(/^internal error: x is undefined\n\s+at /);
    // Explained once: an error wrapping an explained one (saveRun copies its details) gives the inner one.
    const inner = explainEnvironmentError(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), '/r/plan.html') as LumixError;
    const outer = new LumixError('PERSISTENCE_FAILED', `Saving failed. ${inner.message}`, { cause: inner, details: { ...inner.details } });
    expect(explainEnvironmentError(outer, '/data/plan.db')).toBe(inner);
  });
});
