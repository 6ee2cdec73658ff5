import { Realtime } from '../resources/realtime.js';
import { type RealtimeConnectOptions, RealtimeConnection } from './realtime-connection.js';

/** `client.realtime`: the generated operations (tickets, SSE stream) plus {@link connect}. */
export class RealtimeApi extends Realtime {
  /**
   * Opens a live subscription to the caller's events.
   *
   * @example
   * ```ts
   * const live = client.realtime.connect();
   * live.on('verification.completed', (event) => console.log(event.data.code));
   * ```
   */
  connect(options: RealtimeConnectOptions = {}): RealtimeConnection {
    return new RealtimeConnection(this, options);
  }
}
