/**
 * Runs `work` with a signal that aborts on SIGINT or SIGTERM: the `worker` command of a process,
 * which stops taking jobs on either and finishes the ones in hand before it returns.
 */
export async function untilSignal<R>(work: (signal: AbortSignal) => Promise<R>): Promise<R> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
