export { createWebhookModule, type WebhookModule, type WebhookModuleDeps } from './webhook-module.ts';
export { loadWebhookConfig, type WebhookConfig } from './webhook-config.ts';
export { createWebhookEndpointRoutes } from './routes/webhook-endpoint-routes.ts';
export type { CommittedEvent, WebhookChannelFilter } from './dispatch/event-fanout.ts';
export type { AttemptOutcome } from './dispatch/outcome-recorder.ts';
export type { EndpointDisabledHook, EndpointDisabledNotice } from './dispatch/endpoint-state.ts';
export { ManualWebhookClock, systemClock, type WebhookClock } from './webhook-clock.ts';
export { staticResolver, systemResolver, type HostResolver } from './ssrf/host-resolver.ts';
export { AddressPolicy } from './ssrf/address-policy.ts';
