import type { Translator } from '../../i18n/index.ts';

/** Basis points as a percentage in the reader's locale: 9650 -> `96.5%` (`96,5 %` in Spanish). */
export function percentText(bps: number, t: Translator): string {
  return new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 }).format(bps / 10_000);
}

/** A change in basis points with its sign: relative changes as `+12.5%`, rate differences as `+2.5 pts`. */
export function changeText(bps: number, t: Translator, ofRate: boolean): string {
  if (ofRate) {
    const points = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(bps / 100);
    return t.t('report.points', { points });
  }
  return new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(bps / 10_000);
}

/** Milliseconds as a reader measures them: `850 ms`, `12.4 s`, `3.5 min`. */
export function durationText(ms: number, t: Translator): string {
  const unit = (value: number, name: 'millisecond' | 'second' | 'minute') =>
    new Intl.NumberFormat(t.locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  if (ms < 1000) return unit(ms, 'millisecond');
  if (ms < 60_000) return unit(ms / 1000, 'second');
  return unit(ms / 60_000, 'minute');
}
