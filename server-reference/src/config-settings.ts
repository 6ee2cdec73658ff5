import { createHash } from 'node:crypto';
import { LOGIN_THROTTLE_DEFAULTS } from './domain/login-throttle.ts';

/**
 * One environment variable of the server: its name, what it does, its type and default as an operator
 * reads them, and how its text becomes the value. `config.ts` reads the environment through these, and
 * `scripts/gen-configuration.mjs` writes docs/configuration.md from the same table, so the reference
 * cannot say something the code does not do.
 */
export interface Setting<T> {
  env: string;
  /** What the setting does, one or two sentences of Markdown. */
  description: string;
  /** The type as the reference prints it: `integer`, `string`, `boolean`, `URL`, `list`, `key`, or the allowed values. */
  type: string;
  /** The default as the reference prints it (`unset` when there is none). */
  defaultText: string;
  /** The value for the variable's text (`undefined` when it is not set); throws on a text it cannot read. */
  read(text: string | undefined): T;
}

/** An integer's text as its value; refuses `12abc` and `1.5`, which `parseInt` would half read, and values below `min`. */
function readInteger(env: string, text: string, min: number): number {
  if (!/^-?\d+$/.test(text.trim())) throw new Error(`${env} must be an integer, not "${text}"`);
  const value = Number.parseInt(text, 10);
  if (value < min) throw new Error(`${env} must be at least ${min}, not ${value}`);
  return value;
}

/** Reads an integer; unset or empty is `fallback`. */
export function integer(env: string, fallback: number, description: string, min = Number.MIN_SAFE_INTEGER): Setting<number> {
  return {
    env,
    description,
    type: 'integer',
    defaultText: `\`${fallback}\``,
    read: (text) => (text === undefined || text === '' ? fallback : readInteger(env, text, min)),
  };
}

/** Reads an integer whose default the module computes (`defaultText` says how); unset or empty is `undefined`. */
export function optionalInteger(env: string, description: string, defaultText: string, min = 0): Setting<number | undefined> {
  return {
    env,
    description,
    type: 'integer',
    defaultText,
    read: (text) => (text === undefined || text === '' ? undefined : readInteger(env, text, min)),
  };
}

/** Reads a decimal number in `[min, max]`; unset or empty is `undefined` (the module's default). */
export function optionalNumber(
  env: string,
  description: string,
  defaultText: string,
  min: number,
  max: number,
): Setting<number | undefined> {
  return {
    env,
    description,
    type: 'number',
    defaultText,
    read: (text) => {
      if (text === undefined || text === '') return undefined;
      const value = Number(text);
      if (!Number.isFinite(value) || value < min || value > max)
        throw new Error(`${env} must be a number from ${min} to ${max}, not "${text}"`);
      return value;
    },
  };
}

/** Reads `true` / `false` whose default the module computes; unset or empty is `undefined`. */
export function optionalFlag(env: string, description: string, defaultText: string): Setting<boolean | undefined> {
  return { env, description, type: 'boolean', defaultText, read: (text) => (text ? text === 'true' : undefined) };
}

/** Reads a comma-separated list whose default the module computes; unset is `undefined`. */
export function optionalList(env: string, description: string, defaultText: string): Setting<string[] | undefined> {
  return { env, description, type: 'list', defaultText, read: (text) => (text === undefined ? undefined : splitList(text)) };
}

/** A 32-byte key in base64 or hex; unset or empty is `undefined` (the module decides what that means). */
export function optionalKey(env: string, description: string, defaultText: string): Setting<Buffer | undefined> {
  return { env, description, type: 'key', defaultText, read: (text) => (text ? readKey(env, text) : undefined) };
}

function readKey(env: string, text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${env} must be 32 bytes, in base64 or hex`);
  return key;
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Reads every setting of a table from `env`: the values, keyed as the table is. */
export function readSettings<T extends Record<string, Setting<unknown>>>(
  table: T,
  env: NodeJS.ProcessEnv,
): { -readonly [K in keyof T]: ReturnType<T[K]['read']> } {
  return Object.fromEntries(Object.entries(table).map(([key, setting]) => [key, setting.read(env[setting.env])])) as {
    -readonly [K in keyof T]: ReturnType<T[K]['read']>;
  };
}

/** Reads a string; unset is `fallback` (an empty value stays empty). */
export function text(env: string, fallback: string, description: string, type = 'string'): Setting<string> {
  return { env, description, type, defaultText: `\`${fallback}\``, read: (value) => value ?? fallback };
}

