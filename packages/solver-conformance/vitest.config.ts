import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { lumixVitestConfig } from '../../vitest.shared.js';

// The backends are reached by path, not declared as dependencies: both declare this package as
// a devDependency for their own conformance test, and the reverse edge would make a cycle that
// turbo refuses (`turbo run build` fails on it). tsconfig.json maps the same names for tsc.
const backend = (name: string) => fileURLToPath(new URL(`../${name}/src/index.ts`, import.meta.url));

export default mergeConfig(lumixVitestConfig({ testTimeout: 60_000 }), {
  resolve: {
    alias: {
      '@lumix/solver-glpk': backend('solver-glpk'),
      '@lumix/solver-highs': backend('solver-highs'),
    },
  },
});
