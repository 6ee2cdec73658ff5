/** Limits and timings of the real-time channel; defaults are the ones asyncapi.yaml documents. */
export interface RealtimeConfig {
  /** `heartbeat` interval (WebSocket message, SSE comment). */
  heartbeatMs: number;
  /** A WebSocket peer silent (no message, no pong) this long is closed with 4011 `idle_timeout` (asyncapi.yaml). */
  idleTimeoutMs: number;
  /** Time allowed for the `auth` message (close 4008 after). */
  authTimeoutMs: number;
  /** Lifetime of a ticket from `POST /v1/realtime/tickets`. */
  ticketTtlMs: number;
  /** Undelivered events a connection may hold before it is closed as a slow consumer (4010). */
  maxBufferedEvents: number;
  /** Bytes the socket may hold unsent before the same. */
  maxBufferedBytes: number;
  /** How far back a resume may reach: age ... */
  resumeWindowMs: number;
  /** ... and number of events. */
  resumeMaxEvents: number;
  /** Real-time connections (WebSocket and SSE together) per user on this node (4029 / 429 beyond). */
  maxConnectionsPerUser: number;
  /** How often a live connection re-checks that its session or key and account are still allowed. */
  revalidateMs: number;
  /** The WebSocket path. */
  path: string;
}

export const DEFAULT_REALTIME_CONFIG: RealtimeConfig = {
  heartbeatMs: 15_000,
  idleTimeoutMs: 45_000,
  authTimeoutMs: 10_000,
  ticketTtlMs: 30_000,
  maxBufferedEvents: 1000,
  maxBufferedBytes: 4 * 1024 * 1024,
  resumeWindowMs: 24 * 3600_000,
  resumeMaxEvents: 1000,
  maxConnectionsPerUser: 5,
  revalidateMs: 60_000,
  path: '/v1/realtime/ws',
};
