import { lumixVitestConfig } from '../../vitest.shared.js';

export default lumixVitestConfig({ postgres: true });
