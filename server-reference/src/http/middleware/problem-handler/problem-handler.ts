import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../app-env.ts';
import { ApiError, problemBody } from '../../../errors/index.ts';

/** Writes a problem+json response for `error` on `c`, keeping headers already set (rate limits, request id). */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) c.header(name, value);
  c.set('problemCode', error.code);
  const body = problemBody(error, c.get('requestId'), new URL(c.req.url).pathname);
  return c.body(JSON.stringify(body), error.status as 400, { 'Content-Type': 'application/problem+json' });
}

/** `app.onError`: known problems as they are; anything else is logged and becomes 500 `internal_error`. */
export const problemHandler: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ApiError) return problemResponse(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    return problemResponse(
      c,
      error.status === 413
        ? new ApiError('payload_too_large', error.message || 'The request body is too large.')
        : ApiError.withStatus(error.status, 'malformed_request', error.message || 'The request could not be read.'),
    );
  }
  c.get('services')?.logger.error({ err: error, request_id: c.get('requestId') }, 'unhandled error');
  return problemResponse(c, new ApiError('internal_error', 'An unexpected error occurred.'));
};

/** `app.notFound`: a path outside the contract. */
export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, new ApiError('not_found', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`));
