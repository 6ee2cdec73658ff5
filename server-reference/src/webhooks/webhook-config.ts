import { createHash } from 'node:crypto';
import { readSettings } from '../config-settings.ts';
import { WEBHOOK_SETTINGS } from './webhook-settings.ts';

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

const LOOPBACK_CIDRS = ['127.0.0.0/8', '::1/128'];

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
  const read = readSettings(WEBHOOK_SETTINGS, env);
  let secretsKey: Buffer;
  if (read.secretsKey) secretsKey = read.secretsKey;
  else if (options.sandbox || overrides.secretsKey) {
    secretsKey = createHash('sha256')
      .update(`namaskah webhook secrets\0${options.fallbackKeyMaterial ?? 'dev'}`)
      .digest();
  } else throw new Error('WEBHOOK_SECRETS_KEY is required outside sandbox mode');
  const timeoutMs = read.timeoutMs;
  const config: WebhookConfig = {
    allowedCidrs: read.allowedCidrs ?? (options.sandbox ? LOOPBACK_CIDRS : []),
    allowHttp: read.allowHttp ?? options.sandbox,
    timeoutMs,
    retryScheduleMs: read.retryScheduleSeconds.map((seconds) => seconds * 1000),
    jitterRatio: 0.1,
    disableAfterFailingMs: read.disableAfterFailingSeconds * 1000,
    maxEndpointsPerAccount: 20,
    responseBodyLimitBytes: 1024,
    secretsKey,
    leaseMs: read.leaseMs ?? timeoutMs + 15_000,
    pollIntervalMs: read.pollIntervalMs,
    concurrency: read.concurrency,
    connectionsPerOrigin: read.connectionsPerOrigin,
    retentionMs: 30 * 86_400_000,
    replayPaceMs: 100,
    rotationOverlapSeconds: 86_400,
  };
  return { ...config, ...overrides };
}
