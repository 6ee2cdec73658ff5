import type { HttpClient } from './http-client.js';

/** Base of every generated resource class: holds the shared HTTP client. */
export abstract class APIResource {
  constructor(protected readonly _client: HttpClient) {}
}
