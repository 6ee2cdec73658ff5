import { parseRateLimit, type RateLimitInfo } from './rate-limit.js';

/** A parsed result with the HTTP response it came from. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
  rateLimit: RateLimitInfo;
}

/**
 * The promise every API method returns: a real `Promise<T>` (await it for the parsed data), plus
 * `.withResponse()` for the data with its request id and rate-limit state, and `.asResponse()` for the raw
 * `Response` (headers, status), for calls that return nothing too.
 *
 * @example
 * ```ts
 * const { data, requestId, rateLimit } = await client.wallet.retrieve().withResponse();
 * const response = await client.apiKeys.delete('key_1').asResponse();
 * console.log(response.headers.get('request-id'));
 * ```
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #result: Promise<{ data: T; response: Response }>;
  #data: Promise<T> | undefined;
  #withResponse: Promise<WithResponse<T>> | undefined;

  constructor(result: Promise<{ data: T; response: Response }>) {
    // The settled value of the base promise is never used: `then` reads #result (as Stainless's APIPromise).
    super((resolve) => resolve(undefined as T));
    this.#result = result;
    // The caller may only ever use `.asResponse()`; avoid an unhandled rejection on the data path.
    result.catch(() => {});
  }

  /** The parsed data together with the raw response, its request id and rate-limit state. */
  withResponse(): Promise<WithResponse<T>> {
    // Request id and rate-limit headers are read only for callers that ask for them.
    this.#withResponse ??= this.#result.then(({ data, response }) => ({
      data,
      response,
      requestId: response.headers.get('request-id') ?? undefined,
      rateLimit: parseRateLimit(response.headers),
    }));
    return this.#withResponse;
  }

  /** The raw `Response` (status, headers); its body has already been read by the SDK. */
  asResponse(): Promise<Response> {
    return this.#result.then((r) => r.response);
  }

  /** `then`, `catch` and `finally` return plain promises, not ApiPromises with no request behind them. */
  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass; then is what await calls
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#data ??= this.#result.then((r) => r.data);
    return this.#data.then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}
