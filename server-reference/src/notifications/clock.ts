/** Time as the notification module sees it; injected so tests decide what "now" is. */
export interface Clock {
  now(): Date;
}

/** Wall-clock time. */
export const systemClock: Clock = { now: () => new Date() };
