import type { Principal } from '../domain/principal.ts';
import type { RealtimeSubject } from './realtime-auth.ts';

/** The real-time subject of an authenticated HTTP caller. */
export const subjectOf = (principal: Principal): RealtimeSubject => ({
  userId: principal.user.id,
  sessionId: principal.kind === 'session' ? principal.sessionId : null,
  apiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
});
