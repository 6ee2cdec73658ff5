import { expect } from 'vitest';
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  MissingCredentialsError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GoneError,
  InternalServerError,
  Namaskah,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  PROBLEM_ERROR_CLASSES,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
  type ClientOptions,
  type RateLimitInfo,
  type RequestOptions,
} from '../../src/index.js';
import { checkKeys, type Json, type JsonObject, Unsupported } from './case-files.js';
import { assertHeader, assertJsonEqual, assertValue } from './matchers.js';
import { findOperation, methodArguments } from './operations.js';

/** README error families -> the JS SDK's classes. */
const FAMILIES: Record<string, abstract new (...args: never[]) => Error> = {
  bad_request: BadRequestError,
  authentication: AuthenticationError,
  payment_required: PaymentRequiredError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  conflict: ConflictError,
  gone: GoneError,
  payload_too_large: PayloadTooLargeError,
  unsupported_media_type: UnsupportedMediaTypeError,
  unprocessable_entity: UnprocessableEntityError,
  rate_limit: RateLimitError,
  internal_server: InternalServerError,
  api: ApiError,
  connection: ApiConnectionError,
  timeout: ApiTimeoutError,
  missing_credentials: MissingCredentialsError,
};

/** Real-clock slack over `max_ms` (README rule 6). */
const CLOCK_SLACK_MS = 500;

interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  at: number;
}

