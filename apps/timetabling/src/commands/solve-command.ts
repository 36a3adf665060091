import type { SolverName } from '@lumix/solver-runtime';
import { INTERRUPTED_EXIT_CODE, chooseSolver, chosenInWorker, describeStoppedSolve, listenForInterrupt, formatNumber, formatTable, recordPhase, solveProgressOptions, timePhase, withOutputs, type ChosenAppSolver, type PreparedOutputs } from '@lumix/app-kit';
import { LumixError, checkFeasibility, type SolveRunRecord, type StandardForm } from '@lumix/core';
import type { OrmKind } from '../db/open-adapter.js';
import { buildTimetableModel, sameSubjectDayRows } from '../model/build-timetable-model.js';
import { explainInfeasibleTimetable } from '../model/explain-timetable.js';
import { renderTimetableHtml } from '../report/html-report.js';
import type { Placement } from '../report/timetable-grids.js';
import type { CommandContext } from './command-context.js';
import { reportOutput, schoolDatabase } from './command-outputs.js';
import { loadSchool } from './load-school.js';
import { allowedRoomTypes, seniorityPriority, type SchoolClass } from '../data/school-data.js';
import { schoolDataWarnings } from '../data/validate-school-data.js';
import { describePreference, printGoalSatisfaction, printSameSubjectDay, sameSubjectBreaks } from './print-goals.js';
import { openExistingSchoolDb } from './open-existing.js';
import { printTimetable } from './print-timetable.js';

/** Options of {@link solveCommand}. */
export interface SolveCommandOptions {
  /** Database file (resolved). */
  readonly db: string;
  /** ` --db <path as typed>` when given, else '' (for hints). */
  readonly dbFlag: string;
  /** The database path as the user typed it (for messages). */
  readonly dbName: string;
  /**
   * `--solver`. Default: `LUMIX_SOLVER`, else `lumix.config.json` (or package.json `"lumix"`) in
   * the user's folder (`ctx.cwd`), else HiGHS.
   */
  readonly solver?: SolverName;
  readonly orm: OrmKind;
  /** Seconds; default: none. */
  readonly timeLimit?: number;
  /** How preferences (goals) are traded: `weighted` (default, LumiX's) or `lexicographic`. */
  readonly goalMode?: 'weighted' | 'lexicographic';
  /** Weight of the soft same-subject-per-day rule (0: off). Default 1. */
  readonly sameSubjectDayWeight?: number;
  /** HTML report file (resolved); default: none. */
  readonly report?: string;
  /** `--force`: the report may replace a file this app did not write. Default false. */
  readonly force?: boolean;
  /** A solver chosen by the caller (a queue worker's warm pool) instead of {@link SolveCommandOptions.solver}'s rules. */
  readonly chosenSolver?: ChosenAppSolver;
  /** Appended to the run's label (a queue job's `job=<id>`). */
  readonly runLabel?: string;
  /**
   * Awaited inside the save's transaction, once the run has its id: a queue worker's check that the
   * job is still its own, and the rows it adds to the save (the job's key in `solve_run_jobs`).
   */
  readonly duringSave?: (runId: number) => Promise<Readonly<Record<string, readonly object[]>> | undefined>;
  /**
   * Ctrl-C keeps the best timetable (the command-line process): the solve runs in a worker thread,
   * the first SIGINT stops it and its best timetable so far is checked and saved with status
   * `interrupted`, a second SIGINT exits at once (130) without saving. Default false (in-process
   * callers: the solve runs on the calling thread and SIGINT is left alone).
   */
  readonly interruptible?: boolean;
}

/**
 * The problem with the goal rows (named `<prefix>…` for one of the prefixes) left free: a goal may be missed, so the
 * re-check of the solver's point holds it to the hard rows only (the goal report covers the rest).
 */
