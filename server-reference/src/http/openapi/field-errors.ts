import type { ErrorObject } from 'ajv';
import type { FieldError } from '../../errors/index.ts';

const KEYWORD_CODES: Record<string, string> = {
  required: 'required',
  type: 'type',
  format: 'format',
  enum: 'enum',
  const: 'enum',
  minimum: 'minimum',
  exclusiveMinimum: 'minimum',
  maximum: 'maximum',
  exclusiveMaximum: 'maximum',
  pattern: 'pattern',
  minLength: 'min_length',
  maxLength: 'max_length',
  minItems: 'min_length',
  maxItems: 'max_length',
  uniqueItems: 'unique',
  additionalProperties: 'additional_property',
  unevaluatedProperties: 'additional_property',
};

/** Maps ajv errors under `location` (`/body`, `/query`, ...) to the spec's FieldError list, one per field. */
export function toFieldErrors(location: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors ?? []) {
    // composite keywords only repeat what their branches already said
    if (['allOf', 'anyOf', 'oneOf', 'if', '$ref'].includes(error.keyword)) continue;
    let field = `${location}${error.instancePath}`;
    if (error.keyword === 'required') field += `/${(error.params as { missingProperty: string }).missingProperty}`;
    if (error.keyword === 'additionalProperties') field += `/${(error.params as { additionalProperty: string }).additionalProperty}`;
    const code = KEYWORD_CODES[error.keyword] ?? 'invalid';
    const key = `${field}|${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, code, message: error.message ?? 'is invalid' });
  }
  return out;
}
