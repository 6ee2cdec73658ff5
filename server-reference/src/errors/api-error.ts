import { ERROR_CODE_STATUS, type ProblemCode } from '../contract/index.ts';

/** One invalid field of a request (spec/schemas/field-error.yaml). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** What an error may carry beyond its code and detail. */
export interface ApiErrorExtra {
  errors?: FieldError[];
  retryAfter?: number;
  headers?: Record<string, string>;
  members?: Record<string, unknown>;
}

/**
 * A failure the API reports as RFC 9457 problem+json. Throw it from anywhere (domain, modules, http); the
 * problem handler turns it into the response with the request id filled in. The HTTP status is the one the
 * contract's error catalogue (spec/schemas/error-code.yaml) gives the code, so a code can never be answered
 * with a status its clients' error classes do not expect.
 *
 * @example
 * throw new ApiError('insufficient_balance', 'The price is 250 USD cents; your balance is 100.');
 */
export class ApiError extends Error {
  readonly status: number;

  readonly code: ProblemCode;
  readonly detail: string;
  readonly extra: ApiErrorExtra;
  constructor(code: ProblemCode, detail: string, extra: ApiErrorExtra = {}, status: number = ERROR_CODE_STATUS[code]) {
    super(detail);
    this.code = code;
    this.detail = detail;
    this.extra = extra;
    this.name = 'ApiError';
    this.status = status;
  }

  /**
   * The rare error an operation documents under another status than the catalogue's: the OAuth token
   * endpoint's RFC 6749 400 for a request that fails validation.
   */
  static withStatus(status: number, code: ProblemCode, detail: string, extra: ApiErrorExtra = {}): ApiError {
    return new ApiError(code, detail, extra, status);
  }
}
