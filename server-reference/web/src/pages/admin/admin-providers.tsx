import type { AdminUpdateProviderRequest, ProviderStatus } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatBps, formatMoney, formatTime } from '../../components/format.ts';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';

/** The upstream providers: health, success rate and balance; enable or disable, and the routing priority, each confirmed first. */
export function AdminProviders() {
  const providers = useApi(() => client.admin.providers.list({ limit: 100 }), []);
  const action = useAction();
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const [priorities, setPriorities] = useState<Record<string, string>>({});
  const confirmUpdate = (provider: ProviderStatus, update: AdminUpdateProviderRequest, title: string, description: string) =>
    setAsking({
      title,
      description,
      withReason: false,
      confirmLabel: 'Confirm',
      danger: update.enabled === false,
      onConfirm: async () => {
        if (await action.run(() => client.admin.providers.update(provider.id, update))) {
          setPriorities(({ [provider.id]: _, ...rest }) => rest);
          providers.reload();
        }
      },
    });
  return (
    <section aria-label="Providers">
      <ErrorLine error={action.error} />
      <ApiStatus error={providers.error} loading={providers.loading && !providers.data} />
      {providers.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>Provider</th>
                <th>Health</th>
                <th>Success (24 h)</th>
                <th>Balance</th>
                <th>Last error</th>
                <th>Priority</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {providers.data.data.map((provider) => {
                const priority = priorities[provider.id] ?? String(provider.priority);
                const priorityChanged = Number(priority) !== provider.priority;
                return (
                  <tr key={provider.id} data-testid={`provider-${provider.slug}`}>
                    <td data-label="Provider">
                      {provider.name} <small className="muted">{provider.enabled ? 'enabled' : 'disabled'}</small>
                    </td>
                    <td data-label="Health">
                      <span className={`badge ${provider.status}`}>{provider.status}</span>
                    </td>
                    <td data-label="Success (24 h)">
                      {provider.success_rate === null ? 'no purchases' : formatBps(provider.success_rate)}
                    </td>
                    <td data-label="Balance">{provider.balance ? formatMoney(provider.balance) : 'not reported'}</td>
                    <td data-label="Last error">
                      {provider.last_error ? `${provider.last_error.message} (${formatTime(provider.last_error.occurred_at)})` : 'none'}
                    </td>
                    <td data-label="Priority">
                      <input
                        aria-label={`Priority of ${provider.name}`}
                        type="number"
                        min={1}
                        max={1000}
                        size={5}
                        value={priority}
                        onChange={(e) => setPriorities((p) => ({ ...p, [provider.id]: e.target.value }))}
                      />
                    </td>
                    <td className="actions">
                      {priorityChanged && (
                        <button
                          type="button"
                          disabled={action.busy || !Number.isInteger(Number(priority)) || Number(priority) < 1}
                          onClick={() =>
                            confirmUpdate(
                              provider,
                              { priority: Number(priority) },
                              `Route ${provider.name} at priority ${priority}?`,
                              `Now ${provider.priority}; providers are tried in ascending priority (1 first).`,
                            )
                          }
                        >
                          Save priority
                        </button>
                      )}
                      <button
                        type="button"
                        className={provider.enabled ? 'danger' : ''}
                        disabled={action.busy}
                        onClick={() =>
                          confirmUpdate(
                            provider,
                            { enabled: !provider.enabled },
                            `${provider.enabled ? 'Disable' : 'Enable'} ${provider.name}?`,
                            provider.enabled
                              ? 'No new verification is routed to it; those already bought from it run to their end.'
                              : 'New verifications may be routed to it again, by priority.',
                          )
                        }
                      >
                        {provider.enabled ? 'Disable' : 'Enable'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ReasonDialog request={asking} onClose={() => setAsking(null)} />
    </section>
  );
}
