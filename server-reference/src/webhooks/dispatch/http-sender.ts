import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import type { AddressPolicy } from '../ssrf/address-policy.ts';
import { guardedConnector } from '../ssrf/guarded-connector.ts';
import type { HostResolver } from '../ssrf/host-resolver.ts';
import { classifySendError } from './classify-send-error.ts';
import type { SendResult } from './send-result.ts';

export interface HttpSenderOptions {
  policy: AddressPolicy;
  resolve: HostResolver;
  /** Deadline of the whole attempt: connection, TLS, request and the complete response. */
  timeoutMs: number;
  /** Response bytes kept; the rest is read (the attempt only counts once the response is complete) and dropped. */
  responseBodyLimitBytes: number;
  connectionsPerOrigin: number;
}

/**
 * POSTs webhook bodies. Redirects are never followed (undici's dispatcher only follows them when asked
 * to), every new connection goes through the SSRF guard, and connections are kept alive per origin so a
 * busy receiver is not re-handshaked on every event.
 *
 * @example
 * const sender = new HttpSender({ policy, resolve: systemResolver, timeoutMs: 15_000, responseBodyLimitBytes: 1024, connectionsPerOrigin: 32 });
 * const result = await sender.post('https://hooks.example.com/x', { 'content-type': 'application/json' }, '{}');
 */
export class HttpSender {
  readonly #agent: Agent;

  private readonly options: HttpSenderOptions;
  constructor(options: HttpSenderOptions) {
    this.options = options;
    this.#agent = new Agent({
      connect: guardedConnector({ policy: options.policy, resolve: options.resolve, timeoutMs: options.timeoutMs }),
      connections: options.connectionsPerOrigin,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 4_000,
    });
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const target = new URL(url);
      const response = await this.#agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      const kept = await this.#readBody(response.body);
      const status = response.statusCode;
      const result = { status, body: kept.text, bodyTruncated: kept.truncated, latencyMs: elapsed() };
      if (status >= 200 && status < 300) return { ok: true, ...result, error: null };
      const reason = STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : '';
      if (status >= 300 && status < 400) {
        const location = response.headers.location ? ` to ${String(response.headers.location).slice(0, 300)}` : '';
        return {
          ok: false,
          ...result,
          error: {
            code: 'redirect',
            message: `The endpoint answered ${status}${reason}, a redirect${location}; redirects are not followed.`,
          },
        };
      }
      return { ok: false, ...result, error: { code: 'http_status', message: `The endpoint answered ${status}${reason}.` } };
    } catch (error) {
      return {
        ok: false,
        status: null,
        body: null,
        bodyTruncated: false,
        latencyMs: elapsed(),
        error: classifySendError(error, timedOut, this.options.timeoutMs),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads the whole body, keeping the first `responseBodyLimitBytes`. */
  async #readBody(stream: AsyncIterable<Buffer>): Promise<{ text: string | null; truncated: boolean }> {
    const limit = this.options.responseBodyLimitBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      if (size < limit) chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
    }
    if (size === 0) return { text: null, truncated: false };
    // a multi-byte character cut at the limit decodes to U+FFFD, as the spec allows
    return { text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)), truncated: size > limit };
  }

  /** Closes the kept-alive connections. */
  close(): Promise<void> {
    return this.#agent.close();
  }
}
