import type { CatalogEntry, UpstreamProvider } from '../../../src/domain/ports/upstream-provider.ts';

/**
 * A provider whose catalog the test sets (or makes fail), counting catalog reads. Only the catalog is
 * exercised by routing; the other methods fail loudly if called.
 */
export function catalogOnlyProvider(id: string, catalog: CatalogEntry[] | Error) {
  let reads = 0;
  const unused = () => Promise.reject(new Error(`${id}: not used by this test`));
  const provider: UpstreamProvider & { catalogReads(): number; setCatalog(next: CatalogEntry[] | Error): void } = {
    id,
    purchase: unused,
    fetchSms: unused,
    cancel: unused,
    report: unused,
    balance: unused,
    async catalog() {
      reads++;
      if (catalog instanceof Error) throw catalog;
      return catalog;
    },
    catalogReads: () => reads,
    setCatalog(next) {
      catalog = next;
    },
  };
  return provider;
}

export const entry = (service: string, country: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  service,
  country,
  costCents: 50,
  available: 10,
  ...extra,
});
