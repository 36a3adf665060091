import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConformance, type ConformanceSkip } from '@lumix/conformance-kit';
import { seedFixture } from './fixture.js';
import type { MakeOrmAdapterUnderTest, OrmCapability, OrmCaseSubject, OrmDialect } from './orm-conformance-case.js';
import { ORM_CONFORMANCE_CASES } from './orm-conformance-cases.js';

/** Options of {@link describeOrmAdapterConformance}. */
export interface OrmConformanceConfig {
  /** What the adapter offers beyond `OrmAdapter` (see `OrmCapability`). Default: nothing. */
  readonly capabilities?: Readonly<Partial<Record<OrmCapability, boolean>>>;
  /** Cases to skip, each with a written reason; each must name a case of the suite. Default: none. */
  readonly skip?: readonly ConformanceSkip[];
  /** The database the adapter runs on. Default `sqlite`. */
  readonly dialect?: OrmDialect;
  /**
   * Where each case's database comes from: `create()` returns the location of a fresh, empty one
   * (a PostgreSQL URL), `dispose()` runs after the last case. Default: a new SQLite file in a
   * temporary folder per case.
   */
  readonly databases?: { create(): Promise<string>; dispose?(): Promise<void> };
}

/**
 * Opens an adapter through `make` on `file` (a path that does not exist yet), creates and fills
 * the fixture tables, and clears the statement log: what every case starts from.
 */
export async function openAdapterUnderTest(make: MakeOrmAdapterUnderTest, file: string, dialect: OrmDialect = 'sqlite'): Promise<OrmCaseSubject> {
  const t = await make(file);
  await seedFixture(t.adapter);
  t.statements.length = 0;
  return { ...t, file, dialect, open: (other, options) => make(other, options) };
}

/**
 * Registers the conformance tests every LumiX ORM adapter must pass (vitest), through
 * `@lumix/conformance-kit`: one test per case of `ORM_CONFORMANCE_CASES`, named `area/case`
 * (areas `sources`, `lookups`, `schema`, `persistence`, `rollback`, `query-counts`, `bad-input`,
 * `read-only`, `environment`, `dialect-differences`, and `models`, `migrations` for adapters claiming them). Each test gets a fresh
 * database (a SQLite file in a temporary directory, or what `config.databases` creates), seeded with the fixture.
 *
 * ```ts
 * describeOrmAdapterConformance('sqlite', async (file) => { ... return { adapter, statements, execRaw }; }, { capabilities: { migrations: true } });
 * ```
 *
 * @throws LumixError `INVALID_ARGUMENT` for a skip without a reason or naming no case.
 */
export function describeOrmAdapterConformance(name: string, make: MakeOrmAdapterUnderTest, config: OrmConformanceConfig = {}): void {
  let dir: string | undefined;
  let counter = 0;
  describeConformance<OrmCaseSubject, OrmCapability>(
    `${name} ORM adapter conformance`,
    ORM_CONFORMANCE_CASES,
    {
      label: name,
      scope: 'test',
      capabilities: config.capabilities ?? {},
      open: async () => {
        const dialect = config.dialect ?? 'sqlite';
        if (config.databases !== undefined) return openAdapterUnderTest(make, await config.databases.create(), dialect);
        dir ??= mkdtempSync(join(tmpdir(), `lumix-orm-${name}-`));
        return openAdapterUnderTest(make, join(dir, `db-${++counter}.sqlite`), dialect);
      },
      close: (t) => t.adapter.close(),
      dispose: async () => {
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
        await config.databases?.dispose?.();
      },
    },
    config.skip === undefined ? {} : { skip: config.skip },
  );
}
