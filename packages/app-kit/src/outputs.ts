import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, lstatSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LumixError } from '@lumix/core';
import { environmentMessage, explainEnvironmentError, fileOperationError, withEnvironmentErrors } from './environment-errors.js';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { isDatabaseUrl } from './database-location.js';

/*
 * The one rule for what an app command writes (both apps, every command):
 *
 * 1. Every output is checked before any work is done (before the data is loaded or the model
 *    solved): the database exists and is SQLite (and is writable when the command writes it), a
 *    database `seed` would replace is this app's own, a report is not the database, not a folder,
 *    not a dangling symbolic link, not a file the app did not write (unless --force), and its
 *    folder exists and takes a new file.
 * 2. Files are staged: a temporary file is created now beside each target (which proves the
 *    folder is writable), written while the command works, and renamed into place only when the
 *    command has succeeded (for `solve`: after the run is committed).
 * 3. A command that fails, or exits with anything but 0, removes its temporary files and has
 *    changed nothing. Temporary files left by a killed process are removed by the next command
 *    that stages the same target.
 */

/** The database of a command, and what the command does with it. */
export interface DatabaseOutput {
  /** Absolute path. */
  readonly file: string;
  /** How messages name it (the path as typed, or the absolute path). */
  readonly name: string;
  /**
   * `read`: it must exist and be a SQLite database (`show`, `runs`). `write`: also writable, the
   * file and its folder (`solve`, which adds a run). `replace`: a new database is built beside it
   * and renamed over it (`seed`); an existing file must be this app's own database.
   */
  readonly use: 'read' | 'write' | 'replace';
  /** For `read` and `write`: the sentence that says how to create the database (`Create it first with: … seed`). */
  readonly createHint?: string;
  /** For `replace`: the tables the app creates. An existing SQLite file is the app's own when it has no other table. */
  readonly ownTables?: readonly string[];
  /** For `replace`: lists the tables of an existing SQLite file. Default: a read-only connection through `@lumix/orm-sqlite`. */
  readonly listTables?: (file: string) => Promise<readonly string[]>;
}

/** A file a command writes besides the database (a report). */
export interface FileOutput {
  /** Absolute path. */
  readonly file: string;
  /** The flag it came from (`--report`), which names it in messages and in {@link PreparedOutputs.file}. */
  readonly flag: string;
  /** A file name to suggest (`plan.html`). */
  readonly example: string;
  /**
   * Whether an existing file at the path is one this app wrote (from its first 2 KB), which may
   * be replaced without --force. Default: no file is.
   */
  readonly isOwn?: (head: string) => boolean;
}

/** What a command writes (see {@link prepareOutputs}). */
export interface OutputSpec {
  readonly database: DatabaseOutput;
  readonly files?: readonly FileOutput[];
  /** `--force`: replace an existing file the app did not write (never the database with a report, never a folder). */
  readonly force?: boolean;
}

/** A file being written: content goes to `temp`, renamed to `path` when the command succeeds. */
export interface StagedFile {
  /** Where the file ends up. */
  readonly path: string;
  /** The temporary file beside it (created empty by {@link prepareOutputs}). */
  readonly temp: string;
  /** Writes the whole content to the temporary file. */
  write(content: string): void;
}

/** What is at the target of a `replace` database now. */
export type ExistingDatabase =
  /** Nothing, or an empty file. */
  | { readonly kind: 'none' }
  /** This app's database, with these tables. */
  | { readonly kind: 'own'; readonly tables: readonly string[] }
  /** Another file, replaced because of --force. */
  | { readonly kind: 'forced' };

/** The outputs of a command, checked and staged; see {@link prepareOutputs}. */
export interface PreparedOutputs {
  /** For a `replace` database: the empty temporary file to build the new database in (a server URL itself); else `undefined`. */
  readonly stagedDatabase: string | undefined;
  /** For a `replace` database: what it replaces. */
  readonly existing: ExistingDatabase;
  /** The staged file of a flag, when that output was given. */
  file(flag: string): StagedFile | undefined;
  /** Renames every staged file into place (the new database over the old one, then the files). Idempotent. */
  commit(): void;
  /** Removes every temporary file. Idempotent; after `commit` it does nothing. */
  discard(): void;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';
const TEMP_SUFFIX = '.lumix-tmp';
const DB_SIDE_FILES = ['-journal', '-wal', '-shm'] as const;

/** What is at a path, following a symbolic link. */
type PathState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'dangling'; readonly to: string }
  | { readonly kind: 'folder' }
  | { readonly kind: 'special' }
  | { readonly kind: 'file'; readonly real: string; readonly stats: Stats };

