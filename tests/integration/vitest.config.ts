import { lumixVitestConfig } from '../../vitest.shared.js';

export default lumixVitestConfig({ testTimeout: 60_000 });
