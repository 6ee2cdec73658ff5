import type { Money } from '@namaskah/sdk';

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units to a localised amount: `{ amount: 1250, currency: 'USD' }` -> `$12.50`. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  let formatter = formatters.get(money.currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency });
    formatters.set(money.currency, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(money.amount / 10 ** digits);
}

/** An RFC 3339 timestamp in the reader's locale and zone. */
export function formatTime(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : '—';
}

/** Basis points to a percentage: 9250 -> `92.5%`. */
export function formatBps(bps: number | null | undefined): string {
  return bps === null || bps === undefined ? '—' : `${(bps / 100).toFixed(1)}%`;
}
