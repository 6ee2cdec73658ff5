import { CatalogCache } from './catalog-cache.ts';
import { observedProvider, type ProviderCallObserver } from './observed-provider.ts';
import { FiveSimProvider } from './fivesim/index.ts';
import type { ProvidersConfig } from './provider-config.ts';
import { ProviderError } from '../domain/ports/provider-error.ts';
import type { FetchLike } from './shared/provider-http.ts';
import { type SimulatorClock, SimulatorProvider } from './simulator/index.ts';
import { TextVerifiedProvider } from './textverified/index.ts';
import type { ProviderDirectory, ProviderRoute, ProviderRouting, RouteRequest } from '../domain/ports/provider-directory.ts';
import type { CatalogEntry, SmsSink, UpstreamProvider } from '../domain/ports/upstream-provider.ts';

export type { ProviderRoute, ProviderRouting, RouteRequest };

export interface ProviderRegistryOptions {
  catalogTtlMs?: number;
  now?: () => number;
}

/**
 * The set of upstream providers and the routing between them (spec ProviderStatus: enabled providers
 * that offer the service and country are tried in ascending priority, ties to the higher success rate).
 * A disabled provider is still returned by `get`, so rentals already bought from it run to their end.
 *
 * @example
 * const registry = createProviderRegistry(providersConfigFromEnv(), { smsSink });
 * const [first] = await registry.routes({ service: 'whatsapp', country: 'US' });
 * const bought = await first.provider.purchase({ service: 'whatsapp', country: 'US', reference: verificationId });
 */
export class ProviderRegistry implements ProviderDirectory {
  readonly #providers: UpstreamProvider[];
  readonly #routing = new Map<string, ProviderRouting>();
  readonly #catalogs: CatalogCache;
  #observer: ProviderCallObserver | undefined;

