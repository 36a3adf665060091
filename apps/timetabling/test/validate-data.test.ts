import { describe, expect, it } from 'vitest';
import { isLumixError, type LumixError } from '@lumix/core';
import { readJsonFixture } from '@lumix/test-fixtures';
import { generateSchool } from '../src/data/generate-school.js';
import { readSchoolJson } from '../src/data/read-school-json.js';
import { validateSchoolData, type RawSchoolData } from '../src/data/validate-school-data.js';
import { fixturePath } from '@lumix/test-fixtures';

const origin = { label: 'data.json', fix: 'Fix the file and run seed again.' };
const tutorial = () => readSchoolJson(fixturePath('tutorial/timetabling_step2.json')).raw as Record<string, unknown[]>;

function rejects(raw: RawSchoolData): LumixError {
  try {
    validateSchoolData(raw, origin);
  } catch (e) {
    if (isLumixError(e)) return e;
    throw e;
  }
  throw new Error('expected validateSchoolData to throw');
}

function edit(table: string, id: number, patch: Record<string, unknown>): Record<string, unknown[]> {
  const raw = tutorial();
  raw[table] = (raw[table] as Record<string, unknown>[]).map((r) => (r['id'] === id ? { ...r, ...patch } : r));
  return raw;
}

describe('validateSchoolData', () => {
  it('data/tutorial-valid', () => {
    const data = validateSchoolData(tutorial(), origin);
    expect(data.lectures).toHaveLength(20);
    expect(data.timeslots).toHaveLength(30);
    expect(data.classrooms.map((r) => r.capacity)).toEqual([30, 30, 25, 20]);
  });

  it('data/ignores-meta-expected-and-reports-unknown-keys', () => {
    const json = readSchoolJson(fixturePath('tutorial/timetabling_step3.json'));
    // Step 3's teacher_preferences are an input table now (they were ignored before steps 3-4 were built).
    expect(json.ignored).toEqual([]);
    expect(Array.isArray(json.raw.teacher_preferences)).toBe(true);
    const step2 = readSchoolJson(fixturePath('tutorial/timetabling_step2.json'));
    expect(step2.ignored).toEqual([]);
    expect(readJsonFixture<Record<string, unknown>>('tutorial/timetabling_step2.json')['expected']).toBeDefined();
  });

  it('data/negative-capacity-names-the-room', () => {
    const e = rejects(edit('classrooms', 3, { capacity: -5 }));
    expect(e.code).toBe('DATA_ERROR');
    expect(e.message).toContain('classrooms id 3 (Room 201): capacity is -5');
    expect(e.message).toContain('Fix the file and run seed again.');
  });

  it('data/non-numeric-value-names-the-record', () => {
    const e = rejects(edit('classes', 2, { size: 'twenty' }));
    expect(isLumixError(e, 'INVALID_NUMBER')).toBe(true);
    expect(e.message).toContain("classes id 2 (9B): size is 'twenty', not a number");
  });

  it('data/unknown-foreign-key-names-the-lecture', () => {
    const e = rejects(edit('lectures', 7, { teacher_id: 99 }));
    expect(e.message).toContain('lectures id 7: teacher_id 99 is not in teachers');
  });

  it('data/class-larger-than-every-room', () => {
    const e = rejects(edit('classes', 4, { size: 45 }));
    expect(e.message).toContain('classes id 4 (10B): 45 students do not fit in any classroom (the largest, Room 101, holds 30)');
  });

  it('data/more-lectures-for-a-class-than-timeslots', () => {
    const raw = tutorial();
    raw['timeslots'] = (raw['timeslots'] as unknown[]).slice(0, 5);
    const e = rejects(raw);
    expect(e.message).toContain('classes id 3 (10A): 6 lectures but only 5 timeslots');
    expect(e.message).toContain('teachers id 1 (Dr. Smith): 6 lectures but only 5 timeslots');
    expect(e.message).not.toContain('9A');
  });

  it('data/duplicates-and-missing-tables', () => {
    const raw = tutorial();
    raw['timeslots'] = [...(raw['timeslots'] as unknown[]), { id: 31, day_of_week: 0, period: 1, day_name: 'Monday' }];
    delete raw['subjects'];
    const e = rejects(raw);
    expect(e.message).toContain('subjects: the table is missing');
    expect(e.message).toContain('timeslots: two records have (day_of_week 0, period 1)');
    expect(e.details['problems']).toHaveLength(2);
  });

  it('data/many-problems-are-listed-and-counted', () => {
    const raw = tutorial();
    raw['lectures'] = (raw['lectures'] as Record<string, unknown>[]).map((l) => ({ ...l, class_id: 77 }));
    const e = rejects(raw);
    expect(e.message).toContain('(20 problems)');
    expect(e.message).toContain('… and 12 more.');
  });

  it('data/generated-school-is-valid-and-reproducible', () => {
    const a = generateSchool({ seed: 7 });
    expect(validateSchoolData(a as unknown as RawSchoolData, origin).lectures.length).toBe(a.lectures.length);
    expect(generateSchool({ seed: 7 })).toEqual(a);
    expect(generateSchool({ seed: 8 })).not.toEqual(a);
    expect(a.classes).toHaveLength(8);
    expect(a.teachers).toHaveLength(10);
    expect(a.classrooms).toHaveLength(6);
    expect(a.timeslots).toHaveLength(30);
  });
});
