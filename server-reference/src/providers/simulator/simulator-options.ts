import type { ProviderErrorCode } from '../../domain/ports/provider-error.ts';
import type { CatalogEntry, SmsSink } from '../../domain/ports/upstream-provider.ts';
import { type SimulatorClock, systemClock } from './clock.ts';
import { defaultSimulatorCatalog } from './default-catalog.ts';
import { hasFictionalNumbers } from './fictional-numbers.ts';

/** Provider id of the simulator (of the first one, when several run). */
export const SIMULATOR_PROVIDER_ID = 'simulator';

/** How the simulator behaves. Every field is optional; the defaults give a well-behaved provider. */
export interface SimulatorOptions {
  /**
   * Provider id (default `simulator`). Another id runs a second, independent simulator beside the first
   * (its own stock, rentals and faults), e.g. to drive a purchase's failover between two routes.
   */
  id?: string;
  /** Every purchase fails with this provider error, stock or not (default null); see `failPurchases`. */
  purchaseFailure?: SimulatedPurchaseFailure | null;
  /** Receives every SMS as it arrives (automatic or injected). */
  smsSink?: SmsSink;
  /** Delay before the automatic SMS, in ms (default 5000; 0 sends it on the next timer tick). */
  smsDelayMs?: number;
  /** Share of rentals (0..1) that never get an automatic SMS, so they expire (default 0). */
  noSmsRate?: number;
  /** Share of purchases (0..1) that fail, half `no_numbers` and half `unavailable` (default 0). */
  failureRate?: number;
  /** A cancel sooner than this after the purchase is refused with `cancel_too_early` (default 0). */
  minCancelAfterMs?: number;
  /** How long a number stays rented before the simulator releases it (default 20 minutes). */
  rentalTtlMs?: number;
  /** Our simulated funds at the provider, in cents (default $1,000,000). */
  balanceCents?: number;
  /** Source of randomness in [0, 1); inject a sequence for deterministic tests (default Math.random). */
  random?: () => number;
  /** Time and timers (default the system clock; see ManualClock for tests). */
  clock?: SimulatorClock;
  /** Services, countries, costs, stock and area codes (default defaultSimulatorCatalog()). */
  catalog?: CatalogEntry[];
  /** Called when the sink throws while delivering an automatic SMS (the SMS stays readable by fetchSms). */
  onSinkError?: (error: unknown, providerRef: string) => void;
}

/** The failures a simulated purchase can be told to answer with. */
export type SimulatedPurchaseFailure = Extract<
  ProviderErrorCode,
  'no_numbers' | 'unavailable' | 'rate_limited' | 'insufficient_provider_balance' | 'unexpected'
>;

/** SimulatorOptions with every default applied. */
export type ResolvedSimulatorOptions = Required<Omit<SimulatorOptions, 'smsSink' | 'onSinkError'>> &
  Pick<SimulatorOptions, 'smsSink' | 'onSinkError'>;

function rate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  return v;
}

function duration(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${name} must be a duration >= 0 ms, got ${value}`);
  return v;
}

/** Applies defaults and refuses options that make no sense (a rate of 1.5, a catalog without numbers). */
export function resolveSimulatorOptions(options: SimulatorOptions): ResolvedSimulatorOptions {
  // A private copy: the simulator keeps live stock in it.
  const catalog = (options.catalog ?? defaultSimulatorCatalog()).map((entry) => ({
    ...entry,
    ...(entry.areaCodes ? { areaCodes: [...entry.areaCodes] } : {}),
  }));
  for (const entry of catalog) {
    if (!hasFictionalNumbers(entry.country)) {
      throw new RangeError(`the simulator has no fictional number range for country ${entry.country}`);
    }
    if (!Number.isSafeInteger(entry.costCents) || entry.costCents < 0) {
      throw new RangeError(`costCents must be a whole number of cents, got ${entry.costCents}`);
    }
  }
  const id = options.id ?? SIMULATOR_PROVIDER_ID;
  if (!/^[a-z][a-z0-9_-]{1,31}$/.test(id)) throw new RangeError(`id must be a provider slug, got ${JSON.stringify(id)}`);
  const balanceCents = options.balanceCents ?? 100_000_000;
  if (!Number.isSafeInteger(balanceCents)) throw new RangeError(`balanceCents must be an integer, got ${balanceCents}`);
  return {
    id,
    purchaseFailure: options.purchaseFailure ?? null,
    smsSink: options.smsSink,
    onSinkError: options.onSinkError,
    smsDelayMs: duration('smsDelayMs', options.smsDelayMs, 5000),
    noSmsRate: rate('noSmsRate', options.noSmsRate),
    failureRate: rate('failureRate', options.failureRate),
    minCancelAfterMs: duration('minCancelAfterMs', options.minCancelAfterMs, 0),
    rentalTtlMs: duration('rentalTtlMs', options.rentalTtlMs, 20 * 60_000),
    balanceCents,
    random: options.random ?? Math.random,
    clock: options.clock ?? systemClock,
    catalog,
  };
}
