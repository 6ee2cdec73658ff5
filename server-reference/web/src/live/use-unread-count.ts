import { client } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useLiveEvents } from './live-events.tsx';

/** The unread notification count for the nav badge; refreshed on every live event (each may notify). */
export function useUnreadCount(): number | undefined {
  const unread = useApi(() => client.notifications.unreadCount(), []);
  useLiveEvents(() => unread.reload());
  return unread.data?.count;
}
