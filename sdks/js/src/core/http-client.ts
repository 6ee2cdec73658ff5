import ky, { HTTPError, type Hooks, type Options, TimeoutError } from 'ky';
import { VERSION } from './version.js';
import { ApiPromise } from './api-promise.js';
import {
  ApiError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  MissingCredentialsError,
  createApiError,
  NamaskahError,
  RequestValidationError,
  ResponseValidationError,
  type ValidationIssue,
  type ProblemBody,
  type ProblemErrorClass,
} from './errors.js';
import { EventStream, type Redirect } from './event-stream.js';
import { type Logger, type LogLevel, logLevel, logs, readEnv, redactHeaders } from './logger.js';
import { CURSOR_PAGE, PagePromise, type PaginationFields } from './pagination.js';
import { backoffDelay, isRetryableStatus, serverRequestedDelay } from './retry-policy.js';

/** Passed to `onRetry` before each retry. */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  /** How long the client will wait before sending again. */
  delayMs: number;
  method: string;
  url: string;
  /** The error response or connection error that caused the retry. */
  error: ApiError | ApiConnectionError;
}

/** Options of a client, each overridable per request where {@link RequestOptions} says so. */
export interface ClientOptions {
  /**
   * API key (`nmk_live_...`) or access token, sent as a bearer token; a function is called per request.
   * Defaults to `NAMASKAH_API_KEY` from the environment. Without either, calls that need credentials fail
   * with {@link MissingCredentialsError} before anything is sent.
   */
  apiKey?: string | (() => string | Promise<string>);
  /** Defaults to `NAMASKAH_BASE_URL` from the environment, else `https://api.namaskah.dev`. */
  baseUrl?: string;
  /** Defaults to `NAMASKAH_LOG` from the environment, else `warn`. */
  logLevel?: LogLevel;
  /** Defaults to `console`. Authorization, API keys and webhook secrets are redacted from what it gets. */
  logger?: Logger;
  /** The webhook signing secret (`whsec_...`) `client.webhooks` uses; defaults to `NAMASKAH_WEBHOOK_SECRET`. */
  webhookSecret?: string;
  /** Retries after the first attempt (connection errors, 408, 409, 429, 5xx but 501). Default 2. */
  maxRetries?: number;
  /** Timeout of each attempt in ms. Default 60 000. */
  timeout?: number;
  /** Bound on the whole call, retries and waits included, in ms. Default 180 000. */
  maxRetryTime?: number;
  /** A `fetch` implementation (defaults to the global one): proxies, tests, instrumentation. */
  fetch?: typeof fetch;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string>;
  /** Called before every retry. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * Runtime validation of JSON bodies, off by default. Create one with `createValidator()` from
   * `@namaskah/sdk/validation` (or call its `withValidation(client)`): that entry point brings zod and the
   * generated schemas, so the core never loads them.
   */
  validator?: Validator;
}

/**
 * Checks JSON bodies against the contract. Each method gets the operation as `METHOD /path/{template}`
 * (`GET /v1/wallet`) and returns the mismatches (none: `undefined` or `[]`). It never throws: the client
 * throws {@link RequestValidationError} / {@link ResponseValidationError} from what it returns.
 */
export interface Validator {
  /** A JSON request body, before anything is sent. Absent: request bodies are not checked. */
  validateRequest?(operation: string, body: unknown): readonly ValidationIssue[] | undefined;
  /** Path parameters (ids checked against their patterns) before anything is sent. */
  validatePathParams?(operation: string, params: Readonly<Record<string, string | number>>): readonly ValidationIssue[] | undefined;
  /** A parsed JSON success body. Absent: responses are not checked. */
  validateResponse?(operation: string, body: unknown): readonly ValidationIssue[] | undefined;
}

/** Per-request overrides. */
export interface RequestOptions {
  timeout?: number;
  maxRetries?: number;
  maxRetryTime?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Use this Idempotency-Key instead of a generated one (unsafe POSTs only). */
  idempotencyKey?: string;
}

