// An independent re-check of a saved step 3/4 timetable from the database rows (raw SQL, none of
// the app's code): the room-type rules and every teacher preference, recomputed from the
// assignments, with priority by seniority.
import { readRows } from './read-db.js';

interface Pref { id: number; teacher_id: number; preference_type: string; day_of_week: number | null; lecture_id: number | null; timeslot_id: number | null }

/** Room-type violations of run `runId`: PE outside a gym, a lab subject outside a lab, anything else in a gym. */
export async function roomTypeViolations(file: string, runId: number): Promise<string[]> {
  const rows = await readRows<{ lecture_id: number; subject: string; requires_lab: number; room_type: string }>(
    file,
    `SELECT a.lecture_id, s.name AS subject, s.requires_lab, r.room_type FROM schedule_assignments a
       JOIN lectures l ON l.id = a.lecture_id JOIN subjects s ON s.id = l.subject_id JOIN classrooms r ON r.id = a.classroom_id
      WHERE a.run_id = ?`,
    [runId],
  );
  const out: string[] = [];
  for (const r of rows) {
    const pe = r.subject === 'Physical Education';
    const ok = pe ? r.room_type === 'GYM' : r.requires_lab === 1 ? r.room_type === 'LAB' : r.room_type !== 'GYM';
    if (!ok) out.push(`lecture ${r.lecture_id} (${r.subject}) in a ${r.room_type}`);
  }
  return out;
}

/** Per priority `P<k> met/total`, and the ids of the missed preferences, recomputed from run `runId`'s rows. */
export async function preferenceSatisfaction(file: string, runId: number): Promise<{ summary: string[]; missed: number[]; penalty: number }> {
  const [prefs, teachers, placed] = await Promise.all([
    readRows<Pref>(file, 'SELECT * FROM teacher_preferences ORDER BY id'),
    readRows<{ id: number; work_years: number }>(file, 'SELECT id, work_years FROM teachers'),
    readRows<{ lecture_id: number; timeslot_id: number; teacher_id: number; day_of_week: number }>(
      file,
      `SELECT a.lecture_id, a.timeslot_id, l.teacher_id, t.day_of_week FROM schedule_assignments a
         JOIN lectures l ON l.id = a.lecture_id JOIN timeslots t ON t.id = a.timeslot_id WHERE a.run_id = ?`,
      [runId],
    ),
  ]);
  const years = new Map(teachers.map((t) => [t.id, t.work_years]));
  const by = new Map<number, [number, number]>();
  const missed: number[] = [];
  let penalty = 0;
  for (const p of prefs) {
    const y = years.get(p.teacher_id) ?? 0;
    const prio = y >= 15 ? 1 : y >= 7 ? 2 : 3;
    const deviation =
      p.preference_type === 'DAY_OFF'
        ? placed.filter((a) => a.teacher_id === p.teacher_id && a.day_of_week === p.day_of_week).length
        : placed.some((a) => a.lecture_id === p.lecture_id && a.timeslot_id === p.timeslot_id) ? 0 : 1;
    const c = by.get(prio) ?? [0, 0];
    c[1]++;
    if (deviation === 0) c[0]++;
    else missed.push(p.id);
    penalty += 10 ** (6 - prio) * deviation;
    by.set(prio, c);
  }
  const summary = [...by.entries()].sort((a, b) => a[0] - b[0]).map(([k, [m, n]]) => `P${k} ${m}/${n}`);
  return { summary, missed, penalty };
}

/** Each (class, subject, day) of run `runId` with two or more lectures of the subject that day, as `class/subject/day`. */
export async function sameSubjectTwiceADay(file: string, runId: number): Promise<string[]> {
  const rows = await readRows<{ k: string }>(
    file,
    `SELECT l.class_id || '/' || l.subject_id || '/' || t.day_of_week AS k FROM schedule_assignments a
       JOIN lectures l ON l.id = a.lecture_id JOIN timeslots t ON t.id = a.timeslot_id
      WHERE a.run_id = ? GROUP BY l.class_id, l.subject_id, t.day_of_week HAVING COUNT(*) > 1`,
    [runId],
  );
  return rows.map((r) => r.k);
}
