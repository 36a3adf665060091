import type { CliOutput } from '@lumix/app-kit';
import type { GoalRowReport } from '@lumix/core';
import { DAY_NAMES, type SchoolData, type TeacherPreference } from '../data/school-data.js';

/** A preference in words: `Dr. Smith: Tuesday off` or `Dr. Smith: lecture 1 (Mathematics 9A) at Monday P1`. */
function describePreference(data: SchoolData, p: TeacherPreference): string {
  const teacher = data.teachers.find((t) => t.id === p.teacher_id)?.name ?? `teacher ${p.teacher_id}`;
  if (p.preference_type === 'DAY_OFF') return `${teacher}: ${DAY_NAMES[p.day_of_week as number] ?? `day ${p.day_of_week}`} off`;
  const l = data.lectures.find((x) => x.id === p.lecture_id);
  const subject = data.subjects.find((s) => s.id === l?.subject_id)?.name ?? '?';
  const cls = data.classes.find((c) => c.id === l?.class_id)?.name ?? '?';
  const slot = data.timeslots.find((t) => t.id === p.timeslot_id);
  return `${teacher}: lecture ${p.lecture_id} (${subject} ${cls}) at ${slot === undefined ? `timeslot ${p.timeslot_id}` : `${slot.day_name} P${slot.period}`}`;
}

/**
 * Prints the GOAL SATISFACTION section: per priority, a ✓/✗ line per preference (with its
 * deviation) and `Priority k: a/n satisfied (pct%)`, then the penalty Σ 10^(6−p)·deviation.
 */
export function printGoalSatisfaction(
  out: CliOutput,
  data: SchoolData,
  rows: readonly GoalRowReport<TeacherPreference>[],
  mode: string,
  penalty: number,
): void {
  out.out('');
  out.out('GOAL SATISFACTION (teacher preferences; priority by seniority: ≥ 15 years P1, ≥ 7 P2, else P3)');
  const priorities = [...new Set(rows.map((r) => r.priority))].sort((a, b) => a - b);
  for (const p of priorities) {
    const at = rows.filter((r) => r.priority === p);
    out.out('');
    for (const r of at) {
      const unit = r.item.preference_type === 'DAY_OFF' ? 'lectures that day' : 'missed';
      out.out(`  ${r.satisfied ? '✓' : '✗'} [P${p}] #${r.item.id} ${describePreference(data, r.item)} (deviation ${Math.round(r.deviation * 1e6) / 1e6} ${unit})`);
    }
    const ok = at.filter((r) => r.satisfied).length;
    out.out(`  Priority ${p}: ${ok}/${at.length} satisfied (${Math.round((100 * ok) / at.length)}%)`);
  }
  out.out('');
  out.out(`Goal mode ${mode}; penalty Σ 10^(6−priority)·deviation = ${penalty.toFixed(0)}`);
}
