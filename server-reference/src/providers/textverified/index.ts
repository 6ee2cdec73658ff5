export { TextVerifiedProvider } from './textverified-provider.ts';
export type { TextVerifiedOptions } from './textverified-options.ts';
export { TEXTVERIFIED_PROVIDER_ID } from './textverified-errors.ts';
export { TEXTVERIFIED_SERVICES } from './textverified-services.ts';
