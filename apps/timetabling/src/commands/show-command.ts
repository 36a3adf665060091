import { formatTable, withOutputs, type PreparedOutputs } from '@lumix/app-kit';
import { LumixError, type SolveRunRecord } from '@lumix/core';
import type { OrmKind } from '../db/open-adapter.js';
import { renderTimetableHtml } from '../report/html-report.js';
import type { Placement } from '../report/timetable-grids.js';
import type { CommandContext } from './command-context.js';
import { reportOutput, schoolDatabase } from './command-outputs.js';
import { loadSchool } from './load-school.js';
import { openExistingSchoolDb } from './open-existing.js';
import { printTimetable } from './print-timetable.js';
import { describePreference, printGoalSatisfaction, printSameSubjectDay, sameSubjectBreaks, savedGoalLines } from './print-goals.js';

/** Options of {@link showCommand}. */
export interface ShowCommandOptions {
  readonly db: string;
  readonly dbFlag: string;
  /** The database path as the user typed it (for messages). */
  readonly dbName: string;
  readonly orm: OrmKind;
  /** Run id; default: the latest run. */
  readonly run?: number;
  /** HTML report file (resolved); default: none. */
  readonly report?: string;
  /** `--force`: the report may replace a file this app did not write. Default false. */
  readonly force?: boolean;
}

/**
 * `show`: prints a saved run (the latest, or `--run N`) as weekly grids, and optionally writes its
 * HTML report. A run solved with goals also gets its goal satisfaction (per priority satisfied /
 * total, each preference met or missed, the same-subject-per-day breaks), evaluated on the saved
 * assignments against the school's current preferences.
 */
export async function showCommand(ctx: CommandContext, o: ShowCommandOptions): Promise<number> {
  return withOutputs(
    { database: schoolDatabase(ctx, o, 'read'), files: o.report === undefined ? [] : [reportOutput(o.report)], force: o.force === true },
    (outputs) => show(ctx, o, outputs),
  );
}

async function show(ctx: CommandContext, o: ShowCommandOptions, outputs: PreparedOutputs): Promise<number> {
  const report = outputs.file('--report');
  const db = await openExistingSchoolDb(ctx, o);
  try {
    let run: SolveRunRecord | null;
    if (o.run === undefined) {
      run = await db.adapter.latestRun({ modelName: 'timetabling' });
      if (run === null) {
        throw new LumixError('INVALID_ARGUMENT', `${o.dbName} has no saved runs yet. Make one with: ${ctx.program} solve${o.dbFlag}`, { details: { file: o.db } });
      }
    } else {
      run = await db.adapter.getRun(o.run);
      if (run === null) {
        const runs = await db.adapter.listRuns();
        throw new LumixError(
          'INVALID_ARGUMENT',
          `${o.dbName} has no run #${o.run}. ${runs.length === 0 ? 'It has no runs yet.' : `Its runs are ${runs.map((r) => `#${r.id}`).join(', ')}; list them with: ${ctx.program} runs${o.dbFlag}`}`,
          { details: { file: o.db, run: o.run } },
        );
      }
    }
    const { data } = await loadSchool(db, o.dbName);
    const rows = await db.adapter.readRunRows<Placement>('schedule_assignments', run.id, { orderBy: ['timeslot_id', 'classroom_id'] });
    const placements = rows.map((r) => ({ lecture_id: Number(r.lecture_id), timeslot_id: Number(r.timeslot_id), classroom_id: Number(r.classroom_id) }));
    ctx.out.out(
      formatTable(
        [{ header: `run #${run.id}` }, { header: '' }],
        [
          ['started', `${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`],
          ['solver', run.solver],
          ['status', run.status],
          ['assignments', `${placements.length} of ${data.lectures.length} lectures`],
          ['model', `${run.numVariables} variables, ${run.numConstraints} constraints`],
          ['build / solve', `${Math.round(run.buildMs)} ms / ${Math.round(run.solveMs)} ms`],
          ...(run.label === null ? [] : [['label', run.label]]),
        ],
      ),
    );
    printTimetable(ctx.out, data, placements);
    // A run solved with goals (preferences, the same-subject rule): their satisfaction in the saved
    // timetable, from its schedule_assignments rows (no new solve).
    const goalMode = run.options['goals'];
    const goals = typeof goalMode === 'string' ? savedGoalLines(data, placements) : undefined;
    if (goals !== undefined) {
      if (goals.preferences.length > 0) printGoalSatisfaction(ctx.out, data, goals.preferences, goalMode as string);
      if (goals.sameSubjectDay.length > 0) printSameSubjectDay(ctx.out, data, goals.sameSubjectDay);
    }
    if (report !== undefined) {
      report.write(
        renderTimetableHtml({
          data,
          placements,
          source: o.dbName,
          run,
          ...(goals === undefined || goals.preferences.length === 0
            ? {}
            : { preferences: goals.preferences.map((r) => ({ id: r.item.id, priority: r.priority, text: describePreference(data, r.item), satisfied: r.satisfied })) }),
          ...(goals === undefined || goals.sameSubjectDay.length === 0 ? {} : { sameSubjectBreaks: sameSubjectBreaks(data, goals.sameSubjectDay) }),
        }),
      );
      outputs.commit();
      ctx.out.out('');
      ctx.out.out(`Report: ${report.path}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
