/**
 * Runs `work` with `stop` called on the first Ctrl-C or SIGTERM (a long-running command ends cleanly
 * and exits 0), and removes the handlers afterwards whatever the outcome.
 */
export async function untilStopped<T>(stop: () => void, work: () => Promise<T>): Promise<T> {
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
