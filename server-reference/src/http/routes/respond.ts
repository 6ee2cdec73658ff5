import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AnyOperationEnv, AppEnv } from '../app-env.ts';
import type { JsonResponses, JsonStatus, OperationEnv, OperationId } from '../operation-handler.ts';
import type { Principal } from '../../domain/principal.ts';
import { problems } from '../../errors/index.ts';

/**
 * A JSON response of the operation the context belongs to: `status` must be one `K` documents with an
 * `application/json` body, and `body` that status's schema (problems go through `ApiError`, not here).
 *
 * @example
 * return json(c, 201, serializeVerification(row), { Location: `/v1/verifications/${row.id}` });
 */
export const json = <K extends OperationId, S extends JsonStatus<K>>(
  c: Context<OperationEnv<K>>,
  status: S,
  body: JsonResponses<K>[S],
  headers: Record<string, string> = {},
): Response => c.body(JSON.stringify(body), status as ContentfulStatusCode, { 'Content-Type': 'application/json', ...headers });

/** The authenticated caller (authorize has already refused anonymous requests on these routes). */
export function principalOf<E extends AnyOperationEnv>(c: Context<E>): Principal {
  const principal = c.get('principal');
  if (!principal) throw problems.unauthenticated();
  return principal;
}

/** `limit` and `starting_after` from the validated query of a list operation. */
export const pageParams = <E extends AppEnv<{ query: { limit?: number; starting_after?: string } }>>(
  c: Context<E>,
): { limit: number; startingAfter?: string } => {
  const query = c.get('input').query;
  return { limit: query.limit ?? 20, startingAfter: query.starting_after };
};
