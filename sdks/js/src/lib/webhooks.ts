import { NamaskahError } from '../core/errors.js';
import { readEnv } from '../core/logger.js';
import type { WebhookEvent } from '../models/webhook-event.js';

/** The signature did not match, the timestamp is outside the tolerance, or a header is missing. */
export class WebhookVerificationError extends NamaskahError {
  override name = 'WebhookVerificationError';
}

/** Headers as any framework hands them over. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** Largest accepted distance between `webhook-timestamp` and now, in seconds. Default 300. */
  tolerance?: number;
  /** The current time in ms, for tests. */
  now?: number;
}

export interface SignOptions {
  /** The message id (`webhook-id`); defaults to a random `msg_` id. */
  id?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}

const encoder = new TextEncoder();

/**
 * Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`)
 * with `whsec_` secrets, on Web Crypto so it runs in Node, browsers, Deno and workers.
 *
 * @example
 * ```ts
 * app.post('/webhooks', async (req, res) => {
 *   const event = await client.webhooks.verify(req.rawBody, req.headers, process.env.NAMASKAH_WEBHOOK_SECRET!);
 *   if (event.type === 'verification.completed') console.log(event.data);
 * });
 * ```
 */
export class Webhooks {
  readonly #secret: string | undefined;

  /** `secret`: the default signing secret of {@link verify} and {@link sign}; `NAMASKAH_WEBHOOK_SECRET` when omitted. */
  constructor(options: { secret?: string } = {}) {
    this.#secret = options.secret ?? readEnv('NAMASKAH_WEBHOOK_SECRET');
  }

  #secretOr(secret: string | undefined): string {
    const value = secret ?? this.#secret;
    if (!value) throw new WebhookVerificationError('No webhook secret (pass one, webhookSecret or NAMASKAH_WEBHOOK_SECRET)');
    return value;
  }

  /**
   * Checks the signature of a delivery and returns the parsed event. `rawBody` must be the exact bytes
   * received (a string, `Uint8Array` or `ArrayBuffer`), never a parsed object: re-serialising JSON
   * changes the bytes and the signature would never match.
   */
  async verify(
    rawBody: string | Uint8Array | ArrayBuffer,
    headers: WebhookHeaders,
    secret?: string,
    options: VerifyOptions = {},
  ): Promise<WebhookEvent> {
    secret = this.#secretOr(secret);
    const body = bodyText(rawBody);
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures) {
      throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header');
    }
    const seconds = Number(timestamp);
    if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
      throw new WebhookVerificationError('Invalid webhook-timestamp header');
    }
    const tolerance = options.tolerance ?? 300;
    const now = Math.floor((options.now ?? Date.now()) / 1000);
    if (Math.abs(now - seconds) > tolerance) {
      throw new WebhookVerificationError(`webhook-timestamp is more than ${tolerance} s from now`);
    }
    const expected = base64ToBytes(await signature(secret, id, seconds, body));
    const matched = signatures
      .split(' ')
      .map((entry) => entry.split(','))
      .some(([version, value]) => version === 'v1' && value !== undefined && timingSafeEqual(safeBase64ToBytes(value), expected));
    if (!matched) throw new WebhookVerificationError('No matching signature in webhook-signature');
    try {
      return JSON.parse(body) as WebhookEvent;
    } catch (cause) {
      throw new WebhookVerificationError('The webhook body is not valid JSON', { cause });
    }
  }

  /**
   * Signs a payload the way Namaskah does, for your own tests: returns the headers to send with `payload`.
   *
   * @example
   * ```ts
   * const body = JSON.stringify(event);
   * const headers = await client.webhooks.sign(body, 'whsec_...');
   * await fetch('http://localhost:3000/webhooks', { method: 'POST', body, headers });
   * ```
   */
  async sign(payload: string | Uint8Array | ArrayBuffer, secret?: string, options: SignOptions = {}): Promise<Record<string, string>> {
    secret = this.#secretOr(secret);
    const id = options.id ?? `msg_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${await signature(secret, id, timestamp, bodyText(payload))}`,
      'content-type': 'application/json',
    };
  }
}

function bodyText(rawBody: unknown): string {
  if (typeof rawBody === 'string') return rawBody;
  if (rawBody instanceof Uint8Array) return new TextDecoder().decode(rawBody);
  if (rawBody instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(rawBody));
  throw new WebhookVerificationError(
    'webhooks.verify() needs the raw request body (a string or bytes) exactly as received, not a parsed object: ' +
      'configure your framework to keep the raw body (for example express.raw({ type: "application/json" })).',
  );
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

async function signature(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const keyBytes = base64ToBytes(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
  const key = await globalThis.crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`));
  return bytesToBase64(new Uint8Array(mac));
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function safeBase64ToBytes(base64: string): Uint8Array {
  try {
    return base64ToBytes(base64);
  } catch {
    return new Uint8Array();
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Constant-time comparison so a forger learns nothing from how long a mismatch takes. */
function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
