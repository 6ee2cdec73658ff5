import type { CatalogEntry } from '../../domain/ports/upstream-provider.ts';

/** Our service slugs the simulator offers, with a base cost in cents for a US number. */
const SERVICE_BASE_CENTS: Record<string, number> = {
  whatsapp: 45,
  telegram: 40,
  google: 35,
  facebook: 25,
  instagram: 25,
  tiktok: 20,
  amazon: 20,
  discord: 15,
  microsoft: 15,
  uber: 15,
};

/** Countries, each with a cost factor in percent and the area codes a caller may pick. */
const COUNTRIES: Record<string, { factorPct: number; areaCodes?: string[] }> = {
  US: { factorPct: 100, areaCodes: ['212', '213', '305', '312', '415', '512', '617', '646', '702', '917'] },
  CA: { factorPct: 90, areaCodes: ['416', '514', '604', '613', '647', '778'] },
  GB: { factorPct: 110, areaCodes: ['7700', '20', '1632'] },
  DE: { factorPct: 120 },
  FR: { factorPct: 115 },
  NL: { factorPct: 110 },
  IN: { factorPct: 40 },
  BR: { factorPct: 50 },
};

/** Numbers in stock per service and country when the simulator starts. */
const INITIAL_STOCK = 250;

/**
 * The simulator's built-in catalog: 10 services x 8 countries, costs in cents, area codes for US, CA and
 * GB (each backed by a fictional number block, see fictional-numbers.ts). A fresh copy on every call.
 *
 * @example
 * new SimulatorProvider({ catalog: defaultSimulatorCatalog().filter((e) => e.country === 'US') });
 */
export function defaultSimulatorCatalog(): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const [service, baseCents] of Object.entries(SERVICE_BASE_CENTS)) {
    for (const [country, { factorPct, areaCodes }] of Object.entries(COUNTRIES)) {
      entries.push({
        service,
        country,
        // Integer arithmetic only: ceil(base x factor / 100) without a float in sight.
        costCents: Math.floor((baseCents * factorPct + 99) / 100),
        available: INITIAL_STOCK,
        ...(areaCodes ? { areaCodes: [...areaCodes] } : {}),
      });
    }
  }
  return entries;
}