function inspectPath(path: string, name: string): PathState {
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return { kind: 'missing' };
    throw fileOperationError(e, name, `Cannot look at ${name}: ${(e as Error).message}.`);
  }
  let stats = link;
  let real = path;
  if (link.isSymbolicLink()) {
    try {
      real = realpathSync(path);
      stats = statSync(real);
    } catch {
      let to = '(unreadable)';
      try {
        to = readlinkSync(path);
      } catch {
        // keep the placeholder
      }
      return { kind: 'dangling', to };
    }
  }
  if (stats.isDirectory()) return { kind: 'folder' };
  if (!stats.isFile()) return { kind: 'special' };
  return { kind: 'file', real, stats };
}

/** The first `n` bytes of a file, as latin1 text. */
function head(file: string, n: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.toString('latin1', 0, read);
  } finally {
    closeSync(fd);
  }
}

const isSqlite = (file: string): boolean => head(file, SQLITE_HEADER.length) === SQLITE_HEADER;

function notADatabase(file: string, name: string): LumixError {
  return new LumixError('INVALID_ARGUMENT', environmentMessage('not-a-database', name), { details: { file, environmentKind: 'not-a-database' } });
}

function requireFolder(dir: string, what: string): void {
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new LumixError('INVALID_ARGUMENT', `The folder of ${what} does not exist; create it or choose another path.`, { details: { dir } });
}

/** Checks the database of a command; returns its real path and, for `replace`, what it replaces. */
async function checkDatabase(db: DatabaseOutput, force: boolean): Promise<{ real: string; existing: ExistingDatabase }> {
  const state = inspectPath(db.file, db.name);
  const createHint = db.createHint ?? '';
  if (db.use !== 'replace') {
    switch (state.kind) {
      case 'missing':
      case 'dangling':
        throw new LumixError('INVALID_ARGUMENT', `No database at ${db.name}. ${createHint}`.trim(), { details: { file: db.file } });
      case 'folder':
        throw new LumixError('INVALID_ARGUMENT', `${db.name} is a folder, not a database file; give --db the path of a database file.`, { details: { file: db.file } });
      case 'special':
        throw new LumixError('INVALID_ARGUMENT', `${db.name} is not a regular file; give --db the path of a database file.`, { details: { file: db.file } });
      case 'file':
        break;
    }
    if (state.stats.size === 0) throw new LumixError('INVALID_ARGUMENT', `Empty file at ${db.name}. ${createHint}`.trim(), { details: { file: db.file } });
    if (!isSqlite(state.real)) throw notADatabase(db.file, db.name);
    if (db.use === 'write') {
      // SQLite writes the file and, for its rollback journal, the folder.
      for (const target of [state.real, dirname(state.real)]) {
        try {
          accessSync(target, constants.W_OK);
        } catch (e) {
          throw fileOperationError(e, db.name, `Cannot write ${db.name}: ${(e as Error).message}.`);
        }
      }
    }
    return { real: state.real, existing: { kind: 'none' } };
  }
  switch (state.kind) {
    case 'missing':
      requireFolder(dirname(resolve(db.file)), `--db ${db.name}`);
      return { real: resolve(db.file), existing: { kind: 'none' } };
    case 'dangling':
      throw new LumixError('INVALID_ARGUMENT', `${db.name} is a symbolic link to ${state.to}, which does not exist; give --db a plain file path.`, { details: { file: db.file } });
    case 'folder':
      throw new LumixError('INVALID_ARGUMENT', `${db.name} is a folder; give --db the path of a database file in it.`, { details: { file: db.file } });
    case 'special':
      throw new LumixError('INVALID_ARGUMENT', `${db.name} is not a regular file; give --db the path of a database file.`, { details: { file: db.file } });
    case 'file':
      break;
  }
  if (state.stats.size === 0) return { real: state.real, existing: { kind: 'none' } };
  const retry = 'Choose another --db path, or add --force to replace the file and everything in it.';
  if (!isSqlite(state.real)) {
    if (force) return { real: state.real, existing: { kind: 'forced' } };
    throw new LumixError('INVALID_ARGUMENT', `${db.name} is not a SQLite database (it is another kind of file); seed replaces only this app's own database. ${retry}`, {
      details: { file: db.file },
    });
  }
  const tables = await (db.listTables ?? listSqliteTables)(state.real);
  const own = new Set(db.ownTables ?? []);
  const foreign = tables.filter((t) => !own.has(t));
  if (foreign.length === 0) return { real: state.real, existing: { kind: 'own', tables } };
  if (force) return { real: state.real, existing: { kind: 'forced' } };
  throw new LumixError(
    'INVALID_ARGUMENT',
    `${db.name} holds other tables (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); seed replaces only this app's own database. ${retry}`,
    { details: { file: db.file, tables: foreign } },
  );
}

