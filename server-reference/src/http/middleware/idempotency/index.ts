export { idempotency } from './idempotency.ts';
export { IdempotencyStore } from './idempotency-store.ts';
