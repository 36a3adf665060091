/**
 * An independent check of a timetable, written without any of the app's code: plain rows in,
 * the list of broken rules out (empty when the timetable is valid). Tests feed it the rows read
 * back from the database with raw SQL.
 */
export interface CheckInput {
  readonly lectures: readonly { id: number; teacher_id: number; class_id: number }[];
  readonly classes: readonly { id: number; size: number }[];
  readonly classrooms: readonly { id: number; capacity: number }[];
  readonly timeslots: readonly { id: number }[];
  readonly assignments: readonly { lecture_id: number; timeslot_id: number; classroom_id: number }[];
}

export function checkTimetable(input: CheckInput): string[] {
  const problems: string[] = [];
  const lectures = new Map(input.lectures.map((l) => [l.id, l]));
  const size = new Map(input.classes.map((c) => [c.id, c.size]));
  const capacity = new Map(input.classrooms.map((r) => [r.id, r.capacity]));
  const slots = new Set(input.timeslots.map((t) => t.id));
  const times = new Map<number, number>();
  const seen = (set: Set<string>, key: string, what: string) => {
    if (set.has(key)) problems.push(what);
    set.add(key);
  };
  const roomSlot = new Set<string>();
  const teacherSlot = new Set<string>();
  const classSlot = new Set<string>();
  for (const a of input.assignments) {
    const l = lectures.get(a.lecture_id);
    if (l === undefined) {
      problems.push(`assignment of unknown lecture ${a.lecture_id}`);
      continue;
    }
    if (!slots.has(a.timeslot_id)) problems.push(`lecture ${l.id} in unknown timeslot ${a.timeslot_id}`);
    const cap = capacity.get(a.classroom_id);
    if (cap === undefined) problems.push(`lecture ${l.id} in unknown room ${a.classroom_id}`);
    else if ((size.get(l.class_id) ?? Infinity) > cap) problems.push(`lecture ${l.id}: class ${l.class_id} does not fit room ${a.classroom_id}`);
    times.set(l.id, (times.get(l.id) ?? 0) + 1);
    seen(roomSlot, `${a.timeslot_id}/${a.classroom_id}`, `room ${a.classroom_id} twice in slot ${a.timeslot_id}`);
    seen(teacherSlot, `${a.timeslot_id}/${l.teacher_id}`, `teacher ${l.teacher_id} twice in slot ${a.timeslot_id}`);
    seen(classSlot, `${a.timeslot_id}/${l.class_id}`, `class ${l.class_id} twice in slot ${a.timeslot_id}`);
  }
  for (const l of input.lectures) {
    const n = times.get(l.id) ?? 0;
    if (n !== 1) problems.push(`lecture ${l.id} placed ${n} times`);
  }
  return problems;
}