  constructor(providers: UpstreamProvider[], options: ProviderRegistryOptions = {}) {
    this.#providers = providers.map((provider) => observedProvider(provider, () => this.#observer));
    providers.forEach((provider, index) => {
      if (this.#routing.has(provider.id)) throw new Error(`provider ${provider.id} registered twice`);
      this.#routing.set(provider.id, { enabled: true, priority: index + 1, successRate: null });
    });
    this.#catalogs = new CatalogCache(options.catalogTtlMs ?? 5 * 60_000, options.now ?? Date.now);
  }

  /** Tells `observer` of every later call to a provider (its duration, and its error code when it failed). */
  observe(observer: ProviderCallObserver): void {
    this.#observer = observer;
  }

  /** Every provider, in registration order. */
  all(): UpstreamProvider[] {
    return [...this.#providers];
  }

  /** The provider with this id, enabled or not. */
  get(id: string): UpstreamProvider | undefined {
    return this.#providers.find((provider) => provider.id === id);
  }

  /** The simulator, when it runs (the first, when several do). */
  get simulator(): SimulatorProvider | undefined {
    return this.#providers.find((provider): provider is SimulatorProvider => provider instanceof SimulatorProvider);
  }

  /** The simulator registered as `id`, if that provider is one (the sandbox endpoint injects SMS through it). */
  simulatorWithId(id: string): SimulatorProvider | undefined {
    const provider = this.get(id);
    return provider instanceof SimulatorProvider ? provider : undefined;
  }

  routing(id: string): ProviderRouting {
    const routing = this.#routing.get(id);
    if (!routing) throw new Error(`unknown provider ${id}`);
    return { ...routing };
  }

  /** Changes how purchases reach one provider (the admin toggled it, or success rates were recomputed). */
  setRouting(id: string, patch: Partial<ProviderRouting>): void {
    this.#routing.set(id, { ...this.routing(id), ...patch });
  }

  /** One provider's catalog, cached. */
  catalog(id: string): Promise<CatalogEntry[]> {
    const provider = this.get(id);
    if (!provider) return Promise.reject(new Error(`unknown provider ${id}`));
    return this.#catalogs.get(provider);
  }

  invalidateCatalog(id?: string): void {
    this.#catalogs.invalidate(id);
  }

  /**
   * Enabled providers that offer `request` (service, country, area code when asked, stock not known to be
   * zero), best first. A provider whose catalog cannot be read is left out.
   */
  async routes(request: RouteRequest): Promise<ProviderRoute[]> {
    return (await this.#candidates(request)).routes;
  }

  /**
   * The best route (`pickRoutes`' first), or ProviderError `area_code_unavailable` (the service is offered, not with that
   * area code), `no_numbers` (nobody offers it) or `unavailable` (no catalog could be read).
   */
  async pick(request: RouteRequest): Promise<ProviderRoute> {
    return (await this.pickRoutes(request))[0];
  }

  /**
   * Every route a purchase may try, best first (a purchase fails over along them), never empty: when there
   * is none, the ProviderError `pick` describes.
   */
  async pickRoutes(request: RouteRequest): Promise<[ProviderRoute, ...ProviderRoute[]]> {
    const { routes, offeredWithoutAreaCode, failures } = await this.#candidates(request);
    const [first, ...rest] = routes;
    if (first) return [first, ...rest];
    const what = `${request.service} in ${request.country}${request.areaCode ? ` with area code ${request.areaCode}` : ''}`;
    if (offeredWithoutAreaCode) {
      throw new ProviderError('area_code_unavailable', `no provider offers ${what}`, { provider: 'registry' });
    }
    if (failures.length > 0) {
      throw new ProviderError('unavailable', `no provider catalog could be read for ${what}`, {
        provider: 'registry',
        retryable: true,
        cause: failures[0],
      });
    }
    throw new ProviderError('no_numbers', `no provider offers ${what}`, { provider: 'registry' });
  }

  /** Stops every provider that holds timers or connections. */
  async close(): Promise<void> {
    for (const provider of this.#providers) {
      await provider.close?.();
    }
  }

  async #candidates(request: RouteRequest) {
    const enabled = this.#providers
      .map((provider, order) => ({ provider, order, routing: this.routing(provider.id) }))
      .filter(({ routing }) => routing.enabled)
      .sort(
        (a, b) =>
          a.routing.priority - b.routing.priority || (b.routing.successRate ?? -1) - (a.routing.successRate ?? -1) || a.order - b.order,
      );
    const catalogs = await Promise.allSettled(
      enabled.map(async ({ provider }) => ({ provider, entries: await this.#catalogs.get(provider) })),
    );
    const routes: ProviderRoute[] = [];
    const failures: unknown[] = [];
    let offeredWithoutAreaCode = false;
    catalogs.forEach((result) => {
      if (result.status === 'rejected') {
        failures.push(result.reason);
        return;
      }
      const entry = result.value.entries.find((e) => e.service === request.service && e.country === request.country && e.available !== 0);
      if (!entry) return;
      if (request.areaCode !== undefined && !entry.areaCodes?.includes(request.areaCode)) {
        offeredWithoutAreaCode = true;
        return;
      }
      routes.push({ provider: result.value.provider, entry });
    });
    return { routes, offeredWithoutAreaCode, failures };
  }
}

/** What the server supplies to the providers it builds. */
export interface ProviderRegistryDeps {
  /** Where the simulator (and future push-capable adapters) deliver SMS. */
  smsSink?: SmsSink;
  /** The simulator's clock (tests). */
  clock?: SimulatorClock;
  /** The simulator's randomness (tests). */
  random?: () => number;
  /** The fetch real adapters use (tests, proxies). */
  fetch?: FetchLike;
  now?: () => number;
}

/**
 * Builds the providers named in `config`, in its order (= routing priority).
 *
 * @example
 * const registry = createProviderRegistry(providersConfigFromEnv(process.env), { smsSink: handleProviderSms });
 */
export function createProviderRegistry(config: ProvidersConfig, deps: ProviderRegistryDeps = {}): ProviderRegistry {
  const providers = config.providers.map((name): UpstreamProvider => {
    switch (name) {
      case 'simulator':
        return new SimulatorProvider({ ...config.simulator, smsSink: deps.smsSink, clock: deps.clock, random: deps.random });
      case 'textverified':
        if (!config.textverified) throw new Error('textverified is listed but has no configuration');
        return new TextVerifiedProvider({ ...config.textverified, fetch: deps.fetch, now: deps.now });
      case 'fivesim':
        if (!config.fivesim) throw new Error('fivesim is listed but has no configuration');
        return new FiveSimProvider({ ...config.fivesim, fetch: deps.fetch, now: deps.now });
      default:
        throw new Error(`unknown provider ${name satisfies never}`);
    }
  });
  return new ProviderRegistry(providers, { catalogTtlMs: config.catalogTtlMs, now: deps.now });
}
