import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { authorize } from './middleware/authorize/index.ts';
import { type AnonymousRequestSeal, idempotency, type IdempotencyStore } from './middleware/idempotency/index.ts';
import { problemResponse } from './middleware/problem-handler/index.ts';
import { validateRequest } from './middleware/validate-request/index.ts';
import { createAjv } from './openapi/create-ajv.ts';
import type { LoadedSpec, SpecOperation } from './openapi/load-spec.ts';
import { compileRequestValidator } from './openapi/request-validator.ts';
import { isOperationId, type SomeHandlers } from './operation-handler.ts';
import { ApiError } from '../errors/index.ts';

/** `/v1/verifications/{verification_id}` -> `/v1/verifications/:verification_id`. */
const honoPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ':$1');

const takesIdempotencyKey = (op: SpecOperation, spec: LoadedSpec): boolean =>
  (op.operation.parameters ?? []).some((p: any) => {
    const parameter = typeof p.$ref === 'string' ? spec.document.components?.parameters?.[p.$ref.split('/').pop()] : p;
    return parameter?.in === 'header' && parameter?.name?.toLowerCase() === 'idempotency-key';
  });

/**
 * Registers every operation of the spec on `app`: authorization from its `security`, validation from its
 * schemas, idempotency where it takes an `Idempotency-Key`, then its handler, or 501 `not_implemented`
 * when there is none (the app passes the complete `OperationHandlers`; tests of one module pass theirs).
 * Returns the operations still without a handler.
 */
export function registerSpecRoutes(
  app: Hono<AppEnv>,
  spec: LoadedSpec,
  handlers: SomeHandlers,
  store: IdempotencyStore,
  anonymousSeal: AnonymousRequestSeal | null = null,
): SpecOperation[] {
  const ajv = { coercing: createAjv(spec.document, { coerce: true }), strict: createAjv(spec.document, { coerce: false }) };
  const unimplemented: SpecOperation[] = [];
  // static segments first, so `/v1/notifications/read-all` is not taken by `/v1/notifications/{id}`
  const byParams = (path: string) => (path.match(/\{/g) ?? []).length;
  const operations = [...spec.operations].sort((a, b) => byParams(a.path) - byParams(b.path) || a.path.localeCompare(b.path));
  for (const op of operations) {
    const handler = isOperationId(op.operationId) ? handlers[op.operationId] : undefined;
    const setOperation: MiddlewareHandler<AppEnv> = async (c, next) => {
      c.set('operation', op);
      await next();
    };
    if (!handler) {
      unimplemented.push(op);
      app.on(op.method.toUpperCase(), honoPath(op.path), setOperation, (c) =>
        problemResponse(c, new ApiError('not_implemented', `${op.operationId} is not implemented yet.`)),
      );
      continue;
    }
    const middleware = [
      setOperation,
      authorize(op, spec.document.security),
      validateRequest(compileRequestValidator(spec.document, op, ajv), { oauth: op.tag === 'oauth' }),
    ];
    const isPublic = Array.isArray(op.operation.security) && op.operation.security.length === 0;
    if (op.method === 'post' && takesIdempotencyKey(op, spec))
      middleware.push(idempotency(store, { anonymous: isPublic ? anonymousSeal : null }));
    (app as any).on(op.method.toUpperCase(), honoPath(op.path), ...middleware, handler);
  }
  return unimplemented;
}