/** Reads an optional string: unset or empty is `null`. */
export function optionalText(env: string, description: string, type = 'string'): Setting<string | null> {
  return { env, description, type, defaultText: 'unset', read: (value) => value || null };
}

/** Reads `true` / `false`; anything but the opposite of the default keeps the default, as the server always did. */
export function flag(env: string, fallback: boolean, description: string): Setting<boolean> {
  const opposite = String(!fallback);
  return {
    env,
    description,
    type: 'boolean',
    defaultText: `\`${fallback}\``,
    read: (value) => (value === opposite ? !fallback : fallback),
  };
}

/** Reads one of `values`; unset or empty is `fallback`, anything else is refused. */
export function choice<const V extends string>(env: string, values: readonly V[], fallback: V, description: string): Setting<V> {
  return {
    env,
    description,
    type: values.map((value) => `\`${value}\``).join(' or '),
    defaultText: `\`${fallback}\``,
    read: (value) => {
      if (value === undefined || value === '') return fallback;
      if (!(values as readonly string[]).includes(value)) throw new Error(`${env} must be ${values.join(' or ')}, not "${value}"`);
      return value as V;
    },
  };
}

/** Reads a comma-separated list, trimmed, without empty items. */
export function list(env: string, fallback: string, description: string): Setting<string[]> {
  return {
    env,
    description,
    type: 'list',
    defaultText: `\`${fallback}\``,
    read: (value) => splitList(value ?? fallback),
  };
}

/** `host:port,host:port` (REDIS_SENTINELS) as ioredis's sentinel list; the port defaults to 26379. */
function sentinelList(env: string, description: string): Setting<Array<{ host: string; port: number }>> {
  return {
    env,
    description,
    type: 'list',
    // no sentinels: the one server of REDIS_URL (an empty list, not an unset value)
    defaultText: 'none',
    read: (value) =>
      (value ?? '')
        .split(',')
        .filter((entry) => entry.trim() !== '')
        .map((entry) => {
          const match = /^\s*([^\s:]+|\[[^\]]+\])(?::(\d+))?\s*$/.exec(entry);
          if (!match?.[1]) throw new Error(`${env}: not host:port: ${entry}`);
          return { host: match[1].replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 26379 };
        }),
  };
}

/** The dev key is derived from a fixed label so a dev database stays readable across restarts; never use it in production. */
const DEV_SECRETS_KEY = createHash('sha256').update('namaskah-dev-secrets-key').digest();

/**
 * Every setting `loadConfig` reads from the environment, in the order the reference lists them. Settings
 * of the feature modules are read by their own modules, through their own tables of the same kind
 * (`webhooks/webhook-settings.ts`, `notifications/notification-settings.ts`, `providers/provider-settings.ts`).
 */
