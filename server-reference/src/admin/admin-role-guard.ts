import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { problems } from '../errors/index.ts';

/** GET operations of the admin tag that `support` may not read either (messages can hold sign-in codes). */
const ADMIN_ONLY_READS = new Set(['/v1/admin/mailbox']);

/**
 * Refuses a signed-in caller without the needed role on `/v1/admin/*` before the request is validated,
 * so a `user` gets 403 even for a malformed request and learns nothing about the route's input. Anonymous
 * requests and bad credentials pass through to `authorize`, which answers 401. The handlers check the
 * role again themselves; this guard only moves the refusal earlier.
 *
 * @example
 * app.use('/v1/*', adminRoleGuard());
 */
export const adminRoleGuard = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const principal = c.get('principal');
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/v1/admin/') && principal && !c.get('authError') && principal.kind === 'session') {
    const readOnly = (c.req.method === 'GET' || c.req.method === 'HEAD') && !ADMIN_ONLY_READS.has(path);
    const allowed = principal.user.role === 'admin' || (readOnly && principal.user.role === 'support');
    if (!allowed) throw problems.forbidden(`This operation requires the ${readOnly ? 'support or admin' : 'admin'} role.`);
  }
  await next();
};
