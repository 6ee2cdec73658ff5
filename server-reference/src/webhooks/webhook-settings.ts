import { integer, optionalFlag, optionalInteger, optionalKey, optionalList, type Setting } from '../config-settings.ts';

const DEFAULT_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

/**
 * The operator's webhook settings, read by `loadWebhookConfig` and printed in docs/configuration.md.
 * Those whose default depends on sandbox mode read as `undefined` when unset; the loader decides.
 */
export const WEBHOOK_SETTINGS = {
  secretsKey: optionalKey(
    'WEBHOOK_SECRETS_KEY',
    '32 bytes (base64 or hex): the AES-256-GCM key encrypting endpoint secrets at rest. **Required** when `SANDBOX=false`.',
    'derived from `JWT_SECRET` in sandbox mode',
  ),
  allowedCidrs: optionalList(
    'WEBHOOK_ALLOWED_CIDRS',
    'Address ranges the SSRF guard lets through although they are loopback, private, link-local, CGNAT or metadata (checked on the address actually connected to).',
    'loopback (`127.0.0.0/8,::1/128`) in sandbox mode, none otherwise',
  ),
  allowHttp: optionalFlag(
    'WEBHOOK_ALLOW_HTTP',
    'Whether `http://` endpoint URLs are accepted (`https://` always is).',
    '`true` in sandbox mode, `false` otherwise',
  ),
  timeoutMs: integer(
    'WEBHOOK_TIMEOUT_MS',
    15_000,
    'Deadline of one attempt, in milliseconds: connect, TLS, request and the whole response (a 2xx within it is a success).',
    1,
  ),
  retryScheduleSeconds: {
    env: 'WEBHOOK_RETRY_SCHEDULE',
    description: 'Delay in seconds before each automatic attempt, the first included, comma-separated; each varies by 10 % either way.',
    type: 'list',
    defaultText: `\`${DEFAULT_SCHEDULE_SECONDS.join(',')}\``,
    read: (text) => {
      if (text === undefined) return DEFAULT_SCHEDULE_SECONDS;
      const delays = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (delays.length === 0) throw new Error('WEBHOOK_RETRY_SCHEDULE needs at least one delay');
      return delays.map((delay) => {
        if (!/^\d+$/.test(delay)) throw new Error(`WEBHOOK_RETRY_SCHEDULE: not a whole number of seconds: ${delay}`);
        return Number(delay);
      });
    },
  } satisfies Setting<number[]>,
  disableAfterFailingSeconds: integer(
    'WEBHOOK_DISABLE_AFTER_FAILING_SECONDS',
    5 * 86_400,
    'An endpoint failing this long, in seconds, with no success is disabled and its owner notified.',
    0,
  ),
  concurrency: integer('WEBHOOK_CONCURRENCY', 128, 'Attempts in flight at once per node.', 1),
  connectionsPerOrigin: integer('WEBHOOK_CONNECTIONS_PER_ORIGIN', 32, 'Kept-alive connections per receiving origin.', 1),
  leaseMs: optionalInteger(
    'WEBHOOK_LEASE_MS',
    "How long a worker's claim on an attempt lasts, in milliseconds; must exceed the timeout.",
    '`WEBHOOK_TIMEOUT_MS` + 15000',
    1,
  ),
  pollIntervalMs: integer(
    'WEBHOOK_POLL_INTERVAL_MS',
    1000,
    'How often idle workers look for due attempts made by other nodes or scheduled for later, in milliseconds.',
    1,
  ),
} as const;
