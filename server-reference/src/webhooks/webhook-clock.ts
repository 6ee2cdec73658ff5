/** Time as webhook scheduling sees it; injected so tests move it by hand. */
export interface WebhookClock {
  now(): number;
}

export const systemClock: WebhookClock = { now: () => Date.now() };

/**
 * A clock that only moves when told to.
 *
 * @example
 * const clock = new ManualWebhookClock(Date.parse('2026-01-01T00:00:00Z'));
 * clock.advance(5_000);
 */
export class ManualWebhookClock implements WebhookClock {
  private current: number;
  constructor(current: number) {
    this.current = current;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
