import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import type { ReasonRequest } from '../../components/reason-dialog.tsx';
import { cidrProblem } from './cidr-problem.ts';

/** The account's IP allowlist: networks listed, added (checked here, then by the server), removed after a confirm. */
export function IpAllowlistSection({ onChanged, ask }: { onChanged: () => void; ask: (request: ReasonRequest) => void }) {
  const entries = useApi(() => client.security.ipAllowlist.list({ limit: 100 }), []);
  const [typo, setTypo] = useState<string | null>(null);
  const action = useAction();

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const cidr = String(form.get('cidr')).trim();
    const label = String(form.get('label')).trim();
    const problem = cidrProblem(cidr);
    setTypo(problem);
    if (problem) return;
    if (await action.run(() => client.security.ipAllowlist.create({ cidr, ...(label ? { label } : {}) }))) {
      formElement.reset();
      entries.reload();
      onChanged();
    }
  };
  const remove = (id: string, cidr: string) =>
    ask({
      title: `Remove ${cidr}?`,
      description: 'Requests from this network are refused at once unless another entry covers them.',
      withReason: false,
      confirmLabel: 'Remove',
      danger: true,
      onConfirm: async () => {
        if (await action.run(async () => (await client.security.ipAllowlist.delete(id), true))) {
          entries.reload();
          onChanged();
        }
      },
    });

  const list = entries.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="allowlist-title">
      <h2 id="allowlist-title">IP allowlist</h2>
      <p className="muted">
        {list.length
          ? 'Sign-in and every request with your tokens and API keys must come from one of these networks.'
          : 'Off: your account can be used from any address. Add a network to allow only it (start with the one you are on).'}
      </p>
      <ApiStatus error={entries.error} loading={entries.loading && !entries.data} />
      {list.length > 0 && (
        <table className="stack">
          <thead>
            <tr>
              <th>Network</th>
              <th>Label</th>
              <th>Added</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => (
              <tr key={entry.id}>
                <td data-label="Network" className="mono">
                  {entry.cidr}
                </td>
                <td data-label="Label">{entry.label ?? ''}</td>
                <td data-label="Added">{formatTime(entry.created_at)}</td>
                <td className="actions">
                  <button type="button" className="danger" disabled={action.busy} onClick={() => remove(entry.id, entry.cidr)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="row wrap" onSubmit={add} noValidate>
        <label>
          Network (CIDR)
          <input name="cidr" required placeholder="203.0.113.0/24" aria-invalid={typo ? true : undefined} aria-describedby="cidr-problem" />
        </label>
        <label>
          Label (optional)
          <input name="label" maxLength={100} placeholder="Office" />
        </label>
        <button type="submit" disabled={action.busy}>
          Add network
        </button>
      </form>
      <p id="cidr-problem" className={typo ? 'notice error' : 'sr-only'} role={typo ? 'alert' : undefined}>
        {typo ?? ''}
      </p>
      <ErrorLine error={action.error} />
    </section>
  );
}
