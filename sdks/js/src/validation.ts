/**
 * `@namaskah/sdk/validation`: opt-in runtime validation of request and response bodies with zod, against
 * schemas generated from the contract (`src/schemas/`, never hand-written). A separate entry point so the
 * core bundle (and the browser dashboard) never loads zod unless this module is imported.
 *
 * @example
 * ```ts
 * import { Namaskah, ResponseValidationError } from '@namaskah/sdk';
 * import { withValidation } from '@namaskah/sdk/validation';
 *
 * const client = withValidation(new Namaskah({ apiKey }), { validateRequests: true });
 * try {
 *   await client.wallet.retrieve();
 * } catch (error) {
 *   if (error instanceof ResponseValidationError) console.error(error.issues); // [{ path: ['balance', 'amount'], ... }]
 * }
 * ```
 *
 * Only types come from the core here: the error classes are thrown by the core itself from what the
 * validator returns, so `instanceof` holds in ESM and CJS alike.
 */
import type { z } from 'zod';
import type { Namaskah } from './client.js';
import type { ValidationIssue, Validator } from './core/index.js';
import { PATH_PARAMETER_SCHEMAS, REQUEST_BODY_SCHEMAS, RESPONSE_BODY_SCHEMAS } from './schemas/index.js';

export * from './schemas/index.js';

export interface ValidationOptions {
  /** Check every JSON success body; a mismatch throws `ResponseValidationError`. Default true. */
  validateResponses?: boolean;
  /**
   * Check every JSON request body, and path parameters against their patterns (`ver_...`), before sending;
   * a mismatch throws `RequestValidationError`. Default false.
   */
  validateRequests?: boolean;
}

/** A {@link Validator} over the generated schemas, for the `validator` client option. */
export function createValidator({ validateResponses = true, validateRequests = false }: ValidationOptions = {}): Validator {
  const check = (schemas: Readonly<Record<string, z.ZodType>>) => (operation: string, body: unknown) => {
    const schema = schemas[operation];
    if (!schema) return undefined;
    const result = schema.safeParse(body);
    return result.success ? undefined : result.error.issues.map(toIssue);
  };
  return {
    ...(validateResponses ? { validateResponse: check(RESPONSE_BODY_SCHEMAS) } : {}),
    ...(validateRequests ? { validateRequest: check(REQUEST_BODY_SCHEMAS), validatePathParams } : {}),
  };
}

function validatePathParams(operation: string, params: Readonly<Record<string, string | number>>): ValidationIssue[] | undefined {
  const issues = Object.entries(PATH_PARAMETER_SCHEMAS[operation] ?? {}).flatMap(([name, schema]) => {
    const result = schema.safeParse(params[name]);
    return result.success ? [] : result.error.issues.map((issue) => ({ ...toIssue(issue), path: [name, ...toIssue(issue).path] }));
  });
  return issues.length > 0 ? issues : undefined;
}

/** The same client (API key, base URL, fetch, ...) with validation on: responses by default. */
export function withValidation(client: Namaskah, options: ValidationOptions = {}): Namaskah {
  return client.withOptions({ validator: createValidator(options) });
}

function toIssue(issue: z.core.$ZodIssue): ValidationIssue {
  return { path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)), message: issue.message, code: issue.code };
}
