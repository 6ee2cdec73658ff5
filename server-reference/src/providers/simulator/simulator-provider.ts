import { ProviderError, type ProviderErrorCode } from '../../domain/ports/provider-error.ts';
import type {
  CatalogEntry,
  ProviderSms,
  PurchaseRequest,
  PurchasedNumber,
  SmsSink,
  UpstreamProvider,
} from '../../domain/ports/upstream-provider.ts';
import type { TimerHandle } from './clock.ts';
import { allocateNumber, fictionalRange } from './fictional-numbers.ts';
import { isRentalOpen, nextRentalState, type RentalState } from './rental-state.ts';
import { simulatedSms } from './simulated-sms.ts';
import {
  type ResolvedSimulatorOptions,
  type SimulatedPurchaseFailure,
  type SimulatorOptions,
  resolveSimulatorOptions,
} from './simulator-options.ts';

export { SIMULATOR_PROVIDER_ID } from './simulator-options.ts';

/** Longest SMS text the simulator accepts (10 concatenated segments, as the platform stores). */
const MAX_SMS_TEXT = 1600;

/** How long a closed rental stays readable (fetchSms, inspect) before the simulator forgets it. */
const CLOSED_RENTAL_RETENTION_MS = 24 * 3600_000;

interface Rental {
  ref: string;
  entry: CatalogEntry;
  phoneNumber: string;
  costCents: number;
  createdAt: number;
  expiresAt: number;
  state: RentalState;
  sms: ProviderSms[];
  timer?: TimerHandle;
  reportReason?: string;
}

/** A read-only view of one simulated rental (tests, the sandbox, debugging). */
export interface SimulatedRental {
  providerRef: string;
  service: string;
  country: string;
  phoneNumber: string;
  costCents: number;
  state: RentalState;
  createdAt: Date;
  expiresAt: Date;
  smsCount: number;
  /** True while an automatic SMS is scheduled. */
  smsScheduled: boolean;
  reportReason: string | null;
}

/** A text message the simulator was asked to send. */
export interface OutboundSms {
  to: string;
  text: string;
  sentAt: Date;
}

/** An SMS to push into a rental through the sandbox. */
export interface InjectedSms {
  text: string;
  from?: string | null;
}

/**
 * The built-in upstream provider (DESIGN.md §4): a real state machine per rental (see rental-state.ts),
 * numbers from fictional blocks only, an automatic SMS after `smsDelayMs` unless the no-SMS roll says
 * otherwise, configurable purchase failures, stock, a balance that pays for numbers and is refunded for
 * numbers that got no SMS, and `injectSms` for the sandbox endpoint.
 *
 * Random draws happen in a fixed order so an injected `random` replays a scenario exactly: per purchase
 * the failure roll (and, when it fails, the no_numbers/unavailable roll), the area-code pick (US/CA
 * without a requested area code), the number slot, the no-SMS roll; per automatic SMS the code digits.
 *
 * @example
 * const simulator = new SimulatorProvider({ smsDelayMs: 0, smsSink: async (id, ref, sms) => save(ref, sms) });
 * const { providerRef, phoneNumber } = await simulator.purchase({ service: 'whatsapp', country: 'US', reference: 'ver_1' });
 * await simulator.injectSms(providerRef, { text: 'Your code is 123456' });
 */
export class SimulatorProvider implements UpstreamProvider {
  readonly id: string;
  readonly pushesSms = true;
  /** Outbound SMS the simulator accepted instead of sending (newest last, the latest 1000 kept). */
  readonly sentSms: OutboundSms[] = [];
  readonly #options: ResolvedSimulatorOptions;
  readonly #rentals = new Map<string, Rental>();
  /** Numbers of open rentals: what a purchase must not hand out again. */
  readonly #inUse = new Set<string>();
  /**
   * Rentals in the order they end (every rental lasts `rentalTtlMs`, so purchase order is end order):
   * a purchase releases those whose time ran out and forgets those closed for a day from the front of
   * this queue, so its cost does not grow with the purchases made before it.
   */
  #byEnd: Rental[] = [];
  /** #byEnd[i] for i < #forgetHead are forgotten, for i < #expireHead past their end (closed). */
  #forgetHead = 0;
  #expireHead = 0;
  #sink: SmsSink | undefined;
  #purchaseFailure: SimulatedPurchaseFailure | null;
  #balanceCents: number;
  #sequence = 0;
  #closed = false;

