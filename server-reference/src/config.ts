import { createHash } from 'node:crypto';
import { LOGIN_THROTTLE_DEFAULTS } from './domain/login-throttle.ts';

/**
 * Server configuration, read once from the environment. Every knob has a default that runs the whole
 * platform on one machine with no setup (PGlite under ./data, the simulator, in-memory rate limits).
 */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; when absent the embedded PGlite database is used. */
  databaseUrl: string | null;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir: string;
  /** Run PGlite in a worker thread (default), so its WASM does not run on the HTTP event loop; false keeps it in process. */
  pgliteWorker: boolean;
  /** Redis URL for shared rate-limit counters; in-process counters when absent. */
  redisUrl: string | null;
  /** Redis Sentinel addresses (`REDIS_SENTINELS`, `host:port,...`); when set they name the master, not `REDIS_URL`. */
  redisSentinels: Array<{ host: string; port: number }>;
  /** The master's name at the sentinels (`REDIS_SENTINEL_NAME`, default `mymaster`). */
  redisSentinelName: string;
  /** HMAC secret for access tokens. */
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Minutes a verification waits for its code before it expires and is refunded. */
  verificationTtlMinutes: number;
  /** How often the expiry sweeper runs (0 disables it, tests drive it by hand). */
  sweepIntervalMs: number;
  currency: string;
  /** Provider cost x markup, in basis points (15000 = x1.5). */
  markupBps: number;
  areaCodeSurchargeCents: number;
  carrierSurchargeCents: number;
  /** Secret the sandbox payment adapter signs its callbacks with. */
  paymentWebhookSecret: string;
  /** Public base URL, used for links such as the sandbox checkout page. */
  publicUrl: string;
  bodyLimitBytes: number;
  corsOrigins: string[];
  logLevel: string;
  /** Failed logins allowed per account in `loginThrottleWindowSeconds`, per IP in `loginIpThrottleWindowSeconds`. */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginThrottleWindowSeconds: number;
  loginIpThrottleWindowSeconds: number;
  /** Key environment written into API keys (`nmk_<env>_...`). */
  apiKeyEnvironment: 'live' | 'test';
  /** Whether the sandbox endpoints (SMS injection, sandbox payments) are enabled. */
  sandbox: boolean;
  /** Tier of new accounts, and the prices anonymous catalog readers see. */
  defaultTierId: string;
  /** Requests per minute for anonymous callers, per IP. */
  anonymousRateLimitPerMinute: number;
  /** 32-byte AES-256-GCM key sealing TOTP seeds at rest (`SECRETS_KEY`, base64 or hex). */
  secretsKey: Buffer;
  /** Take the client address from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Issuer shown by authenticator apps. */
  totpIssuer: string;
  /** Lifetime of an OAuth authorization code, in seconds. */
  oauthCodeTtlSeconds: number;
  /** How often pull-only providers are polled for SMS of pending verifications (0 disables). */
  smsPollIntervalMs: number;
  /** How often housekeeping runs: overdue top-ups expire, old idempotency keys go (0 disables). */
  maintenanceIntervalMs: number;
  /** PostgreSQL schema of the job queue's tables (pg-boss); every node of one platform must use the same. */
  jobQueueSchema: string;
  /** How often each node's outbox dispatcher looks for events committed elsewhere (its own are sent at once). */
  dispatchPollIntervalMs: number;
  /** Serve Prometheus metrics at `/metrics` (`METRICS`, default on; `off` removes the route). */
  metricsEnabled: boolean;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (`METRICS_TOKEN`), 404 to anyone else. */
  metricsToken: string | null;
}

/** The dev key is derived from a fixed label so a dev database stays readable across restarts; never use it in production. */
const DEV_SECRETS_KEY = createHash('sha256').update('namaskah-dev-secrets-key').digest();

function secretsKey(value: string | undefined): Buffer {
  if (!value) return DEV_SECRETS_KEY;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, in base64 or hex');
  return key;
}

const int = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`not an integer: ${value}`);
  return parsed;
};

/** `host:port,host:port` (REDIS_SENTINELS) as ioredis's sentinel list; the port defaults to 26379. */
function parseSentinels(value: string | undefined): Array<{ host: string; port: number }> {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const match = /^\s*([^\s:]+|\[[^\]]+\])(?::(\d+))?\s*$/.exec(entry);
    if (!match?.[1]) throw new Error(`REDIS_SENTINELS: not host:port: ${entry}`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 26379 };
  });
}

