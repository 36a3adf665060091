import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { LumixError } from '@lumix/core';

/** What is at a database path before the app touches it. */
export type DatabaseFileState = 'missing' | 'empty' | 'sqlite';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Looks at a path without opening it as a database (opening would create it): `missing`, an
 * `empty` file, or a `sqlite` database.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the path is a directory or a file that is not a
 *   SQLite database (so that nothing writes over the user's other files).
 */
export function inspectDatabaseFile(file: string): DatabaseFileState {
  if (!existsSync(file)) return 'missing';
  const st = statSync(file);
  if (st.isDirectory()) {
    throw new LumixError('INVALID_ARGUMENT', `${file} is a directory; give --db the path of a database file, e.g. --db ${file}/school.db.`, {
      details: { file },
    });
  }
  if (st.size === 0) return 'empty';
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') === SQLITE_HEADER) return 'sqlite';
  } finally {
    closeSync(fd);
  }
  throw new LumixError('INVALID_ARGUMENT', `${file} is not a SQLite database; choose another --db path (seed creates a new database there).`, {
    details: { file },
  });
}
