import type { MiddlewareHandler } from 'hono';
import { newId } from '../../../storage/ids.ts';
import type { AppEnv } from '../../app-env.ts';

/** Gives every request a `req_` id, exposed as the `Request-Id` header and in every problem body. */
export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const id = newId('req');
  c.set('requestId', id);
  c.header('Request-Id', id);
  await next();
  c.res.headers.set('Request-Id', id);
};
