import { LumixError } from '../errors.js';
import { Var } from './expr.js';
import type { CompiledModel } from './model.js';
import { Solution } from './solution.js';
import { VariableFamily } from './variable-family.js';

/**
 * One value of a MIP start: `[family, keyOrItem, value]` (e.g. `[assign, [lecture, slot, room], 1]`)
 * or `[variable, value]`.
 */
// biome-ignore lint/suspicious/noExplicitAny: any family, whatever its item type (a family is invariant in it)
export type StartEntry = readonly [family: VariableFamily<any>, key: unknown, value: number] | readonly [variable: Var, value: number];

/**
 * A MIP start by family and key (`model.solve({ start })`): a list of {@link StartEntry}, or a
 * previous {@link Solution} (of this model or of another one with the same family names, e.g.
 * the model rebuilt from changed data), whose integer columns are matched by family name and key.
 */
export type MipStart = Solution | Iterable<StartEntry>;

interface ModelLike {
  readonly name: string;
  variableFamily(name: string): VariableFamily<unknown> | undefined;
}

/**
 * The column-indexed `mipStart` of a start by family and key: one value per column, NaN for the
 * columns the start leaves open (a partial start, which a backend completes: see
 * `SolveOptions.mipStart`).
 *
 * @throws LumixError `INVALID_ARGUMENT` for a malformed entry, a non-finite value, a start that
 *   sets no column or a problem without integer columns; `UNKNOWN_KEY` for a key the family
 *   does not have; `FOREIGN_VARIABLE` for a family of another model.
 */
export function mipStartOf(model: ModelLike, compiled: CompiledModel, start: MipStart): Float64Array {
  const p = compiled.problem;
  let integral = false;
  for (let j = 0; j < p.numCols && !integral; j++) integral = p.colIntegral[j] === 1;
  if (!integral) {
    throw new LumixError('INVALID_ARGUMENT', `Model '${model.name}' has no integer columns, so a MIP start does not apply; drop the start option.`);
  }
  const x = new Float64Array(p.numCols).fill(Number.NaN);
  let set = 0;
  const put = (column: number, value: unknown, what: string): void => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new LumixError('INVALID_ARGUMENT', `MIP start: the value of ${what} is ${String(value)}; give a finite number.`, { details: { variable: what } });
    }
    if (Number.isNaN(x[column]!)) set++;
    x[column] = value;
  };
  if (start instanceof Solution) {
    if (!start.hasSolution || start.result.colValues === null) {
      throw new LumixError('INVALID_ARGUMENT', `MIP start: the given solution ended '${start.status}' without a point; start from a solution with hasSolution true.`);
    }
    const values = start.result.colValues;
    const prev = start.compiled;
    // Integer columns only: the continuous ones follow from them (the backend completes the start),
    // which keeps a start from a model rebuilt on changed data usable.
    for (let j = 0; j < prev.problem.numCols; j++) {
      if (prev.problem.colIntegral[j] !== 1) continue;
      const { family, key } = prev.column(j);
      const f = model.variableFamily(family);
      if (f === undefined || !f.has(key)) continue;
      const col = f.get(key).column;
      if (p.colIntegral[col] === 1) put(col, values[j], p.colName(col));
    }
  } else {
    if (start === null || typeof start !== 'object' || !(Symbol.iterator in start)) {
      throw new LumixError('INVALID_ARGUMENT', 'MIP start: give a list of [family, key, value] or [variable, value] entries, or a previous solution.');
    }
    for (const entry of start) {
      if (!Array.isArray(entry)) throw new LumixError('INVALID_ARGUMENT', 'MIP start: each entry is [family, key, value] or [variable, value].');
      const [head] = entry;
      let v: Var;
      let value: unknown;
      if (head instanceof Var && entry.length === 2) {
        v = head;
        value = entry[1];
        if (v.family instanceof VariableFamily && v.family.model !== model) throw new LumixError('FOREIGN_VARIABLE', `MIP start: ${v.name} belongs to another model.`);
      } else if (head instanceof VariableFamily && entry.length === 3) {
        if (head.model !== model) throw new LumixError('FOREIGN_VARIABLE', `MIP start: variable family '${head.name}' belongs to another model.`);
        v = head.get(entry[1]);
        value = entry[2];
      } else {
        throw new LumixError('INVALID_ARGUMENT', 'MIP start: each entry is [family, key, value] or [variable, value].');
      }
      put(v.column, value, v.name);
    }
  }
  if (set === 0) throw new LumixError('INVALID_ARGUMENT', `MIP start: it sets no column of model '${model.name}'; give at least one value.`);
  return x;
}
