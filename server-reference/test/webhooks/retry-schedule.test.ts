import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/webhooks/dispatch/retry-schedule.ts';
import { createWebhookModule } from '../../src/webhooks/index.ts';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const SCHEDULE_S = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

describe('retry delays', () => {
  it('follow the schedule with at most ±10 % jitter, and stop after the last step', () => {
    const schedule = SCHEDULE_S.map((s) => s * 1000);
    for (let step = 1; step <= schedule.length; step++) {
      expect(retryDelayMs(schedule, step, 0.1, () => 0)).toBe(Math.round(schedule[step - 1]! * 0.9));
      expect(retryDelayMs(schedule, step, 0.1, () => 1)).toBe(Math.round(schedule[step - 1]! * 1.1));
      expect(retryDelayMs(schedule, step, 0.1, () => 0.5)).toBe(schedule[step - 1]);
    }
    expect(retryDelayMs(schedule, schedule.length + 1, 0.1)).toBeNull();
  });
});

describe.each(DRIVERS)('retries on a controllable clock (%s)', (driver) => {
  let h: WebhookHarness;
  let receiver: WebhookReceiver;
  const random = { value: 0.5 };
  beforeEach(async () => {
    h = await createWebhookHarness(driver, { clockStart: Date.parse('2026-11-24T10:00:00Z'), random: () => random.value });
    receiver = await startReceiver();
    receiver.respond((_req, res) => {
      res.writeHead(503);
      res.end();
    });
  });
  afterEach(async () => {
    await receiver.close();
    await h.close();
  });

  it('retries 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure, then stops', async () => {
    const userId = await h.insertUser();
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    const event = committedEvent(userId);
    await h.webhooks.handleEvent(event);

    const attemptTimes: number[] = [];
    for (let attempt = 1; attempt <= SCHEDULE_S.length; attempt++) {
      // not due a millisecond early
      if (attempt > 1) {
        h.clock!.advance(SCHEDULE_S[attempt - 1]! * 1000 - 1);
        expect(await h.webhooks.worker.runDue()).toBe(0);
        h.clock!.advance(1);
      }
      expect(await h.webhooks.worker.runDue()).toBe(1);
      attemptTimes.push(h.clock!.now());
    }
    expect(receiver.received).toHaveLength(8);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([event.id]));
    // nothing more, however long we wait
    h.clock!.advance(7 * 86_400_000);
    expect(await h.webhooks.worker.runDue()).toBe(0);

    const rows = await h.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', id).orderBy('attempt').execute();
    expect(rows.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((r) => r.trigger)).toEqual(['event', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry']);
    expect(rows.every((r) => r.status === 'failed')).toBe(true);
    expect(rows.map((r) => r.next_attempt_at?.getTime() ?? null)).toEqual([...attemptTimes.slice(1), null]);
    expect(rows.map((r) => r.attempted_at!.getTime())).toEqual(attemptTimes);
  });

  it('spreads retries by the jitter, within ±10 %', async () => {
    const userId = await h.insertUser();
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    random.value = 0;
    await h.webhooks.handleEvent(committedEvent(userId));
    await h.webhooks.worker.runDue();
    random.value = 1;
    h.clock!.advance(4500);
    await h.webhooks.worker.runDue();
    const rows = await h.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', id).orderBy('attempt').execute();
    expect(rows[0]!.next_attempt_at!.getTime() - rows[0]!.attempted_at!.getTime()).toBe(4500);
    expect(rows[1]!.next_attempt_at!.getTime() - rows[1]!.attempted_at!.getTime()).toBe(330_000);
  });

  it('takes the schedule from configuration', async () => {
    // a second module on the same database, configured otherwise
    const custom = createWebhookModule({
      db: h.server.database.db,
      config: { ...h.webhooks.config, retryScheduleMs: [0, 1000] },
      clock: h.clock!,
      random: () => 0.5,
    });
    try {
      const userId = await h.insertUser();
      await custom.endpoints.create(userId, { url: `${receiver.url}/hook`, event_types: ['*'] });
      await custom.handleEvent(committedEvent(userId));
      expect(await custom.worker.runDue()).toBe(1);
      h.clock!.advance(999);
      expect(await custom.worker.runDue()).toBe(0);
      h.clock!.advance(1);
      expect(await custom.worker.runDue()).toBe(1);
      h.clock!.advance(86_400_000);
      expect(await custom.worker.runDue()).toBe(0);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await custom.stop();
    }
  });
});
