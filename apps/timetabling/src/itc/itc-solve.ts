import { LumixError, checkFeasibility, type Solution, type SolveProgress, type Solver, type TerminationStatus } from '@lumix/core';
import type { ItcLecture } from './itc-evaluate.js';
import type { ItcInstance } from './itc-instance.js';
import { evaluateItc } from './itc-evaluate.js';
import { buildPeriodStage, buildRoomStage, greedyRooms, periodStageStart, roomStageStart, type PlacedLecture } from './itc-model.js';

/** Options of {@link solveItc}. */
export interface SolveItcOptions {
  readonly solver: Solver;
  /** Seconds for all stages together (see {@link solveItc}). */
  readonly timeLimit: number;
  /** Progress lines (one per stage). */
  readonly log?: (line: string) => void;
  /** Passed to every stage's solve (one handler across the stages, e.g. app-kit's `solveProgressOptions`). Default: none. */
  readonly onProgress?: (progress: SolveProgress) => void;
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

/** What {@link solveItc} returns: the best timetable, every stage's figures, and the status. */
export interface ItcSolveResult {
  readonly lectures: readonly ItcLecture[];
  /** Every stage solved, in order: periods, rooms, then (periods, rooms) again per improvement round. */
  readonly stages: readonly ItcStageFigures[];
  /** `optimal` only when every stage was solved to optimality (the sum is still not proven optimal). */
  readonly status: TerminationStatus;
  /** The UD2 cost of each round's timetable, by the evaluator (the first is the plain two-stage result). */
  readonly rounds: readonly number[];
  /** The run record of the last stage solved (solver name, times). */
  readonly last: Solution;
}

/** Share of the time limit given to the first period stage; the first room stage gets {@link FIRST_ROOM_SHARE}, later rounds what is left. */
const PERIOD_STAGE_SHARE = 0.35;
const FIRST_ROOM_SHARE = 0.15;
/** The full model is tried (from the best timetable) only up to this many course × period × room columns. */
const FULL_MODEL_MAX_COLUMNS = 20_000;
/** The share of the time limit the rounds leave to the full model on small instances. */
const FULL_MODEL_SHARE = 0.4;

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

/** The room each course uses most (its "home"), by room position. */
function homeRooms(inst: ItcInstance, lectures: readonly ItcLecture[]): number[] {
  const courseIx = new Map(inst.courses.map((c, i) => [c.name, i]));
  const roomIx = new Map(inst.rooms.map((r, i) => [r.name, i]));
  const counts = inst.courses.map(() => new Int32Array(inst.rooms.length));
  for (const l of lectures) counts[courseIx.get(l.course)!]![roomIx.get(l.room)!]!++;
  return counts.map((row) => row.indexOf(Math.max(...row)));
}

function toPlaced(inst: ItcInstance, lectures: readonly ItcLecture[]): PlacedLecture[] {
  const courseIx = new Map(inst.courses.map((c, i) => [c.name, i]));
  return lectures.map((l) => ({ course: courseIx.get(l.course)!, day: l.day, slot: l.period }));
}

/**
 * Solves an ITC-2007 instance by decomposition (see {@link buildPeriodStage} and
 * {@link buildRoomStage}): periods first, then rooms with the periods fixed. Then, for the time
 * left, rounds that give every course the room it used most as its home, solve the period stage
 * again from the current timetable (a MIP start) with a cost for two courses of one home in one
 * period, and the room stage again; they stop at the first that does not improve. On instances up
 * to {@link FULL_MODEL_MAX_COLUMNS} course × period × room columns the rounds leave 40% of the
 * time to the full model, started from the best timetable. A result is kept when the evaluator
 * scores it lower.
 *
 * Why decompose: the full model (course × period × room binaries plus stability) is 5–20 times
 * larger, and HiGHS finds no feasible point of it in minutes on the larger instances; the period
 * model is small, and every period solution with at most one lecture per room and period has a
 * room assignment (capacity is soft), so the room stage is always feasible. The price: the stages
 * see the room costs only through bounds and homes, so the result is not proven optimal even when
 * every stage is.
 *
 * Returns `{ none }` when the first period stage finds no timetable (infeasible, or out of time).
 */
export async function solveItc(inst: ItcInstance, o: SolveItcOptions): Promise<ItcSolveResult | { readonly none: TerminationStatus; readonly stage: ItcStageFigures }> {
  const deadline = performance.now() + o.timeLimit * 1000;
  const live = o.onProgress === undefined ? {} : { onProgress: o.onProgress };
  const left = () => (deadline - performance.now()) / 1000;
  const stages: ItcStageFigures[] = [];
  const log = (f: ItcStageFigures) =>
    o.log?.(`${f.name}: ${f.status}, objective ${f.objective ?? '-'}, ${f.variables} variables, ${f.rows} rows, ${Math.round(f.solveMs)} ms`);

  const roomStage = async (placed: readonly PlacedLecture[], timeLimit: number, homes?: readonly number[]): Promise<{ lectures: ItcLecture[]; sol: Solution } | null> => {
    const rooms = buildRoomStage(inst, placed);
    const compiled = await rooms.model.compile();
    const start = roomStageStart(compiled, greedyRooms(inst, placed, homes === undefined ? undefined : new Map(homes.map((r, c) => [c, r]))));
    const sol = await rooms.model.solve({ solver: o.solver, ...live, timeLimit: Math.max(1, timeLimit), mipStart: start });
    const f = figures('rooms', sol);
    stages.push(f);
    log(f);
    if (!sol.hasSolution) return null;
    assertPoint(sol, 'room-stage');
    const lectures = sol.entries(rooms.room, (v) => v > 0.5).map((e) => {
      const p = placed[e.item.lecture.id]!;
      return { course: inst.courses[p.course]!.name, room: inst.rooms[e.item.room.id]!.name, day: p.day, period: p.slot };
    });
    return { lectures, sol };
  };

  const periods = buildPeriodStage(inst);
  let s1 = await periods.model.solve({ solver: o.solver, ...live, timeLimit: o.timeLimit * PERIOD_STAGE_SHARE });
  let f1 = figures('periods', s1);
  stages.push(f1);
  log(f1);
  if (!s1.hasSolution && s1.run.status === 'time-limit' && left() > o.timeLimit * 0.2) {
    // No timetable yet: the rest of the time but what the room stage needs, from scratch.
    s1 = await periods.model.solve({ solver: o.solver, ...live, timeLimit: left() - o.timeLimit * FIRST_ROOM_SHARE });
    f1 = figures('periods (again)', s1);
    stages.push(f1);
    log(f1);
  }
  if (!s1.hasSolution) return { none: s1.run.status, stage: f1 };
  assertPoint(s1, 'period-stage');
  const placed = s1.entries(periods.meet, (v) => v > 0.5).map((e) => ({ course: e.item.course.id, day: e.item.day, slot: e.item.slot }));
  const first = await roomStage(placed, Math.min(left(), o.timeLimit * FIRST_ROOM_SHARE));
  if (first === null) return { none: stages.at(-1)!.status, stage: stages.at(-1)! };

  let best = first.lectures;
  let bestCost = evaluateItc(inst, best).soft;
  let last = first.sol;
  const rounds = [bestCost];
  // Small instances keep time for the full model after the rounds: their period stages get less.
  const size = inst.courses.length * inst.days * inst.periodsPerDay * inst.rooms.length;
  const full = size <= FULL_MODEL_MAX_COLUMNS;
  while (left() > Math.max(2, o.timeLimit * (full ? FULL_MODEL_SHARE : 0.05)) && bestCost > 0) {
    const homes = homeRooms(inst, best);
    const again = buildPeriodStage(inst, { homes });
    const compiled = await again.model.compile();
    const start = periodStageStart(inst, compiled, toPlaced(inst, best));
    const s = await again.model.solve({ solver: o.solver, ...live, timeLimit: Math.max(1, left() * (full ? 0.25 : 0.6)), mipStart: start });
    const f = figures('periods (homes)', s);
    stages.push(f);
    log(f);
    if (!s.hasSolution) break;
    assertPoint(s, 'period-stage');
    const next = s.entries(again.meet, (v) => v > 0.5).map((e) => ({ course: e.item.course.id, day: e.item.day, slot: e.item.slot }));
    const r = await roomStage(next, full ? left() - o.timeLimit * FULL_MODEL_SHARE : left(), homes);
    if (r === null) break;
    last = r.sol;
    const cost = evaluateItc(inst, r.lectures).soft;
    rounds.push(cost);
    o.log?.(`round ${rounds.length}: cost ${cost} (best ${bestCost})`);
    if (cost >= bestCost) break;
    best = r.lectures;
    bestCost = cost;
  }
  // The full model from the best timetable, for the time left.
  if (full && left() > Math.max(2, o.timeLimit * 0.05) && bestCost > 0) {
    const whole = buildPeriodStage(inst, { withRooms: true });
    const compiled = await whole.model.compile();
    const roomIx = new Map(inst.rooms.map((r, i) => [r.name, i]));
    const start = periodStageStart(inst, compiled, toPlaced(inst, best).map((p, i) => ({ ...p, room: roomIx.get(best[i]!.room)! })));
    const s = await whole.model.solve({ solver: o.solver, ...live, timeLimit: Math.max(1, left()), mipStart: start });
    const f = figures('full (periods × rooms)', s);
    stages.push(f);
    log(f);
    if (s.hasSolution) {
      assertPoint(s, 'full-model');
      const lectures = s.entries(whole.place, (v) => v > 0.5).map((e) => ({ course: e.item.course.name, room: inst.rooms[e.item.room.id]!.name, day: e.item.day, period: e.item.slot }));
      const cost = evaluateItc(inst, lectures).soft;
      rounds.push(cost);
      last = s;
      if (cost < bestCost) {
        best = lectures;
        bestCost = cost;
      }
    }
  }
  const status: TerminationStatus = stages.every((f) => f.status === 'optimal') ? 'optimal' : (stages.find((f) => f.status !== 'optimal')!.status);
  return { lectures: best, stages, status, rounds, last };
}
