export { createRealtime, type Realtime, type RealtimeOptions } from './create-realtime.ts';
export { coreRealtimeAuth, type RealtimeAuth, type RealtimeSubject, type RealtimeDenial } from './realtime-auth.ts';
export { DEFAULT_REALTIME_CONFIG, type RealtimeConfig } from './realtime-config.ts';
export { RealtimeHub } from './realtime-hub.ts';
export { CLOSE } from './websocket-session.ts';
