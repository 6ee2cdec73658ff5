/** A timer handle as returned by `SimulatorClock.setTimeout`. */
export type TimerHandle = unknown;

/**
 * Time as the simulator sees it. Injected so tests drive every delay by hand (see ManualClock) instead of
 * sleeping; callbacks may return a promise, which a manual clock awaits before moving on.
 */
export interface SimulatorClock {
  now(): number;
  setTimeout(callback: () => void | Promise<void>, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * Wall-clock time and Node timers. Timers are unref'd: a pending simulated SMS never keeps a process alive.
 *
 * @example
 * new SimulatorProvider({ clock: systemClock });
 */
export const systemClock: SimulatorClock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    const handle = setTimeout(() => void callback(), delayMs);
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
