import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { RequestValidator } from '../../openapi/request-validator.ts';
import { type FieldError, ApiError, problems } from '../../../errors/index.ts';
import { decodeBody, encodingError, parseUrlEncoded, readableHeader, unreadableFields } from './readable-text.ts';

const isJson = (contentType: string | undefined) => /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Validates path, query, headers and the JSON body against the operation's schemas from spec/ (compiled
 * once at startup), and stores the coerced result in `input`. 400 for unreadable JSON, 415 for another
 * media type, 404 for a path parameter that fails its schema, 422 with field errors for the rest
 * (strings that are not readable text included, with the code `encoding`); the handler never runs on bad
 * input.
 */
export const validateRequest =
  (validator: RequestValidator, options: { oauth?: boolean } = {}): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    try {
      await validateInto(c, validator, options);
    } catch (error) {
      // The OAuth endpoints' problems carry the RFC 6749 `error` member, validation failures included; the
      // token and revocation endpoints (form POSTs read by OAuth libraries) answer them 400 as RFC 6749 §5.2 says.
      if (options.oauth && error instanceof ApiError && error.status === 422 && !error.extra.members) {
        const status = c.req.method === 'POST' ? 400 : 422;
        throw ApiError.withStatus(status, error.code, error.detail, {
          ...error.extra,
          members: { error: 'invalid_request', error_description: error.detail },
        });
      }
      throw error;
    }
    await next();
  };

const isForm = (contentType: string | undefined) => /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');

/** Form fields as strings; a repeated field is malformed (RFC 6749 §3.1: parameters must not repeat). */
function parseForm(text: string): { body: Record<string, string>; errors: FieldError[] } {
  const { entries, errors } = parseUrlEncoded(text, '/body');
  const body: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (name in body) throw new ApiError('malformed_request', `The form field ${name} is repeated.`);
    body[name] = value;
  }
  return { body, errors };
}

async function validateInto(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  validator: RequestValidator,
  options: { oauth?: boolean },
): Promise<void> {
  let body: unknown;
  // strings that are not readable text, refused with the schema's errors (spec/README.md: one rule)
  const unreadable: FieldError[] = [];
  if (validator.hasBody) {
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > 0) {
      const { text, replaced } = decodeBody(raw);
      if (validator.bodyType === 'form') {
        if (!isForm(c.req.header('content-type')))
          throw new ApiError('unsupported_media_type', 'Send the body as application/x-www-form-urlencoded.');
        const form = parseForm(text);
        body = form.body;
        unreadable.push(...form.errors);
      } else {
        if (!isJson(c.req.header('content-type'))) throw new ApiError('unsupported_media_type', 'Send the body as application/json.');
        try {
          body = JSON.parse(text);
        } catch {
          throw new ApiError('malformed_request', 'The body is not valid JSON.');
        }
        unreadable.push(...unreadableFields(body, '/body', replaced));
      }
    }
  }
  const grantType = (body as Record<string, unknown> | undefined)?.grant_type;
  if (options.oauth && grantType !== undefined && grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw new ApiError('unsupported_grant_type', `grant_type ${String(grantType)} is not supported.`, {
      members: { error: 'unsupported_grant_type', error_description: 'Use authorization_code or refresh_token.' },
    });
  }
  const parsedQuery = parseUrlEncoded(new URL(c.req.url).search, '/query');
  unreadable.push(...parsedQuery.errors);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of parsedQuery.entries) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  for (const name of validator.headerParameters) {
    if (headers[name] !== undefined && !readableHeader(headers[name])) unreadable.push(encodingError(`/header/${name}`));
  }
  const result = validator.validate({ path: c.req.param() as Record<string, string>, query, headers, body });
  if (!result.ok && result.notFound) throw problems.notFound(`such ${result.errors[0]?.field.split('/').pop() ?? 'resource'}`);
  if (unreadable.length > 0 || !result.ok) {
    const fields = new Set(unreadable.map((e) => e.field));
    throw problems.validation([...unreadable, ...(result.ok ? [] : result.errors.filter((e) => !fields.has(e.field)))]);
  }
  c.set('input', result.value);
}
