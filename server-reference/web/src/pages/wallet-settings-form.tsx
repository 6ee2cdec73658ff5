import type { FormEvent } from 'react';
import type { Wallet } from '@namaskah/sdk';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorLine } from '../components/api-status.tsx';
import { formatMoney, formatTime } from '../components/format.ts';

const cents = (dollars: FormDataEntryValue | null) => Math.round(Number(dollars) * 100);
const dollars = (amount: number) => (amount / 100).toFixed(2);

/**
 * The owner's low-balance alert and automatic top-up (`PATCH /v1/wallet`). The server checks the
 * combination (an automatic top-up needs an amount and a threshold above 0) and its refusal is shown
 * as it says it; `onSaved` gets the wallet as the server now has it.
 */
export function WalletSettingsForm({ wallet, onSaved }: { wallet: Wallet; onSaved: () => void }) {
  const save = useAction();
  const { auto_top_up: auto } = wallet;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await save.run(() =>
      client.wallet.update({
        low_balance_threshold: cents(form.get('threshold')),
        auto_top_up: {
          enabled: form.get('auto-enabled') === 'on',
          amount: cents(form.get('auto-amount')),
          at_most_once_per: form.get('auto-period') === 'hour' ? 'hour' : 'day',
        },
      }),
    );
    if (saved) onSaved();
  };

  return (
    <form className="card" aria-labelledby="wallet-settings-title" onSubmit={submit}>
      <h2 id="wallet-settings-title">Low balance alert and automatic top-up</h2>
      <label>
        Alert below (USD)
        <input
          name="threshold"
          type="number"
          min="0"
          max="10000"
          step="0.01"
          defaultValue={dollars(wallet.low_balance_threshold.amount)}
          required
        />
      </label>
      <fieldset>
        <legend>Automatic top-up</legend>
        <label className="inline">
          <input name="auto-enabled" type="checkbox" defaultChecked={auto.enabled} />
          Top up automatically when the balance falls below the alert
        </label>
        <div className="row wrap">
          <label>
            Amount (USD)
            <input
              name="auto-amount"
              type="number"
              min="5"
              max="1000"
              step="0.01"
              defaultValue={dollars(auto.amount?.amount ?? 2000)}
              required
            />
          </label>
          <label>
            At most once per
            <select name="auto-period" defaultValue={auto.at_most_once_per}>
              <option value="hour">hour</option>
              <option value="day">day</option>
            </select>
          </label>
        </div>
        <p className="muted">
          {auto.last_triggered_at
            ? `Last started ${formatTime(auto.last_triggered_at)}${auto.amount ? ` (${formatMoney(auto.amount)})` : ''}; it waits under pending top-ups until paid.`
            : 'Each automatic top-up is a pending top-up, paid at its checkout like any other.'}
        </p>
      </fieldset>
      <button type="submit" disabled={save.busy}>
        Save settings
      </button>
      <ErrorLine error={save.error} />
    </form>
  );
}
