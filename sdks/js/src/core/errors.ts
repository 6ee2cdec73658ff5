import { parseRateLimit, type RateLimitInfo } from './rate-limit.js';

/** Base class of every error the SDK throws. */
export class NamaskahError extends Error {
  override name = 'NamaskahError';
}

/** One mismatch between a body and the contract: where (a path of keys and indexes) and what. */
export interface ValidationIssue {
  /** Keys and array indexes from the body's root (`['data', 0, 'price', 'amount']`); `[]` is the root. */
  path: readonly (string | number)[];
  message: string;
  /** The validator's issue code (zod's `invalid_type`, ...), when it has one. */
  code?: string;
}

function describeIssues(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  return shown.join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}

/**
 * A success response whose JSON body does not match the contract (only with a `validator`, see
 * `@namaskah/sdk/validation`). Never retried: the same server returns the same body.
 */
export class ResponseValidationError extends NamaskahError {
  override name = 'ResponseValidationError';
  /** `METHOD /path/{template}` of the call. */
  readonly operation: string;
  readonly issues: readonly ValidationIssue[];
  readonly status: number;
  readonly requestId: string | undefined;
  readonly headers: Headers;

  constructor(operation: string, issues: readonly ValidationIssue[], response: Response) {
    super(`The ${response.status} response of ${operation} does not match the contract: ${describeIssues(issues)}`);
    this.operation = operation;
    this.issues = issues;
    this.status = response.status;
    this.headers = response.headers;
    this.requestId = response.headers.get('request-id') ?? undefined;
  }
}

/** A request body that does not match the contract, caught before sending (only with `validateRequests`). */
export class RequestValidationError extends NamaskahError {
  override name = 'RequestValidationError';
  readonly operation: string;
  readonly issues: readonly ValidationIssue[];

  constructor(operation: string, issues: readonly ValidationIssue[]) {
    super(`The request body of ${operation} does not match the contract: ${describeIssues(issues)}`);
    this.operation = operation;
    this.issues = issues;
  }
}

/** An RFC 9457 problem body as the API sends it. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: { field: string; code: string; message: string }[];
  [key: string]: unknown;
}

/**
 * The API answered with an error status. Subclasses exist per status family (`NotFoundError`, ...)
 * and per problem code (`InsufficientBalanceError extends PaymentRequiredError`, ...).
 *
 * @example
 * ```ts
 * try {
 *   await client.verifications.create({ service: 'whatsapp', country: 'US' });
 * } catch (err) {
 *   if (err instanceof InsufficientBalanceError) console.log('top up first', err.requestId);
 * }
 * ```
 */
export class ApiError extends NamaskahError {
  override name = 'ApiError';
  /** The problem code this class stands for, on per-code subclasses. */
  static readonly code: string | undefined = undefined;
  readonly status: number;
  /** The stable machine code (`insufficient_balance`), when the body is a problem. */
  readonly code: string | undefined;
  /** The parsed body: a problem object, or the raw text when the body was not JSON. */
  readonly problem: ProblemBody | undefined;
  readonly requestId: string | undefined;
  readonly headers: Headers;
  readonly rateLimit: RateLimitInfo;

  constructor(status: number, body: ProblemBody | string | undefined, headers: Headers) {
    const problem = typeof body === 'object' ? body : undefined;
    const detail = problem?.detail ?? problem?.title ?? (typeof body === 'string' && body ? body.slice(0, 200) : undefined);
    super(`${status}${problem?.code ? ` ${problem.code}` : ''}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.problem = problem;
    this.code = typeof problem?.code === 'string' ? problem.code : undefined;
    this.requestId = headers.get('request-id') ?? problem?.request_id;
    this.headers = headers;
    this.rateLimit = parseRateLimit(headers);
  }

  /** Field-level errors of a `validation_failed` problem. */
  get fieldErrors(): ProblemBody['errors'] {
    return this.problem?.errors ?? [];
  }
}

/** A class that can be raised for a problem code. */
export type ProblemErrorClass = (new (
  status: number,
  body: ProblemBody | string | undefined,
  headers: Headers,
) => ApiError) & {
  readonly code: string | undefined;
};

export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
export class PaymentRequiredError extends ApiError {
  override name = 'PaymentRequiredError';
}
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
export class GoneError extends ApiError {
  override name = 'GoneError';
}
export class PayloadTooLargeError extends ApiError {
  override name = 'PayloadTooLargeError';
}
export class UnsupportedMediaTypeError extends ApiError {
  override name = 'UnsupportedMediaTypeError';
}
export class UnprocessableEntityError extends ApiError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

const STATUS_CLASSES: Record<number, ProblemErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  410: GoneError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The class for a status family: the per-status class, `InternalServerError` for 5xx, else `ApiError`. */
export function statusErrorClass(status: number): ProblemErrorClass {
  return STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : ApiError);
}

/**
 * Builds the most specific error: the class of the problem `code` when it belongs to the same status
 * family, otherwise the status family's class (an unknown code is handled by its status).
 */
export function createApiError(
  status: number,
  body: ProblemBody | string | undefined,
  headers: Headers,
  problemClasses: Readonly<Record<string, ProblemErrorClass>>,
): ApiError {
  const family = statusErrorClass(status);
  const code = typeof body === 'object' && typeof body.code === 'string' ? body.code : undefined;
  const specific = code ? problemClasses[code] : undefined;
  const Class = specific && (specific === family || specific.prototype instanceof family) ? specific : family;
  const error = new Class(status, body, headers);
  if (Class !== family) error.name = problemErrorName(code!);
  return error;
}

/**
 * The name of a problem code's class, by the generator's rule (`insufficient_balance` ->
 * `InsufficientBalanceError`). Not `Class.name`: an app's minifier renames classes, and logs would read `Vt`.
 */
const problemErrorName = (code: string): string =>
  code.replace(/(?:^|[^a-z0-9]+)([a-z0-9])/gi, (_, c: string) => c.toUpperCase()).replace(/(?<!Error)$/, 'Error');

/** The call needs an API key or access token and the client was built without one; nothing was sent. */
export class MissingCredentialsError extends NamaskahError {
  override name = 'MissingCredentialsError';
  constructor(operation: string) {
    super(`${operation} needs an API key (apiKey or NAMASKAH_API_KEY)`);
  }
}

/** The request never got an HTTP response (DNS, refused connection, reset). */
export class ApiConnectionError extends NamaskahError {
  override name = 'ApiConnectionError';
  constructor(message = 'Connection error', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An attempt took longer than its timeout. */
export class ApiTimeoutError extends ApiConnectionError {
  override name = 'ApiTimeoutError';
  constructor(timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`);
  }
}

/** The caller aborted the request with its own `AbortSignal`. */
export class ApiUserAbortError extends NamaskahError {
  override name = 'ApiUserAbortError';
}
