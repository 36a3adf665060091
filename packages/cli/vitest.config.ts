import { lumixVitestConfig } from '../../vitest.shared.js';

// The job commands (submit, worker, jobs, result) are tested on a throw-away PostgreSQL server.
export default lumixVitestConfig({ postgres: true });
