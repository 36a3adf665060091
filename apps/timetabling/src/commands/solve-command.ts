import type { SolverName } from '@lumix/solver-runtime';
import { chooseSolver, describeStoppedSolve, formatNumber, formatTable, recordPhase, solveProgressOptions, timePhase, withOutputs, type ChosenAppSolver, type PreparedOutputs } from '@lumix/app-kit';
import { LumixError, checkFeasibility, type SolveRunRecord } from '@lumix/core';
import type { SchoolClass } from '../data/school-data.js';
import type { OrmKind } from '../db/open-adapter.js';
import { buildTimetableModel } from '../model/build-timetable-model.js';
import { diagnoseInfeasibility } from '../model/diagnose-infeasibility.js';
import { renderTimetableHtml } from '../report/html-report.js';
import type { Placement } from '../report/timetable-grids.js';
import type { CommandContext } from './command-context.js';
import { reportOutput, schoolDatabase } from './command-outputs.js';
import { loadSchool } from './load-school.js';
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
  /** HTML report file (resolved); default: none. */
  readonly report?: string;
  /** `--force`: the report may replace a file this app did not write. Default false. */
  readonly force?: boolean;
  /** A solver chosen by the caller (a queue worker's warm pool) instead of {@link SolveCommandOptions.solver}'s rules. */
  readonly chosenSolver?: ChosenAppSolver;
  /** Appended to the run's label (a queue job's `job=<id>`). */
  readonly runLabel?: string;
  /** Awaited inside the save's transaction, once the run has its id (a queue worker's check that the job is still its own). */
  readonly duringSave?: (runId: number) => Promise<void>;
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;

/**
 * `solve`: loads the school through the chosen adapter, checks it, builds the step 1/2 model from
 * the adapter's sources, solves it, prints the grids and saves the timetable as a new run
 * (`solve_runs` row + `schedule_assignments` rows, one transaction). Returns 0, or 3 when no
 * timetable exists (nothing is saved then).
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
  const chosen = o.chosenSolver ?? await chooseSolver({
    cwd: ctx.cwd,
    ...(o.solver === undefined ? {} : { name: o.solver }),
    ...(ctx.env === undefined ? {} : { env: ctx.env }),
  });
  // Phases (app-kit's timePhase) for `pnpm bench apps`: load, build, solve, print, check, save, report.
  const db = await timePhase('load', () => openExistingSchoolDb(ctx, o));
  try {
    const { data, sources } = await timePhase('load', () => loadSchool(db, o.dbName));
    out.out(
      `Loaded ${data.teachers.length} teachers, ${data.classrooms.length} classrooms, ${data.classes.length} classes, ` +
        `${data.subjects.length} subjects, ${data.timeslots.length} timeslots and ${data.lectures.length} lectures from ${o.dbName} with the ${o.orm} adapter.`,
    );
    const classSize = await timePhase('load', () => db.adapter.lookup<number, SchoolClass>(sources.classes, 'id', 'size'));
    const { model, assign } = timePhase('build', () =>
      buildTimetableModel({
        lectures: sources.lectures,
        timeslots: sources.timeslots,
        classrooms: sources.classrooms,
        classSize,
      }),
    );
    const solveStart = performance.now();
    const sol = await model.solve({
      solver: chosen.solver,
      ...(o.timeLimit === undefined ? {} : { timeLimit: o.timeLimit }),
      // A line on stderr every few seconds of a long solve (incumbent, bound, gap, elapsed).
      ...solveProgressOptions(chosen.solver, out),
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
        const why = diagnoseInfeasibility(data);
        out.err(
          `No feasible timetable: the lectures cannot all be placed without a clash or an overfull room.` +
            (why === null ? '' : `\n${why}`) +
            `\nAdd timeslots or rooms, or move lectures, then seed again. Nothing was saved.`,
        );
        return 3;
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
    const check = timePhase('check', () => checkFeasibility(sol.compiled.problem, sol.result.colValues as Float64Array));
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
          await o.duringSave?.(runId);
          // Staged inside the transaction: if the report cannot be written, the run is not saved.
          if (report !== undefined) {
            timePhase('report', () =>
              report.write(
                renderTimetableHtml({
                  data,
                  placements,
                  source: o.dbName,
                  run: { id: runId, solver: run.solver, status: run.status, startedAt: run.startedAt, buildMs: run.buildMs, solveMs: run.solveMs, numVariables: run.numVariables, numConstraints: run.numConstraints },
                }),
              ),
            );
          }
          return { schedule_assignments: placements.map((p) => ({ ...p })) };
        },
      }),
    );
    // The run is committed: the report takes its place now.
    outputs.commit();

    timePhase('print', () => {
      const stopped = describeStoppedSolve(sol, o.timeLimit);
      if (stopped !== undefined) out.out(`note: ${stopped} The timetable below is valid (checked against every rule).`);
      printTimetable(out, data, placements);
      out.out('');
      out.out(`Saved run #${saved.id}: ${placements.length} assignments in ${o.dbName}.`);
      if (report !== undefined) out.out(`Report: ${report.path}`);
    });
    return 0;
  } finally {
    await db.close();
  }
}
