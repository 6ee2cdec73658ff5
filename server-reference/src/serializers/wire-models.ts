import type { components } from '../contract/index.ts';

/**
 * The contract's response models by schema title (openapi-typescript's `components['schemas']`): what each
 * serializer returns, so a field the spec renames, adds or narrows breaks the build, not a client.
 */
export type Schemas = components['schemas'];
