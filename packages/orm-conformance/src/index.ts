export { describeOrmAdapterConformance } from './describe-orm-adapter-conformance.js';
export type { OrmAdapterUnderTest, MakeOrmAdapterUnderTest } from './describe-orm-adapter-conformance.js';
export { FIXTURE_TABLES, PRODUCTS, MACHINES, RECIPES, LOOSE, SQL_FRAGMENT, seedFixture, makeRun } from './fixture.js';
export type { ProductRow } from './fixture.js';
export { snapshotDatabase } from './snapshot.js';
