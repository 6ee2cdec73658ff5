import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plottedUnit, valueAxis } from '../src/pages/analytics/chart-axes.ts';

test('counts are plotted whole, on whole-number ticks, with "count" on the axis', () => {
  const unit = plottedUnit({ metric: 'verifications', unit: 'count', currency: null });
  assert.equal(unit.title, 'Verifications (count)');
  assert.equal(unit.plot(7), 7);
  assert.deepEqual(valueAxis(unit.title, unit.wholeNumbers).ticks, { precision: 0 });
});

test('money, rates and durations are plotted in the unit people read, named on the axis', () => {
  const spend = plottedUnit({ metric: 'spend', unit: 'minor_units', currency: 'EUR' });
  assert.equal(spend.title, 'Spend (EUR)');
  assert.equal(spend.plot(1250), 12.5);
  const rate = plottedUnit({ metric: 'success_rate', unit: 'bps', currency: null });
  assert.equal(rate.title, 'Success rate (%)');
  assert.equal(rate.plot(9650), 96.5);
  const time = plottedUnit({ metric: 'time_to_code_p90', unit: 'ms', currency: null });
  assert.equal(time.title, 'Time to code (90th percentile) (seconds)');
  assert.equal(time.plot(12_400), 12.4);
  assert.deepEqual(valueAxis(spend.title, spend.wholeNumbers).ticks, {}, 'money may take fractional ticks');
});
