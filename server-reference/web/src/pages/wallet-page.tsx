import { type FormEvent, useState } from 'react';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { useApi } from '../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../components/api-status.tsx';
import { formatMoney, formatTime } from '../components/format.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { focusField } from '../components/focus-field.ts';
import { Pager } from '../components/pager.tsx';
import { useLiveEvents } from '../live/live-events.tsx';
import { WalletSettingsForm } from './wallet-settings-form.tsx';

/**
 * Balance, the append-only ledger, top-ups through the payment provider's checkout page, and the
 * low-balance alert with the automatic top-up.
 */
export function WalletPage() {
  const wallet = useApi(() => client.wallet.retrieve(), []);
  const [cursors, setCursors] = useState<string[]>([]);
  const ledger = useApi(
    () => client.wallet.ledgerEntries.list({ limit: 20, ...(cursors.length ? { starting_after: cursors.at(-1) } : {}) }),
    [cursors],
  );
  const topUp = useAction();
  useLiveEvents((event) => {
    if (['balance.credited', 'credit.deducted', 'refund.issued'].includes(event.type)) {
      wallet.reload();
      ledger.reload();
    }
  });

  const startTopUp = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const dollars = Number(new FormData(event.currentTarget).get('amount'));
    const created = await topUp.run(() =>
      client.wallet.topUps.create({
        amount: Math.round(dollars * 100),
        return_url: `${window.location.origin}/wallet`,
      }),
    );
    // the checkout is the payment provider's page (the sandbox one on a development server)
    if (created) window.location.assign(created.checkout_url);
  };

  return (
    <main>
      <h1>Wallet</h1>
      <ApiStatus error={wallet.error} loading={wallet.loading && !wallet.data} />
      {wallet.data && (
        <section className="card">
          <p className="balance">
            Balance <strong data-testid="balance">{formatMoney(wallet.data.balance)}</strong>
          </p>
          {wallet.data.pending_top_ups.count > 0 && (
            <p className="muted">
              {wallet.data.pending_top_ups.count} top-up(s) pending: {formatMoney(wallet.data.pending_top_ups.amount)}
            </p>
          )}
        </section>
      )}
      <form className="card row" onSubmit={startTopUp}>
        <label>
          Top up (USD)
          <input id="top-up-amount" name="amount" type="number" min="1" step="0.01" defaultValue="10" required />
        </label>
        <button type="submit" disabled={topUp.busy}>
          Go to checkout
        </button>
        <ErrorLine error={topUp.error} />
      </form>
      {wallet.data && (
        <WalletSettingsForm
          key={JSON.stringify(wallet.data.auto_top_up) + wallet.data.low_balance_threshold.amount}
          wallet={wallet.data}
          onSaved={wallet.reload}
        />
      )}
      <h2>Ledger</h2>
      <ApiStatus error={ledger.error} loading={ledger.loading && !ledger.data} />
      {ledger.data?.data.length === 0 && (
        <EmptyState
          title="No money has moved yet: a top-up is the first entry."
          action={
            <button type="button" onClick={() => focusField('top-up-amount')}>
              Top up
            </button>
          }
        />
      )}
      {ledger.data && ledger.data.data.length > 0 && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>Type</th>
                <th>Amount</th>
                <th>Balance after</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {ledger.data.data.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="When">{formatTime(entry.created_at)}</td>
                  <td data-label="Type">{entry.type.replace('_', ' ')}</td>
                  <td data-label="Amount" className={entry.amount.amount < 0 ? 'negative' : 'positive'}>
                    {formatMoney(entry.amount)}
                  </td>
                  <td data-label="Balance after">{formatMoney(entry.balance_after)}</td>
                  <td data-label="Reason">{entry.reason ?? entry.verification_id ?? entry.top_up_id ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={ledger.data?.has_more ? ledger.data.next_cursor : null} onChange={setCursors} />
    </main>
  );
}
