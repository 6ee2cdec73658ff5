import type { DeliveryErrorCode } from '../storage/webhook-tables.ts';

/** What came of one HTTP attempt, as the delivery log records it. */
export interface SendResult {
  /** A 2xx answer (complete, within the deadline). */
  ok: boolean;
  /** The status answered; null when no response arrived. */
  status: number | null;
  /** The first bytes of the response body (UTF-8, invalid bytes replaced); null when none. */
  body: string | null;
  bodyTruncated: boolean;
  latencyMs: number;
  error: { code: Exclude<DeliveryErrorCode, 'endpoint_disabled'>; message: string } | null;
}
