import type { SqlSession } from './sql-session.js';

/** Thrown inside the probe's transaction so that it rolls back; never leaves this module. */
const ROLL_BACK = Symbol('roll back the write check');

/**
 * Adapter-building helper: checks now that the database can be written, so an app learns before a
 * long solve that saving would fail. It opens a write transaction (waiting up to the busy timeout
 * for a lock another connection holds), runs the dialect's write probe (`compiler.writeProbe`:
 * SQLite creates a table, which writes the schema page and may need a new page) and rolls it
 * back: nothing is left behind.
 *
 * It finds a database that is locked, read-only (file, folder, disk or connection), not a
 * database, damaged, or at its size limit. A disk that is nearly full can still fail a large save
 * later; that save then fails with kind `disk-full` and writes nothing.
 *
 * @throws LumixError `PERSISTENCE_FAILED` with `details.kind` (`busy`, `read-only`, `disk-full`,
 *   `not-a-database`, ...) and `details.file`, saying what to do.
 */
export async function sqlCheckWritable(session: SqlSession): Promise<void> {
  try {
    await session.transaction(async (tx) => {
      for (const sql of tx.dialect.compiler.writeProbe()) await tx.driver.run(sql);
      throw ROLL_BACK;
    });
  } catch (e) {
    if (e === ROLL_BACK) return;
    throw session.error(e, 'PERSISTENCE_FAILED', 'Checking that the database can be written');
  }
}
