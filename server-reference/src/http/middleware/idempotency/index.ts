export { idempotency } from './idempotency.ts';
export { IdempotencyStore } from './idempotency-store.ts';
export { AnonymousRequestSeal } from './anonymous-request-seal.ts';
