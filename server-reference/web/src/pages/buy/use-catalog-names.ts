import type { Service } from '@namaskah/sdk';
import { useMemo } from 'react';
import { client } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

export interface CatalogNames {
  service: (slug: string) => string;
  country: (code: string) => string;
}

/**
 * Display names for service slugs and country codes (`whatsapp` -> `WhatsApp`, `BR` -> `Brazil`): the
 * services the page already loaded, and every country; until they load, or for an entry the catalogue no
 * longer lists, the slug or code itself.
 */
export function useCatalogNames(services: readonly Service[] | undefined): CatalogNames {
  const countries = useApi(() => client.countries.list({ limit: 100 }).toArray({ limit: 500 }), []);
  const serviceNames = useMemo(() => new Map((services ?? []).map((s) => [s.slug, s.name])), [services]);
  const countryNames = useMemo(() => new Map((countries.data ?? []).map((c) => [c.code, c.name])), [countries.data]);
  return {
    service: (slug) => serviceNames.get(slug) ?? slug,
    country: (code) => countryNames.get(code) ?? code,
  };
}
