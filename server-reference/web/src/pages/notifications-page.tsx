import { useEffect, useRef, useState } from 'react';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { useApi } from '../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../components/api-status.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { formatTime } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { useLiveEvents } from '../live/live-events.tsx';
import { Link } from '../routing/router.tsx';

/** In-app notifications, newest first; mark one or all read. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [cursors, setCursors] = useState<string[]>([]);
  const list = useApi(
    () =>
      client.notifications.list({
        limit: 20,
        ...(unreadOnly ? { unread: true } : {}),
        ...(cursors.length ? { starting_after: cursors.at(-1) } : {}),
      }),
    [unreadOnly, cursors],
  );
  const action = useAction();
  // An event reaches this page over the real-time channel while the notification it causes is still being
  // written by the router (another consumer of the same event): read now, and once more a moment later.
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  useLiveEvents(() => {
    list.reload();
    clearTimeout(settle.current);
    settle.current = setTimeout(() => list.reload(), 1500);
  });

  return (
    <main>
      <div className="row spread">
        <h1>Notifications</h1>
        <Link href="/notifications/preferences">Preferences</Link>
      </div>
      <div className="row">
        <label className="inline">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setCursors([]);
            }}
          />
          Unread only
        </label>
        <button
          type="button"
          disabled={action.busy}
          onClick={async () => {
            if (await action.run(() => client.notifications.markAllRead())) list.reload();
          }}
        >
          Mark all read
        </button>
      </div>
      <ErrorLine error={action.error} />
      <ApiStatus error={list.error} loading={list.loading && !list.data} />
      <ul className="notifications" data-testid="notification-list">
        {list.data?.data.map((n) => (
          <li key={n.id} className={`card ${n.read_at ? 'read' : 'unread'} ${n.severity}`}>
            <div className="row spread">
              <strong>{n.title}</strong>
              <small className="muted">{formatTime(n.created_at)}</small>
            </div>
            <p>{n.body}</p>
            {!n.read_at && (
              <button
                type="button"
                className="link"
                onClick={async () => {
                  if (await action.run(() => client.notifications.markRead(n.id))) list.reload();
                }}
              >
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.data?.data.length === 0 && (
        <EmptyState
          title="No notifications. Codes, refunds and announcements appear here as they happen."
          action={<Link href="/notifications/preferences">Choose what to be told about</Link>}
        />
      )}
      <Pager cursors={cursors} nextCursor={list.data?.has_more ? list.data.next_cursor : null} onChange={setCursors} />
    </main>
  );
}
