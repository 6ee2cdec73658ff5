import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRemaining } from '../src/components/format-duration.ts';

test('time left reads as m:ss, h:mm:ss from an hour, rounded up to the second, never negative', () => {
  assert.equal(formatRemaining(125_000), '2:05');
  assert.equal(formatRemaining(59_001), '1:00');
  assert.equal(formatRemaining(3_600_000 + 61_000), '1:01:01');
  assert.equal(formatRemaining(0), '0:00');
  assert.equal(formatRemaining(-5_000), '0:00');
});
