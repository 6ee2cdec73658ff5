import { ApiError, ApiTimeoutError } from '../core/errors.js';
import type { RequestOptions } from '../core/http-client.js';
import type { Verification } from '../models/verification.js';
import { Verifications } from '../resources/verifications.js';
import type { RealtimeApi } from './realtime-api.js';
import { RealtimeError } from './realtime-connection.js';

export interface WaitForCodeOptions {
  /** Give up after this many ms (default: 20 minutes, a verification's lifetime). */
  timeout?: number;
  /** Polling period when real time is unavailable, in ms (default 3000). */
  pollInterval?: number;
  signal?: AbortSignal;
  /** Skip real time and poll only. */
  pollOnly?: boolean;
}

/**
 * `client.verifications`: the generated operations plus {@link waitForCode}.
 */
export class VerificationsApi extends Verifications {
  /** @internal set by the client so waitForCode can listen in real time. */
  realtime?: RealtimeApi;

  /**
   * Resolves with the verification once it leaves `pending` (`completed` with its `code`, or a terminal
   * failure state). Listens on the real-time channel (re-reading once subscribed) and, if that is
   * unavailable or refused, polls `retrieve()`; a key the API refuses fails the wait with the typed error.
   *
   * @example
   * ```ts
   * const verification = await client.verifications.create({ service: 'whatsapp', country: 'US' });
   * const done = await client.verifications.waitForCode(verification.id, { timeout: 120_000 });
   * console.log(done.code);
   * ```
   */
  async waitForCode(verificationId: string, options: WaitForCodeOptions = {}): Promise<Verification> {
    const timeout = options.timeout ?? 20 * 60_000;
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new ApiTimeoutError(timeout)), timeout);
    try {
      const requestOptions: RequestOptions = { signal: controller.signal };
      const current = await this.retrieve(verificationId, requestOptions);
      if (current.status !== 'pending') return current;
      const interval = options.pollInterval ?? 3000;
      // Real time refused for good (the key, its scopes): poll at the normal pace; a wrong key fails there.
      const live =
        !options.pollOnly && this.realtime
          ? this.#listen(verificationId, controller.signal).catch((error: unknown) => {
              if (!(error instanceof ApiError || error instanceof RealtimeError)) throw error;
              return this.#poll(verificationId, interval, controller.signal, false);
            })
          : undefined;
      const polled = this.#poll(verificationId, interval, controller.signal, live !== undefined);
      return await Promise.race([...(live ? [live] : []), polled]);
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof ApiTimeoutError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async #listen(verificationId: string, signal: AbortSignal): Promise<Verification> {
    const connection = this.realtime!.connect({ signal });
    try {
      // An SMS that landed between the first read and the subscription sends no event: read again once
      // every later change is sure to arrive on the channel.
      await connection.ready;
      const current = await this.retrieve(verificationId, { signal });
      if (current.status !== 'pending') return current;
      for await (const event of connection) {
        const data = (event as { data?: { id?: string; status?: string } }).data;
        if (event.type.startsWith('verification.') && data?.id === verificationId && data.status !== 'pending') {
          return data as Verification;
        }
      }
      throw new Error('real-time connection closed');
    } finally {
      connection.close();
    }
  }

  /** Polls `retrieve()`; when real time is also listening it polls slowly, as a safety net. */
  async #poll(verificationId: string, interval: number, signal: AbortSignal, slow: boolean): Promise<Verification> {
    const period = slow ? Math.max(interval * 5, 15_000) : interval;
    for (;;) {
      await delay(period, signal);
      const verification = await this.retrieve(verificationId, { signal });
      if (verification.status !== 'pending') return verification;
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
