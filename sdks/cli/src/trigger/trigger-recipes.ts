import type { Namaskah, Verification } from '@namaskah/sdk';

/** One real call a recipe made, for the report (`bought ver_...`). */
export interface TriggerStep {
  action: string;
  id: string;
}

export interface TriggerOptions {
  service?: string;
  country?: string;
}

type Recipe = (client: Namaskah, options: TriggerOptions) => Promise<TriggerStep[]>;

/** A purchase of the first available offer (or the one named), which the sandbox simulator fills. */
async function purchase(client: Namaskah, options: TriggerOptions): Promise<Verification> {
  let { service, country } = options;
  if (!service || !country) {
    const offer = (await client.prices.list({ available: true, limit: 100 }).toArray({ limit: 100 })).find(
      (p) => p.available && (!service || p.service === service) && (!country || p.country === country),
    );
    if (!offer) throw new Error('no available offer to buy (try --service and --country)');
    service = offer.service;
    country = offer.country;
  }
  return client.verifications.create({ service, country });
}

const bought = (v: Verification): TriggerStep => ({ action: `bought ${v.service}/${v.country} ${v.phone_number ?? ''}`.trim(), id: v.id });

const buy: Recipe = async (client, options) => [bought(await purchase(client, options))];

const buyAndReceiveSms: Recipe = async (client, options) => {
  const verification = await purchase(client, options);
  const sms = await client.verifications.sandboxSms.create(verification.id, {
    text: 'Your verification code is 482913',
    from: 'namaskah trigger',
  });
  return [bought(verification), { action: 'injected a sandbox SMS', id: (sms as { id?: string }).id ?? verification.id }];
};

const buyAndCancel: Recipe = async (client, options) => {
  const verification = await purchase(client, options);
  const cancelled = await client.verifications.cancel(verification.id, { note: 'namaskah trigger' });
  return [bought(verification), { action: `cancelled (${cancelled.refunded ? 'refunded' : 'not refunded'})`, id: cancelled.id }];
};

/** A sandbox top-up paid on the sandbox provider's checkout page: the provider's signed callback credits it. */
const payTopUp: Recipe = async (client) => {
  const topUp = await client.wallet.topUps.create({ amount: 500 });
  const response = await fetch(`${topUp.checkout_url}?outcome=succeeded`, { method: 'POST', redirect: 'manual' });
  await response.body?.cancel();
  if (response.status >= 400) throw new Error(`the sandbox checkout answered ${response.status}: is this a sandbox server?`);
  return [
    { action: 'created a top-up of 5.00', id: topUp.id },
    { action: 'paid it at the sandbox checkout', id: topUp.id },
  ];
};

/** How each event type is produced for real in the sandbox; the rest cannot be by a plain user. */
export const TRIGGER_RECIPES: Readonly<Record<string, Recipe>> = {
  'verification.created': buy,
  'credit.deducted': buy,
  'sms.received': buyAndReceiveSms,
  'verification.completed': buyAndReceiveSms,
  'verification.cancelled': buyAndCancel,
  'refund.issued': buyAndCancel,
  'balance.credited': payTopUp,
};

/** Why the other catalog types cannot be triggered by a plain user. */
export const NOT_TRIGGERABLE: Readonly<Record<string, string>> = {
  'verification.expired': 'needs a verification to reach expires_at (20 minutes) with no code',
  'verification.failed': 'needs a provider failure, which only the operator can configure (simulator failure rate)',
  'balance.low': "follows the account's low-balance threshold, crossed by spending: not on demand",
  'announcement.published': 'an admin publishes announcements',
};
