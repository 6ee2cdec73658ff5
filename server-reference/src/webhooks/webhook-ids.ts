import { ulid } from 'ulid';

/**
 * A new prefixed, time-sortable id: `whk_` endpoints, `wdl_` delivery attempts, `evt_` test events (the
 * core's `newId` does not list the webhook prefixes).
 */
export const newWebhookId = (prefix: 'whk' | 'wdl' | 'evt', nowMs: number = Date.now()): string => `${prefix}_${ulid(nowMs)}`;
