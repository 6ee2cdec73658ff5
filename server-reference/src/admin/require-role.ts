import type { Context } from 'hono';
import type { AnyOperationEnv } from '../http/app-env.ts';
import type { Principal } from '../domain/principal.ts';
import { problems } from '../errors/index.ts';
import { principalOf } from '../http/routes/respond.ts';

export type StaffRole = 'support' | 'admin';

/**
 * The caller, when signed in with an access token and holding `role` (`support` also admits `admin`);
 * 403 `forbidden` otherwise. The role is read from the account on every request (authenticate loads it),
 * so a change of role applies at once.
 *
 * @example
 * const admin = requireRole(c, 'admin');
 */
export function requireRole<E extends AnyOperationEnv>(c: Context<E>, role: StaffRole): Principal {
  const principal = principalOf(c);
  const allowed = role === 'admin' ? principal.user.role === 'admin' : principal.user.role !== 'user';
  if (!allowed || principal.kind !== 'session') {
    throw problems.forbidden(`This operation requires the ${role === 'admin' ? 'admin' : 'support or admin'} role.`);
  }
  return principal;
}
