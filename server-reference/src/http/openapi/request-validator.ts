import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FieldError } from '../../errors/index.ts';
import { toFieldErrors } from './field-errors.ts';
import { specRef } from './create-ajv.ts';
import { deref, escapePointer, type SpecOperation } from './load-spec.ts';

type Location = 'path' | 'query' | 'header';

/** What a request carries, before validation. */
export interface RawRequestInput {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** `undefined` when the request has no body. */
  body: unknown;
}

/**
 * The request after validation: query values coerced to their schema types, defaults applied. Untyped here
 * (the middleware's view); a handler reads it as its operation's `OperationInput`.
 */
export interface ValidatedInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
}

export interface RequestValidator {
  /** Whether the operation declares a request body (JSON or form). */
  hasBody: boolean;
  /** The body's media type: JSON, or `application/x-www-form-urlencoded` (the OAuth endpoints). */
  bodyType: 'json' | 'form' | null;
  bodyRequired: boolean;
  /** The header parameters the operation reads, lower case. */
  headerParameters: string[];
  /**
   * `notFound` when a path parameter fails its schema: a path that no id of the right shape fills names no
   * resource, so it answers 404 like any unknown id (spec/README.md), never 422.
   */
  validate(input: RawRequestInput): { ok: true; value: ValidatedInput } | { ok: false; errors: FieldError[]; notFound?: boolean };
}

interface ParameterRef {
  name: string;
  location: Location;
  required: boolean;
  schemaPointer: string;
  isArray: boolean;
}

/** Collects path-level and operation-level parameters with the pointer of each one's schema. */
function collectParameters(document: Record<string, any>, op: SpecOperation): ParameterRef[] {
  const byKey = new Map<string, ParameterRef>();
  const pathPointer = `#/paths/${escapePointer(op.path)}`;
  const sources: Array<[any[], string]> = [
    [document.paths[op.path]?.parameters ?? [], `${pathPointer}/parameters`],
    [op.operation.parameters ?? [], `${op.pointer}/parameters`],
  ];
  for (const [list, basePointer] of sources) {
    list.forEach((raw, index) => {
      const pointer = typeof raw?.$ref === 'string' ? raw.$ref : `${basePointer}/${index}`;
      const parameter = deref(document, raw);
      if (!parameter || !['path', 'query', 'header'].includes(parameter.in)) return;
      const schema = deref(document, parameter.schema) ?? {};
      byKey.set(`${parameter.in}:${parameter.name}`, {
        name: parameter.name,
        location: parameter.in,
        required: parameter.in === 'path' || parameter.required === true,
        schemaPointer: `${pointer}/schema`,
        isArray: schema.type === 'array',
      });
    });
  }
  return [...byKey.values()];
}

/**
 * Compiles the validator of one operation from the spec: parameters (path, query, header) through an
 * ajv instance that coerces strings to the declared types, and the JSON body through a strict one.
 */
export function compileRequestValidator(
  document: Record<string, any>,
  op: SpecOperation,
  ajv: { coercing: Ajv2020; strict: Ajv2020 },
): RequestValidator {
  const parameters = collectParameters(document, op);
  const requestBody = deref(document, op.operation.requestBody);
  const formBody = requestBody?.content?.['application/x-www-form-urlencoded'];
  const bodyType = requestBody?.content?.['application/json'] ? 'json' : formBody ? 'form' : null;
  const mediaPointer = bodyType === 'form' ? 'application~1x-www-form-urlencoded' : 'application~1json';
  const bodyPointer =
    typeof op.operation.requestBody?.$ref === 'string'
      ? `${op.operation.requestBody.$ref}/content/${mediaPointer}/schema`
      : `${op.pointer}/requestBody/content/${mediaPointer}/schema`;
  const bodySchema = bodyType
    ? requestBody.content[bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json']?.schema
    : null;
  // compiled on the first request of the operation, not at start: compiling every operation's schemas
  // was about a second of each start (issue 19); one operation's take a few milliseconds
  let compiledOnce: { byLocation: Map<Location, ValidateFunction>; body: ValidateFunction | null } | null = null;
  const compiled = () => (compiledOnce ??= compileValidators());
  const compileValidators = () => {
    const byLocation = new Map<Location, ValidateFunction>();
    for (const location of ['path', 'query', 'header'] as const) {
      const own = parameters.filter((p) => p.location === location);
      const key = (p: ParameterRef) => (location === 'header' ? p.name.toLowerCase() : p.name);
      byLocation.set(
        location,
        ajv.coercing.compile({
          type: 'object',
          properties: Object.fromEntries(own.map((p) => [key(p), specRef(p.schemaPointer)])),
          required: own.filter((p) => p.required).map(key),
        }),
      );
    }
    return { byLocation, body: bodySchema ? ajv.strict.compile(specRef(bodyPointer)) : null };
  };
  const arrayQuery = new Set(parameters.filter((p) => p.location === 'query' && p.isArray).map((p) => p.name));

  return {
    hasBody: bodyType !== null,
    bodyType,
    bodyRequired: requestBody?.required === true,
    headerParameters: parameters.filter((p) => p.location === 'header').map((p) => p.name.toLowerCase()),
    validate(input) {
      const errors: FieldError[] = [];
      const query: Record<string, any> = {};
      for (const [name, value] of Object.entries(input.query)) {
        // a repeated scalar parameter is ambiguous: keep the last value, as most servers do
        query[name] = Array.isArray(value) && !arrayQuery.has(name) ? value[value.length - 1] : value;
      }
      const values = { path: { ...input.path }, query, header: { ...input.headers } };
      const { byLocation, body: bodyValidator } = compiled();
      const validatePath = byLocation.get('path')!;
      if (!validatePath(values.path)) return { ok: false, errors: toFieldErrors('/path', validatePath.errors), notFound: true };
      for (const location of ['query', 'header'] as const) {
        const validate = byLocation.get(location)!;
        if (!validate(values[location])) errors.push(...toFieldErrors(`/${location}`, validate.errors));
      }
      let body = input.body;
      if (bodyValidator) {
        if (body === undefined) {
          if (requestBody?.required) errors.push({ field: '/body', code: 'required', message: 'a request body is required' });
        } else if (!bodyValidator(body)) {
          errors.push(...toFieldErrors('/body', bodyValidator.errors));
        }
      } else {
        body = undefined;
      }
      if (errors.length > 0) return { ok: false, errors };
      return { ok: true, value: { path: values.path, query: values.query, headers: values.header, body } };
    },
  };
}
