import type { SimulatorClock, TimerHandle } from './clock.ts';

interface PendingTimer {
  id: number;
  dueAt: number;
  callback: () => void | Promise<void>;
}

/**
 * A clock that only moves when told to. `advance` runs due timers in order and awaits each callback, so
 * after `await clock.advance(ms)` every simulated SMS due by then has reached the sink.
 *
 * @example
 * const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
 * const simulator = new SimulatorProvider({ clock, smsDelayMs: 5000 });
 * await clock.advance(5000);
 */
export class ManualClock implements SimulatorClock {
  #now: number;
  #nextId = 1;
  #timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void | Promise<void>, delayMs: number): TimerHandle {
    const timer = { id: this.#nextId++, dueAt: this.#now + Math.max(0, delayMs), callback };
    this.#timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, earliest first. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((timer) => timer.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.#now = due.dueAt;
      await due.callback();
    }
    this.#now = target;
  }
}
