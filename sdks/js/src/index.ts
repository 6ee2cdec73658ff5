export { Namaskah, Namaskah as default } from './client.js';
export * from './core/index.js';
export { VERSION } from './core/version.js';
export * from './resources/index.js';
export type * from './models/index.js';
export { Webhooks, WebhookVerificationError, type VerifyOptions, type SignOptions, type WebhookHeaders } from './lib/webhooks.js';
export {
  RealtimeConnection,
  RealtimeError,
  type RealtimeConnectOptions,
  type RealtimeEvent,
  type RealtimeEventType,
  type RealtimeHandler,
} from './lib/realtime-connection.js';
export { RealtimeApi } from './lib/realtime-api.js';
export { VerificationsApi, type WaitForCodeOptions } from './lib/verifications-api.js';
