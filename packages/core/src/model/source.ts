import { LumixError } from '../errors.js';
import { isIndexSource, type IndexSource } from '../data/index-source.js';

/**
 * Where the items of a family come from: an array, any (sync) iterable, an async iterable, or an
 * {@link IndexSource} (ORM adapters). Async ones are loaded when the model is built, once per
 * model however many families use them.
 */
export type Source<T> = readonly T[] | Iterable<T> | AsyncIterable<T> | IndexSource<T>;

/** True when the source can only be read asynchronously. */
function isAsyncSource(x: unknown): boolean {
  return isIndexSource(x) || (typeof x === 'object' && x !== null && Symbol.asyncIterator in x && !(Symbol.iterator in x));
}

/** True for an iterator that is its own iterable (a generator): its items can be read only once. */
function isOneShot(s: object): boolean {
  if (isIndexSource(s)) return false;
  const it = s as { [Symbol.iterator]?: () => unknown; [Symbol.asyncIterator]?: () => unknown };
  if (typeof it[Symbol.asyncIterator] === 'function' && typeof it[Symbol.iterator] !== 'function') return it[Symbol.asyncIterator]!() === s;
  return typeof it[Symbol.iterator] === 'function' && it[Symbol.iterator]!() === s;
}

/** True when `x` can serve as a {@link Source}. */
export function isSource(x: unknown): boolean {
  if (Array.isArray(x) || isIndexSource(x)) return true;
  return typeof x === 'object' && x !== null && (Symbol.iterator in x || Symbol.asyncIterator in x);
}

/**
 * Loads sources once per model: arrays are used as they are, iterables are read once and kept
 * (a generator cannot be read twice), async sources are loaded by {@link SourceCache.preload}.
 */
export class SourceCache {
  private readonly loaded = new Map<object, readonly unknown[]>();
  private readonly pending = new Map<object, Promise<readonly unknown[]>>();

  /**
   * Forgets what was read from sources that can be read again (async sources, arrays aside,
   * iterables whose iterator is a fresh object), so that the next build reads them as they are
   * then. One-shot iterators (generators) keep their items: they cannot be read twice.
   */
  refresh(): void {
    for (const s of [...this.loaded.keys()]) if (!isOneShot(s)) this.loaded.delete(s);
  }

  /** Loads every async source among `sources` that is not loaded yet, in parallel, one load each. */
  async preload(sources: Iterable<unknown>): Promise<void> {
    const waits: Promise<unknown>[] = [];
    for (const s of sources) {
      if (!isAsyncSource(s) || this.loaded.has(s as object)) continue;
      let p = this.pending.get(s as object);
      if (p === undefined) {
        p = this.load(s as IndexSource<unknown> | AsyncIterable<unknown>);
        this.pending.set(s as object, p);
      }
      waits.push(p);
    }
    await Promise.all(waits);
  }

  private async load(s: IndexSource<unknown> | AsyncIterable<unknown>): Promise<readonly unknown[]> {
    let items: readonly unknown[];
    if (isIndexSource(s)) {
      try {
        items = await s.load();
      } catch (e) {
        if (e instanceof LumixError) throw e;
        throw new LumixError('SOURCE_FAILED', `Loading ${s.label} failed: ${(e as Error).message}`, { cause: e, details: { source: s.label } });
      }
      if (!Array.isArray(items)) {
        throw new LumixError('SOURCE_FAILED', `${s.label}: load() must resolve to an array of records.`, { details: { source: s.label } });
      }
    } else {
      const out: unknown[] = [];
      for await (const x of s) out.push(x);
      items = out;
    }
    this.loaded.set(s, items);
    this.pending.delete(s);
    return items;
  }

  /**
   * The items of a source now. Async sources must have been preloaded (they are, inside
   * `model.compile()`); `what` names the family for the error otherwise.
   */
  items(source: unknown, what: string): readonly unknown[] {
    if (Array.isArray(source)) return source;
    if (typeof source !== 'object' || source === null) {
      throw new LumixError('INVALID_ARGUMENT', `${what}: the source must be an array, an iterable, an async iterable or an IndexSource, got ${source === null ? 'null' : typeof source}.`);
    }
    const done = this.loaded.get(source);
    if (done !== undefined) return done;
    if (isAsyncSource(source)) {
      throw new LumixError(
        'INVALID_STATE',
        `${what} comes from an async source, which is loaded when the model is built. Use its variables inside constraint callbacks or objective functions (m.maximize(() => ...)) rather than at declaration time.`,
      );
    }
    if (Symbol.iterator in source) {
      const items = Array.from(source as Iterable<unknown>);
      this.loaded.set(source, items);
      return items;
    }
    throw new LumixError('INVALID_ARGUMENT', `${what}: the source must be an array, an iterable, an async iterable or an IndexSource.`);
  }
}
