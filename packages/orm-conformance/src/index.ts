export { describeOrmAdapterConformance, openAdapterUnderTest } from './describe-orm-adapter-conformance.js';
export type { OrmConformanceConfig } from './describe-orm-adapter-conformance.js';
export { ORM_CONFORMANCE_CASES } from './orm-conformance-cases.js';
export type { OrmDialect, OrmAdapterUnderTest, MakeOrmAdapterUnderTest, OrmCapability, OrmCaseSubject, OrmConformanceCase, OpenOptions, SqlMigration } from './orm-conformance-case.js';
export { caseId } from '@lumix/conformance-kit';
export { FIXTURE_TABLES, PRODUCTS, MACHINES, RECIPES, LOOSE, SQL_FRAGMENT, seedFixture, makeRun } from './fixture.js';
export type { ProductRow } from './fixture.js';
export { snapshotDatabase } from './snapshot.js';
