import { DIALECT_CASES } from './cases/dialect-differences.js';
import { ENVIRONMENT_CASES } from './cases/environment.js';
import { BAD_INPUT_CASES } from './cases/errors.js';
import { LOOKUP_CASES } from './cases/lookups.js';
import { MIGRATION_CASES } from './cases/migrations.js';
import { MODEL_CASES } from './cases/models.js';
import { PERSISTENCE_CASES } from './cases/persistence.js';
import { QUERY_COUNT_CASES } from './cases/queries.js';
import { READ_ONLY_CASES } from './cases/read-only.js';
import { ROLLBACK_CASES } from './cases/rollback.js';
import { SCHEMA_CASES } from './cases/schema.js';
import { SOURCE_CASES } from './cases/sources.js';
import type { OrmConformanceCase } from './orm-conformance-case.js';

/** Every case of the ORM suite, in run order. */
export const ORM_CONFORMANCE_CASES: readonly OrmConformanceCase[] = [
  ...SOURCE_CASES,
  ...LOOKUP_CASES,
  ...SCHEMA_CASES,
  ...PERSISTENCE_CASES,
  ...ROLLBACK_CASES,
  ...QUERY_COUNT_CASES,
  ...BAD_INPUT_CASES,
  ...READ_ONLY_CASES,
  ...ENVIRONMENT_CASES,
  ...DIALECT_CASES,
  ...MODEL_CASES,
  ...MIGRATION_CASES,
];
