// vitest globalSetup of the packages whose tests need PostgreSQL (lumixVitestConfig({ postgres: true })):
// starts a throw-away server (scripts/pg-server.mjs) before the first test file and stops and
// deletes it after the last, handing its URL to the tests as LUMIX_TEST_PG_URL. A server given in
// LUMIX_TEST_PG_URL already is used as it is. Without PostgreSQL installed the run fails under CI
// (CI=true: `bash scripts/setup.sh --with-browser` installs it); elsewhere the PostgreSQL tests
// are skipped, each printing why.
import { NO_POSTGRES_MESSAGE, findPostgresBin, startPostgres } from './pg-server.mjs';

export default async function setup() {
  if (process.env['LUMIX_TEST_PG_URL']) return undefined;
  if (findPostgresBin() === null) {
    if (process.env['CI'] && process.env['CI'] !== 'false') throw new Error(`${NO_POSTGRES_MESSAGE} CI is set, so the PostgreSQL tests fail rather than skip.`);
    process.env['LUMIX_TEST_PG_SKIP'] = NO_POSTGRES_MESSAGE;
    console.warn(`[postgres] ${NO_POSTGRES_MESSAGE} The PostgreSQL tests are skipped.`);
    return undefined;
  }
  const pg = await startPostgres();
  process.env['LUMIX_TEST_PG_URL'] = pg.url;
  return () => pg.stop();
}
