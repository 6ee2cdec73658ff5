import type { SendResult } from './send-result.ts';

type SendError = NonNullable<SendResult['error']>;

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)|HOSTNAME_MISMATCH|_CERT_/;

/** The error and its causes, outermost first (undici wraps the socket's error). */
function* causes(error: unknown): Generator<any> {
  for (let current: any = error, depth = 0; current && depth < 6; current = current.cause, depth++) yield current;
}

/**
 * Maps a failed request to the delivery log's error codes (spec/schemas/webhook-delivery-error.yaml).
 * `timedOut` says the attempt's own deadline fired (the abort then shows up as a generic abort error).
 */
export function classifySendError(error: unknown, timedOut: boolean, timeoutMs: number): SendError {
  if (timedOut) return { code: 'timeout', message: `No complete response within ${timeoutMs / 1000} s.` };
  for (const cause of causes(error)) {
    const code = typeof cause?.code === 'string' ? cause.code : '';
    if (code === 'ssrf_blocked' || code === 'dns_failure') return { code, message: String(cause.message).slice(0, 500) };
    if (TIMEOUT_CODES.has(code)) return { code: 'timeout', message: `No complete response within ${timeoutMs / 1000} s (${code}).` };
    if (DNS_CODES.has(code)) return { code: 'dns_failure', message: `The host did not resolve (${code}).` };
    if (TLS_CODE.test(code)) return { code: 'tls_error', message: `TLS failed: ${String(cause.message).slice(0, 400)}` };
  }
  const root = [...causes(error)].pop();
  const detail = root?.code ? `${root.code}: ${root.message}` : String(root?.message ?? error);
  return { code: 'connection_failed', message: `The connection failed (${detail})`.slice(0, 500) };
}
