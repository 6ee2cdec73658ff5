import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Principal } from '../../domain/principal.ts';
import { problems } from '../../errors/index.ts';

/** A JSON response with a status and extra headers. */
export const json = (c: Context<AppEnv>, status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  c.body(JSON.stringify(body), status as 200, { 'Content-Type': 'application/json', ...headers });

/** The authenticated caller (authorize has already refused anonymous requests on these routes). */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw problems.unauthenticated();
  return principal;
}

/** `limit` and `starting_after` from the validated query. */
export const pageParams = (c: Context<AppEnv>): { limit: number; startingAfter?: string } => {
  const query = c.get('input').query;
  return { limit: query.limit ?? 20, startingAfter: query.starting_after };
};
