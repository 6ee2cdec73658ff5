import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { RequestValidator } from '../../openapi/request-validator.ts';
import { ProblemError, problems } from '../../problem.ts';

const isJson = (contentType: string | undefined) => /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Validates path, query, headers and the JSON body against the operation's schemas from spec/ (compiled
 * once at startup), and stores the coerced result in `input`. 400 for unreadable JSON, 415 for another
 * media type, 422 with field errors for the rest; the handler never runs on bad input.
 */
export const validateRequest = (validator: RequestValidator): MiddlewareHandler<AppEnv> => async (c, next) => {
  let body: unknown;
  if (validator.hasBody) {
    const text = await c.req.text();
    if (text.length > 0) {
      if (!isJson(c.req.header('content-type'))) throw new ProblemError(415, 'unsupported_media_type', 'Send the body as application/json.');
      try {
        body = JSON.parse(text);
      } catch {
        throw new ProblemError(400, 'malformed_request', 'The body is not valid JSON.');
      }
    }
  }
  const url = new URL(c.req.url);
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  const result = validator.validate({ path: c.req.param() as Record<string, string>, query, headers, body });
  if (!result.ok) throw problems.validation(result.errors);
  c.set('input', result.value);
  await next();
};
