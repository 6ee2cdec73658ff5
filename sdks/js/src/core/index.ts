export { APIResource } from './api-resource.js';
export { ApiPromise, type WithResponse } from './api-promise.js';
export * from './errors.js';
export { EventStream, type Redirect, type ServerSentEvent } from './event-stream.js';
export {
  HttpClient,
  type ClientOptions,
  type RequestDescriptor,
  type RequestOptions,
  type RetryInfo,
  type Validator,
} from './http-client.js';
export { type Logger, type LogLevel, redactHeaders } from './logger.js';
export { PagePromise, type PaginationFields } from './pagination.js';
export { parseRateLimit, type RateLimitInfo } from './rate-limit.js';
export { backoffDelay, isRetryableStatus, serverRequestedDelay } from './retry-policy.js';
