import { isIndexSource, type IndexSource, type Source } from '@lumix/core';

/**
 * An index source that loads its inner source on the first `load()` and hands the same records
 * to every later call, so one table is queried once however many readers it has (the data
 * checks, the variable family, a derived row source). Arrays and iterables are returned as they are.
 */
export function loadOnce<T>(source: IndexSource<T>): IndexSource<T>;
export function loadOnce<T>(source: Source<T>): Source<T>;
export function loadOnce<T>(source: Source<T>): Source<T> {
  if (!isIndexSource(source)) return source;
  const inner = source as IndexSource<T>;
  let pending: Promise<readonly T[]> | undefined;
  return {
    isIndexSource: true,
    label: inner.label,
    load: () => {
      pending ??= inner.load();
      return pending;
    },
  };
}
