import type { SchoolData } from '../data/school-data.js';
import { validateSchoolData } from '../data/validate-school-data.js';
import type { SchoolDb, SchoolSources } from '../db/school-db.js';

/** The checked input tables of a database, and the (already loaded) sources they came from. */
export interface LoadedSchool {
  readonly data: SchoolData;
  readonly sources: SchoolSources;
}

/**
 * Loads the six input tables through the database's adapter (one query each) and checks them
 * with `validateSchoolData`, so that bad rows are reported by name before a model is built.
 * The returned sources hand the same rows to the model without querying again.
 */
export async function loadSchool(db: SchoolDb, dbLabel: string): Promise<LoadedSchool> {
  const sources = db.sources();
  const [teachers, classrooms, classes, subjects, timeslots, lectures, teacher_preferences] = await Promise.all([
    sources.teachers.load(),
    sources.classrooms.load(),
    sources.classes.load(),
    sources.subjects.load(),
    sources.timeslots.load(),
    sources.lectures.load(),
    sources.teacher_preferences.load(),
  ]);
  const data = validateSchoolData(
    { teachers, classrooms, classes, subjects, timeslots, lectures, teacher_preferences },
    { label: `database ${dbLabel}`, fix: `Fix the record in ${dbLabel}, or run seed again with corrected data.` },
  );
  return { data, sources };
}
