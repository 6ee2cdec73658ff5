import type { AdminUpdateTierRequest, Tier, TierFeatures } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatBps, formatTime } from '../../components/format.ts';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';

const FEATURES: ReadonlyArray<readonly [keyof TierFeatures, string]> = [
  ['api_access', 'API keys'],
  ['webhooks', 'Webhooks'],
  ['area_code_selection', 'Area code and carrier choice'],
];

/** The tier's settings as the form holds them, and what differs from the tier as saved. */
function changesOf(tier: Tier, form: FormData): { update: AdminUpdateTierRequest; summary: string[] } {
  const update: AdminUpdateTierRequest = {};
  const summary: string[] = [];
  const discount = Math.round(Number(form.get('discount')) * 100);
  if (discount !== tier.discount_bps) {
    update.discount_bps = discount;
    summary.push(`discount ${formatBps(tier.discount_bps)} → ${formatBps(discount)}`);
  }
  const rateLimit = Number(form.get('rate_limit'));
  if (rateLimit !== tier.rate_limit_per_minute) {
    update.rate_limit_per_minute = rateLimit;
    summary.push(`rate limit ${tier.rate_limit_per_minute} → ${rateLimit} requests per minute`);
  }
  const features = Object.fromEntries(FEATURES.map(([key]) => [key, form.get(key) === 'on'])) as unknown as TierFeatures;
  const flipped = FEATURES.filter(([key]) => features[key] !== tier.features[key]);
  if (flipped.length) {
    update.features = features;
    for (const [key, label] of flipped) summary.push(`${label} ${features[key] ? 'on' : 'off'}`);
  }
  return { update, summary };
}

/** One tier as a form: discount, rate limit and feature gates; Save asks first, saying what changes. */
function TierForm({ tier, onSaved }: { tier: Tier; onSaved: () => void }) {
  const action = useAction();
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { update, summary } = changesOf(tier, new FormData(event.currentTarget));
    setUnchanged(summary.length === 0);
    if (summary.length === 0) return;
    setAsking({
      title: `Change the ${tier.name} tier?`,
      description: `${summary.join('; ')}. This applies at once to every account on the tier.`,
      withReason: false,
      confirmLabel: 'Save tier',
      onConfirm: async () => {
        if (await action.run(() => client.admin.tiers.update(tier.id, update))) onSaved();
      },
    });
  };
  return (
    <>
      <form className="card" onSubmit={save} aria-label={`${tier.name} tier`}>
        <div className="row spread wrap">
          <h3>{tier.name}</h3>
          <small className="muted">changed {formatTime(tier.updated_at)}</small>
        </div>
        <div className="row wrap">
          <label>
            Discount (%)
            <input name="discount" type="number" min={0} max={100} step={0.01} required defaultValue={tier.discount_bps / 100} />
          </label>
          <label>
            Rate limit (requests per minute)
            <input name="rate_limit" type="number" min={1} max={100000} step={1} required defaultValue={tier.rate_limit_per_minute} />
          </label>
        </div>
        <fieldset>
          <legend>Features</legend>
          {FEATURES.map(([key, label]) => (
            <label key={key} className="inline">
              <input type="checkbox" name={key} defaultChecked={tier.features[key]} /> {label}
            </label>
          ))}
        </fieldset>
        {unchanged && <p className="muted">Nothing to save: the form matches the tier.</p>}
        <ErrorLine error={action.error} />
        <button type="submit" disabled={action.busy}>
          Save {tier.name}
        </button>
      </form>
      <ReasonDialog request={asking} onClose={() => setAsking(null)} />
    </>
  );
}

/** The tiers (discount, rate limit, feature gates), each edited through its own form and a confirm dialog. */
export function AdminTiers() {
  const tiers = useApi(() => client.admin.tiers.list({ limit: 100 }), []);
  return (
    <section aria-label="Tiers">
      <ApiStatus error={tiers.error} loading={tiers.loading && !tiers.data} />
      {tiers.data?.data.map((tier) => (
        <TierForm key={`${tier.id}-${tier.updated_at}`} tier={tier} onSaved={tiers.reload} />
      ))}
    </section>
  );
}
