export type {
  CatalogEntry,
  ProviderSms,
  PurchaseRequest,
  PurchasedNumber,
  SmsSink,
  UpstreamProvider,
} from '../domain/ports/upstream-provider.ts';
export { ProviderError, isProviderError } from '../domain/ports/provider-error.ts';
export type { ProviderErrorCode, ProviderErrorOptions } from '../domain/ports/provider-error.ts';
export { ProviderRegistry, createProviderRegistry } from './registry.ts';
export type { ProviderRegistryDeps, ProviderRoute, ProviderRouting, RouteRequest } from './registry.ts';
export { PROVIDER_NAMES, providersConfigFromEnv } from './provider-config.ts';
export { retryAfterMs } from './shared/provider-http.ts';
export type { ProviderName, ProvidersConfig } from './provider-config.ts';
export { ManualClock, SimulatorProvider, SIMULATOR_PROVIDER_ID, defaultSimulatorCatalog } from './simulator/index.ts';
export type { InjectedSms, SimulatedRental, SimulatorClock, SimulatorOptions } from './simulator/index.ts';
export { TextVerifiedProvider, TEXTVERIFIED_PROVIDER_ID } from './textverified/index.ts';
export type { TextVerifiedOptions } from './textverified/index.ts';
export { FiveSimProvider, FIVESIM_PROVIDER_ID } from './fivesim/index.ts';
export type { FiveSimOptions } from './fivesim/index.ts';
