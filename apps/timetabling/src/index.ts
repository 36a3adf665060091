// @lumix/timetabling is an application: run it with `pnpm --filter @lumix/timetabling start --
// <command>` (src/main.ts). Its one export is the command line as a function, for running it
// in-process; its tests import the modules they test directly.
export { runTimetablingCli } from './timetabling-cli.js';
// Its data generator too, for `pnpm bench apps` (data sets of any size, written as a data file).
export { generateSchool } from './data/generate-school.js';
// ITC-2007 (curriculum-based course timetabling): the parser and the independent evaluator, for
// the benchmark suite (packages/benchmarks, `pnpm bench itc`) that scores what `solve` saved.
export { parseItcInstance } from './itc/itc-instance.js';
export type { ItcInstance, ItcCourse, ItcRoom, ItcCurriculum, ItcUnavailability } from './itc/itc-instance.js';
export { evaluateItc, parseItcSolution } from './itc/itc-evaluate.js';
export type { ItcLecture, ItcScore } from './itc/itc-evaluate.js';
