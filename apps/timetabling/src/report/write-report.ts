import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LumixError } from '@lumix/core';

/**
 * Writes a report in two steps so that a failed command leaves no half-written file: `stage`
 * writes to a temporary file next to the target, `commit` renames it into place, `discard`
 * removes it.
 */
export interface StagedFile {
  readonly path: string;
  stage(content: string): void;
  commit(): void;
  discard(): void;
}

/**
 * A {@link StagedFile} for `path`.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the target directory does not exist (checked up
 *   front, before any work is done).
 */
export function stagedFile(path: string): StagedFile {
  if (!existsSync(dirname(path))) {
    throw new LumixError('INVALID_ARGUMENT', `Directory ${dirname(path)} does not exist; create it or choose another --report path.`, {
      details: { file: path },
    });
  }
  const temp = `${path}.${process.pid}.tmp`;
  let staged = false;
  return {
    path,
    stage(content) {
      try {
        writeFileSync(temp, content, 'utf8');
      } catch (e) {
        throw new LumixError('INVALID_ARGUMENT', `Cannot write the report ${path}: ${(e as Error).message}.`, { cause: e, details: { file: path } });
      }
      staged = true;
    },
    commit() {
      if (staged) renameSync(temp, path);
      staged = false;
    },
    discard() {
      if (staged) rmSync(temp, { force: true });
      staged = false;
    },
  };
}
