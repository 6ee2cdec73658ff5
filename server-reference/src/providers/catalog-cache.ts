import type { CatalogEntry, UpstreamProvider } from '../domain/ports/upstream-provider.ts';

interface CachedCatalog {
  entries: CatalogEntry[];
  fetchedAt: number;
}

/**
 * Each provider's catalog, read at most once per `ttlMs` (real providers rate-limit their price lists),
 * once for any number of concurrent readers, and served stale when a refresh fails so one provider
 * outage does not empty the catalog.
 */
export class CatalogCache {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cached = new Map<string, CachedCatalog>();
  readonly #inFlight = new Map<string, Promise<CatalogEntry[]>>();

  constructor(ttlMs: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  async get(provider: UpstreamProvider): Promise<CatalogEntry[]> {
    const cached = this.#cached.get(provider.id);
    if (cached && this.#now() - cached.fetchedAt < this.#ttlMs) return cached.entries;
    let pending = this.#inFlight.get(provider.id);
    if (!pending) {
      pending = this.#refresh(provider, cached).finally(() => this.#inFlight.delete(provider.id));
      this.#inFlight.set(provider.id, pending);
    }
    return pending;
  }

  /** Forgets one provider's catalog, or every one. */
  invalidate(providerId?: string): void {
    if (providerId === undefined) this.#cached.clear();
    else this.#cached.delete(providerId);
  }

  async #refresh(provider: UpstreamProvider, stale: CachedCatalog | undefined): Promise<CatalogEntry[]> {
    try {
      const entries = await provider.catalog();
      this.#cached.set(provider.id, { entries, fetchedAt: this.#now() });
      return entries;
    } catch (error) {
      if (stale) return stale.entries;
      throw error;
    }
  }
}