export const SERVER_SETTINGS = {
  port: integer('PORT', 8080, 'TCP port the HTTP server (API, WebSocket, dashboard) listens on.'),
  host: text('HOST', '127.0.0.1', 'Address to listen on; `0.0.0.0` accepts connections from other machines.'),
  databaseUrl: optionalText(
    'DATABASE_URL',
    'PostgreSQL URL (`postgres://user:pass@host:5432/db`). Unset runs on the embedded PGlite database in `DATA_DIR`.',
    'URL',
  ),
  readDatabaseUrl: optionalText(
    'READ_DATABASE_URL',
    'A PostgreSQL streaming replica of `DATABASE_URL` (needs it): analytics and exports read from it while it is up and within `READ_REPLICA_MAX_LAG_SECONDS`, and from the primary otherwise. Unset, everything reads from the primary.',
    'URL',
  ),
  readReplicaMaxLagSeconds: integer(
    'READ_REPLICA_MAX_LAG_SECONDS',
    30,
    'How far behind the primary the read replica may be (seconds of replay lag) before analytics read from the primary instead.',
  ),
  dataDir: text(
    'DATA_DIR',
    './data/pglite',
    'PGlite data folder when `DATABASE_URL` is unset; `memory://` keeps everything in memory (tests).',
  ),
  pgliteWorker: flag(
    'PGLITE_WORKER',
    true,
    'Run PGlite in a worker thread, so its WebAssembly does not run on the HTTP event loop; `false` keeps it on the main thread.',
  ),
  redisUrl: optionalText(
    'REDIS_URL',
    'Redis URL: shared rate-limit and login-throttle counters and the real-time fan-out between nodes. Required to run more than one node; in process when unset.',
    'URL',
  ),
  redisSentinels: sentinelList(
    'REDIS_SENTINELS',
    'Redis Sentinel addresses (`host:port,host:port,...`, port 26379 by default). When set, the sentinels name the current master (`REDIS_SENTINEL_NAME`) instead of `REDIS_URL`, and a failover is followed.',
  ),
  redisSentinelName: text('REDIS_SENTINEL_NAME', 'mymaster', 'Name of the master the sentinels monitor.'),
  jwtSecret: text('JWT_SECRET', 'dev-only-secret-change-me-0123456789abcdef', 'HMAC key of access tokens. **Set it in production.**'),
  accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 'Lifetime of an access token, in seconds.'),
  principalCacheTtlMs: integer(
    'PRINCIPAL_CACHE_TTL_MS',
    1000,
    "How long a node reuses a credential's principal (its session or API key, user, tier and IP allowlist) without reading it again. A change made through this node (a revoked session or key, a suspension, a new tier or allowlist) applies at once; one made through another node within this bound. `0` reads it on every request.",
  ),
  catalogSuccessRateTtlMs: integer(
    'CATALOG_SUCCESS_RATE_TTL_MS',
    60_000,
    "How long a node reuses the price list's delivery success rates (`success_rate`, from the last 7 days' verifications) before reading them again. `0` reads them on every request.",
    0,
  ),
  refreshTokenTtlSeconds: integer(
    'REFRESH_TOKEN_TTL_SECONDS',
    30 * 24 * 3600,
    'Lifetime of a refresh token (and its session), in seconds.',
  ),
  verificationTtlMinutes: integer(
    'VERIFICATION_TTL_MINUTES',
    20,
    'Minutes a verification waits for its code before it expires and is refunded.',
  ),
  sweepIntervalMs: integer(
    'SWEEP_INTERVAL_MS',
    5000,
    'How often the expiry sweeper runs, in milliseconds (`0` disables it; tests drive it by hand).',
  ),
  markupBps: integer('PRICE_MARKUP_BPS', 15000, 'Provider cost x markup, in basis points (`15000` = x1.5).'),
  areaCodeSurchargeCents: integer('AREA_CODE_SURCHARGE_CENTS', 50, 'Surcharge of a purchase that asks for an area code, in cents.'),
  carrierSurchargeCents: integer('CARRIER_SURCHARGE_CENTS', 25, 'Surcharge of a purchase that asks for a carrier, in cents.'),
  paymentWebhookSecret: text(
    'PAYMENT_WEBHOOK_SECRET',
    'sandbox-payment-secret',
    'Secret the sandbox payment provider signs its callbacks with.',
  ),
  publicUrl: {
    ...optionalText('PUBLIC_URL', 'Public base URL of the server, used for links such as the sandbox checkout page.', 'URL'),
    defaultText: '`http://HOST:PORT`',
  },
  bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1024 * 1024, 'Largest request body, in bytes; a larger one is answered 413.'),
  corsOrigins: list('CORS_ORIGINS', '*', 'Comma-separated origins allowed by CORS (`*`: any).'),
  logLevel: text(
    'LOG_LEVEL',
    'info',
    'pino level (`trace`, `debug`, `info`, `warn`, `error`, `silent`). One line per request only at `debug`; at `info` a request is logged when it answers 5xx or takes over a second.',
  ),
  logFormat: {
    env: 'LOG_FORMAT',
    description: '`json` (one JSON object per line, for collectors) or `pretty` (pino-pretty, for people).',
    type: '`json` or `pretty`',
    defaultText: 'on a terminal `pretty`, else `json`',
    read: (value) => {
      if (value === undefined || value === '') return undefined;
      if (value !== 'json' && value !== 'pretty') throw new Error(`LOG_FORMAT must be json or pretty, not "${value}"`);
      return value;
    },
  } satisfies Setting<'json' | 'pretty' | undefined>,
  seedDemo: flag('SEED_DEMO', true, '`false` skips the demo accounts (and their API key) created at start.'),
  loginMaxFailuresPerAccount: integer(
    'LOGIN_MAX_FAILURES_PER_ACCOUNT',
    LOGIN_THROTTLE_DEFAULTS.maxPerAccount,
    'Failed sign-ins allowed per email in `LOGIN_THROTTLE_WINDOW_SECONDS` (second-factor and change-password failures count too).',
  ),
  loginMaxFailuresPerIp: integer(
    'LOGIN_MAX_FAILURES_PER_IP',
    LOGIN_THROTTLE_DEFAULTS.maxPerIp,
    'Failed sign-ins allowed per client address in `LOGIN_IP_THROTTLE_WINDOW_SECONDS`.',
  ),
  loginThrottleWindowSeconds: integer(
    'LOGIN_THROTTLE_WINDOW_SECONDS',
    LOGIN_THROTTLE_DEFAULTS.accountWindowSeconds,
    'Window of the per-email sign-in throttle, in seconds.',
  ),
  loginIpThrottleWindowSeconds: integer(
    'LOGIN_IP_THROTTLE_WINDOW_SECONDS',
    LOGIN_THROTTLE_DEFAULTS.ipWindowSeconds,
    'Window of the per-address sign-in throttle, in seconds.',
  ),
  apiKeyEnvironment: {
    env: 'API_KEY_ENVIRONMENT',
    description:
      'Environment of new API keys when a request names none: `test` (`nmk_test_...`; a test server refuses `live` keys) or `live` (`nmk_live_...`). Any other value is `test`.',
    type: '`live` or `test`',
    defaultText: '`test`',
    read: (value) => (value === 'live' ? 'live' : 'test'),
  } satisfies Setting<'live' | 'test'>,
  sandbox: flag('SANDBOX', true, '`false` turns off the sandbox endpoints: SMS injection and the sandbox payment provider.'),
  defaultTierId: text('DEFAULT_TIER_ID', 'tier_basic', 'Tier of new accounts, and the prices anonymous catalog readers see.'),
  anonymousRateLimitPerMinute: integer(
    'ANONYMOUS_RATE_LIMIT_PER_MINUTE',
    60,
    'Requests per minute per client address for callers without credentials.',
  ),
  secretsKey: {
    env: 'SECRETS_KEY',
    description:
      '32 bytes, base64 or hex: the AES-256-GCM key sealing TOTP seeds at rest, and the root of the key hashing one-time codes. **Set it in production and keep it** (webhook secrets have their own, `WEBHOOK_SECRETS_KEY`).',
    type: 'key',
    defaultText: 'a fixed dev key',
    read: (value) => (value ? readKey('SECRETS_KEY', value) : DEV_SECRETS_KEY),
  } satisfies Setting<Buffer>,
  trustProxy: flag(
    'TRUST_PROXY',
    false,
    '`true` behind a proxy that appends `X-Forwarded-For`: the client address is its last hop (IP allowlists, throttles, audit log).',
  ),
  totpIssuer: text('TOTP_ISSUER', 'Namaskah', 'Issuer name authenticator apps show next to the account.'),
  oauthCodeTtlSeconds: integer(
    'OAUTH_CODE_TTL_SECONDS',
    600,
    'Lifetime of an OAuth authorization code, in seconds (the spec promises 10 minutes).',
  ),
  smsPollIntervalMs: integer(
    'SMS_POLL_INTERVAL_MS',
    5000,
    'How often pull-only providers are polled for SMS of pending verifications, in milliseconds (`0` disables).',
  ),
  maintenanceIntervalMs: integer(
    'MAINTENANCE_INTERVAL_MS',
    60_000,
    'How often housekeeping runs, in milliseconds: overdue top-ups expire, old idempotency keys and unmatched SMS go (`0` disables).',
  ),
  jobQueueSchema: {
    ...optionalText('JOB_QUEUE_SCHEMA', 'PostgreSQL schema of the job queue (pg-boss); every node of one platform must use the same.'),
    defaultText: '`pgboss`',
    read: (value: string | undefined) => value || 'pgboss',
  },
  dispatchPollIntervalMs: integer(
    'DISPATCH_POLL_INTERVAL_MS',
    1000,
    "How often each node's outbox dispatcher looks for events committed by other nodes, in milliseconds (its own are dispatched at once).",
  ),
  metricsEnabled: flag('METRICS', true, 'Serve Prometheus metrics at `/metrics` (each node its own); `false` removes the route.'),
  metricsToken: optionalText(
    'METRICS_TOKEN',
    'When set, `/metrics` answers only `Authorization: Bearer <token>`, and 404 to anyone else.',
    'key',
  ),
} as const;
