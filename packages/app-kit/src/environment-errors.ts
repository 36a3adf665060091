import { LumixError, isLumixError } from '@lumix/core';

/**
 * What is wrong with the place an app reads or writes, rather than with the app or the data:
 *
 * - `busy`: another process holds the database's lock (another solve or seed, a SQL browser).
 * - `read-only`: the file or its folder cannot be written (permissions, a read-only file system).
 * - `disk-full`: no space left (or the quota is used up).
 * - `not-a-database`: the file is not a SQLite database, or it is damaged.
 * - `cannot-create`: no file can be created or opened at the path (a folder that is not writable
 *   or does not take files, such as `/proc`).
 * - `io-error`: the operating system failed a read or a write (a failing disk, a file removed
 *   while in use).
 *
 * The user fixes these, not the program: every app exits 2 for them, with a message naming the
 * file, the cause and what to do, and no stack trace.
 */
export type EnvironmentKind = 'busy' | 'read-only' | 'disk-full' | 'not-a-database' | 'cannot-create' | 'io-error';

const ENVIRONMENT_KINDS: ReadonlySet<string> = new Set<EnvironmentKind>(['busy', 'read-only', 'disk-full', 'not-a-database', 'cannot-create', 'io-error']);

/**
 * The SQL layer's driver-error kinds (`DriverErrorKind` of `@lumix/sql`, in a LumixError's
 * `details.kind`) that are environment failures, and what they are here.
 */
const BY_DRIVER_KIND: Readonly<Record<string, EnvironmentKind>> = {
  busy: 'busy',
  'read-only': 'read-only',
  'disk-full': 'disk-full',
  'not-a-database': 'not-a-database',
  corrupt: 'not-a-database',
  'cannot-open': 'cannot-create',
  'io-error': 'io-error',
};

/**
 * SQLite result codes (the driver's own code: `details.originalCode` of a LumixError, or `code`
 * of a sqlite3 error an adapter let through) for the failures the driver-error kinds do not name.
 */
const BY_SQLITE_CODE: Readonly<Record<string, EnvironmentKind>> = {
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_READONLY: 'read-only',
  SQLITE_PERM: 'read-only',
  SQLITE_FULL: 'disk-full',
  SQLITE_NOTADB: 'not-a-database',
  SQLITE_CORRUPT: 'not-a-database',
  SQLITE_CANTOPEN: 'cannot-create',
  SQLITE_IOERR: 'io-error',
};

/** Node's error codes (`errno` names) for file operations that fail because of the environment. */
const BY_ERRNO: Readonly<Record<string, EnvironmentKind>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EFBIG: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'read-only',
  EPERM: 'read-only',
};

/** The environment kind an error says by itself (not its causes), if any. */
function ownKind(e: unknown): EnvironmentKind | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  if (isLumixError(e)) {
    const d = e.details;
    const own = d['environmentKind'];
    if (typeof own === 'string' && ENVIRONMENT_KINDS.has(own)) return own as EnvironmentKind;
    const kind = d['kind'];
    if (typeof kind === 'string' && BY_DRIVER_KIND[kind] !== undefined) return BY_DRIVER_KIND[kind];
    const code = d['originalCode'];
    if (typeof code === 'string' && BY_SQLITE_CODE[code] !== undefined) return BY_SQLITE_CODE[code];
    return undefined;
  }
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  return BY_SQLITE_CODE[code] ?? BY_ERRNO[code];
}

