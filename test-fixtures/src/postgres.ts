import { createDatabase } from '../../scripts/pg-server.mjs';

/**
 * The PostgreSQL server of this test run (`LUMIX_TEST_PG_URL`, started by the package's vitest
 * globalSetup, `lumixVitestConfig({ postgres: true })`), or why there is none: `{ skip }` holds
 * the reason to print (PostgreSQL not installed, outside CI).
 */
export function testPostgres(): { readonly url: string } | { readonly skip: string } {
  const url = process.env['LUMIX_TEST_PG_URL'];
  if (url !== undefined && url !== '') return { url };
  return {
    skip:
      process.env['LUMIX_TEST_PG_SKIP'] ??
      'LUMIX_TEST_PG_URL is not set: run these tests through the package (pnpm --filter <pkg> test), whose vitest globalSetup starts a throw-away PostgreSQL server.',
  };
}

/** A new, empty database on the test server `url`, for one test; returns its URL. */
export function newPostgresDatabase(url: string, prefix = 'lumix_test'): Promise<string> {
  return createDatabase(url, prefix);
}
