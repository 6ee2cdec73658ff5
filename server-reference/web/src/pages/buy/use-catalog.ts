import type { AreaCode, Country, Price, Service } from '@namaskah/sdk';
import { client } from '../../api/client.ts';
import { type ApiState, useApi } from '../../api/use-api.ts';

/** Every service (the catalogue is small enough to list whole; the SDK follows the cursors). */
export const useServices = (): ApiState<Service[]> => useApi(() => client.services.list({ limit: 100 }).toArray({ limit: 1000 }), []);

/** The countries that offer `service`. */
export const useCountries = (service: string): ApiState<Country[]> =>
  useApi(() => (service ? client.countries.list({ service, limit: 100 }).toArray({ limit: 500 }) : Promise.resolve([])), [service]);

/** Area codes of `country` for `service`, when the country allows choosing one. */
export const useAreaCodes = (service: string, country: Country | undefined): ApiState<AreaCode[]> =>
  useApi(
    () =>
      service && country?.area_code_selection
        ? client.countries.areaCodes.list(country.code, { service, available: true, limit: 100 }).toArray({ limit: 500 })
        : Promise.resolve([]),
    [service, country?.code, country?.area_code_selection],
  );

/** The price list's entry for `service` in `country`: its stock and recent delivery success rate. */
export const usePriceListing = (service: string, country: string): ApiState<Price | undefined> =>
  useApi(
    () =>
      service && country ? client.prices.list({ service, country, limit: 1 }).then((listed) => listed.data[0]) : Promise.resolve(undefined),
    [service, country],
  );
