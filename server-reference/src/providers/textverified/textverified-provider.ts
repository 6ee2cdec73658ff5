import { isProviderError, ProviderError, type ProviderErrorCode } from '../../domain/ports/provider-error.ts';
import { parseProviderJson } from '../shared/parse-provider-json.ts';
import type {
  CatalogEntry,
  ProviderSms,
  PurchaseRequest,
  PurchasedNumber,
  UpstreamProvider,
} from '../../domain/ports/upstream-provider.ts';
import { TextVerifiedClient } from './textverified-client.ts';
import { TEXTVERIFIED_PROVIDER_ID } from './textverified-errors.ts';
import { type ResolvedTextVerifiedOptions, resolveTextVerifiedOptions, type TextVerifiedOptions } from './textverified-options.ts';
import {
  accountSchema,
  areaCodesSchema,
  linkSchema,
  pricingSchema,
  servicesSchema,
  smsPageSchema,
  verificationSchema,
} from './textverified-schemas.ts';
import { textVerifiedCarrier } from './textverified-services.ts';

/** Pages of SMS read per fetch at most; a verification gets a handful of messages, not thousands. */
const MAX_SMS_PAGES = 20;

/** TextVerified rents US numbers only. */
const COUNTRY = 'US';

/**
 * The TextVerified API v2 adapter (https://www.textverified.com/docs/api/v2), verification flow:
 * create (POST /verifications, answered 201 with a link), read the verification the link points at for
 * its number and cost, poll GET /sms?reservationId=, cancel and report by id, read the account balance,
 * and build the catalog from the service list, the area-code list and verification pricing.
 *
 * @example
 * const tv = new TextVerifiedProvider({ apiUsername: 'ops@example.com', apiKey: process.env.TEXTVERIFIED_API_KEY! });
 * const bought = await tv.purchase({ service: 'whatsapp', country: 'US', reference: 'ver_123' });
 */
export class TextVerifiedProvider implements UpstreamProvider {
  readonly id = TEXTVERIFIED_PROVIDER_ID;
  readonly #options: ResolvedTextVerifiedOptions;
  readonly #client: TextVerifiedClient;

  constructor(options: TextVerifiedOptions) {
    this.#options = resolveTextVerifiedOptions(options);
    this.#client = new TextVerifiedClient(this.#options);
  }

