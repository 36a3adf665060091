import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LumixError } from '@lumix/core';
import { readLp, readMps, writeLp, writeMps } from '@lumix/core/io';
import type { StandardForm } from '@lumix/core';
import type { MpsFormat, ObjectiveRhsConvention } from '@lumix/core/io';

/** The file formats the command reads and writes, chosen by extension. */
export type ProblemFileFormat = 'mps' | 'lp';

/** Format and compression of a file, from its name: `.mps`, `.lp`, each optionally `.gz`. */
export function problemFileFormat(path: string): { readonly format: ProblemFileFormat; readonly gzip: boolean } {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const name = gzip ? lower.slice(0, -3) : lower;
  if (name.endsWith('.mps')) return { format: 'mps', gzip };
  if (name.endsWith('.lp')) return { format: 'lp', gzip };
  throw new LumixError(
    'INVALID_ARGUMENT',
    `'${path}' has an unknown extension; use .mps (free or fixed MPS) or .lp (CPLEX LP), optionally gzipped (.mps.gz, .lp.gz).`,
    { details: { file: path } },
  );
}

/** Options of {@link readProblemFile}. */
export interface ReadProblemFileOptions {
  /** Meaning of an objective-row RHS in MPS files. Default `'minus-rhs'` (constant = −RHS). */
  readonly objectiveRhs?: ObjectiveRhsConvention;
}

/**
 * Reads an LP or MPS file (format by extension, MPS layout detected) into a problem.
 * `shownAs` is the name error messages use (the path as the user typed it).
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown extension or a file that cannot be
 *   read; `PARSE_ERROR` naming the file and line for a malformed one.
 */
export function readProblemFile(path: string, shownAs: string, options: ReadProblemFileOptions = {}): StandardForm {
  const { format, text } = readProblemText(path, shownAs);
  return parseProblemText(text, format, shownAs, options);
}

/**
 * The text of an LP or MPS file (unzipped for `.gz`) and its format by extension, unparsed: what
 * `lumix submit` stores in the job.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown extension or a file that cannot be read.
 */
export function readProblemText(path: string, shownAs: string): { readonly format: ProblemFileFormat; readonly text: string } {
  const { format, gzip } = problemFileFormat(shownAs);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `Cannot read '${shownAs}': ${fileProblem(e, path)}.`, { cause: e, details: { file: shownAs } });
  }
  let text: string;
  try {
    text = (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `Cannot unzip '${shownAs}': ${(e as Error).message}. Is it really gzipped?`, { cause: e, details: { file: shownAs } });
  }
  return { format, text };
}

/**
 * Parses the text of an LP or MPS file; `file` names it in error messages (the path as the user typed it).
 *
 * @throws LumixError `PARSE_ERROR` naming the file and line for a malformed one.
 */
export function parseProblemText(text: string, format: ProblemFileFormat, file: string, options: ReadProblemFileOptions = {}): StandardForm {
  if (format === 'lp') return readLp(text, { file });
  return readMps(text, { file, ...(options.objectiveRhs === undefined ? {} : { objectiveRhs: options.objectiveRhs }) });
}

/** Options of {@link writeProblemFile}. */
export interface WriteProblemFileOptions {
  /** MPS layout. Default `'free'`. */
  readonly mpsFormat?: MpsFormat;
}

/**
 * Writes a problem to an LP or MPS file chosen by extension (gzipped for `.gz`).
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown extension or a path that cannot be written.
 */
export function writeProblemFile(problem: StandardForm, path: string, shownAs: string, options: WriteProblemFileOptions = {}): void {
  const { format, gzip } = problemFileFormat(shownAs);
  const text = format === 'lp' ? writeLp(problem) : writeMps(problem, { format: options.mpsFormat ?? 'free' });
  try {
    writeFileSync(path, gzip ? gzipSync(text) : text);
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `Cannot write '${shownAs}': ${fileProblem(e, path)}.`, { cause: e, details: { file: shownAs } });
  }
}

function fileProblem(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no such file or directory (${path})`;
  if (code === 'EISDIR') return `it is a directory (${path})`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${path})`;
  return (e as Error).message;
}
