import type { FormEvent } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatBps, formatMoney } from '../../components/format.ts';

/** A major-unit form value as Money in minor units. */
const money = (value: FormDataEntryValue | null, currency: string) => ({ amount: Math.round(Number(value) * 100), currency });

/** Markup, surcharges, tier discounts (read here, edited per tier) and per service/country overrides. */
export function AdminPricing() {
  const pricing = useApi(() => client.admin.pricing.retrieve(), []);
  const overrides = useApi(() => client.admin.pricing.overrides.list({ limit: 100 }), []);
  const action = useAction();

  const savePricing = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currency = pricing.data?.currency ?? 'USD';
    if (
      await action.run(() =>
        client.admin.pricing.update({
          default_markup_bps: Math.round(Number(form.get('markup')) * 100),
          surcharges: { area_code: money(form.get('area_code'), currency), carrier: money(form.get('carrier'), currency) },
        }),
      )
    )
      pricing.reload();
  };
  const addOverride = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const base = {
      service: String(form.get('service')).trim(),
      country: String(form.get('country')).trim().toUpperCase(),
      ...(form.get('tier_id') ? { tier_id: String(form.get('tier_id')) } : {}),
    };
    const value = Number(form.get('value'));
    const created = await action.run(() =>
      client.admin.pricing.overrides.create(
        form.get('mode') === 'fixed_price'
          ? { ...base, mode: 'fixed_price', price: { amount: Math.round(value * 100), currency: pricing.data?.currency ?? 'USD' } }
          : { ...base, mode: 'markup', markup_bps: Math.round(value * 100) },
      ),
    );
    if (created) {
      formElement.reset();
      overrides.reload();
    }
  };

  return (
    <section aria-label="Pricing">
      <ErrorLine error={action.error} />
      <ApiStatus error={pricing.error} loading={pricing.loading && !pricing.data} />
      {pricing.data && (
        <form className="card row wrap" onSubmit={savePricing} key={pricing.data.updated_at}>
          <label>
            Markup (%) <input name="markup" type="number" step="0.01" min="0" defaultValue={pricing.data.default_markup_bps / 100} />
          </label>
          <label>
            Area code surcharge{' '}
            <input name="area_code" type="number" step="0.01" min="0" defaultValue={pricing.data.surcharges.area_code.amount / 100} />
          </label>
          <label>
            Carrier surcharge{' '}
            <input name="carrier" type="number" step="0.01" min="0" defaultValue={pricing.data.surcharges.carrier.amount / 100} />
          </label>
          <button type="submit" disabled={action.busy}>
            Save pricing
          </button>
          <p className="muted">
            Tier discounts: {pricing.data.tier_discounts.map((t) => `${t.name} ${formatBps(t.discount_bps)}`).join(', ')}
          </p>
        </form>
      )}
      <h3>Overrides</h3>
      <ApiStatus error={overrides.error} />
      <ul>
        {overrides.data?.data.map((o) => (
          <li key={o.id}>
            {o.service} · {o.country}
            {o.tier_id && ` · ${o.tier_id}`}: {o.mode === 'fixed_price' ? formatMoney(o.price) : `markup ${formatBps(o.markup_bps)}`}{' '}
            <button
              type="button"
              className="link"
              onClick={async () => {
                if (await action.run(async () => (await client.admin.pricing.overrides.delete(o.id), true))) overrides.reload();
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="card row wrap" onSubmit={addOverride}>
        <label>
          Service <input name="service" required />
        </label>
        <label>
          Country <input name="country" required maxLength={2} size={3} />
        </label>
        <label>
          Tier (optional) <input name="tier_id" />
        </label>
        <label>
          Mode{' '}
          <select name="mode">
            <option value="fixed_price">fixed price (USD)</option>
            <option value="markup">markup (%)</option>
          </select>
        </label>
        <label>
          Value <input name="value" type="number" step="0.01" min="0" required />
        </label>
        <button type="submit" disabled={action.busy}>
          Add override
        </button>
      </form>
    </section>
  );
}