  constructor(options: SimulatorOptions = {}) {
    this.#options = resolveSimulatorOptions(options);
    this.id = this.#options.id;
    this.#purchaseFailure = this.#options.purchaseFailure;
    this.#sink = this.#options.smsSink;
    this.#balanceCents = this.#options.balanceCents;
  }

  /** Replaces the sink (for a server that builds its domain services after its providers). */
  setSmsSink(sink: SmsSink | undefined): void {
    this.#sink = sink;
  }

  /**
   * From now on every purchase fails with `code` (a provider that ran out or went down), until called with
   * null. The catalog still reports stock: the failure is only seen when buying, as with a real provider.
   */
  failPurchases(code: SimulatedPurchaseFailure | null): void {
    this.#purchaseFailure = code;
  }

  async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    if (this.#closed) throw this.#error('unavailable', 'the simulator is closed', { retryable: false });
    if (this.#purchaseFailure) {
      const code = this.#purchaseFailure;
      throw this.#error(code, `simulated purchase failure (${code})`, { retryable: code === 'unavailable' || code === 'rate_limited' });
    }
    const { random, clock } = this.#options;
    const entry = this.#options.catalog.find((e) => e.service === request.service && e.country === request.country);
    if (!entry) throw this.#error('no_numbers', `the simulator does not offer ${request.service} in ${request.country}`);
    if (request.areaCode !== undefined && !entry.areaCodes?.includes(request.areaCode)) {
      throw this.#error('area_code_unavailable', `no ${request.country} numbers with area code ${request.areaCode}`);
    }
    if (entry.available !== null && entry.available <= 0) {
      throw this.#error('no_numbers', `${request.service} numbers in ${request.country} are out of stock`);
    }
    if (random() < this.#options.failureRate) {
      const code = random() < 0.5 ? 'no_numbers' : 'unavailable';
      throw this.#error(code, `simulated purchase failure (${code})`, { retryable: code === 'unavailable' });
    }
    if (this.#balanceCents < entry.costCents) {
      throw this.#error('insufficient_provider_balance', 'the simulated provider balance cannot pay for this number');
    }
    const areaCode =
      request.areaCode ??
      (entry.areaCodes?.length && (entry.country === 'US' || entry.country === 'CA')
        ? entry.areaCodes[Math.floor(random() * entry.areaCodes.length) % entry.areaCodes.length]
        : undefined);
    const range = fictionalRange(entry.country, areaCode);
    if (!range) throw this.#error('area_code_unavailable', `no fictional number block for area code ${areaCode}`);
    this.#releaseEndedRentals();
    const phoneNumber = allocateNumber(range, this.#inUse, random);
    if (!phoneNumber) throw this.#error('no_numbers', `every fictional number of ${range.prefix} is rented`);

    const now = clock.now();
    const rental: Rental = {
      ref: `sim_${now.toString(36)}_${++this.#sequence}`,
      entry,
      phoneNumber,
      costCents: entry.costCents,
      createdAt: now,
      expiresAt: now + this.#options.rentalTtlMs,
      state: 'active',
      sms: [],
    };
    this.#rentals.set(rental.ref, rental);
    this.#inUse.add(phoneNumber);
    this.#byEnd.push(rental);
    this.#balanceCents -= rental.costCents;
    if (entry.available !== null) entry.available -= 1;
    if (random() >= this.#options.noSmsRate) {
      rental.timer = clock.setTimeout(() => this.#sendAutomaticSms(rental), this.#options.smsDelayMs);
    }
    return {
      providerRef: rental.ref,
      phoneNumber,
      costCents: rental.costCents,
      expiresAt: new Date(rental.expiresAt),
    };
  }

  /** Records the message in `sentSms` instead of sending it: a sandbox never texts real phones. */
  async sendSms(to: string, text: string): Promise<void> {
    if (this.#closed) throw this.#error('unavailable', 'the simulator is closed');
    this.sentSms.push({ to, text, sentAt: new Date(this.#options.clock.now()) });
    if (this.sentSms.length > 1000) this.sentSms.splice(0, this.sentSms.length - 1000);
  }

  async fetchSms(providerRef: string): Promise<ProviderSms[]> {
    const rental = this.#rental(providerRef);
    return rental.sms.map((sms) => ({ ...sms, receivedAt: new Date(sms.receivedAt) }));
  }

  async cancel(providerRef: string): Promise<void> {
    const rental = this.#rental(providerRef);
    if (rental.state === 'cancelled') return; // a repeated cancel is a no-op, as retries need
    const next = nextRentalState(rental.state, 'cancel');
    if (!next) throw this.#error('invalid_state', `rental ${providerRef} is ${rental.state} and cannot be cancelled`);
    const elapsed = this.#options.clock.now() - rental.createdAt;
    if (elapsed < this.#options.minCancelAfterMs) {
      const wait = this.#options.minCancelAfterMs - elapsed;
      throw this.#error('cancel_too_early', `rental ${providerRef} can be cancelled in ${wait} ms`, {
        retryable: true,
        retryAfterMs: wait,
      });
    }
    this.#close(rental, next, { refund: true, restock: true });
  }

  /** Another automatic SMS (a fresh code) after `smsDelayMs`, unless the no-SMS roll says none comes. */
  async requestAnotherSms(providerRef: string): Promise<void> {
    const rental = this.#rental(providerRef);
    if (!nextRentalState(rental.state, 'sms')) throw this.#error('invalid_state', `rental ${rental.ref} is ${rental.state}`);
    if (rental.timer || this.#options.random() < this.#options.noSmsRate) return;
    rental.timer = this.#options.clock.setTimeout(() => this.#sendAnotherSms(rental), this.#options.smsDelayMs);
  }

  async report(providerRef: string, reason: string): Promise<void> {
    const rental = this.#rental(providerRef);
    if (rental.state === 'reported') return;
    const next = nextRentalState(rental.state, 'report');
    if (!next) throw this.#error('invalid_state', `rental ${providerRef} is ${rental.state} and cannot be reported`);
    rental.reportReason = reason;
    // A bad number goes back to no one; we only pay for it if it delivered an SMS.
    this.#close(rental, next, { refund: rental.state === 'active', restock: false });
  }

  async balance(): Promise<number> {
    return this.#balanceCents;
  }

  async catalog(): Promise<CatalogEntry[]> {
    return this.#options.catalog.map((entry) => ({
      ...entry,
      ...(entry.areaCodes ? { areaCodes: [...entry.areaCodes] } : {}),
    }));
  }

  /**
   * Delivers an SMS to an open rental, as the sandbox endpoint does: through the sink and to fetchSms.
   * Throws ProviderError `not_found` for an unknown rental and `invalid_state` for a closed one.
   */
  async injectSms(providerRef: string, sms: InjectedSms): Promise<ProviderSms> {
    const rental = this.#rental(providerRef);
    if (typeof sms.text !== 'string' || sms.text.length === 0 || sms.text.length > MAX_SMS_TEXT) {
      throw new RangeError(`SMS text must be 1 to ${MAX_SMS_TEXT} characters`);
    }
    if (!isRentalOpen(rental.state)) {
      throw this.#error('invalid_state', `rental ${providerRef} is ${rental.state} and receives no more SMS`);
    }
    // the sender the sandbox endpoint documents when the caller names none
    return this.#deliver(rental, { from: sms.from ?? 'Simulator', text: sms.text, parsedCode: null });
  }

  /** A snapshot of one rental. Throws ProviderError `not_found` for an unknown ref. */
  inspect(providerRef: string): SimulatedRental {
    const rental = this.#rental(providerRef);
    return {
      providerRef: rental.ref,
      service: rental.entry.service,
      country: rental.entry.country,
      phoneNumber: rental.phoneNumber,
      costCents: rental.costCents,
      state: rental.state,
      createdAt: new Date(rental.createdAt),
      expiresAt: new Date(rental.expiresAt),
      smsCount: rental.sms.length,
      smsScheduled: rental.timer !== undefined,
      reportReason: rental.reportReason ?? null,
    };
  }

  /** Stops every pending timer and refuses new purchases. Safe to call twice. */
  close(): void {
    this.#closed = true;
    for (const rental of this.#rentals.values()) this.#clearTimer(rental);
  }

  /** Same as close(). */
  dispose(): void {
    this.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  async #sendAutomaticSms(rental: Rental): Promise<void> {
    rental.timer = undefined;
    this.#expireIfDue(rental);
    if (rental.state !== 'active') return;
    const sms = simulatedSms(rental.entry.service, this.#options.random);
    try {
      await this.#deliver(rental, { from: sms.from, text: sms.text, parsedCode: sms.code });
    } catch (error) {
      this.#options.onSinkError?.(error, rental.ref);
    }
  }

  async #sendAnotherSms(rental: Rental): Promise<void> {
    rental.timer = undefined;
    this.#expireIfDue(rental);
    if (!nextRentalState(rental.state, 'sms')) return;
    const sms = simulatedSms(rental.entry.service, this.#options.random);
    try {
      await this.#deliver(rental, { from: sms.from, text: sms.text, parsedCode: sms.code });
    } catch (error) {
      this.#options.onSinkError?.(error, rental.ref);
    }
  }

  async #deliver(rental: Rental, content: Pick<ProviderSms, 'from' | 'text' | 'parsedCode'>): Promise<ProviderSms> {
    const next = nextRentalState(rental.state, 'sms');
    if (!next) throw this.#error('invalid_state', `rental ${rental.ref} is ${rental.state}`);
    const sms: ProviderSms = {
      providerMessageId: `${rental.ref}_m${rental.sms.length + 1}`,
      ...content,
      receivedAt: new Date(this.#options.clock.now()),
    };
    rental.sms.push(sms);
    rental.state = next;
    this.#clearTimer(rental); // the service has sent its code; no automatic one follows
    await this.#sink?.(this.id, rental.ref, { ...sms, receivedAt: new Date(sms.receivedAt) });
    return sms;
  }

  #rental(providerRef: string): Rental {
    const rental = this.#rentals.get(providerRef);
    if (!rental) throw this.#error('not_found', `no simulated rental ${providerRef}`);
    this.#expireIfDue(rental);
    return rental;
  }

  /** Releases a rental whose time ran out; the simulator checks lazily whenever a rental is touched. */
  #expireIfDue(rental: Rental): void {
    if (isRentalOpen(rental.state) && this.#options.clock.now() >= rental.expiresAt) {
      this.#close(rental, 'released', { refund: rental.state === 'active', restock: true });
    }
  }

  #close(rental: Rental, state: RentalState, effects: { refund: boolean; restock: boolean }): void {
    if (isRentalOpen(rental.state) && !isRentalOpen(state)) this.#inUse.delete(rental.phoneNumber);
    rental.state = state;
    this.#clearTimer(rental);
    if (effects.refund) this.#balanceCents += rental.costCents;
    if (effects.restock && rental.entry.available !== null) rental.entry.available += 1;
  }

  #clearTimer(rental: Rental): void {
    if (rental.timer === undefined) return;
    this.#options.clock.clearTimeout(rental.timer);
    rental.timer = undefined;
  }

