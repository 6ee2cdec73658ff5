import type { Verification } from '@namaskah/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatBps, formatMoney } from '../../components/format.ts';
import { useBalance } from '../../live/balance.tsx';
import { setSoundEnabled, soundEnabled } from '../../live/beep.ts';
import { useLiveEvents } from '../../live/live-events.tsx';
import { Link } from '../../routing/router.tsx';
import { useAreaCodes, useCountries, usePriceListing, useServices } from './use-catalog.ts';
import { useCatalogNames } from './use-catalog-names.ts';
import { VerificationCard } from './verification-card.tsx';

/**
 * Pick a service, a country and optionally an area code; see the live price (the quote is the price
 * charged); buy; then watch the code arrive over the real-time channel.
 */
export function BuyPage() {
  const [service, setService] = useState('');
  const [country, setCountry] = useState('');
  const [areaCode, setAreaCode] = useState('');
  const [current, setCurrent] = useState<Verification | null>(null);
  const [sound, setSound] = useState(soundEnabled);
  const services = useServices();
  const countries = useCountries(service);
  const selectedCountry = countries.data?.find((c) => c.code === country);
  const areaCodes = useAreaCodes(service, selectedCountry);
  const quote = useApi(
    () =>
      service && country
        ? client.prices.quote({ service, country, ...(areaCode ? { area_code: areaCode } : {}) })
        : Promise.resolve(undefined),
    [service, country, areaCode],
  );
  const listing = usePriceListing(service, country);
  const buying = useAction();
  const names = useCatalogNames(services.data);
  const { balance, reload: reloadBalance } = useBalance();
  // the server refuses a purchase above the balance (402); say so before the person tries
  const shortOfFunds = Boolean(quote.data && balance && balance.amount < quote.data.price.amount);
  // the verification still being waited on survives a reload: the newest pending one, if any
  const waiting = useApi(() => client.verifications.list({ status: 'pending', limit: 1 }), []);
  const latestPending = waiting.data?.data[0];
  useEffect(() => {
    if (latestPending) setCurrent((shown) => shown ?? latestPending);
  }, [latestPending]);

  useLiveEvents((event) => {
    if (!current) return;
    if (event.type === 'sms.received') {
      // another code on the same number changes the verification without a verification.* event
      const { verification_id } = event.data as { verification_id?: string };
      if (verification_id === current.id) void client.verifications.retrieve(current.id).then(setCurrent, () => undefined);
      return;
    }
    if (!event.type.startsWith('verification.')) return;
    const data = event.data as Verification;
    if (data.id === current.id) setCurrent(data);
  });

  const buy = async (event: FormEvent) => {
    event.preventDefault();
    const created = await buying.run(() =>
      client.verifications.create({
        service,
        country,
        ...(areaCode ? { area_code: areaCode } : {}),
        // the quoted price is a ceiling: never charge more than what the person saw
        ...(quote.data ? { max_price: quote.data.price.amount } : {}),
      }),
    );
    if (created) setCurrent(created);
    reloadBalance();
  };

  return (
    <main>
      <h1>Buy a verification</h1>
      <ApiStatus error={services.error} />
      <form className="card" onSubmit={buy}>
        <label>
          Service
          <select
            value={service}
            onChange={(e) => {
              setService(e.target.value);
              setCountry('');
              setAreaCode('');
            }}
            required
          >
            <option value="">Choose a service</option>
            {services.data?.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Country
          <select
            value={country}
            onChange={(e) => {
              setCountry(e.target.value);
              setAreaCode('');
            }}
            required
            disabled={!service}
          >
            <option value="">Choose a country</option>
            {countries.data?.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.dial_code})
              </option>
            ))}
          </select>
        </label>
        {selectedCountry?.area_code_selection && (
          <label>
            Area code (optional)
            <select value={areaCode} onChange={(e) => setAreaCode(e.target.value)}>
              <option value="">Any</option>
              {areaCodes.data?.map((a) => (
                <option key={a.area_code} value={a.area_code}>
                  {a.area_code}
                  {a.region ? ` ${a.region}` : ''} (+{formatMoney(a.surcharge)})
                </option>
              ))}
            </select>
          </label>
        )}
        <p className="price" aria-live="polite" data-testid="price">
          {quote.data ? (
            <>
              Price: <strong>{formatMoney(quote.data.price)}</strong>
            </>
          ) : service && country && quote.loading ? (
            'Getting the price…'
          ) : (
            'Choose a service and a country to see the price.'
          )}
        </p>
        {listing.data && (
          <p className="offer-quality" data-testid="offer-quality">
            Delivery success (last 7 days):{' '}
            <strong data-testid="success-rate">
              {listing.data.success_rate === null ? 'no data yet' : formatBps(listing.data.success_rate)}
            </strong>
            {' · '}In stock:{' '}
            <strong data-testid="stock">{listing.data.stock === null ? 'not reported' : listing.data.stock.toLocaleString('en-US')}</strong>
          </p>
        )}
        {shortOfFunds && (
          <p className="notice" data-testid="short-of-funds">
            Your balance ({formatMoney(balance)}) is below the price. <Link href="/wallet">Top up your wallet</Link> to buy.
          </p>
        )}
        <ErrorLine error={quote.error} />
        <ErrorLine error={buying.error} />
        <div className="row">
          <button type="submit" disabled={!quote.data || shortOfFunds || buying.busy}>
            Buy number
          </button>
          <label className="inline">
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                setSound(e.target.checked);
                setSoundEnabled(e.target.checked);
              }}
            />
            Play a sound when the code arrives
          </label>
        </div>
      </form>
      {current && <VerificationCard verification={current} names={names} onChange={setCurrent} />}
    </main>
  );
}
