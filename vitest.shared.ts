import { defineConfig } from 'vitest/config';

/**
 * The vitest settings every package shares: resolve workspace packages to their TypeScript
 * sources through the `@lumix/source` export condition (so tests need no build), and write a
 * JSON report that `scripts/test-summary.mjs` adds up into one closing line.
 */
export function lumixVitestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ['@lumix/source'] },
    ssr: { resolve: { conditions: ['@lumix/source'] } },
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
      pool: 'forks',
    },
  });
}
