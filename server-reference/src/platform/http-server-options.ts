import type { ServerOptions } from 'node:http';

/**
 * Options of the node:http server every node listens with. Node's default 16 KiB limit on the request
 * line plus headers would answer 431 (a status no operation lists, with no problem body) to a query the
 * spec can still describe: `scope` (1,000 characters), `redirect_uri` (2,000) and `state` (500) of
 * GET /v1/oauth/authorize percent-encode to over 16 KiB. With 64 KiB every such request reaches
 * validation and gets the documented 422 with a field pointer.
 */
export const HTTP_SERVER_OPTIONS: ServerOptions = { maxHeaderSize: 64 * 1024 };