  async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    const serviceName = this.#options.services[request.service];
    if (request.country !== COUNTRY) throw this.#error('no_numbers', `TextVerified has no ${request.country} numbers`);
    if (!serviceName) throw this.#error('no_numbers', `TextVerified does not offer ${request.service}`);
    const created = await this.#client.send({
      method: 'POST',
      target: '/api/pub/v2/verifications',
      // Their create endpoint is idempotent per key: a retry after a timeout cannot buy a second number.
      headers: { 'Idempotency-Key': request.reference },
      json: {
        serviceName,
        capability: 'sms',
        ...(request.areaCode ? { areaCodeSelectOption: [request.areaCode] } : {}),
        ...(request.carrier ? { carrierSelectOption: [textVerifiedCarrier(request.carrier)] } : {}),
      },
      context: { operation: 'purchase', areaCodeRequested: Boolean(request.areaCode) },
    });
    const link = parseProviderJson(this.id, created, linkSchema);
    const href = link.href ?? created.headers.get('location');
    if (!href) throw this.#error('unexpected', 'TextVerified created a verification but gave no link to it');
    const verification = await this.#readVerification(href);
    return {
      providerRef: verification.id,
      phoneNumber: toE164(verification.number),
      costCents: verification.totalCost,
      expiresAt: verification.endsAt,
    };
  }

  async fetchSms(providerRef: string): Promise<ProviderSms[]> {
    const query = new URLSearchParams({ reservationId: providerRef, reservationType: 'verification' });
    let target: string | null = `/api/pub/v2/sms?${query}`;
    const messages: ProviderSms[] = [];
    for (let page = 0; target && page < MAX_SMS_PAGES; page++) {
      const response = await this.#client.send({ method: 'GET', target, context: { operation: 'read' } });
      const body = parseProviderJson(this.id, response, smsPageSchema);
      for (const sms of body.data) {
        messages.push({
          providerMessageId: sms.id,
          from: sms.from,
          text: sms.smsContent ?? '',
          parsedCode: sms.parsedCode || null,
          receivedAt: sms.createdAt,
        });
      }
      target = body.hasNext ? (body.links.next?.href ?? null) : null;
    }
    return messages;
  }

  async cancel(providerRef: string): Promise<void> {
    try {
      await this.#client.send({
        method: 'POST',
        target: `/api/pub/v2/verifications/${encodeURIComponent(providerRef)}/cancel`,
        context: { operation: 'cancel' },
      });
    } catch (error) {
      if (!isProviderError(error, 'invalid_state')) throw error;
      // A bare 400 says only "not now": the verification's state tells whether it is too early, already
      // cancelled (then the cancel we wanted has happened) or past cancelling.
      const verification = await this.#readVerification(`/api/pub/v2/verifications/${encodeURIComponent(providerRef)}`);
      if (verification.state === 'verificationCanceled') return;
      if (verification.state === 'verificationPending') {
        throw this.#error('cancel_too_early', `TextVerified refused to cancel ${providerRef} yet`, { retryable: true, cause: error });
      }
      throw this.#error('invalid_state', `TextVerified verification ${providerRef} is ${verification.state}`, { cause: error });
    }
  }

  async report(providerRef: string, _reason: string): Promise<void> {
    // The report endpoint takes no body: TextVerified records the report, not our reason.
    await this.#client.send({
      method: 'POST',
      target: `/api/pub/v2/verifications/${encodeURIComponent(providerRef)}/report`,
      context: { operation: 'report' },
    });
  }

  async balance(): Promise<number> {
    const response = await this.#client.send({ method: 'GET', target: '/api/pub/v2/account/me', context: { operation: 'read' } });
    return parseProviderJson(this.id, response, accountSchema).currentBalance;
  }

  async catalog(): Promise<CatalogEntry[]> {
    const query = new URLSearchParams({ numberType: 'mobile', reservationType: 'verification' });
    const servicesResponse = await this.#client.send({
      method: 'GET',
      target: `/api/pub/v2/services?${query}`,
      context: { operation: 'read' },
    });
    const offered = new Set(
      parseProviderJson(this.id, servicesResponse, servicesSchema)
        .filter((s) => s.capability === 'sms' || s.capability === 'smsAndVoiceCombo')
        .map((s) => s.serviceName),
    );
    const areaCodesResponse = await this.#client.send({ method: 'GET', target: '/api/pub/v2/area-codes', context: { operation: 'read' } });
    const areaCodes = parseProviderJson(this.id, areaCodesResponse, areaCodesSchema).map((a) => a.areaCode);

    const entries: CatalogEntry[] = [];
    // One pricing call at a time: TextVerified asks for steady request rates on pricing.
    for (const [service, serviceName] of Object.entries(this.#options.services)) {
      if (!offered.has(serviceName)) continue;
      const costCents = await this.#price(serviceName);
      if (costCents === null) continue;
      entries.push({ service, country: COUNTRY, costCents, available: null, areaCodes: [...areaCodes] });
    }
    return entries;
  }

  /** The any-area-code, any-carrier SMS price, or null when TextVerified refuses that combination. */
  async #price(serviceName: string): Promise<number | null> {
    try {
      const response = await this.#client.send({
        method: 'POST',
        target: '/api/pub/v2/pricing/verifications',
        json: { serviceName, areaCode: false, carrier: false, numberType: 'mobile', capability: 'sms' },
        context: { operation: 'pricing' },
      });
      return parseProviderJson(this.id, response, pricingSchema).price;
    } catch (error) {
      if (isProviderError(error) && error.options.status === 400) return null;
      throw error;
    }
  }

  async #readVerification(target: string) {
    const response = await this.#client.send({ method: 'GET', target, context: { operation: 'read' } });
    return parseProviderJson(this.id, response, verificationSchema);
  }

  #error(code: ProviderErrorCode, message: string, extra: { retryable?: boolean; cause?: unknown } = {}) {
    return new ProviderError(code, message, { provider: this.id, ...extra });
  }
}

/** TextVerified gives US numbers as 10 digits ("2223334444"); we store E.164. */
function toE164(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  throw new ProviderError('unexpected', `TextVerified returned a number that is not a US number: ${number}`, {
    provider: TEXTVERIFIED_PROVIDER_ID,
  });
}