function hardRowsOnly(p: StandardForm, prefixes: readonly string[]): StandardForm {
  const rowLower = Float64Array.from(p.rowLower);
  const rowUpper = Float64Array.from(p.rowUpper);
  let any = false;
  for (let i = 0; i < p.numRows; i++) {
    const name = p.rowName(i);
    if (prefixes.some((prefix) => name.startsWith(prefix))) {
      rowLower[i] = -Infinity;
      rowUpper[i] = Infinity;
      any = true;
    }
  }
  return any ? { ...p, rowLower, rowUpper, rowName: (i: number) => p.rowName(i), colName: (j: number) => p.colName(j) } : p;
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;

/**
 * `solve`: loads the school through the chosen adapter, checks it, builds the step 1/2 model from
 * the adapter's sources, solves it, prints the grids and saves the timetable as a new run
 * (`solve_runs` row + `schedule_assignments` rows, one transaction). Returns 0, or 3 when no
 * timetable exists (nothing is saved then), or 130 when Ctrl-C stopped the solve before it found
 * a timetable (see {@link SolveCommandOptions.interruptible}; a timetable found before Ctrl-C or
 * the time limit is checked and saved like any other, with the solve's status).
 *
 * Under app-kit's output rule: the database (writable) and the report path are checked before
 * anything is loaded; the report is staged inside the save's transaction and renamed into place
 * after the commit. Any exit but 0 changes nothing.
 */
export async function solveCommand(ctx: CommandContext, o: SolveCommandOptions): Promise<number> {
  return withOutputs(
    { database: schoolDatabase(ctx, o, 'write'), files: o.report === undefined ? [] : [reportOutput(o.report)], force: o.force === true },
    (outputs) => solveAndSave(ctx, o, outputs),
  );
}

async function solveAndSave(ctx: CommandContext, o: SolveCommandOptions, outputs: PreparedOutputs): Promise<number> {
  const { out } = ctx;
  const report = outputs.file('--report');
  const picked = o.chosenSolver ?? await chooseSolver({
    cwd: ctx.cwd,
    ...(o.solver === undefined ? {} : { name: o.solver }),
    ...(ctx.env === undefined ? {} : { env: ctx.env }),
  });
  // From the command line the solve runs in a worker, so that Ctrl-C is heard while it runs.
  const interruptible = o.interruptible === true && o.chosenSolver === undefined;
  const chosen = interruptible ? await chosenInWorker(picked) : picked;
  // Phases (app-kit's timePhase) for `pnpm bench apps`: load, build, solve, print, check, save, report.
  const db = await timePhase('load', () => openExistingSchoolDb(ctx, o));
  const interrupt = interruptible ? listenForInterrupt(out, { what: 'timetable' }) : undefined;
  try {
    const { data, sources } = await timePhase('load', () => loadSchool(db, o.dbName));
    out.out(
      `Loaded ${data.teachers.length} teachers, ${data.classrooms.length} classrooms, ${data.classes.length} classes, ` +
        `${data.subjects.length} subjects, ${data.timeslots.length} timeslots and ${data.lectures.length} lectures from ${o.dbName} with the ${o.orm} adapter.`,
    );
    const classSize = await timePhase('load', () => db.adapter.lookup<number, SchoolClass>(sources.classes, 'id', 'size'));
    for (const w of schoolDataWarnings(data)) out.out(`warning: ${w}`);
    const subjects = new Map(data.subjects.map((s) => [s.id, s]));
    const teachers = new Map(data.teachers.map((t) => [t.id, t]));
    const prefs = data.teacher_preferences ?? [];
    const { model, assign, preferences, sameSubjectDay } = timePhase('build', () =>
      buildTimetableModel({
        lectures: sources.lectures,
        timeslots: sources.timeslots,
        classrooms: sources.classrooms,
        classSize,
        // Validated: every lecture's subject exists.
        roomTypeFits: (lecture, room) => allowedRoomTypes(subjects.get(lecture.subject_id)!).includes(room.room_type ?? 'REGULAR'),
        preferences: prefs,
        preferencePriority: (p) => seniorityPriority(teachers.get(p.teacher_id)!),
        sameSubjectDay: { weight: o.sameSubjectDayWeight ?? 1, rows: sameSubjectDayRows(data.lectures, data.timeslots) },
      }),
    );
    const solveStart = performance.now();
    const sol = await model.solve({
      solver: chosen.solver,
      ...(o.timeLimit === undefined ? {} : { timeLimit: o.timeLimit }),
      // A line on stderr every few seconds of a long solve (incumbent, bound, gap, elapsed).
      ...solveProgressOptions(chosen.solver, out),
      ...(interrupt === undefined ? {} : { signal: interrupt.signal }),
      ...(preferences === undefined && sameSubjectDay === undefined ? {} : { mipGap: 0, goals: { mode: o.goalMode ?? 'weighted' } }),
    });
    const run = sol.run;
    recordPhase('build', run.buildMs);
    recordPhase('solve', performance.now() - solveStart - run.buildMs);
    out.out('');
    out.out(
      formatTable(
        [{ header: 'model' }, { header: 'value', align: 'right' }],
        [
          ['variables (binary)', formatNumber(run.numVariables, 0)],
          ['constraints', formatNumber(run.numConstraints, 0)],
          ['non-zeros', formatNumber(run.numNonzeros, 0)],
          ['build (load + compile)', ms(run.buildMs)],
          ['solver', `${run.solver} (${chosen.reason})`],
          [`solve (${run.solver})`, ms(run.solveMs)],
          ['status', run.status],
        ],
      ),
    );

    if (!sol.hasSolution) {
      if (run.status === 'infeasible' || run.status === 'infeasible-or-unbounded') {
        // Core's explain (HiGHS' IIS, GLPK's elastic filter), preferences and the same-subject rule set aside
        // (goals); the counting diagnosis when it names nothing.
        const goalFamilies = [preferences?.name, sameSubjectDay?.name].filter((n): n is string => n !== undefined);
        const why = await explainInfeasibleTimetable(model, data, chosen.solver, goalFamilies, o.timeLimit, interrupt?.signal);
        out.err(
          `No feasible timetable: the lectures cannot all be placed without a clash or an overfull room.\n${why.lines.join('\n')}` +
            `\nAdd timeslots or rooms, or move lectures, then seed again. Nothing was saved.`,
        );
        return 3;
      }
      if (interrupt?.interrupted === true) {
        out.err(`Interrupted (Ctrl-C) before ${run.solver} found any timetable; nothing was saved.`);
        return INTERRUPTED_EXIT_CODE;
      }
      if (run.status === 'time-limit' || run.status === 'iteration-limit' || run.status === 'interrupted') {
        out.err(
          `No timetable found before the solver stopped (${run.status}${o.timeLimit === undefined ? '' : `, --time-limit ${o.timeLimit}`}); ` +
            `this does not prove that none exists. Allow more time with --time-limit. Nothing was saved.`,
        );
        return 3;
      }
      throw new LumixError('SOLVER_FAILED', `${run.solver} stopped with status '${run.status}' and no timetable.`, { details: { status: run.status } });
    }

    // A solver bug must not be saved as a timetable: re-check the point against every row.
    const check = timePhase('check', () => checkFeasibility(hardRowsOnly(sol.compiled.problem, ['preference[', 'same_subject_day[']), sol.result.colValues as Float64Array));
    if (!check.feasible) {
      throw new LumixError('SOLVER_FAILED', `${run.solver} returned a point that breaks ${check.worstRow || check.worstIntegral || check.worstBound}; nothing was saved.`, {
        details: { check },
      });
    }
    const placements: Placement[] = timePhase('save', () =>
      sol.entries(assign, (value) => value > 0.5).map((e) => ({ lecture_id: e.item.lecture.id, timeslot_id: e.item.slot.id, classroom_id: e.item.room.id })),
    );

    const saved: SolveRunRecord = await timePhase('save', () =>
      db.adapter.saveRun(sol, {
        label: `orm=${o.orm}${o.runLabel === undefined ? '' : ` ${o.runLabel}`}`,
        rows: async (runId) => {
          const jobRows = await o.duringSave?.(runId);
          // Staged inside the transaction: if the report cannot be written, the run is not saved.
          if (report !== undefined) {
            timePhase('report', () =>
              report.write(
                renderTimetableHtml({
                  data,
                  placements,
                  source: o.dbName,
                  ...(preferences === undefined
                    ? {}
                    : {
                        preferences: sol.goals.family(preferences).map((r) => ({ id: r.item.id, priority: r.priority, text: describePreference(data, r.item), satisfied: r.satisfied })),
                      }),
                  ...(sameSubjectDay === undefined ? {} : { sameSubjectBreaks: sameSubjectBreaks(data, sol.goals.family(sameSubjectDay)) }),
                  run: { id: runId, solver: run.solver, status: run.status, startedAt: run.startedAt, buildMs: run.buildMs, solveMs: run.solveMs, numVariables: run.numVariables, numConstraints: run.numConstraints },
                }),
              ),
            );
          }
          return { schedule_assignments: placements.map((p) => ({ ...p })), ...jobRows };
        },
      }),
    );
    // The run is committed: the report takes its place now.
    outputs.commit();

    timePhase('print', () => {
      const stopped = describeStoppedSolve(sol, o.timeLimit);
      if (stopped !== undefined) out.out(`note: ${stopped} The timetable below is valid (checked against every rule).`);
      printTimetable(out, data, placements);
      if (preferences !== undefined) printGoalSatisfaction(out, data, sol.goals.family(preferences), o.goalMode ?? 'weighted');
      if (sameSubjectDay !== undefined) printSameSubjectDay(out, data, sol.goals.family(sameSubjectDay));
      out.out('');
      out.out(`Saved run #${saved.id}: ${placements.length} assignments in ${o.dbName}.`);
      if (report !== undefined) out.out(`Report: ${report.path}`);
    });
    return 0;
  } finally {
    interrupt?.dispose();
    await db.close();
  }
}