/**
 * Builds the configuration from `env` (defaults to `process.env`), with `overrides` on top.
 *
 * @example
 * const config = loadConfig({}, { dataDir: 'memory://', sweepIntervalMs: 0 });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const port = int(env.PORT, 8080);
  const host = env.HOST ?? '127.0.0.1';
  const config: ServerConfig = {
    port,
    host,
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.DATA_DIR ?? './data/pglite',
    pgliteWorker: env.PGLITE_WORKER !== 'false',
    redisUrl: env.REDIS_URL || null,
    redisSentinels: parseSentinels(env.REDIS_SENTINELS),
    redisSentinelName: env.REDIS_SENTINEL_NAME || 'mymaster',
    jwtSecret: env.JWT_SECRET ?? 'dev-only-secret-change-me-0123456789abcdef',
    accessTokenTtlSeconds: int(env.ACCESS_TOKEN_TTL_SECONDS, 15 * 60),
    refreshTokenTtlSeconds: int(env.REFRESH_TOKEN_TTL_SECONDS, 30 * 24 * 3600),
    verificationTtlMinutes: int(env.VERIFICATION_TTL_MINUTES, 20),
    sweepIntervalMs: int(env.SWEEP_INTERVAL_MS, 5000),
    currency: 'USD',
    markupBps: int(env.PRICE_MARKUP_BPS, 15000),
    areaCodeSurchargeCents: int(env.AREA_CODE_SURCHARGE_CENTS, 50),
    carrierSurchargeCents: int(env.CARRIER_SURCHARGE_CENTS, 25),
    paymentWebhookSecret: env.PAYMENT_WEBHOOK_SECRET ?? 'sandbox-payment-secret',
    publicUrl: env.PUBLIC_URL ?? `http://${host}:${port}`,
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    corsOrigins: (env.CORS_ORIGINS ?? '*')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginMaxFailuresPerAccount: int(env.LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_THROTTLE_DEFAULTS.maxPerAccount),
    loginMaxFailuresPerIp: int(env.LOGIN_MAX_FAILURES_PER_IP, LOGIN_THROTTLE_DEFAULTS.maxPerIp),
    loginThrottleWindowSeconds: int(env.LOGIN_THROTTLE_WINDOW_SECONDS, LOGIN_THROTTLE_DEFAULTS.accountWindowSeconds),
    loginIpThrottleWindowSeconds: int(env.LOGIN_IP_THROTTLE_WINDOW_SECONDS, LOGIN_THROTTLE_DEFAULTS.ipWindowSeconds),
    apiKeyEnvironment: env.API_KEY_ENVIRONMENT === 'live' ? 'live' : 'test',
    sandbox: env.SANDBOX !== 'false',
    defaultTierId: env.DEFAULT_TIER_ID ?? 'tier_basic',
    anonymousRateLimitPerMinute: int(env.ANONYMOUS_RATE_LIMIT_PER_MINUTE, 60),
    secretsKey: secretsKey(env.SECRETS_KEY),
    trustProxy: env.TRUST_PROXY === 'true',
    totpIssuer: env.TOTP_ISSUER ?? 'Namaskah',
    oauthCodeTtlSeconds: int(env.OAUTH_CODE_TTL_SECONDS, 600),
    smsPollIntervalMs: int(env.SMS_POLL_INTERVAL_MS, 5000),
    maintenanceIntervalMs: int(env.MAINTENANCE_INTERVAL_MS, 60_000),
    jobQueueSchema: env.JOB_QUEUE_SCHEMA || 'pgboss',
    dispatchPollIntervalMs: int(env.DISPATCH_POLL_INTERVAL_MS, 1000),
    metricsEnabled: env.METRICS !== 'off',
    metricsToken: env.METRICS_TOKEN || null,
  };
  const merged = { ...config, ...overrides };
  // the default public URL follows the port and host actually chosen (an override included)
  if (!env.PUBLIC_URL && overrides.publicUrl === undefined) merged.publicUrl = `http://${merged.host}:${merged.port}`;
  return merged;
}
