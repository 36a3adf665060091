import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The vitest settings every package shares: resolve workspace packages to their TypeScript
 * sources through the `@lumix/source` export condition (so tests need no build), and write a
 * JSON report that `scripts/test-summary.mjs` adds up into one closing line. With `postgres`, a
 * throw-away PostgreSQL server runs for the package's tests (`scripts/pg-global-setup.mjs`; its
 * URL in `LUMIX_TEST_PG_URL`).
 */
export function lumixVitestConfig(options: { testTimeout?: number; postgres?: boolean } = {}) {
  return defineConfig({
    resolve: { conditions: ['@lumix/source'] },
    ssr: { resolve: { conditions: ['@lumix/source'] } },
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
      pool: 'forks',
      ...(options.postgres === true ? { globalSetup: [fileURLToPath(new URL('./scripts/pg-global-setup.mjs', import.meta.url))] } : {}),
    },
  });
}
