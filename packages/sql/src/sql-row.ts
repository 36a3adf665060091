import { LumixError, type RunInfo, type SolveRunRecord, type SqlRow, type TerminationStatus } from '@lumix/core';

/**
 * Converts one value to what adapters bind, checking it.
 *
 * @throws LumixError `INVALID_NUMBER` for NaN or ±Infinity (SQLite would store NULL or a value no
 *   solver accepts), `DATA_ERROR` for objects, functions and `undefined`. `where` names the table,
 *   row and column for the message.
 */
export function toSqlValue(value: unknown, where: { table: string; row: number; column: string }): string | number | bigint | null {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) {
        throw new LumixError(
          'INVALID_NUMBER',
          `Table ${where.table}, row ${where.row + 1}: column ${where.column} is ${value}; store a finite number or null.`,
          { details: { ...where, value } },
        );
      }
      return value;
    case 'string':
    case 'bigint':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) {
          throw new LumixError('DATA_ERROR', `Table ${where.table}, row ${where.row + 1}: column ${where.column} is an invalid Date.`, {
            details: { ...where },
          });
        }
        return value.toISOString();
      }
      break;
    default:
      break;
  }
  throw new LumixError(
    'DATA_ERROR',
    `Table ${where.table}, row ${where.row + 1}: column ${where.column} holds ${value === undefined ? 'undefined' : typeof value}; use a string, number, bigint, boolean, Date or null.`,
    { details: { ...where, type: value === undefined ? 'undefined' : typeof value } },
  );
}

function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

/**
 * The `solve_runs` row of a run, column → bound value, without `id`. A non-finite objective is
 * stored as `null` (the status says why).
 */
export function runInfoToRow(run: RunInfo, label: string | null): Record<string, string | number | null> {
  const num = (x: number, name: string): number => {
    if (!Number.isFinite(x)) {
      throw new LumixError('INVALID_NUMBER', `RunInfo.${name} is ${x}; it must be a finite number.`, { details: { field: name, value: x } });
    }
    return x;
  };
  const iso = (d: Date, name: string): string => {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
      throw new LumixError('INVALID_ARGUMENT', `RunInfo.${name} must be a valid Date.`, { details: { field: name } });
    }
    return d.toISOString();
  };
  return {
    started_at: iso(run.startedAt, 'startedAt'),
    finished_at: iso(run.finishedAt, 'finishedAt'),
    model_name: run.modelName,
    solver: run.solver,
    status: run.status,
    objective: run.objective === null || !Number.isFinite(run.objective) ? null : run.objective,
    build_ms: num(run.buildMs, 'buildMs'),
    solve_ms: num(run.solveMs, 'solveMs'),
    num_variables: num(run.numVariables, 'numVariables'),
    num_constraints: num(run.numConstraints, 'numConstraints'),
    num_nonzeros: num(run.numNonzeros, 'numNonzeros'),
    options_json: JSON.stringify(run.options ?? {}, jsonReplacer),
    label,
  };
}

function asDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v));
}

function asNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Reads a `solve_runs` row (as any adapter returns it) back into a {@link SolveRunRecord}. */
export function rowToSolveRun(row: SqlRow): SolveRunRecord {
  let options: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(String(row['options_json'] ?? '{}'));
    if (typeof parsed === 'object' && parsed !== null) options = parsed as Record<string, unknown>;
  } catch (cause) {
    throw new LumixError('DATA_ERROR', `solve_runs row ${String(row['id'])}: options_json is not valid JSON; fix or clear it.`, {
      cause,
      details: { table: 'solve_runs', id: row['id'] },
    });
  }
  return {
    id: asNumber(row['id']),
    label: row['label'] === null || row['label'] === undefined ? null : String(row['label']),
    modelName: String(row['model_name']),
    solver: String(row['solver']),
    status: String(row['status']) as TerminationStatus,
    objective: row['objective'] === null || row['objective'] === undefined ? null : asNumber(row['objective']),
    startedAt: asDate(row['started_at']),
    finishedAt: asDate(row['finished_at']),
    buildMs: asNumber(row['build_ms']),
    solveMs: asNumber(row['solve_ms']),
    numVariables: asNumber(row['num_variables']),
    numConstraints: asNumber(row['num_constraints']),
    numNonzeros: asNumber(row['num_nonzeros']),
    options,
  };
}
