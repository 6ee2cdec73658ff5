import { afterAll, describe, expect, it } from 'vitest';
import { cliServer, cutConnections } from './cli-server.js';
import { collect, runCli, startCli, waitForOutput } from './run-cli.js';
import { WebhookReceiver } from './webhook-receiver.js';

/**
 * `namaskah listen` forwarding live events to a local receiver that checks Standard Webhooks signatures,
 * while `namaskah trigger` makes the sandbox produce every event type it claims, and the CLI's sockets
 * are cut in the middle: every event of the window arrives once, in order, signed.
 */
const ctx = cliServer();
const receiver = new WebhookReceiver();

afterAll(() => receiver.close());

describe('namaskah listen + trigger', () => {
  it('forwards every triggered event, signed, once and in order, across a cut connection', async () => {
    const forwardTo = await receiver.listen();
    const listen = startCli(['listen', '--forward-to', forwardTo, '--api-key', ctx.apiKey], ctx.env);
    const done = collect(listen);
    try {
      const ready = await waitForOutput(listen.stderr!, /secret: (whsec_\S+)/);
      receiver.secret = /secret: (whsec_\S+)/.exec(ready)![1]!;
      const start = (await ctx.client.events.list({ limit: 1 })).data[0]?.sequence ?? 0;

      const catalog = await runCli(['trigger', '--api-key', ctx.apiKey], ctx.env);
      expect(catalog.code).toBe(0);
      const rows = JSON.parse(catalog.stdout) as { event_type: string; triggerable: boolean; note: string }[];
      const claimed = rows.filter((r) => r.triggerable).map((r) => r.event_type);
      expect(claimed).toEqual(expect.arrayContaining(['verification.completed', 'sms.received', 'refund.issued', 'balance.credited']));
      for (const row of rows.filter((r) => !r.triggerable)) expect(row.note).not.toBe('');

      for (const [i, type] of claimed.entries()) {
        // Halfway, the CLI's WebSocket and HTTP sockets are cut; the events of the next triggers happen
        // while it reconnects and must reach the receiver after the resume.
        if (i === Math.floor(claimed.length / 2)) await cutConnections();
        const before = receiver.events.length;
        const trigger = await runCli(['trigger', type, '--api-key', ctx.apiKey], ctx.env);
        expect(trigger.stderr).toBe('');
        expect(trigger.code).toBe(0);
        await receiver.until((events) => events.slice(before).some((e) => e.type === type));
      }

      const expected = (await ctx.client.events.list({ limit: 100 }).toArray()).filter((e) => e.sequence > start);
      await receiver.until((events) => expected.every((e) => events.some((r) => r.id === e.id)));
      const sequences = receiver.events.map((e) => e.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(receiver.events.map((e) => e.id)).size).toBe(receiver.events.length);
      expect(receiver.events.every((e) => e.verified && e.webhookId === e.id)).toBe(true);
    } finally {
      listen.kill('SIGINT');
    }
    const exit = await done;
    expect(exit.code).toBe(0);
    expect(exit.stdout.split('\n').filter(Boolean).length).toBe(receiver.events.length);
  }, 60_000);

  it('refuses an event type that a plain user cannot trigger, with the reason, exit code 2', async () => {
    const result = await runCli(['trigger', 'announcement.published', '--api-key', ctx.apiKey], ctx.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot be triggered by a plain user: an admin/);
  });
});
