import { useSyncExternalStore } from 'react';
import { session } from '../api/client.ts';
import type { SessionSnapshot } from './session-store.ts';

/** The session as React state: re-renders on sign-in, sign-out and restore. */
export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, () => session.snapshot);
}
