import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { RequestValidator } from '../../openapi/request-validator.ts';
import { ProblemError, problems } from '../../problem.ts';

const isJson = (contentType: string | undefined) => /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Validates path, query, headers and the JSON body against the operation's schemas from spec/ (compiled
 * once at startup), and stores the coerced result in `input`. 400 for unreadable JSON, 415 for another
 * media type, 404 for a path parameter that fails its schema, 422 with field errors for the rest; the
 * handler never runs on bad input.
 */
export const validateRequest = (validator: RequestValidator, options: { oauth?: boolean } = {}): MiddlewareHandler<AppEnv> => async (c, next) => {
  try {
    await validateInto(c, validator, options);
  } catch (error) {
    // The OAuth endpoints' problems carry the RFC 6749 `error` member, validation failures included; the
    // token and revocation endpoints (form POSTs read by OAuth libraries) answer them 400 as RFC 6749 §5.2 says.
    if (options.oauth && error instanceof ProblemError && error.status === 422 && !error.extra.members) {
      const status = c.req.method === 'POST' ? 400 : 422;
      throw new ProblemError(status, error.code, error.detail, { ...error.extra, members: { error: 'invalid_request', error_description: error.detail } });
    }
    throw error;
  }
  await next();
};

const isForm = (contentType: string | undefined) => /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');

/** Form fields as strings; a repeated field is malformed (RFC 6749 §3.1: parameters must not repeat). */
function parseForm(text: string): Record<string, string> {
  const params = new URLSearchParams(text);
  const body: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in body) throw new ProblemError(400, 'malformed_request', `The form field ${name} is repeated.`);
    body[name] = value;
  }
  return body;
}

async function validateInto(c: Parameters<MiddlewareHandler<AppEnv>>[0], validator: RequestValidator, options: { oauth?: boolean }): Promise<void> {
  let body: unknown;
  if (validator.hasBody) {
    const text = await c.req.text();
    if (text.length > 0) {
      if (validator.bodyType === 'form') {
        if (!isForm(c.req.header('content-type'))) throw new ProblemError(415, 'unsupported_media_type', 'Send the body as application/x-www-form-urlencoded.');
        body = parseForm(text);
      } else {
        if (!isJson(c.req.header('content-type'))) throw new ProblemError(415, 'unsupported_media_type', 'Send the body as application/json.');
        try {
          body = JSON.parse(text);
        } catch {
          throw new ProblemError(400, 'malformed_request', 'The body is not valid JSON.');
        }
      }
    }
  }
  const grantType = (body as Record<string, unknown> | undefined)?.grant_type;
  if (options.oauth && grantType !== undefined && grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw new ProblemError(400, 'unsupported_grant_type', `grant_type ${String(grantType)} is not supported.`, {
      members: { error: 'unsupported_grant_type', error_description: 'Use authorization_code or refresh_token.' },
    });
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
  if (!result.ok) throw result.notFound ? problems.notFound(`such ${result.errors[0]?.field.split('/').pop() ?? 'resource'}`) : problems.validation(result.errors);
  c.set('input', result.value);
}
