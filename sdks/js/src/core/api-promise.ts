import { parseRateLimit, type RateLimitInfo } from './rate-limit.js';

/** A parsed result with the HTTP response it came from. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
  rateLimit: RateLimitInfo;
}

/**
 * The promise every API method returns: await it for the parsed data, or call `.withResponse()` for the
 * raw `Response` (headers, status) as well.
 *
 * @example
 * ```ts
 * const { data, requestId, rateLimit } = await client.wallet.get().withResponse();
 * ```
 */
export class ApiPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<WithResponse<T>>;

  constructor(result: Promise<{ data: T; response: Response }>) {
    this.#result = result.then(({ data, response }) => ({
      data,
      response,
      requestId: response.headers.get('request-id') ?? undefined,
      rateLimit: parseRateLimit(response.headers),
    }));
    // The caller may only ever use `.withResponse()`; avoid an unhandled rejection on the data path.
    this.#result.catch(() => {});
  }

  /** The parsed data together with the raw response, its request id and rate-limit state. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}
