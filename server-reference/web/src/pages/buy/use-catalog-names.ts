import { client } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

export interface CatalogNames {
  service: (slug: string) => string;
  country: (code: string) => string;
}

/**
 * Display names for service slugs and country codes (`whatsapp` -> `WhatsApp`, `BR` -> `Brazil`), from
 * the whole catalogue; until it loads, or for an entry it no longer lists, the slug or code itself.
 */
export function useCatalogNames(): CatalogNames {
  const names = useApi(async () => {
    const [services, countries] = await Promise.all([
      client.services.list({ limit: 100 }).toArray({ limit: 1000 }),
      client.countries.list({ limit: 100 }).toArray({ limit: 500 }),
    ]);
    return {
      services: new Map(services.map((s) => [s.slug, s.name])),
      countries: new Map(countries.map((c) => [c.code, c.name])),
    };
  }, []);
  return {
    service: (slug) => names.data?.services.get(slug) ?? slug,
    country: (code) => names.data?.countries.get(code) ?? code,
  };
}
