import type { CatalogEntry, PurchaseRequest, UpstreamProvider } from './upstream-provider.ts';

/** How purchases are routed to one provider (mirrors the admin's ProviderStatus `enabled`/`priority`). */
export interface ProviderRouting {
  enabled: boolean;
  /** 1 is tried first. */
  priority: number;
  /** Completed share of the last 24 h in basis points; breaks priority ties (higher first), null last. */
  successRate: number | null;
}

/** A provider that can serve a request, with the catalog entry that prices it. */
export interface ProviderRoute {
  provider: UpstreamProvider;
  entry: CatalogEntry;
}

/** What a purchase needs from a provider's catalog. */
export type RouteRequest = Pick<PurchaseRequest, 'service' | 'country' | 'areaCode'>;

/**
 * What the domain needs of the set of upstream providers: the port the provider registry
 * (providers/registry.ts) implements, so that domain/ never imports the adapters.
 */
export interface ProviderDirectory {
  /** Every provider, in registration order. */
  all(): UpstreamProvider[];
  /** A provider by id, enabled or not (rentals already bought from it run to their end). */
  get(id: string): UpstreamProvider | undefined;
  routing(id: string): ProviderRouting;
  /** The provider's catalog, cached. */
  catalog(id: string): Promise<CatalogEntry[]>;
  /**
   * The routes a purchase may go to, best first: the enabled providers that offer the request, in routing
   * order. Never empty (a ProviderError says why there is none); a purchase fails over along them.
   */
  pickRoutes(request: RouteRequest): Promise<[ProviderRoute, ...ProviderRoute[]]>;
}
