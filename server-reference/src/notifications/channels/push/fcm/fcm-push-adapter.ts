import type { PushAdapter, PushMessage, PushOutcome, PushTarget } from '../push-adapter.ts';
import { FcmAccessToken, type ServiceAccount } from './fcm-access-token.ts';

export interface FcmOptions {
  serviceAccount: ServiceAccount;
  /** Base URL of the FCM API; `https://fcm.googleapis.com` unless a test points it elsewhere. */
  endpoint?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** FCM error codes that mean the token will never work again. */
const DEAD_TOKEN_CODES = new Set(['UNREGISTERED', 'INVALID_ARGUMENT']);

const errorCodeOf = (body: any): string | null => {
  const details: any[] = body?.error?.details ?? [];
  const fcm = details.find((d) => typeof d?.errorCode === 'string');
  return fcm?.errorCode ?? body?.error?.status ?? null;
};

/**
 * Firebase Cloud Messaging HTTP v1: `POST /v1/projects/{project}/messages:send` with an OAuth 2.0 access
 * token from the service account. `UNREGISTERED` and `INVALID_ARGUMENT` answers report the token invalid;
 * 429 and 5xx are retryable; a 401 refreshes the access token once.
 *
 * @example
 * const fcm = new FcmPushAdapter({ serviceAccount: JSON.parse(readFileSync('sa.json', 'utf8')) });
 */
export class FcmPushAdapter implements PushAdapter {
  readonly #tokens: FcmAccessToken;
  readonly #fetch: typeof fetch;

  private readonly options: FcmOptions;
  constructor(options: FcmOptions) {
    this.options = options;
    this.#fetch = options.fetch ?? fetch;
    this.#tokens = new FcmAccessToken(options.serviceAccount, { fetch: this.#fetch, now: options.now });
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const endpoint = (this.options.endpoint ?? 'https://fcm.googleapis.com').replace(/\/$/, '');
    const url = `${endpoint}/v1/projects/${encodeURIComponent(this.options.serviceAccount.project_id)}/messages:send`;
    const payload = JSON.stringify({
      message: {
        token: target.token,
        notification: { title: message.title, body: message.body },
        data: message.data,
        android: {
          priority: message.severity === 'info' ? 'NORMAL' : 'HIGH',
          notification: message.sound ? { sound: message.sound } : {},
        },
      },
    });
    let response: Response;
    try {
      response = await this.#post(url, payload, false);
      if (response.status === 401) response = await this.#post(url, payload, true);
    } catch (error) {
      return { status: 'failed', reason: `FCM unreachable: ${(error as Error).message}`, retryable: true };
    }
    const body = (await response.json().catch(() => null)) as any;
    if (response.ok) return { status: 'delivered', id: body?.name };
    const code = errorCodeOf(body);
    if (code && DEAD_TOKEN_CODES.has(code)) return { status: 'invalid_token', reason: code };
    const retryable = response.status === 429 || response.status >= 500;
    return { status: 'failed', reason: `FCM answered ${response.status}${code ? ` ${code}` : ''}`, retryable };
  }

  async #post(url: string, payload: string, refreshToken: boolean): Promise<Response> {
    const token = await this.#tokens.get(refreshToken);
    return this.#fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=utf-8' },
      body: payload,
    });
  }
}
