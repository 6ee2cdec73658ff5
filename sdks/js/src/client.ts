import { type ClientOptions, HttpClient } from './core/index.js';
import { RealtimeApi } from './lib/realtime-api.js';
import { VerificationsApi } from './lib/verifications-api.js';
import { Webhooks } from './lib/webhooks.js';
import { ApiResources, PROBLEM_ERROR_CLASSES } from './resources/index.js';

/**
 * The Namaskah API client: one property per resource (`client.verifications`, `client.webhookEndpoints`,
 * ...), plus `webhooks` (signature helpers) and `realtime.connect()`.
 *
 * @example
 * ```ts
 * import { Namaskah } from '@namaskah/sdk';
 *
 * const client = new Namaskah({ apiKey: process.env.NAMASKAH_API_KEY });
 * const verification = await client.verifications.create({ service: 'whatsapp', country: 'US' });
 * const { code } = await client.verifications.waitForCode(verification.id);
 * ```
 */
export class Namaskah extends ApiResources {
  override verifications: VerificationsApi;
  override realtime: RealtimeApi;
  /** Standard Webhooks signature verification and signing, with the client's `webhookSecret` by default. */
  readonly webhooks: Webhooks;
  /** The HTTP engine, for calls the resources do not cover. */
  readonly http: HttpClient;

  /** A new client with these options over this one's (same API key, base URL, ...). */
  withOptions(overrides: Partial<ClientOptions>): Namaskah {
    return new Namaskah({ ...this.http.options, ...overrides });
  }

  constructor(options: ClientOptions = {}) {
    const http = new HttpClient(options, PROBLEM_ERROR_CLASSES);
    super(http);
    this.http = http;
    this.webhooks = new Webhooks({ secret: options.webhookSecret });
    this.realtime = new RealtimeApi(http);
    this.verifications = new VerificationsApi(http);
    this.verifications.realtime = this.realtime;
  }
}
