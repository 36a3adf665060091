import { LumixError } from '../errors.js';
import { constraintFamilyAccess as cf, type ConstraintFamily } from '../model/constraint-family.js';
import { formatKey, isKey, type Key } from '../model/key-index.js';

/**
 * One goal row in a solution: what it asked for, what the point achieves, how far it misses.
 *
 * @typeParam R the item of the goal family's rows.
 */
export interface GoalRowReport<R = unknown> {
  /** The goal's constraint family. */
  readonly family: string;
  /** The row's key; undefined for a single constraint. */
  readonly key: Key | undefined;
  /** The row's item; undefined for a single constraint. */
  readonly item: R;
  readonly priority: number;
  readonly weight: number;
  /** `'>='`, `'<='`, `'='` or `'range'` (a `between` row: both sides are goals). */
  readonly sense: '>=' | '<=' | '=' | 'range';
  /** The right-hand side: the bound for `>=`/`<=`, the value for `=`; null for a range (see lower/upper). */
  readonly target: number | null;
  /** Row bounds (±Infinity where there is none). */
  readonly lower: number;
  readonly upper: number;
  /** Activity of the row's expression at the solution (constant excluded, like the row's bounds). */
  readonly achieved: number;
  /** How far below `lower` the activity is (0 when not below). */
  readonly shortfall: number;
  /** How far above `upper` the activity is (0 when not above). */
  readonly excess: number;
  /** The undesired deviation: shortfall + excess (computed from the point, not read from the deviation columns). */
  readonly deviation: number;
  /** True when `deviation` is within the solve's `satisfiedTolerance`. */
  readonly satisfied: boolean;
}

/** The goal rows of one priority in a solution. */
export interface PriorityReport {
  readonly priority: number;
  /** The priority's factor in weighted mode (the scales in effect; the default ones in lexicographic mode). */
  readonly scale: number;
  readonly satisfied: number;
  readonly total: number;
  /** Σ deviation of its rows. */
  readonly deviation: number;
  /** Σ weight·deviation of its rows: the level objective of a lexicographic solve. */
  readonly weightedDeviation: number;
}

/** One level of a lexicographic solve. */
export interface LevelReport {
  /** `priority 1`, ..., and `objective` for the model's own objective. */
  readonly name: string;
  /** The priority; null for the model's own objective. */
  readonly priority: number | null;
  readonly sense: 'min' | 'max';
  /**
   * The level's optimum: what the level's own solve reached (sequential methods), or its value
   * at the returned point (native: HiGHS reports no per-level optima; the point is within the
   * level tolerance of it). Null when the solve stopped before this level.
   */
  readonly optimum: number | null;
  /** The level's value at the returned point; null without a point. */
  readonly value: number | null;
  /** Milliseconds of this level's solve; null for the native method (one call solves all levels). */
  readonly solveMs: number | null;
}

/** Everything a goal solve reports, on `solution.goals`. */
export class GoalReport {
  /** @internal */
  constructor(
    /** The mode solved. */
    readonly mode: 'lexicographic' | 'weighted',
    /** How lexicographic levels were solved; `'weighted'` for weighted mode. */
    readonly method: 'native' | 'session' | 'rebuild' | 'weighted',
    /** Every goal row, in row order. */
    readonly rows: readonly GoalRowReport[],
    /** Per priority, ascending (1 first). */
    readonly priorities: readonly PriorityReport[],
    /** Σ scale(priority)·weight·deviation over all goal rows (LumiX's weighted objective for the same point); null without a point. */
    readonly penalty: number | null,
    /** Weighted mode: the value the solve minimised (penalty + objectiveWeight·own objective in min form); null in lexicographic mode. */
    readonly weightedObjective: number | null,
    /** Lexicographic mode: one entry per level, priorities first, then the model's objective; empty in weighted mode. */
    readonly levels: readonly LevelReport[],
    private readonly rowIndex: ReadonlyMap<number, GoalRowReport>,
    private readonly familyOf: (name: string) => ConstraintFamily | undefined,
  ) {}

  /** The report of one priority (satisfied/total, deviations). */
  priority(p: number): PriorityReport {
    const r = this.priorities.find((x) => x.priority === p);
    if (r === undefined) {
      throw new LumixError('UNKNOWN_KEY', `No goal has priority ${p}; priorities are ${this.priorities.map((x) => x.priority).join(', ') || '(none)'}.`, { details: { priority: p } });
    }
    return r;
  }

  /** The goal rows of one family (by family or name), in row order. */
  family<R>(family: ConstraintFamily<R> | string): GoalRowReport<R>[] {
    const name = typeof family === 'string' ? family : family.name;
    return this.rows.filter((r) => r.family === name) as GoalRowReport<R>[];
  }

  /** The report of one goal row, by family (or name) and key or item (no key for a single constraint). */
  row<R>(family: ConstraintFamily<R> | string, keyOrItem?: unknown): GoalRowReport<R> {
    const name = typeof family === 'string' ? family : family.name;
    const fam = this.familyOf(name);
    const r = fam === undefined ? -1 : cf.rowOf(fam, keyOrItem);
    const found = r < 0 ? undefined : this.rowIndex.get(r);
    if (found === undefined) {
      const shown = keyOrItem === undefined ? '(no key)' : isKey(keyOrItem) ? formatKey(keyOrItem) : 'the given item';
      throw new LumixError('UNKNOWN_KEY', `No goal row '${name}' ${shown}: ${fam === undefined ? 'the model has no such constraint family' : 'the family is not a goal or has no such row'}.`, {
        details: { family: name },
      });
    }
    return found as GoalRowReport<R>;
  }
}
