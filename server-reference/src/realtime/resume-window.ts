import type { EventStore } from '../events/index.ts';
import type { RealtimeConfig } from './realtime-config.ts';

/** Where a stream starts: replay `after < sequence <= latest`, then live. */
export interface ResumePoint {
  after: number;
  latest: number;
  /** The `last_sequence` honoured, or null for a fresh start (none given, or beyond the latest). */
  resumedFrom: number | null;
}

/**
 * Decides where a (re)connecting client starts, or returns 'exceeded' when its `last_sequence` is older
 * than the replay window (more than `resumeMaxEvents` behind, or its next event older than
 * `resumeWindowMs` or already pruned).
 */
export async function resumePoint(
  store: EventStore,
  config: Pick<RealtimeConfig, 'resumeWindowMs' | 'resumeMaxEvents'>,
  userId: string,
  lastSequence: number | null,
  now = new Date(),
): Promise<ResumePoint | 'exceeded'> {
  const latest = await store.latestSequence(userId);
  if (lastSequence === null || lastSequence > latest) return { after: latest, latest, resumedFrom: null };
  if (lastSequence === latest) return { after: latest, latest, resumedFrom: lastSequence };
  if (latest - lastSequence > config.resumeMaxEvents) return 'exceeded';
  const [next] = await store.range(userId, lastSequence, lastSequence + 1, 1);
  if (!next || Date.parse(next.timestamp) < now.getTime() - config.resumeWindowMs) return 'exceeded';
  return { after: lastSequence, latest, resumedFrom: lastSequence };
}