function scriptedFetch(responses: JsonObject[]) {
  const sent: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : await new Response(init.body).text();
    sent.push({
      method: init.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init.headers),
      body,
      at: performance.now(),
    });
    const answer = responses[sent.length - 1];
    if (!answer) throw new Error(`unexpected request #${sent.length}: the script has ${responses.length} responses`);
    checkKeys(answer, ['status', 'headers', 'body', 'body_text', 'network_error'], `responses[${sent.length - 1}]`);
    if (answer.network_error !== undefined) {
      const code = { connection_reset: 'ECONNRESET', connection_refused: 'ECONNREFUSED' }[answer.network_error as string];
      if (!code) throw new Unsupported(`network_error "${String(answer.network_error)}"`);
      // What undici's fetch throws when the socket is reset or refused.
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(`read ${code}`), { code }) });
    }
    const status = answer.status as number;
    const headers = new Headers(answer.headers as Record<string, string> | undefined);
    let payload: string | null = null;
    if ('body' in answer) {
      payload = JSON.stringify(answer.body);
      if (!headers.has('content-type')) headers.set('content-type', status >= 400 ? 'application/problem+json' : 'application/json');
    } else if ('body_text' in answer) {
      payload = answer.body_text as string;
    }
    return new Response(status === 204 || status === 304 ? null : payload, { status, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

function assertRequest(request: SentRequest, matcher: JsonObject, where: string): void {
  checkKeys(matcher, ['method', 'path', 'query', 'headers', 'body', 'no_body'], where);
  if ('method' in matcher) expect(request.method.toUpperCase(), `${where} method`).toBe(matcher.method);
  if ('path' in matcher) expect(request.url.pathname, `${where} path`).toBe(matcher.path);
  if ('query' in matcher) {
    const actual: Record<string, string | string[]> = {};
    for (const key of new Set(request.url.searchParams.keys())) {
      const values = request.url.searchParams.getAll(key);
      actual[key] = values.length === 1 ? values[0]! : values;
    }
    expect(actual, `${where} query`).toEqual(matcher.query);
  }
  for (const [name, headerMatcher] of Object.entries((matcher.headers ?? {}) as JsonObject)) {
    assertHeader(request.headers.get(name) ?? undefined, name, headerMatcher as JsonObject, where);
  }
  if ('body' in matcher) {
    expect(request.body, `${where} body`).toBeDefined();
    assertJsonEqual(JSON.parse(request.body!), matcher.body as Json, `${where} body`);
  }
  if (matcher.no_body === true) expect(request.body ?? '', `${where} has no body`).toBe('');
}

function assertError(error: unknown, matcher: JsonObject): void {
  checkKeys(matcher, ['family', 'status', 'code', 'code_class', 'request_id', 'rate_limit', 'field_errors'], 'expect.error');
  const family = FAMILIES[matcher.family as string];
  if (!family) throw new Unsupported(`error family "${String(matcher.family)}"`);
  expect(error, `error is a ${family.name}`).toBeInstanceOf(family);
  if (!(error instanceof ApiError)) {
    for (const key of ['status', 'code', 'code_class', 'request_id', 'rate_limit', 'field_errors']) {
      if (key in matcher) throw new Unsupported(`"${key}" on a non-HTTP error family`);
    }
    return;
  }
  if ('status' in matcher) expect(error.status, 'error status').toBe(matcher.status);
  if ('code' in matcher) expect(error.code ?? null, 'error code').toBe(matcher.code);
  if (matcher.code_class === true) {
    const specific = PROBLEM_ERROR_CLASSES[error.code ?? ''];
    expect(specific, `a class for code ${String(error.code)}`).toBeDefined();
    expect(error.constructor, 'the per-code class').toBe(specific);
  } else if (matcher.code_class === false) {
    expect(error.constructor, 'exactly the family class').toBe(family);
  }
  if ('request_id' in matcher) expect(error.requestId ?? null, 'error request id').toBe(matcher.request_id);
  if ('rate_limit' in matcher) assertRateLimit(error.rateLimit, matcher.rate_limit as JsonObject, 'error rate limit');
  if ('field_errors' in matcher) assertJsonEqual(error.fieldErrors, matcher.field_errors as Json, 'error field_errors');
}

const RATE_LIMIT_KEYS = {
  limit: 'limit',
  remaining: 'remaining',
  reset_seconds: 'resetSeconds',
  retry_after_seconds: 'retryAfterSeconds',
} as const;

function assertRateLimit(actual: RateLimitInfo, expected: JsonObject, where: string): void {
  checkKeys(expected, Object.keys(RATE_LIMIT_KEYS), where);
  for (const [key, value] of Object.entries(expected)) {
    expect(actual[RATE_LIMIT_KEYS[key as keyof typeof RATE_LIMIT_KEYS]] ?? null, `${where} ${key}`).toBe(value);
  }
}

/** Runs one `request` / `response` / `error` / `retry` / `pagination` case. */
export async function runHttpCase(testCase: JsonObject): Promise<void> {
  checkKeys(testCase, ['name', 'kind', 'client', 'call', 'responses', 'expect'], 'case');
  const client = (testCase.client ?? {}) as JsonObject;
  checkKeys(client, ['api_key', 'max_retries'], 'client');
  const call = testCase.call as JsonObject;
  checkKeys(call, ['tag', 'operation_id', 'path_params', 'query', 'header_params', 'body', 'options', 'iterate'], 'call');
  const callOptions = (call.options ?? {}) as JsonObject;
  checkKeys(callOptions, ['idempotency_key'], 'call.options');
  const expectation = (testCase.expect ?? {}) as JsonObject;
  checkKeys(
    expectation,
    ['attempts', 'requests', 'all_requests', 'same_header_across_requests', 'waits', 'result', 'response_meta', 'error'],
    'expect',
  );
  const iterate = call.iterate ?? false;
  if (typeof iterate === 'object') checkKeys(iterate, ['max_items'], 'call.iterate');

  const { operation } = findOperation(call.tag as string, call.operation_id as string);
  const { fetch, sent } = scriptedFetch((testCase.responses ?? []) as JsonObject[]);
  const retryDelays: number[] = [];
  const options: ClientOptions = {
    baseUrl: 'http://conformance.test',
    fetch,
    onRetry: (info) => retryDelays.push(info.delayMs),
  };
  if (client.api_key !== null) options.apiKey = (client.api_key as string | undefined) ?? 'nmk_test_conformance';
  else delete process.env.NAMASKAH_API_KEY; // README: null means a client with no credentials at all
  if (client.max_retries !== undefined) options.maxRetries = client.max_retries as number;
  const sdk = new Namaskah(options);

  // The operation's SDK name walks the nested resources: client.webhookEndpoints.deliveries.list.
  const path = operation.sdkName.slice(0, -1);
  const resource = path.reduce<unknown>((node, name) => (node as Record<string, unknown> | undefined)?.[name], sdk) as
    | Record<string, (...args: unknown[]) => unknown>
    | undefined;
  const method = resource?.[operation.sdkName.at(-1)!];
  if (typeof method !== 'function') throw new Unsupported(`client.${operation.sdkName.join('.')} does not exist`);
  const requestOptions: RequestOptions = {};
  if (callOptions.idempotency_key !== undefined) requestOptions.idempotencyKey = callOptions.idempotency_key as string;
  const pending = method.call(resource, ...methodArguments(operation, call), requestOptions) as PromiseLike<unknown> & {
    withResponse(): Promise<{ data: unknown; requestId?: string; rateLimit: RateLimitInfo }>;
    toArray(options?: { limit?: number }): Promise<unknown[]>;
  };

  let result: unknown;
  let meta: { requestId?: string; rateLimit: RateLimitInfo } | undefined;
  let failure: unknown;
  let failed = false;
  try {
    if (iterate !== false) {
      if (typeof pending.toArray !== 'function') throw new Unsupported(`${operation.id} is not paginated`);
      const limit = typeof iterate === 'object' ? ((iterate as JsonObject).max_items as number) : undefined;
      result = await pending.toArray(limit === undefined ? {} : { limit });
    } else {
      const response = await pending.withResponse();
      result = response.data;
      meta = response;
    }
  } catch (error) {
    if (error instanceof Unsupported) throw error;
    failure = error;
    failed = true;
  }

  if (expectation.error !== undefined) {
    expect(failed, 'the call must fail').toBe(true);
    assertError(failure, expectation.error as JsonObject);
  } else if (failed) {
    throw failure;
  }
  if (expectation.attempts !== undefined) expect(sent.length, 'attempts').toBe(expectation.attempts);
  for (const [i, matcher] of ((expectation.requests ?? []) as JsonObject[]).entries()) {
    expect(sent[i], `request #${i + 1} was sent`).toBeDefined();
    assertRequest(sent[i]!, matcher, `request #${i + 1}`);
  }
  if (expectation.all_requests !== undefined) {
    for (const [i, request] of sent.entries()) assertRequest(request, expectation.all_requests as JsonObject, `request #${i + 1}`);
  }
  for (const name of (expectation.same_header_across_requests ?? []) as string[]) {
    const values = sent.map((request) => request.headers.get(name));
    expect(values[0], `${name} present`).toBeTruthy();
    expect(new Set(values).size, `${name} identical on every request: ${JSON.stringify(values)}`).toBe(1);
  }
  for (const [i, bounds] of ((expectation.waits ?? []) as JsonObject[]).entries()) {
    checkKeys(bounds, ['min_ms', 'max_ms'], `expect.waits[${i}]`);
    const requested = retryDelays[i];
    expect(requested, `retry #${i + 1} happened`).toBeDefined();
    const measured = sent[i + 1]!.at - sent[i]!.at;
    if (bounds.min_ms !== undefined) {
      expect(requested!, `retry #${i + 1} requested wait`).toBeGreaterThanOrEqual(bounds.min_ms as number);
      expect(measured, `retry #${i + 1} measured wait`).toBeGreaterThanOrEqual((bounds.min_ms as number) - 1);
    }
    if (bounds.max_ms !== undefined) {
      expect(requested!, `retry #${i + 1} requested wait`).toBeLessThanOrEqual(bounds.max_ms as number);
      expect(measured, `retry #${i + 1} measured wait`).toBeLessThanOrEqual((bounds.max_ms as number) + CLOCK_SLACK_MS);
    }
  }
  if (expectation.result !== undefined) assertValue(result, expectation.result as JsonObject, 'result');
  if (expectation.response_meta !== undefined) {
    const expected = expectation.response_meta as JsonObject;
    checkKeys(expected, ['request_id', 'rate_limit'], 'expect.response_meta');
    if (!meta) throw new Unsupported('response_meta with iterate');
    if ('request_id' in expected) expect(meta.requestId ?? null, 'response request id').toBe(expected.request_id);
    if ('rate_limit' in expected) assertRateLimit(meta.rateLimit, expected.rate_limit as JsonObject, 'response rate limit');
  }
}
