/**
 * The one interface every upstream SMS provider implements (DESIGN.md §4: buy, poll or receive SMS,
 * cancel, report, balance, catalog and prices). Domain services only ever see this interface; the
 * simulator, TextVerified v2 and 5sim adapters live beside it, one file (or folder) each.
 *
 * Money is integer minor units (cents, USD) everywhere; adapters convert the provider's own units.
 * Adapters throw `ProviderError` (see provider-error.ts) with one of `ProviderErrorCode`, which the HTTP
 * layer maps to problem codes; they never throw anything else for a provider-side failure.
 */

/** What the caller wants rented. */
export interface PurchaseRequest {
  /** Our service slug, e.g. `whatsapp`. */
  service: string;
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country: string;
  areaCode?: string;
  carrier?: string;
  /** Our verification id, so providers that accept a reference can echo it back. */
  reference: string;
}

/** A number the provider has assigned to us. */
export interface PurchasedNumber {
  /** The provider's own id for this rental (used for fetch/cancel/report). */
  providerRef: string;
  /** E.164. */
  phoneNumber: string;
  /** What the provider charged us, in cents. */
  costCents: number;
  /** When the provider will release the number, if it says. */
  expiresAt?: Date;
}

/** One SMS as the provider reports it. */
export interface ProviderSms {
  /** The provider's id for the message (stable across polls; used to dedupe). */
  providerMessageId: string;
  from: string | null;
  text: string;
  /** The code as parsed by the provider, if it parses one. */
  parsedCode: string | null;
  receivedAt: Date;
}

export interface CatalogEntry {
  service: string;
  country: string;
  /** Provider cost in cents, before our markup. */
  costCents: number;
  /** Numbers in stock, when the provider says. */
  available: number | null;
  areaCodes?: string[];
}

export interface UpstreamProvider {
  /** Stable id, e.g. `simulator`, `textverified`, `fivesim`. */
  readonly id: string;
  /**
   * True when the provider delivers every SMS through the SmsSink as it arrives; the server then never
   * polls it. Pull-only providers (false or absent) are polled with `fetchSms`.
   */
  readonly pushesSms?: boolean;
  /**
   * Sends a text message (second-factor codes, SMS notifications) from the provider's own sender; not
   * charged to any customer. Absent when the provider cannot send.
   */
  sendSms?(to: string, text: string): Promise<void>;
  /** Rent a number. Throws ProviderError(`no_numbers` | `area_code_unavailable` | ...). */
  purchase(request: PurchaseRequest): Promise<PurchasedNumber>;
  /** SMS received so far for a rental (pull model). Push-capable providers also call the SmsSink. */
  fetchSms(providerRef: string): Promise<ProviderSms[]>;
  /**
   * Release the number before it is used. Throws ProviderError(`cancel_too_early`, retryable) where the
   * provider refuses for now, `invalid_state` when the rental is past cancelling (an SMS arrived, it
   * expired), `not_found` for an unknown ref. Cancelling an already cancelled rental succeeds where the
   * provider lets us tell (simulator, TextVerified).
   */
  cancel(providerRef: string): Promise<void>;
  /**
   * Tells the provider the number of a rental that received its code should receive another (SMS-Activate's
   * status 3). Absent where the number keeps receiving until the rental ends without being asked.
   */
  requestAnotherSms?(providerRef: string): Promise<void>;
  /** Report a number as bad (it did not work for the service). */
  report(providerRef: string, reason: string): Promise<void>;
  /** Our balance at the provider, in cents. */
  balance(): Promise<number>;
  /** Services, countries and costs. */
  catalog(): Promise<CatalogEntry[]>;
  /** Stops timers and connections, where the provider holds any (the simulator). */
  close?(): void | Promise<void>;
}

/** Where push-capable providers (the simulator, provider webhooks) deliver SMS as they arrive. */
export type SmsSink = (providerId: string, providerRef: string, sms: ProviderSms) => Promise<void>;