  /** Releases rentals whose time ran out and forgets those that ended over a day ago, from the front of #byEnd. */
  #releaseEndedRentals(): void {
    const now = this.#options.clock.now();
    for (let head = this.#byEnd[this.#expireHead]; head !== undefined && head.expiresAt <= now; head = this.#byEnd[this.#expireHead]) {
      this.#expireHead++;
      this.#expireIfDue(head);
    }
    const cutoff = now - CLOSED_RENTAL_RETENTION_MS;
    for (
      let head = this.#byEnd[this.#forgetHead];
      head !== undefined && this.#forgetHead < this.#expireHead && head.expiresAt < cutoff;
      head = this.#byEnd[this.#forgetHead]
    ) {
      this.#forgetHead++;
      this.#rentals.delete(head.ref);
    }
    // drop the forgotten front once it is most of the queue: amortised O(1) per purchase
    if (this.#forgetHead > 1024 && this.#forgetHead * 2 > this.#byEnd.length) {
      this.#byEnd = this.#byEnd.slice(this.#forgetHead);
      this.#expireHead -= this.#forgetHead;
      this.#forgetHead = 0;
    }
  }

  #error(code: ProviderErrorCode, message: string, extra: { retryable?: boolean; retryAfterMs?: number } = {}) {
    return new ProviderError(code, message, { provider: this.id, ...extra });
  }
}