/** Checks a file output; returns the real path to write. */
function checkFile(f: FileOutput, db: DatabaseOutput, dbReal: string, force: boolean): string {
  const what = `${f.flag} ${f.file}`;
  const state = inspectPath(f.file, f.file);
  const real = state.kind === 'file' ? state.real : resolve(f.file);
  const dbTargets = [dbReal, resolve(db.file)].flatMap((p) => [p, ...DB_SIDE_FILES.map((s) => p + s)]);
  let sameAsDb = dbTargets.includes(real);
  if (!sameAsDb && state.kind === 'file') {
    try {
      const d = statSync(dbReal);
      sameAsDb = d.ino === state.stats.ino && d.dev === state.stats.dev;
    } catch {
      // no database file yet
    }
  }
  if (sameAsDb) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${what} is the database ${db.name} itself; writing there would destroy it and every saved run. Give ${f.flag} a file of its own, such as ${f.example}.`,
      { details: { file: f.file, database: db.file } },
    );
  }
  switch (state.kind) {
    case 'dangling':
      throw new LumixError('INVALID_ARGUMENT', `${what} is a symbolic link to ${state.to}, which does not exist; give ${f.flag} a plain file path.`, { details: { file: f.file } });
    case 'folder':
      throw new LumixError('INVALID_ARGUMENT', `${what} is a folder; give a file name such as ${join(f.file, f.example)}.`, { details: { file: f.file } });
    case 'special':
      throw new LumixError('INVALID_ARGUMENT', `${what} is not a regular file; give ${f.flag} the path of a file such as ${f.example}.`, { details: { file: f.file } });
    case 'file':
      if (!force && !(f.isOwn?.(head(state.real, 2048)) ?? false)) {
        throw new LumixError(
          'INVALID_ARGUMENT',
          `${what} already exists and is not a file this app wrote; it was left as it is. Choose another path, or add --force to replace it.`,
          { details: { file: f.file } },
        );
      }
      break;
    case 'missing':
      break;
  }
  requireFolder(dirname(real), what);
  return real;
}

/** Whether process `pid` is alive (or might be: another user's). A zombie (killed, not yet reaped) is not. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state is the field after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes temporary files of `target` left by processes that no longer run (a killed seed or solve). */
function removeStaleTemps(target: string): void {
  const dir = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegex(basename(target))}\\.(\\d+)-[0-9a-f]{8}${escapeRegex(TEMP_SUFFIX)}(?:-journal|-wal|-shm)?$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m !== null && !isAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** Creates the empty temporary file of `target` (proving its folder takes new files). */
function createTemp(target: string, name: string): string {
  removeStaleTemps(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    closeSync(openSync(temp, 'wx'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // What the system said, without the temporary file's name (the user never asked for it).
    const said = code ?? (e as Error).message;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EINVAL') {
      throw new LumixError('INVALID_ARGUMENT', `${environmentMessage('cannot-create', name)} (${said})`, {
        cause: e,
        details: { file: name, environmentKind: 'cannot-create' },
      });
    }
    throw fileOperationError(e, name, `Cannot create a file beside ${name}: ${said}.`, said);
  }
  return temp;
}

const removeDbTemp = (temp: string): void => {
  for (const suffix of ['', ...DB_SIDE_FILES]) rmSync(temp + suffix, { force: true });
};

/**
 * Checks every output of a command and stages its files, before the command does any work (the
 * rule at the top of this module). Environment failures are explained (exit 2): a database that
 * is not SQLite, a read-only file or folder, a folder that takes no file, a full disk.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the output and what to do: a missing or empty
 *   database (with `createHint`), a folder, a dangling link, a report path that is the database,
 *   an existing file the app did not write (without `force`), a missing folder, a database
 *   `seed` would replace that is not the app's own (without `force`).
 */
export async function prepareOutputs(spec: OutputSpec): Promise<PreparedOutputs> {
  const force = spec.force === true;
  // A database server (postgres://…) has no file to check or stage: `replace` writes into it
  // directly (the app replaces its own tables), and connection failures surface when it is opened.
  const server = isDatabaseUrl(spec.database.file);
  const { real: dbReal, existing } = server
    ? { real: spec.database.file, existing: { kind: 'none' } as const }
    : await withEnvironmentErrors(spec.database.name, () => checkDatabase(spec.database, force));
  const checked = (spec.files ?? []).map((f) => ({ f, real: checkFile(f, spec.database, dbReal, force) }));
  const temps: string[] = [];
  let stagedDatabase: string | undefined;
  const staged = new Map<string, StagedFile & { readonly real: string; written: boolean }>();
  try {
    if (spec.database.use === 'replace' && server) stagedDatabase = spec.database.file;
    else if (spec.database.use === 'replace') {
      stagedDatabase = createTemp(dbReal, spec.database.name);
      temps.push(stagedDatabase);
    }
    for (const { f, real } of checked) {
      const temp = createTemp(real, f.file);
      temps.push(temp);
      const file = {
        path: f.file,
        real,
        temp,
        written: false,
        write(content: string): void {
          try {
            writeFileSync(temp, content, 'utf8');
          } catch (e) {
            const said = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
            throw fileOperationError(e, f.file, `Cannot write ${f.flag} ${f.file}: ${said}.`, said);
          }
          file.written = true;
        },
      };
      staged.set(f.flag, file);
    }
  } catch (e) {
    for (const t of temps) removeDbTemp(t);
    throw e;
  }
  let done = false;
  const discard = (): void => {
    if (done) return;
    done = true;
    if (stagedDatabase !== undefined && !server) removeDbTemp(stagedDatabase);
    for (const f of staged.values()) rmSync(f.temp, { force: true });
  };
  return {
    stagedDatabase,
    existing,
    file: (flag) => staged.get(flag),
    discard,
    commit() {
      if (done) return;
      try {
        if (stagedDatabase !== undefined && !server) {
          // A journal left beside the old file belongs to it and must not be replayed onto the new one.
          for (const suffix of DB_SIDE_FILES) rmSync(dbReal + suffix, { force: true });
          renameSync(stagedDatabase, dbReal);
          removeDbTemp(stagedDatabase);
        }
        for (const f of staged.values()) {
          if (f.written) renameSync(f.temp, f.real);
          else rmSync(f.temp, { force: true });
        }
      } catch (e) {
        discard();
        throw fileOperationError(e, spec.database.name, `Cannot move a finished output into place: ${(e as Error).message}.`);
      }
      done = true;
    },
  };
}

/**
 * Runs a command under the output rule: {@link prepareOutputs} first, then `work`; when it
 * succeeds (by `succeeded`, default: it returned 0 or a non-number) the staged files are renamed
 * into place (unless `work` did so itself with `commit`), otherwise they are removed. Errors
 * are re-thrown with environment failures explained for the database.
 */
export async function withOutputs<T>(spec: OutputSpec, work: (outputs: PreparedOutputs) => Promise<T>, succeeded: (result: T) => boolean = (r) => typeof r !== 'number' || r === 0): Promise<T> {
  const outputs = await prepareOutputs(spec);
  try {
    const result = await work(outputs);
    if (succeeded(result)) outputs.commit();
    else outputs.discard();
    return result;
  } catch (e) {
    outputs.discard();
    throw explainEnvironmentError(e, spec.database.name) ?? e;
  }
}

/** The tables of an existing SQLite file, read through a read-only connection. */
async function listSqliteTables(file: string): Promise<readonly string[]> {
  const db = await openSqliteAdapter(file, { readonly: true });
  try {
    return await db.listTables();
  } finally {
    await db.close();
  }
}
