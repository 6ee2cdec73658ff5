import { escapePointer } from '../../http/openapi/load-spec.ts';
import { problems } from '../../errors/index.ts';

/** Names the platform sets on every delivery (or that frame the HTTP message); never the owner's to set. */
const RESERVED = new Set([
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'connection',
  'transfer-encoding',
  'te',
  'upgrade',
  'keep-alive',
  'expect',
]);
const RESERVED_PREFIX = 'namaskah-';

/** A name that suggests a credential: its value is never shown back (spec: WebhookEndpointHeaders). */
const SECRET_LOOKING = /authorization|auth|token|secret|key|password|signature|cookie|credential/i;
const MASKED_VALUE = '********';

/**
 * Checks what the schema cannot say about an endpoint's `headers` (names are case-insensitive): no
 * reserved name, no name given twice in two spellings. Throws 422 `validation_failed` with one field
 * error per offending header; returns the headers as given.
 */
export function checkEndpointHeaders(headers: Record<string, string>, field = '/body/headers'): Record<string, string> {
  const seen = new Set<string>();
  const errors: Array<{ field: string; code: string; message: string }> = [];
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const at = `${field}/${escapePointer(name)}`;
    if (RESERVED.has(lower) || lower.startsWith(RESERVED_PREFIX)) {
      errors.push({ field: at, code: 'reserved', message: `${name} is set by the platform on every delivery` });
    } else if (seen.has(lower)) {
      errors.push({ field: at, code: 'duplicate', message: `${name} is given twice (header names ignore case)` });
    }
    seen.add(lower);
  }
  if (errors.length > 0) throw problems.validation(errors);
  return headers;
}

/** The headers as responses and the delivery log show them: secret-looking values masked. */
export function maskEndpointHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_LOOKING.test(name) ? MASKED_VALUE : value]));
}

/** The associated data sealing an endpoint's headers: bound to the row, and distinct from its signing secret's. */
export const headersSealContext = (endpointId: string): string => `${endpointId}:headers`;
