import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv, specRef } from '../../src/http/openapi/create-ajv.ts';
import { loadSpec, type LoadedSpec } from '../../src/http/openapi/load-spec.ts';
import { checkResponse, matchOperation } from '../../src/http/openapi/response-validator.ts';

let cached: Promise<{ spec: LoadedSpec; ajv: Ajv2020 }> | null = null;

/** The bundled contract and a validator over it, loaded once per test worker. */
export function contract(): Promise<{ spec: LoadedSpec; ajv: Ajv2020 }> {
  cached ??= loadSpec().then((spec) => ({ spec, ajv: createAjv(spec.document, { coerce: false }) }));
  return cached;
}

/**
 * Every response a test sees goes through here: it must be one the spec allows for the operation (status,
 * headers, body), or a 501 `not_implemented` problem. Returns the mismatches.
 */
export async function contractViolations(
  method: string,
  pathname: string,
  response: { status: number; headers: Headers; body: string },
): Promise<string[]> {
  const { spec, ajv } = await contract();
  if (!pathname.startsWith('/v1/')) return [];
  const op = matchOperation(spec, method, pathname);
  if (!op) {
    // outside the contract: only a 404 problem is acceptable
    return response.status === 404 ? [] : [`${method} ${pathname}: no such operation in the spec, got ${response.status}`];
  }
  if (response.status === 501) {
    const validate = ajv.getSchema(specRef('#/components/schemas/Problem').$ref) ?? ajv.compile(specRef('#/components/schemas/Problem'));
    const body = JSON.parse(response.body);
    return validate(body) && body.code === 'not_implemented' ? [] : [`${op.operationId} 501: not a not_implemented problem`];
  }
  return checkResponse(spec, ajv, op, response);
}
