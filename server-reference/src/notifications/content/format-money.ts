/** `{ amount: 250, currency: 'USD' }` -> `$2.50`; minor units, never floats in storage, only in display. */
export function formatMoney(money: { amount: number; currency: string } | null | undefined, locale = 'en'): string {
  if (!money) return 'an amount';
  try {
    const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
    return formatter.format(Math.abs(money.amount) / 10 ** digits);
  } catch {
    return `${Math.abs(money.amount)} ${money.currency} minor units`;
  }
}
