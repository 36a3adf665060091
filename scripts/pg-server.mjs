// A throw-away PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temporary folder,
// listening on 127.0.0.1 at a free port (and on a unix socket in the same folder), trust auth for
// one superuser `lumix`, durability off (fsync, synchronous_commit, full_page_writes: a test
// cluster is deleted afterwards anyway). As root, PostgreSQL refuses to run, so the cluster is
// owned by and run as a non-root system user (`postgres`, which Debian's package creates; else
// `lumix-test`, created here) through runuser. A watchdog process stops the server and deletes
// the folder when the process that started it exits, however it exits (kill -9 included).
//
//   import { startPostgres } from '../../scripts/pg-server.mjs';
//   const pg = await startPostgres();   // pg.url = postgres://lumix@127.0.0.1:PORT/postgres
//   ...; await pg.stop();
//
//   node scripts/pg-server.mjs          # starts one, prints its URL, stops it on Ctrl-C
//
// Binaries: $LUMIX_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's
// `postgresql` package, installed by scripts/setup.sh), else initdb/pg_ctl on the PATH.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUPERUSER = 'lumix';

/** Where initdb, pg_ctl and postgres are, or `null` when PostgreSQL is not installed. */
export function findPostgresBin() {
  const fromEnv = process.env['LUMIX_PG_BIN'];
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** The message for a machine without PostgreSQL: what to run. */
export const NO_POSTGRES_MESSAGE =
  'PostgreSQL is not installed (no initdb in /usr/lib/postgresql/<version>/bin, $LUMIX_PG_BIN or the PATH). ' +
  'The PostgreSQL tests and benchmarks start a throw-away server of their own: install it with `bash scripts/setup.sh --with-browser` ' +
  '(Debian package postgresql), or set LUMIX_PG_BIN to the folder of initdb and pg_ctl.';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The user the cluster runs as: the current one, or as root a non-root system user. */
function clusterUser() {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'lumix-test']) {
    try {
      execFileSync('id', ['-u', name], { stdio: 'ignore' });
      return name;
    } catch {
      // not there
    }
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'lumix-test'], { stdio: 'ignore' });
  return 'lumix-test';
}

function runAs(user, bin, args, options = {}) {
  const [cmd, argv] = user === null ? [bin, args] : ['runuser', ['-u', user, '--', bin, ...args]];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/**
 * Creates and starts a throw-away cluster. Resolves to `{ url, port, dir, bin, stop }`; `stop()`
 * stops the server (immediate shutdown) and deletes its folder, and is idempotent.
 *
 * @throws Error {@link NO_POSTGRES_MESSAGE} when PostgreSQL is not installed; initdb's or pg_ctl's
 *   output when the cluster cannot be created or started.
 */
export async function startPostgres() {
  const bin = findPostgresBin();
  if (bin === null) throw new Error(NO_POSTGRES_MESSAGE);
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'lumix-pg-'));
  const data = join(dir, 'data');
  const stop = () => stopCluster(bin, user, dir);
  try {
    if (user !== null) {
      const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
      chownSync(dir, uid, gid);
      chmodSync(dir, 0o700);
    }
    runAs(user, join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=128MB',
    ].join(' ');
    runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start'], { cwd: dir });
    startWatchdog(bin, user, dir);
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    return { url, port, dir, bin, stop };
  } catch (e) {
    stop();
    const out = [e.stdout, e.stderr].filter(Boolean).map(String).join('\n');
    throw new Error(`Starting a throw-away PostgreSQL server in ${dir} failed: ${e.message}${out ? `\n${out}` : ''}`);
  }
}

let databases = 0;

/**
 * Creates a new, empty database on the server of `url` (with the server's `createdb`) and returns
 * its URL: one per test keeps tests apart. `prefix` starts its name (letters, digits, `_`).
 */
export function createDatabase(url, prefix = 'lumix_test') {
  const bin = findPostgresBin();
  if (bin === null) return Promise.reject(new Error(NO_POSTGRES_MESSAGE));
  const u = new URL(url);
  const name = `${prefix}_${process.pid}_${++databases}`;
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || SUPERUSER), name];
  return new Promise((resolve, reject) => {
    execFile(join(bin, 'createdb'), args, { env: { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) } }, (err, _out, stderr) => {
      if (err) reject(new Error(`createdb ${name} on ${u.host} failed: ${stderr || err.message}`));
      else {
        u.pathname = `/${name}`;
        resolve(u.toString());
      }
    });
  });
}

function stopCluster(bin, user, dir) {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    try {
      runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { cwd: '/' });
    } catch {
      // already stopped
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A detached process that waits for this one to exit, then stops the cluster and deletes its
 * folder: the cleanup of a run killed before its teardown (Ctrl-C twice, kill -9, a crash).
 */
function startWatchdog(bin, user, dir) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--watch', String(process.pid), bin, user ?? '', dir], { detached: true, stdio: 'ignore' });
  child.unref();
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function main(argv) {
  if (argv[0] === '--watch') {
    const [, pid, bin, user, dir] = argv;
    const timer = setInterval(() => {
      if (!existsSync(dir)) clearInterval(timer);
      else if (!alive(Number(pid))) {
        clearInterval(timer);
        stopCluster(bin, user || null, dir);
      }
    }, 1000);
    return;
  }
  const pg = await startPostgres();
  process.stdout.write(`${pg.url}\n(data in ${pg.dir}; Ctrl-C stops the server and deletes it)\n`);
  const stop = () => {
    pg.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => statSync(pg.dir), 60_000);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
