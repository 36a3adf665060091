import { LumixError } from '@lumix/core';
import type { ItcInstance } from './itc-instance.js';

/** One lecture of a timetable: course `course` meets in `room` on `day` (from 0) in `period` (from 0). */
export interface ItcLecture {
  readonly course: string;
  readonly room: string;
  readonly day: number;
  readonly period: number;
}

/** Hard violations and UD2 soft costs of a timetable (weights included in the costs). */
export interface ItcScore {
  /** Missing or surplus lectures, summed over courses (|scheduled − required|). */
  readonly lectures: number;
  /** Lectures beyond the first in one room and period. */
  readonly roomOccupancy: number;
  /** Pairs of lectures in one period of courses that share a curriculum or a teacher (or the same course twice). */
  readonly conflicts: number;
  /** Lectures in a period unavailable to their course. */
  readonly availability: number;
  /** Unknown courses or rooms, days or periods out of range (the lecture is not counted elsewhere). */
  readonly unknown: number;
  /** Sum of the hard counts above; 0 for a feasible timetable. */
  readonly hard: number;
  /** 1 per student over the room's capacity, per lecture. */
  readonly roomCapacity: number;
  /** 5 per day below a course's minimum working days. */
  readonly minWorkingDays: number;
  /** 2 per lecture of a curriculum with no lecture of that curriculum in an adjacent period of the same day. */
  readonly curriculumCompactness: number;
  /** 1 per room a course uses beyond the first. */
  readonly roomStability: number;
  /** UD2 total: the sum of the four soft costs. */
  readonly soft: number;
}

/**
 * Scores a timetable against an instance with the ITC-2007 track 3 rules (UD2 weights), from the
 * timetable alone: this code shares nothing with the model, so it checks the model's answers.
 */
export function evaluateItc(inst: ItcInstance, lectures: readonly ItcLecture[]): ItcScore {
  const P = inst.days * inst.periodsPerDay;
  const courseIx = new Map(inst.courses.map((c, i) => [c.name, i]));
  const roomIx = new Map(inst.rooms.map((r, i) => [r.name, i]));
  const nC = inst.courses.length;
  // at[c][p] = lectures of course c in period p; rooms used per course.
  const at: Int32Array[] = inst.courses.map(() => new Int32Array(P));
  const roomsUsed: Set<number>[] = inst.courses.map(() => new Set<number>());
  const occupancy = new Int32Array(P * inst.rooms.length);
  const unavailable = new Set(inst.unavailability.map((u) => `${u.course} ${u.day * inst.periodsPerDay + u.period}`));
  let unknown = 0;
  let roomOccupancy = 0;
  let availability = 0;
  let roomCapacity = 0;
  for (const l of lectures) {
    const c = courseIx.get(l.course);
    const r = roomIx.get(l.room);
    const ok = (x: number, n: number) => Number.isInteger(x) && x >= 0 && x < n;
    if (c === undefined || r === undefined || !ok(l.day, inst.days) || !ok(l.period, inst.periodsPerDay)) {
      unknown++;
      continue;
    }
    const p = l.day * inst.periodsPerDay + l.period;
    at[c]![p]!++;
    roomsUsed[c]!.add(r);
    if (occupancy[p * inst.rooms.length + r]!++ > 0) roomOccupancy++;
    if (unavailable.has(`${l.course} ${p}`)) availability++;
    roomCapacity += Math.max(0, inst.courses[c]!.students - inst.rooms[r]!.capacity);
  }
  let lectureCount = 0;
  let minWorkingDays = 0;
  let roomStability = 0;
  for (let c = 0; c < nC; c++) {
    const course = inst.courses[c]!;
    let n = 0;
    let days = 0;
    for (let d = 0; d < inst.days; d++) {
      let onDay = 0;
      for (let q = 0; q < inst.periodsPerDay; q++) onDay += at[c]![d * inst.periodsPerDay + q]!;
      n += onDay;
      if (onDay > 0) days++;
    }
    lectureCount += Math.abs(n - course.lectures);
    minWorkingDays += 5 * Math.max(0, course.minDays - days);
    roomStability += Math.max(0, roomsUsed[c]!.size - 1);
  }
  // Conflicting course pairs: same teacher, or a shared curriculum (each pair once).
  const conflictPairs = new Set<number>();
  const byTeacher = new Map<string, number[]>();
  for (let c = 0; c < nC; c++) {
    const list = byTeacher.get(inst.courses[c]!.teacher) ?? [];
    list.push(c);
    byTeacher.set(inst.courses[c]!.teacher, list);
  }
  const groups = [...byTeacher.values(), ...inst.curricula.map((q) => q.courses.map((name) => courseIx.get(name)!))];
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) conflictPairs.add(Math.min(g[i]!, g[j]!) * nC + Math.max(g[i]!, g[j]!));
  let conflicts = 0;
  for (const pair of conflictPairs) {
    const a = at[Math.floor(pair / nC)]!;
    const b = at[pair % nC]!;
    for (let p = 0; p < P; p++) conflicts += a[p]! * b[p]!;
  }
  for (let c = 0; c < nC; c++) for (let p = 0; p < P; p++) conflicts += (at[c]![p]! * (at[c]![p]! - 1)) / 2;

  let curriculumCompactness = 0;
  for (const q of inst.curricula) {
    const members = q.courses.map((name) => courseIx.get(name)!);
    const load = new Int32Array(P);
    for (const c of members) for (let p = 0; p < P; p++) load[p]! += at[c]![p]!;
    for (let d = 0; d < inst.days; d++) {
      for (let s = 0; s < inst.periodsPerDay; s++) {
        const p = d * inst.periodsPerDay + s;
        if (load[p] === 0) continue;
        const before = s > 0 && load[p - 1]! > 0;
        const after = s < inst.periodsPerDay - 1 && load[p + 1]! > 0;
        if (!before && !after) curriculumCompactness += 2 * load[p]!;
      }
    }
  }
  const hard = lectureCount + roomOccupancy + conflicts + availability + unknown;
  return {
    lectures: lectureCount,
    roomOccupancy,
    conflicts,
    availability,
    unknown,
    hard,
    roomCapacity,
    minWorkingDays,
    curriculumCompactness,
    roomStability,
    soft: roomCapacity + minWorkingDays + curriculumCompactness + roomStability,
  };
}

/**
 * Reads a timetable in the official ITC-2007 solution format: one lecture per line,
 * `course room day period` (blank lines ignored).
 *
 * @throws LumixError `PARSE_ERROR` naming the line of a malformed entry.
 */
export function parseItcSolution(text: string, label: string): ItcLecture[] {
  const out: ItcLecture[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    const f = t.split(/\s+/);
    if (f.length !== 4 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) {
      throw new LumixError('PARSE_ERROR', `${label} line ${i + 1}: expected 'course room day period' (day and period whole numbers), found '${t.slice(0, 60)}'.`, {
        details: { file: label, line: i + 1 },
      });
    }
    out.push({ course: f[0]!, room: f[1]!, day: Number(f[2]), period: Number(f[3]) });
  }
  return out;
}

/** Writes a timetable in the official ITC-2007 solution format (`course room day period` per line). */
export function formatItcSolution(lectures: readonly ItcLecture[]): string {
  return lectures.map((l) => `${l.course} ${l.room} ${l.day} ${l.period}\n`).join('');
}
