export { FiveSimProvider } from './fivesim-provider.ts';
export type { FiveSimOptions } from './fivesim-options.ts';
export { FIVESIM_PROVIDER_ID } from './fivesim-errors.ts';
export { FIVESIM_COUNTRIES, FIVESIM_PRODUCTS } from './fivesim-mapping.ts';
