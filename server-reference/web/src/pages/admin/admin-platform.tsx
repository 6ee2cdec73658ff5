import type { AdminPublishAnnouncementRequestSeverity } from '@namaskah/sdk';
import type { FormEvent } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { useToast } from '../../live/toasts.tsx';
import { useAdminList } from './use-admin-list.ts';

/** Server errors with the request id a customer quotes. */
export function AdminErrors() {
  const { page, cursors, setCursors } = useAdminList((params) => client.admin.errors.list(params), {});
  return (
    <section aria-label="Error log">
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      {page.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>Request</th>
                <th>Route</th>
                <th>Status</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((e) => (
                <tr key={e.id}>
                  <td data-label="When">{formatTime(e.created_at)}</td>
                  <td data-label="Request" className="mono">
                    {e.request_id}
                  </td>
                  <td data-label="Route">
                    {e.method} {e.path}
                  </td>
                  <td data-label="Status">
                    {e.status} {e.code}
                  </td>
                  <td data-label="Message">{e.message}</td>
                </tr>
              ))}
              {page.data.data.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No server errors.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={page.data?.has_more ? page.data.next_cursor : null} onChange={setCursors} />
    </section>
  );
}

/** Publish an announcement (an in-app notification for everyone, broadcast live) and list past ones. */
export function AdminAnnouncements() {
  const { page, cursors, setCursors } = useAdminList((params) => client.admin.announcements.list(params), {});
  const action = useAction();
  const toast = useToast();
  const publish = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const published = await action.run(() =>
      client.admin.announcements.create({
        title: String(form.get('title')).trim(),
        body: String(form.get('body')).trim(),
        severity: form.get('severity') as AdminPublishAnnouncementRequestSeverity,
      }),
    );
    if (published) {
      toast({ title: 'Announcement published', tone: 'success' });
      formElement.reset();
      page.reload();
    }
  };
  return (
    <section aria-label="Announcements">
      <form className="card" onSubmit={publish}>
        <label>
          Title <input name="title" required maxLength={120} />
        </label>
        <label>
          Message <textarea name="body" required rows={3} />
        </label>
        <label>
          Severity
          <select name="severity" defaultValue="info">
            <option>info</option>
            <option>warning</option>
            <option>critical</option>
          </select>
        </label>
        <ErrorLine error={action.error} />
        <button type="submit" disabled={action.busy}>
          Publish
        </button>
      </form>
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      <ul>
        {page.data?.data.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong>{' '}
            <small className="muted">
              {a.severity} · {formatTime(a.published_at)}
            </small>
            <p>{a.body}</p>
          </li>
        ))}
      </ul>
      <Pager cursors={cursors} nextCursor={page.data?.has_more ? page.data.next_cursor : null} onChange={setCursors} />
    </section>
  );
}
