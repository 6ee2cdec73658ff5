// Types of bundle-documents.js for the TypeScript packages that import `@namaskah/spec/bundle`.
export declare const distDir: string;
export declare const bundleTargets: Record<'openapi' | 'asyncapi', { source: string; output: string }>;
/** spec/openapi.yaml as one document: schemas keyed by title, only internal refs. */
export declare function bundleOpenApi(): Promise<Record<string, any>>;
/** spec/asyncapi.yaml as one document, the event schemas shared with OpenAPI keyed by the same titles. */
export declare function bundleAsyncApi(): Promise<Record<string, any>>;
/** The exact bytes of an artifact. */
export declare function serializeBundle(document: unknown): string;
