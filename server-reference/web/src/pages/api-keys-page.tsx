import type { ApiKeyScope } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { useApi } from '../api/use-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { focusField } from '../components/focus-field.ts';
import { ApiStatus, ErrorLine } from '../components/api-status.tsx';
import { formatTime } from '../components/format.ts';
import { SecretOnce } from '../components/secret-once.tsx';

// a record, so the type checker fails when the contract adds a scope the form does not offer
const SCOPE_CHOICES: Record<ApiKeyScope, true> = {
  'verifications:read': true,
  'verifications:write': true,
  'wallet:read': true,
  'wallet:write': true,
  'webhooks:read': true,
  'webhooks:write': true,
  'events:read': true,
  'analytics:read': true,
  'catalog:read': true,
  'notifications:read': true,
  'notifications:write': true,
};
const SCOPES = Object.keys(SCOPE_CHOICES) as ApiKeyScope[];

/** API keys for programs: created and rotated keys are shown once; list, rotate (with a grace period), revoke. */
export function ApiKeysPage() {
  const keys = useApi(() => client.apiKeys.list({ limit: 100 }), []);
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const expires = String(form.get('expires') ?? '');
    const created = await action.run(() =>
      client.apiKeys.create({
        name: String(form.get('name')),
        scopes: SCOPES.filter((scope) => form.get(`scope-${scope}`) === 'on'),
        ...(expires ? { expires_at: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
      }),
    );
    if (created) {
      setSecret(created.secret);
      formElement.reset();
      keys.reload();
    }
  };

  return (
    <main>
      <h1>API keys</h1>
      {secret && <SecretOnce label="API key" secret={secret} onDone={() => setSecret(null)} />}
      <ErrorLine error={action.error} />
      <ApiStatus error={keys.error} loading={keys.loading && !keys.data} />
      {keys.data?.data.length === 0 && (
        <EmptyState
          title="No API keys yet: a key lets your own programs buy numbers and read codes."
          action={
            <button type="button" onClick={() => focusField('new-key-name')}>
              Create a key
            </button>
          }
        />
      )}
      {keys.data && keys.data.data.length > 0 && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Scopes</th>
                <th>Last used</th>
                <th>Expires</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.data.map((key) => (
                <tr key={key.id} className={key.revoked_at ? 'muted' : ''}>
                  <td data-label="Name">{key.name}</td>
                  <td data-label="Key" className="mono">
                    {key.prefix}…{key.revoked_at && ' (revoked)'}
                  </td>
                  <td data-label="Scopes">{key.scopes.join(', ')}</td>
                  <td data-label="Last used">{formatTime(key.last_used_at)}</td>
                  <td data-label="Expires">{formatTime(key.expires_at)}</td>
                  <td className="actions">
                    {!key.revoked_at && (
                      <>
                        <button
                          type="button"
                          disabled={action.busy}
                          onClick={async () => {
                            const rotated = await action.run(() => client.apiKeys.rotate(key.id, { grace_period_seconds: 3600 }));
                            if (rotated) {
                              setSecret(rotated.secret);
                              keys.reload();
                            }
                          }}
                        >
                          Rotate
                        </button>
                        <button
                          type="button"
                          className="danger"
                          disabled={action.busy}
                          onClick={async () => {
                            if (
                              confirm(`Revoke ${key.name}?`) &&
                              (await action.run(async () => (await client.apiKeys.delete(key.id), true)))
                            )
                              keys.reload();
                          }}
                        >
                          Revoke
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="card" onSubmit={create}>
        <h2>Create a key</h2>
        <label>
          Name <input id="new-key-name" name="name" required maxLength={100} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="inline">
              <input type="checkbox" name={`scope-${scope}`} defaultChecked={scope.endsWith(':read')} /> {scope}
            </label>
          ))}
        </fieldset>
        <label>
          Expires on (optional) <input name="expires" type="date" />
        </label>
        <button type="submit" disabled={action.busy}>
          Create key
        </button>
      </form>
    </main>
  );
}
