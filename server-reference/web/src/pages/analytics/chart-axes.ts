import type { AnalyticsTimeseries } from '@namaskah/sdk';

/** How a series is drawn: its values in the unit people read, and the axis title that names that unit. */
export interface PlottedUnit {
  /** The API value (minor units, basis points, milliseconds, a count) in the plotted unit. */
  plot: (value: number) => number;
  /** The y-axis title, e.g. `Spend (USD)`, `Success rate (%)`, `Verifications (count)`. */
  title: string;
  /** Counts only take whole-number ticks. */
  wholeNumbers: boolean;
}

const name = (metric: string) => {
  const words = metric.replaceAll('_', ' ').replace(/ p90$/, ' (90th percentile)');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The plotted unit of a series: money in major units of its currency, rates in percent, durations in seconds, counts whole. */
export function plottedUnit(series: Pick<AnalyticsTimeseries, 'metric' | 'unit' | 'currency'>): PlottedUnit {
  switch (series.unit) {
    case 'minor_units':
      return { plot: (v) => v / 100, title: `${name(series.metric)} (${series.currency ?? 'USD'})`, wholeNumbers: false };
    case 'bps':
      return { plot: (v) => v / 100, title: `${name(series.metric)} (%)`, wholeNumbers: false };
    case 'ms':
      return { plot: (v) => v / 1000, title: `${name(series.metric)} (seconds)`, wholeNumbers: false };
    default:
      return { plot: (v) => v, title: `${name(series.metric)} (count)`, wholeNumbers: true };
  }
}

/** A Chart.js value axis from zero with a title; whole-number ticks (never 0.5 of a verification) for counts. */
export function valueAxis(title: string, wholeNumbers: boolean) {
  return {
    beginAtZero: true,
    title: { display: true, text: title },
    ticks: wholeNumbers ? { precision: 0 } : {},
  };
}

/** A Chart.js category axis with a title (`Day`, `Service`). */
export function categoryAxis(title: string) {
  return { title: { display: true, text: title.charAt(0).toUpperCase() + title.slice(1) } };
}
