import type { MiddlewareHandler } from 'hono';
import { ulid } from 'ulid';
import type { AppEnv } from '../../app-env.ts';

/** Gives every request a `req_` id, exposed as the `Request-Id` header and in every problem body. */
export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const id = `req_${ulid()}`;
  c.set('requestId', id);
  c.header('Request-Id', id);
  await next();
  c.res.headers.set('Request-Id', id);
};
