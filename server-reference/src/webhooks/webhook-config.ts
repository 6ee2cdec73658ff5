import { createHash } from 'node:crypto';

/** Operator settings of webhook delivery; `loadWebhookConfig` reads them from the environment. */
export interface WebhookConfig {
  /** CIDRs the SSRF guard lets through although they are loopback, private, ... (`WEBHOOK_ALLOWED_CIDRS`). */
  allowedCidrs: string[];
  /** Whether `http://` endpoint URLs are accepted (`WEBHOOK_ALLOW_HTTP`); `https://` always is. */
  allowHttp: boolean;
  /** Whole-attempt deadline: connect, TLS, request and the complete response (`WEBHOOK_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Delay before each automatic attempt, the first included (`WEBHOOK_RETRY_SCHEDULE`, seconds, comma-separated). */
  retryScheduleMs: number[];
  /** Each delay varies by up to this fraction either way, so retries of a burst do not arrive together. */
  jitterRatio: number;
  /** A failure this long after the first failure of a run with no success disables the endpoint. */
  disableAfterFailingMs: number;
  maxEndpointsPerAccount: number;
  /** Response bytes kept in the delivery log. */
  responseBodyLimitBytes: number;
  /** 32-byte AES-256-GCM key that encrypts endpoint secrets at rest (`WEBHOOK_SECRETS_KEY`, base64 or hex). */
  secretsKey: Buffer;
  /** How long a worker's claim on an attempt lasts; must exceed `timeoutMs` (`WEBHOOK_LEASE_MS`). */
  leaseMs: number;
  /** How often idle workers look for due attempts made by other nodes or scheduled for later. */
  pollIntervalMs: number;
  /** Attempts in flight at once per process (`WEBHOOK_CONCURRENCY`). */
  concurrency: number;
  /** Connections kept per receiving origin. */
  connectionsPerOrigin: number;
  /** Delivery log retention. */
  retentionMs: number;
  /** Spacing of the attempts queued by replay-failed (100 ms = at most 10 per second). */
  replayPaceMs: number;
  /** Default overlap of a secret rotation. */
  rotationOverlapSeconds: number;
}

const DEFAULT_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];
const LOOPBACK_CIDRS = ['127.0.0.0/8', '::1/128'];

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

const int = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`not a non-negative number: ${value}`);
  return parsed;
};

function parseKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('WEBHOOK_SECRETS_KEY must be 32 bytes, in base64 or hex');
  return key;
}

/**
 * Reads the webhook settings from `env`. In sandbox (development) mode loopback is allowlisted and `http`
 * accepted by default, so a receiver on the developer's machine works; in production both are off unless
 * the operator sets `WEBHOOK_ALLOWED_CIDRS` / `WEBHOOK_ALLOW_HTTP`. Without `WEBHOOK_SECRETS_KEY`, sandbox
 * mode derives a key from `fallbackKeyMaterial` (the JWT secret) and production refuses to start.
 *
 * @example
 * const webhooks = loadWebhookConfig(process.env, { sandbox: config.sandbox, fallbackKeyMaterial: config.jwtSecret });
 */
export function loadWebhookConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { sandbox: boolean; fallbackKeyMaterial?: string },
  overrides: Partial<WebhookConfig> = {},
): WebhookConfig {
  let secretsKey: Buffer;
  if (env.WEBHOOK_SECRETS_KEY) secretsKey = parseKey(env.WEBHOOK_SECRETS_KEY);
  else if (options.sandbox || overrides.secretsKey) {
    secretsKey = createHash('sha256')
      .update(`namaskah webhook secrets\0${options.fallbackKeyMaterial ?? 'dev'}`)
      .digest();
  } else throw new Error('WEBHOOK_SECRETS_KEY is required outside sandbox mode');
  const schedule = list(env.WEBHOOK_RETRY_SCHEDULE)?.map((s) => int(s, 0) * 1000) ?? DEFAULT_SCHEDULE_SECONDS.map((s) => s * 1000);
  if (schedule.length === 0) throw new Error('WEBHOOK_RETRY_SCHEDULE needs at least one delay');
  const timeoutMs = int(env.WEBHOOK_TIMEOUT_MS, 15_000);
  const config: WebhookConfig = {
    allowedCidrs: list(env.WEBHOOK_ALLOWED_CIDRS) ?? (options.sandbox ? LOOPBACK_CIDRS : []),
    allowHttp: env.WEBHOOK_ALLOW_HTTP ? env.WEBHOOK_ALLOW_HTTP === 'true' : options.sandbox,
    timeoutMs,
    retryScheduleMs: schedule,
    jitterRatio: 0.1,
    disableAfterFailingMs: int(env.WEBHOOK_DISABLE_AFTER_FAILING_SECONDS, 5 * 86_400) * 1000,
    maxEndpointsPerAccount: 20,
    responseBodyLimitBytes: 1024,
    secretsKey,
    leaseMs: int(env.WEBHOOK_LEASE_MS, timeoutMs + 15_000),
    pollIntervalMs: int(env.WEBHOOK_POLL_INTERVAL_MS, 1000),
    concurrency: int(env.WEBHOOK_CONCURRENCY, 128),
    connectionsPerOrigin: int(env.WEBHOOK_CONNECTIONS_PER_ORIGIN, 32),
    retentionMs: 30 * 86_400_000,
    replayPaceMs: 100,
    rotationOverlapSeconds: 86_400,
  };
  return { ...config, ...overrides };
}
