/**
 * Runs `work` with a signal that aborts on SIGINT or SIGTERM: the `worker` command of a process,
 * which stops taking jobs on either and finishes the ones in hand before it returns.
 */
export async function untilSignal<R>(work: (signal: AbortSignal) => Promise<R>): Promise<R> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  // `on`, not `once`: a second signal (a wrapper passing on the one its process group got) must not kill the process.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
