import type { MiddlewareHandler } from 'hono';
import { ulid } from 'ulid';
import type { AppEnv } from '../../http/app-env.ts';
import { ERROR_LOG_ENTRY_METHOD_VALUES } from '../../contract/index.ts';

const METHODS = new Set<string>(ERROR_LOG_ENTRY_METHOD_VALUES);

/**
 * Records every 5xx answer in the error log with the request id the caller saw, the internal message
 * and the first frames of the stack. Runs after the problem handler has turned the error into a response
 * (`c.error` holds what was thrown). A failure to record is logged, never turned into a second error.
 *
 * @example
 * app.use('*', captureServerErrors());
 */
export const captureServerErrors = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  const status = c.res.status;
  if (status < 500 || status > 599 || !METHODS.has(c.req.method)) return;
  const services = c.get('services');
  const error = c.error as (Error & { code?: unknown }) | undefined;
  let code = 'internal_error';
  try {
    const body = (await c.res.clone().json()) as { code?: string };
    if (typeof body?.code === 'string') code = body.code;
  } catch {
    // not a problem body
  }
  try {
    await services.db
      .insertInto('error_log')
      .values({
        id: `err_${ulid()}`,
        request_id: c.get('requestId') ?? `req_${ulid()}`,
        method: c.req.method,
        path: new URL(c.req.url).pathname.slice(0, 2048),
        status,
        code,
        message: (error?.message ?? `answered ${status}`).slice(0, 2000),
        stack: error?.stack ? error.stack.slice(0, 4000) : null,
        user_id: c.get('principal')?.user.id ?? null,
      })
      .execute();
  } catch (recordError) {
    services.logger.error({ err: recordError }, 'could not record a server error in the error log');
  }
};