/** What the generated resources pass for one call. */
export interface RequestDescriptor {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path template with `{name}` placeholders. */
  path: string;
  pathParams?: Record<string, string | number>;
  params?: object;
  /** Keys of `params` that go to the query string; absent on a call without a body means every key but the headers. */
  queryKeys?: readonly string[];
  /** `params` key -> header name. */
  headerKeys?: Readonly<Record<string, string>>;
  /** `form` is `application/x-www-form-urlencoded` (the OAuth endpoints, as RFC 6749 requires). */
  body?: 'json' | 'form' | 'binary';
  /** How the success body is read; absent means `json` (most operations, so generated calls leave it out). */
  response?: 'json' | 'binary' | 'text' | 'event-stream' | 'redirect' | 'empty';
  idempotent?: boolean;
  /** The call needs no credentials (the spec allows it without a bearer token). */
  public?: boolean;
  /** Where a page keeps its items and cursor; absent means the contract's usual layout ({@link CURSOR_PAGE}). */
  pagination?: PaginationFields;
}

const DEFAULT_BASE_URL = 'https://api.namaskah.dev';
/** Statuses ky turns into HTTPError (3xx stay responses: `redirect` operations read them). */
const throwHttpErrors = (status: number) => status >= 400;
/** Every method may be retried: unsafe POSTs carry an idempotency key, so a retry cannot act twice. */
const RETRY_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The SDK's HTTP engine: auth, serialisation, idempotency keys and typed errors, over ky (timeouts, retries
 * and hooks, configured to the retry rules of `retry-policy.ts`) on `fetch`. Runs anywhere `fetch`,
 * `AbortController` and `crypto.randomUUID` exist.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly #options: ClientOptions;
  readonly #problemClasses: Readonly<Record<string, ProblemErrorClass>>;

  readonly #logLevel: LogLevel;
  readonly #logger: Logger;
  /** User-Agent and the default headers, merged once: what every request's headers start from, after Accept. */
  readonly #baseHeaders: Readonly<Record<string, string>>;

  constructor(options: ClientOptions = {}, problemClasses: Readonly<Record<string, ProblemErrorClass>> = {}) {
    this.#options = { ...options, apiKey: options.apiKey ?? readEnv('NAMASKAH_API_KEY') };
    this.baseUrl = (options.baseUrl ?? readEnv('NAMASKAH_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.#logLevel = logLevel(options.logLevel);
    this.#logger = options.logger ?? console;
    // Browsers send their own User-Agent (and a custom one would cost a CORS preflight).
    this.#baseHeaders = { ...('document' in globalThis ? {} : { 'user-agent': `namaskah-js/${VERSION}` }), ...options.defaultHeaders };
    this.#problemClasses = problemClasses;
  }

  /** Sends one logical request (with its retries) and parses the response. */
  request<T>(descriptor: RequestDescriptor, options: RequestOptions = {}): ApiPromise<T> {
    return new ApiPromise(this.#execute<T>(descriptor, options));
  }

  /** Like {@link request}, for cursor-paginated lists: the result also iterates over every item. */
  requestPage<TPage, TItem>(descriptor: RequestDescriptor, options: RequestOptions = {}): PagePromise<TPage, TItem> {
    const fields = descriptor.pagination ?? CURSOR_PAGE;
    const fetchPage = (cursor: string) =>
      this.request<TPage>({ ...descriptor, params: { ...descriptor.params, [fields.cursorParam]: cursor } }, options);
    return new PagePromise<TPage, TItem>(this.#execute<TPage>(descriptor, options), fields, fetchPage);
  }

  /** The full URL of a path with its query parameters. */
  buildUrl(path: string, query?: Record<string, unknown>): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, item instanceof Date ? item.toISOString() : String(item));
      }
    }
    return url.href;
  }

  /** The bearer token for the next request, if any. */
  async authorization(): Promise<string | undefined> {
    const key = this.#options.apiKey;
    const token = typeof key === 'function' ? await key() : key;
    return token ? `Bearer ${token}` : undefined;
  }

  /** The options this client was created with (for `withOptions`). */
  get options(): Readonly<ClientOptions> {
    return this.#options;
  }

  get fetch(): typeof fetch {
    return this.#options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async #execute<T>(d: RequestDescriptor, options: RequestOptions): Promise<{ data: T; response: Response }> {
    const method = d.method.toUpperCase();
    const operation = `${method} ${d.path}`;
    const { url, headers, body } = await this.#prepare(d, operation, options);
    const timeout = options.timeout ?? this.#options.timeout ?? 60_000;
    const deadline = Date.now() + (options.maxRetryTime ?? this.#options.maxRetryTime ?? 180_000);
    const redirect: RequestRedirect = d.response === 'redirect' ? 'manual' : 'follow';
    // Lets an event stream close its connection; the caller's signal aborts everything too. Only created
    // when needed: a signal of ours would make ky combine signals on every call (measurably slower).
    const controller = d.response === 'event-stream' ? new AbortController() : undefined;
    const signal =
      controller && options.signal ? AbortSignal.any([options.signal, controller.signal]) : (controller?.signal ?? options.signal);
    const fetchImpl = this.#options.fetch;
    // shouldRetry and the final catch see the same ky error: translate (and read its body) once.
    let lastError: unknown;
    let lastFailure: Promise<NamaskahError> | undefined;
    const failure = (error: unknown): Promise<NamaskahError> => {
      if (!lastFailure || lastError !== error) {
        lastError = error;
        lastFailure = this.#translate(error, timeout, options.signal);
      }
      return lastFailure;
    };
    let nextDelay = 0;
    // ky's own Request (one per attempt, cloned for the next) only carries the method, URL and signal: the
    // headers, body and redirect mode go straight to fetch below, so ky does not copy them into Headers
    // objects and Requests two or three times per attempt. Every ky option costs a merge step per call:
    // only what differs from ky's defaults is set.
    const kyOptions: Options = {
      timeout,
      throwHttpErrors,
      fetch: (request) => {
        const init: RequestInit = { method, headers, body: body as BodyInit | undefined, signal: (request as Request).signal, redirect };
        // The global fetch is looked up per call (test tools such as msw replace it after clients exist).
        return fetchImpl ? fetchImpl((request as Request).url, init) : globalThis.fetch((request as Request).url, init);
      },
      retry: {
        limit: options.maxRetries ?? this.#options.maxRetries ?? 2,
        methods: RETRY_METHODS,
        delay: () => nextDelay,
        shouldRetry: async ({ error, retryCount }) => {
          const cause = await failure(error);
          if (options.signal?.aborted || !isRetryable(cause) || !sendable(headers)) return false;
          const delayMs = (cause instanceof ApiError ? serverRequestedDelay(cause.headers) : undefined) ?? backoffDelay(retryCount - 1);
          // The total-time bound: a retry that could only start after it is not attempted.
          if (Date.now() + delayMs >= deadline) return false;
          nextDelay = delayMs;
          if (logs(this.#logLevel, 'info'))
            this.#logger.info(`namaskah: retry ${retryCount} ${method} ${url} in ${delayMs} ms: ${cause.message}`);
          this.#options.onRetry?.({ attempt: retryCount, delayMs, method, url, error: cause as ApiError | ApiConnectionError });
          return true;
        },
      },
    };
    if (method !== 'GET') kyOptions.method = method;
    if (signal) kyOptions.signal = signal;
    // Registered only at debug level: an afterResponse hook costs a response clone.
    if (logs(this.#logLevel, 'debug')) kyOptions.hooks = this.#debugHooks(method, url, headers);
    let response: Response;
    try {
      response = await ky(url, kyOptions);
    } catch (error) {
      throw await failure(error);
    }
    const data = (await this.#parse(d, response, controller)) as T;
    const validator = this.#options.validator;
    if (validator?.validateResponse && (d.response ?? 'json') === 'json') {
      const issues = validator.validateResponse(operation, data);
      if (issues?.length) throw new ResponseValidationError(operation, issues, response);
    }
    return { data, response };
  }

  #debugHooks(method: string, url: string, headers: Record<string, string>): Hooks {
    return {
      beforeRequest: [() => this.#logger.debug(`namaskah: ${method} ${url}`, redactHeaders(headers))],
      afterResponse: [
        (_request, _options, response) => {
          const requestId = response.headers.get('request-id') ?? '';
          this.#logger.debug(`namaskah: ${response.status} ${method} ${url} ${requestId}`, redactHeaders(response.headers));
        },
      ],
    };
  }

  /** ky's errors (and the injected fetch's) as the SDK's typed errors. */
  async #translate(error: unknown, timeout: number, userSignal: AbortSignal | undefined): Promise<NamaskahError> {
    if (userSignal?.aborted) {
      return error instanceof ApiUserAbortError ? error : new ApiUserAbortError('Request aborted by the caller', { cause: error });
    }
    if (error instanceof NamaskahError) return error;
    if (error instanceof HTTPError) {
      const { response } = error;
      return createApiError(response.status, await readErrorBody(response), response.headers, this.#problemClasses);
    }
    if (error instanceof TimeoutError) return new ApiTimeoutError(timeout);
    return new ApiConnectionError(describe(error), { cause: error });
  }

  /** `operation` is `METHOD /path/{template}`, as validators and errors name it. */
  async #prepare(d: RequestDescriptor, operation: string, options: RequestOptions) {
    const validator = this.#options.validator;
    if (d.pathParams && validator?.validatePathParams) {
      const issues = validator.validatePathParams(operation, d.pathParams);
      if (issues?.length) throw new RequestValidationError(operation, issues);
    }
    const path = d.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = d.pathParams?.[name];
      if (value === undefined || value === '') throw new TypeError(`Missing path parameter ${name}`);
      return encodeURIComponent(String(value));
    });
    const headers: Record<string, string> = {
      accept: d.response === 'event-stream' ? 'text/event-stream' : 'application/json, application/problem+json',
      ...this.#baseHeaders,
    };
    // `params` is split into headers, query and body: copied only when some of it goes elsewhere. Without
    // a body, whatever is not a header goes to the query (generated calls leave `queryKeys` out then).
    let params = d.params as Record<string, unknown> | undefined;
    let query: Record<string, unknown> | undefined;
    if (params && (d.queryKeys?.length || d.headerKeys || !d.body)) {
      params = { ...params };
      for (const [key, header] of Object.entries(d.headerKeys ?? {})) {
        if (params[key] !== undefined) headers[header.toLowerCase()] = String(params[key]);
        delete params[key];
      }
      for (const key of d.queryKeys ?? (d.body ? [] : Object.keys(params))) {
        query ??= {};
        query[key] = params[key];
        delete params[key];
      }
    }
    const apiKey = this.#options.apiKey;
    if (!d.public && (apiKey === undefined || apiKey === '')) throw new MissingCredentialsError(operation);
    // A string key needs no extra turn of the event loop; a function is awaited (it may refresh a token).
    const token = typeof apiKey === 'function' ? await apiKey() : apiKey;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: unknown;
    if (d.body === 'json' || d.body === 'form') {
      const fields = params ?? {};
      if (validator?.validateRequest) {
        const issues = validator.validateRequest(operation, fields);
        if (issues?.length) throw new RequestValidationError(operation, issues);
      }
      if (d.body === 'json') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(fields);
      } else {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = formEncode(fields as Record<string, unknown>);
      }
    } else if (d.body === 'binary') {
      headers['content-type'] = 'application/octet-stream';
      body = params?.body;
    }
    // One key per logical request, generated once here and reused by every retry of it.
    if (d.idempotent) headers['idempotency-key'] = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    return { url: this.buildUrl(path, query), headers, body };
  }

  async #parse(d: RequestDescriptor, response: Response, controller: AbortController | undefined): Promise<unknown> {
    switch (d.response ?? 'json') {
      case 'json': {
        const text = await response.text();
        if (text === '') return undefined;
        try {
          return JSON.parse(text);
        } catch (cause) {
          throw new NamaskahError(`The ${response.status} response is not valid JSON`, { cause });
        }
      }
      case 'binary':
        return response.blob();
      case 'text':
        return response.text();
      case 'event-stream':
        return new EventStream(response, controller);
      case 'redirect':
        return { status: response.status, location: response.headers.get('location') } satisfies Redirect;
      case 'empty':
        await response.body?.cancel();
        return undefined;
    }
  }
}

async function readErrorBody(response: Response): Promise<ProblemBody | string | undefined> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as ProblemBody) : text;
  } catch {
    return text;
  }
}

/**
 * Connection errors, timeouts, and the statuses of {@link isRetryableStatus}; the server's
 * `x-should-retry: true|false` overrides the status rule.
 */
function isRetryable(error: NamaskahError): boolean {
  if (!(error instanceof ApiError)) return error instanceof ApiConnectionError;
  const hint = error.headers.get('x-should-retry');
  return hint === 'true' || (hint !== 'false' && isRetryableStatus(error.status));
}

/**
 * False when fetch refuses the headers before sending anything (a name or value it cannot send): another
 * attempt cannot help. Only checked on the way to a retry, so the success path pays nothing for it.
 */
function sendable(headers: Record<string, string>): boolean {
  try {
    return new Headers(headers) instanceof Headers;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return `Connection error: ${cause?.code ?? cause?.message ?? message}`;
}

/** A form body: scalars as text, anything structured as its JSON (absent fields are left out). */
function formEncode(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    form.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form.toString();
}
