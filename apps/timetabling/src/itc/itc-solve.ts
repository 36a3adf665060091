import { LumixError, checkFeasibility, type Solution, type Solver, type TerminationStatus } from '@lumix/core';
import type { ItcLecture } from './itc-evaluate.js';
import type { ItcInstance } from './itc-instance.js';
import { buildPeriodStage, buildRoomStage, type PlacedLecture } from './itc-model.js';

/** Options of {@link solveItc}. */
export interface SolveItcOptions {
  readonly solver: Solver;
  /** Seconds for both stages together; stage 1 gets {@link PERIOD_STAGE_SHARE} of it, stage 2 the rest (and what stage 1 left). */
  readonly timeLimit: number;
  /** Progress lines (one per stage). */
  readonly log?: (line: string) => void;
}

/** Figures of one stage. */
export interface ItcStageFigures {
  readonly name: string;
  readonly status: TerminationStatus;
  readonly objective: number | null;
  readonly variables: number;
  readonly rows: number;
  readonly nonzeros: number;
  readonly buildMs: number;
  readonly solveMs: number;
}

/** What {@link solveItc} returns: the timetable, both stages' figures, and the stage-2 solution (for its run record). */
export interface ItcSolveResult {
  readonly lectures: readonly ItcLecture[];
  readonly stages: readonly [ItcStageFigures, ItcStageFigures];
  /** The worse of the two statuses: `optimal` only when both stages were solved to optimality. */
  readonly status: TerminationStatus;
  readonly last: Solution;
}

/** Share of the time limit given to stage 1 (periods); stage 2 (rooms) is smaller and easier. */
export const PERIOD_STAGE_SHARE = 0.75;

function figures(name: string, sol: Solution): ItcStageFigures {
  const r = sol.run;
  return { name, status: r.status, objective: r.objective, variables: r.numVariables, rows: r.numConstraints, nonzeros: r.numNonzeros, buildMs: r.buildMs, solveMs: r.solveMs };
}

function assertPoint(sol: Solution, stage: string): void {
  const check = checkFeasibility(sol.compiled.problem, sol.result.colValues as Float64Array);
  if (!check.feasible) {
    throw new LumixError('SOLVER_FAILED', `${sol.run.solver} returned a ${stage} point that breaks ${check.worstRow || check.worstIntegral || check.worstBound}; nothing was saved.`, {
      details: { check },
    });
  }
}

/**
 * Solves an ITC-2007 instance in two stages (see {@link buildPeriodStage} and
 * {@link buildRoomStage}): periods first, then rooms with the periods fixed. Why decompose: the
 * full model (course × period × room binaries plus stability) is 5–20 times larger and HiGHS finds
 * no feasible point of it within minutes on the larger instances, while the period model is small
 * and every period solution with at most one lecture per room and period has a room assignment
 * (capacity is soft), so stage 2 is always feasible. The price: stage 1 only bounds the capacity
 * cost by counting, and room stability is not seen by stage 1, so the sum of the stages is not
 * proven optimal even when each stage is.
 *
 * Returns `null` when stage 1 finds no timetable (infeasible, or the time limit ran out first).
 */
export async function solveItc(inst: ItcInstance, o: SolveItcOptions): Promise<ItcSolveResult | { readonly none: TerminationStatus; readonly stage: ItcStageFigures }> {
  const started = performance.now();
  const periods = buildPeriodStage(inst);
  const s1 = await periods.model.solve({ solver: o.solver, timeLimit: o.timeLimit * PERIOD_STAGE_SHARE });
  const f1 = figures('periods', s1);
  o.log?.(`stage 1 (periods): ${f1.status}, objective ${f1.objective ?? '-'}, ${f1.variables} variables, ${f1.rows} rows, ${Math.round(f1.solveMs)} ms`);
  if (!s1.hasSolution) return { none: s1.run.status, stage: f1 };
  assertPoint(s1, 'period-stage');
  const placed: PlacedLecture[] = s1.entries(periods.meet, (v) => v > 0.5).map((e) => ({ course: e.item.course.id, day: e.item.day, slot: e.item.slot }));

  const rooms = buildRoomStage(inst, placed);
  const left = Math.max(5, o.timeLimit - (performance.now() - started) / 1000);
  const s2 = await rooms.model.solve({ solver: o.solver, timeLimit: left });
  const f2 = figures('rooms', s2);
  o.log?.(`stage 2 (rooms): ${f2.status}, objective ${f2.objective ?? '-'}, ${f2.variables} variables, ${f2.rows} rows, ${Math.round(f2.solveMs)} ms`);
  if (!s2.hasSolution) return { none: s2.run.status, stage: f2 };
  assertPoint(s2, 'room-stage');
  const lectures: ItcLecture[] = s2.entries(rooms.room, (v) => v > 0.5).map((e) => {
    const p = placed[e.item.lecture.id]!;
    return { course: inst.courses[p.course]!.name, room: inst.rooms[e.item.room.id]!.name, day: p.day, period: p.slot };
  });
  const status: TerminationStatus = f1.status === 'optimal' ? f2.status : f1.status;
  return { lectures, stages: [f1, f2], status, last: s2 };
}
