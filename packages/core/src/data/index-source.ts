/**
 * A collection of records that is loaded when a model is built, not when it is declared: an ORM
 * query, a table, a SQL statement. Variable and constraint families accept one wherever they
 * accept an array. A model loads each source object exactly once per build, however many
 * families use it, so an adapter runs one query per source per build (no N+1).
 *
 * ORM adapters implement it (`fromModel`, `fromTable`, `fromQuery`); anyone can.
 */
export interface IndexSource<T> {
  /** Brand: always `true`. Tells a source apart from an array or iterable. */
  readonly isIndexSource: true;
  /** What the source is, for messages (`table products`, `Product where {...}`). */
  readonly label: string;
  /** Loads the records. Called once per build. */
  load(): Promise<readonly T[]>;
}

/** True when `x` is an {@link IndexSource}. */
export function isIndexSource(x: unknown): x is IndexSource<unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as IndexSource<unknown>).isIndexSource === true &&
    typeof (x as IndexSource<unknown>).load === 'function'
  );
}

/** Wraps an async function as an {@link IndexSource}. */
export function indexSource<T>(label: string, load: () => Promise<readonly T[]>): IndexSource<T> {
  return { isIndexSource: true, label, load };
}
