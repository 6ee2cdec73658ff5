import { connect, constants, type ClientHttp2Session } from 'node:http2';
import type { PushAdapter, PushMessage, PushOutcome, PushTarget } from '../push-adapter.ts';
import { ApnsProviderToken } from './apns-provider-token.ts';

export interface ApnsOptions {
  teamId: string;
  keyId: string;
  /** PKCS#8 PEM of the `.p8` signing key (P-256). */
  privateKey: string;
  /** `apns-topic`: the app's bundle id; the device's `app_id` when absent. */
  topic?: string;
  /** Origins per environment; Apple's hosts unless a test points them elsewhere. */
  origins?: { production?: string; sandbox?: string };
  /** Extra trusted CA certificates (PEM), for a local APNs stand-in with its own certificate. */
  ca?: string | Buffer;
  /** Abandon a request after this long. */
  timeoutMs?: number;
  now?: () => number;
}

const APPLE_ORIGINS = { production: 'https://api.push.apple.com', sandbox: 'https://api.sandbox.push.apple.com' };

/** Reasons that mean the device token will never work again (HTTP 410, or 400 with these). */
const DEAD_TOKEN_REASONS = new Set(['BadDeviceToken', 'Unregistered', 'DeviceTokenNotForTopic']);

interface ApnsAnswer {
  status: number;
  reason: string | null;
  apnsId: string | null;
}

/**
 * Apple Push Notification service over HTTP/2 with token authentication. One HTTP/2 session per
 * environment is kept open and reused (Apple asks providers to keep connections open). 410 `Unregistered`
 * and 400 `BadDeviceToken` report the token invalid; `ExpiredProviderToken` makes a fresh JWT once.
 *
 * @example
 * const apns = new ApnsPushAdapter({ teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKey: p8, topic: 'com.namaskah.app' });
 */
export class ApnsPushAdapter implements PushAdapter {
  readonly #token: ApnsProviderToken;
  readonly #sessions = new Map<string, ClientHttp2Session>();

  private readonly options: ApnsOptions;
  constructor(options: ApnsOptions) {
    this.options = options;
    this.#token = new ApnsProviderToken(options);
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const environment = target.apnsEnvironment ?? 'production';
    const origin = this.options.origins?.[environment] ?? APPLE_ORIGINS[environment];
    const body = JSON.stringify({
      aps: {
        alert: { title: message.title, body: message.body },
        ...(message.sound ? { sound: message.sound } : {}),
        'interruption-level': message.severity === 'critical' ? 'time-sensitive' : 'active',
      },
      ...message.data,
    });
    try {
      let answer = await this.#request(origin, target, body, message, false);
      if (answer.status === 403 && answer.reason === 'ExpiredProviderToken')
        answer = await this.#request(origin, target, body, message, true);
      if (answer.status === 200) return { status: 'delivered', id: answer.apnsId ?? undefined };
      if (answer.status === 410 || (answer.status === 400 && answer.reason && DEAD_TOKEN_REASONS.has(answer.reason))) {
        return { status: 'invalid_token', reason: answer.reason ?? 'Unregistered' };
      }
      const retryable = answer.status === 429 || answer.status >= 500;
      return { status: 'failed', reason: `APNs answered ${answer.status}${answer.reason ? ` ${answer.reason}` : ''}`, retryable };
    } catch (error) {
      return { status: 'failed', reason: `APNs unreachable: ${(error as Error).message}`, retryable: true };
    }
  }

  async #request(origin: string, target: PushTarget, body: string, message: PushMessage, freshToken: boolean): Promise<ApnsAnswer> {
    const jwt = await this.#token.get(freshToken);
    const session = this.#session(origin);
    return new Promise<ApnsAnswer>((resolve, reject) => {
      const request = session.request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(target.token)}`,
        authorization: `bearer ${jwt}`,
        'apns-topic': this.options.topic ?? target.appId,
        'apns-push-type': 'alert',
        // 10 = now; 5 = when convenient for the device's power, fine for informational pushes
        'apns-priority': message.severity === 'info' ? '5' : '10',
        'content-type': 'application/json',
      });
      request.setTimeout(this.options.timeoutMs ?? 15_000, () => request.close(constants.NGHTTP2_CANCEL));
      let status = 0;
      let apnsId: string | null = null;
      const chunks: Buffer[] = [];
      request.on('response', (headers) => {
        status = Number(headers[constants.HTTP2_HEADER_STATUS]);
        apnsId = (headers['apns-id'] as string | undefined) ?? null;
      });
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let reason: string | null = null;
        try {
          reason = JSON.parse(Buffer.concat(chunks).toString('utf8')).reason ?? null;
        } catch {
          /* 200 has no body */
        }
        resolve({ status, reason, apnsId });
      });
      request.on('error', reject);
      request.on('close', () => {
        if (status === 0) reject(new Error('stream closed without a response'));
      });
      request.end(body);
    });
  }

  #session(origin: string): ClientHttp2Session {
    const existing = this.#sessions.get(origin);
    if (existing && !existing.closed && !existing.destroyed) return existing;
    const session = connect(origin, this.options.ca ? { ca: this.options.ca } : {});
    session.on('error', () => this.#sessions.delete(origin));
    session.on('close', () => this.#sessions.delete(origin));
    // an idle open session must not keep the process alive
    session.unref();
    this.#sessions.set(origin, session);
    return session;
  }

  /** Closes the open HTTP/2 sessions. */
  close(): void {
    for (const session of this.#sessions.values()) session.close();
    this.#sessions.clear();
  }
}
