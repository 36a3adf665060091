import sqlite3 from 'sqlite3';

/** Reads rows with raw SQL through its own read-only connection (no app code involved). */
export function readRows<T = Record<string, unknown>>(file: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, params, (e, rows) => {
        db.close();
        if (e) reject(e);
        else resolve(rows as T[]);
      });
    });
  });
}

/** Runs statements on a database directly (used to tamper with data the way a user might). */
export function execSql(file: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      db.exec(sql, (e) => {
        db.close();
        if (e) reject(e);
        else resolve();
      });
    });
  });
}

/** Every table's full contents, ordered: compare two snapshots to prove a command changed nothing. */
export async function snapshot(file: string): Promise<Record<string, unknown[]>> {
  const tables = await readRows<{ name: string; sql: string }>(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') ORDER BY name");
  const out: Record<string, unknown[]> = { __schema: tables };
  for (const t of tables) {
    if ((t as unknown as { name: string }).name.startsWith('sqlite_autoindex') || t.sql === null || !/^CREATE TABLE/i.test(t.sql)) continue;
    out[t.name] = await readRows(file, `SELECT * FROM "${t.name}" ORDER BY rowid`);
  }
  return out;
}

/** A saved timetable as the database holds it: the input rows and the run's assignments. */
export async function readTimetable(file: string, runId: number) {
  const [lectures, classes, classrooms, timeslots, assignments] = await Promise.all([
    readRows<{ id: number; subject_id: number; teacher_id: number; class_id: number }>(file, 'SELECT id, subject_id, teacher_id, class_id FROM lectures'),
    readRows<{ id: number; size: number }>(file, 'SELECT id, size FROM classes'),
    readRows<{ id: number; capacity: number }>(file, 'SELECT id, capacity FROM classrooms'),
    readRows<{ id: number; day_of_week: number; period: number }>(file, 'SELECT id, day_of_week, period FROM timeslots'),
    readRows<{ lecture_id: number; timeslot_id: number; classroom_id: number }>(
      file,
      'SELECT lecture_id, timeslot_id, classroom_id FROM schedule_assignments WHERE run_id = ?',
      [runId],
    ),
  ]);
  return { lectures, classes, classrooms, timeslots, assignments };
}