/** `e` and its causes, outermost first (at most 10, so a cycle cannot loop). */
function causeChain(e: unknown): unknown[] {
  const chain: unknown[] = [];
  let x: unknown = e;
  while (x !== undefined && x !== null && chain.length < 10 && !chain.includes(x)) {
    chain.push(x);
    x = typeof x === 'object' ? (x as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

/**
 * The environment failure behind an error, if it is one: read from the kinds the SQL layer puts
 * in a LumixError's `details` (`kind`, `originalCode`), from a driver error's result code, or
 * from a file operation's errno code, on the error or any of its causes. Never from message text.
 */
export function environmentKind(e: unknown): EnvironmentKind | undefined {
  for (const x of causeChain(e)) {
    const k = ownKind(x);
    if (k !== undefined) return k;
  }
  return undefined;
}

/**
 * What each failure means for the file and what the user does about it, as sentences (the file
 * as given, or a generic phrase when it is not known).
 */
export function environmentMessage(kind: EnvironmentKind, file?: string): string {
  const f = file === undefined ? '' : ` ${file}`;
  switch (kind) {
    case 'busy':
      return `The database${f} is locked by another process (another solve or seed, or a program that has the database open); nothing was changed. Wait until it is done, then run the command again.`;
    case 'read-only':
      return `Cannot write${f}: the file or its folder is read-only, or you lack the permission; nothing was changed. Make both writable (for example chmod u+w), or copy the database to a writable folder and give that path.`;
    case 'disk-full':
      return `The disk${file === undefined ? '' : ` that holds ${file}`} is full; nothing was changed. Free some space, then run the command again.`;
    case 'not-a-database':
      return `The file${f} is not a SQLite database (or it is damaged); nothing was changed. Give --db the path of a database that seed created, or create one with seed.`;
    case 'cannot-create':
      return `No file can be created or opened ${file === undefined ? 'there' : `at ${file}`}: its folder does not take new files (it is not writable, or it is not a place for files, such as /proc); nothing was changed. Choose a path in a writable folder.`;
    case 'io-error':
      return `The operating system failed to read or write${file === undefined ? ' a file' : f} (an I/O error: a failing disk, or a file removed while in use); nothing was changed. Check the disk, then run the command again.`;
  }
}

/** An error made by {@link explainEnvironmentError}: it already names the file, the cause and the fix. */
function isExplained(e: unknown): e is LumixError {
  return isLumixError(e) && typeof e.details['environmentKind'] === 'string' && typeof e.details['file'] === 'string';
}

/**
 * Turns an environment failure into the error the user sees: a LumixError (same code as the
 * original when it was one) whose message names `file`, the cause and what to do, with
 * `details.environmentKind` and `details.file`; {@link exitCodeForError} gives it exit 2. An
 * error that already went through here (it may be a cause, e.g. a report that could not be
 * staged inside the save's transaction) is returned as it is. Anything else: `undefined`.
 *
 * @param file the file the command was working on, as the user should read it.
 */
export function explainEnvironmentError(e: unknown, file: string, detail?: string): LumixError | undefined {
  // The innermost: an error that wraps an explained one may copy its details (saveRun does).
  const explained = causeChain(e).reverse().find(isExplained);
  if (explained !== undefined) return explained;
  const kind = environmentKind(e);
  if (kind === undefined) return undefined;
  // What the system said, from the innermost error (the driver's or the file system's own words).
  const said =
    detail ??
    causeChain(e)
      .map((x) => (x instanceof Error ? x.message : ''))
      .filter((m) => m !== '')
      .pop();
  return new LumixError(isLumixError(e) ? e.code : 'SOURCE_FAILED', `${environmentMessage(kind, file)}${said === undefined ? '' : ` (${said})`}`, {
    cause: e,
    details: { file, environmentKind: kind },
  });
}

/**
 * A LumixError for a file operation that failed: explained when the environment is the cause
 * (with `detail` as what the system said, when given), else `INVALID_ARGUMENT` with `message`.
 */
export function fileOperationError(e: unknown, file: string, message: string, detail?: string): LumixError {
  return explainEnvironmentError(e, file, detail) ?? new LumixError('INVALID_ARGUMENT', message, { cause: e, details: { file } });
}

/**
 * Runs `work` and re-throws what it throws, environment failures explained for `file` (see
 * {@link explainEnvironmentError}); other errors pass unchanged.
 */
export async function withEnvironmentErrors<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw explainEnvironmentError(e, file) ?? e;
  }
}
