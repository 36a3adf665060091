// Steps 3-4 data: what cannot be honoured is refused naming the record, what is odd is warned
// about naming the preference, and nothing is dropped.
import { describe, expect, it } from 'vitest';
import { isLumixError, type LumixError } from '@lumix/core';
import { fixturePath } from '@lumix/test-fixtures';
import { readSchoolJson } from '../src/data/read-school-json.js';
import { schoolDataWarnings, validateSchoolData, type RawSchoolData } from '../src/data/validate-school-data.js';

const origin = { label: 'step4.json', fix: 'Fix the file and run seed again.' };
const step4 = () => readSchoolJson(fixturePath('tutorial/timetabling_step4.json')).raw as Record<string, Record<string, unknown>[]>;

function rejects(raw: RawSchoolData): LumixError {
  try {
    validateSchoolData(raw, origin);
  } catch (e) {
    if (isLumixError(e)) return e;
    throw e;
  }
  throw new Error('expected validateSchoolData to throw');
}

function edit(table: string, id: number, patch: Record<string, unknown>): Record<string, Record<string, unknown>[]> {
  const raw = step4();
  raw[table] = raw[table]!.map((r) => (r['id'] === id ? { ...r, ...patch } : r));
  return raw;
}

describe('steps 3-4 data', () => {
  it('keeps room types, lab flags, seniority and all 24 preferences', () => {
    const d = validateSchoolData(step4(), origin);
    expect(d.classrooms.map((r) => r.room_type).join(',')).toBe('REGULAR,REGULAR,REGULAR,REGULAR,REGULAR,REGULAR,REGULAR,REGULAR,LAB,LAB,LAB,GYM');
    expect(d.subjects.filter((s) => s.requires_lab).map((s) => s.name)).toEqual(['Physics', 'Chemistry', 'Biology']);
    expect(d.teachers[0]).toMatchObject({ id: 1, work_years: 18 });
    expect(d.teacher_preferences).toHaveLength(24);
  });

  it('warns about preferences on another teacher’s lecture and the two conflicting pairs, naming them', () => {
    const w = schoolDataWarnings(validateSchoolData(step4(), origin));
    const foreign = w.filter((x) => x.includes('not by this teacher'));
    expect(foreign).toHaveLength(10);
    expect(foreign[0]).toMatch(/^teacher_preferences id 3 \(Dr\. Emily Watson: .*\): lecture 3 \(Physics 9A\) is taught by Prof\. Michael Chen/);
    const conflicts = w.filter((x) => x.includes('conflicts with'));
    expect(conflicts.map((x) => x.match(/^teacher_preferences id (\d+)/)![1])).toEqual(['7', '18']);
  });

  it('the step-2 data has nothing to warn about', () => {
    const d = validateSchoolData(readSchoolJson(fixturePath('tutorial/timetabling_step2.json')).raw, origin);
    expect(schoolDataWarnings(d)).toEqual([]);
  });

  it('PE without a gym is refused naming the lectures', () => {
    const e = rejects(edit('classrooms', 12, { room_type: 'REGULAR' }));
    expect(e.code).toBe('DATA_ERROR');
    expect(e.message).toMatch(/lectures id 7 \(Physical Education 9A\): needs a GYM room for 28 students and there is none/);
  });

  it('an unknown room type is refused naming the room', () => {
    const e = rejects(edit('classrooms', 1, { room_type: 'POOL' }));
    expect(e.message).toContain("classrooms id 1 (Room 101): room_type is 'POOL'; it must be one of REGULAR, LAB, GYM.");
  });

  it('requires_lab must be true or false', () => {
    expect(rejects(edit('subjects', 2, { requires_lab: 'yes' })).message).toContain("subjects id 2 (Physics): requires_lab is 'yes'; it must be true or false.");
  });

  it('a preference without its fields, of an unknown type, or on an unknown lecture is refused naming it', () => {
    expect(rejects(edit('teacher_preferences', 1, { day_of_week: null })).message).toContain('teacher_preferences id 1: a DAY_OFF preference needs day_of_week.');
    expect(rejects(edit('teacher_preferences', 1, { preference_type: 'MORNINGS' })).message).toContain(
      "teacher_preferences id 1: preference_type is 'MORNINGS'; it must be one of DAY_OFF, SPECIFIC_TIME.",
    );
    expect(rejects(edit('teacher_preferences', 3, { lecture_id: 999 })).message).toContain('teacher_preferences id 3: lecture_id 999 is not in lectures.');
    expect(rejects(edit('teachers', 1, { work_years: -2 })).message).toContain('teachers id 1 (Dr. Emily Watson): work_years is -2');
  });
});
