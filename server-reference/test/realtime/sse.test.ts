import { afterEach, describe, expect, it } from 'vitest';
import { specRef } from '../../src/http/openapi/create-ajv.ts';
import { contract, contractViolations } from '../support/contract.ts';
import { DRIVERS } from '../support/test-server.ts';
import { balanceLow, createRealtimeHarness, type RealtimeHarness } from './support/realtime-harness.ts';

/** Reads an SSE response until `count` events arrived; returns the parsed frames. */
async function readEvents(
  response: Response,
  count: number,
  timeoutMs = 5000,
): Promise<{ frames: Array<{ id: string; event: string; data: any }>; raw: string }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  const deadline = setTimeout(() => reader.cancel(), timeoutMs);
  const frames = () =>
    raw
      .split('\n\n')
      .filter((b) => b.startsWith('id: '))
      .map((block) => {
        const lines = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
        return { id: lines.id ?? '', event: lines.event ?? '', data: JSON.parse(lines.data ?? 'null') };
      });
  while (frames().length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += decoder.decode(value, { stream: true });
  }
  clearTimeout(deadline);
  await reader.cancel().catch(() => undefined);
  return { frames: frames(), raw };
}

describe.each(DRIVERS)('SSE stream (%s)', (driver) => {
  let h: RealtimeHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('resumes after Last-Event-ID, then streams live events, with heartbeats', async () => {
    h = await createRealtimeHarness(driver, { config: { heartbeatMs: 100 } });
    const user = await h.signIn();
    await h.append(user.userId, [1, 2, 3, 4].map(balanceLow));
    const response = await fetch(`${h.baseUrl}/v1/realtime/events`, {
      headers: { Authorization: `Bearer ${user.token}`, 'Last-Event-ID': '2' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    setTimeout(() => void h.append(user.userId, [balanceLow(5)]), 300);
    const { frames, raw } = await readEvents(response, 3);
    expect(raw.startsWith('retry: 3000\n\n')).toBe(true);
    expect(raw).toMatch(/: heartbeat \d{4}-/);
    expect(frames.map((f) => [f.id, f.event, f.data.sequence, f.data.data.balance.amount])).toEqual([
      ['3', 'balance.low', 3, 3],
      ['4', 'balance.low', 4, 4],
      ['5', 'balance.low', 5, 5],
    ]);
    // each event is what the media type's schema describes, its `data` what that schema's contentSchema says
    const { ajv } = await contract();
    const schema = '#/paths/~1v1~1realtime~1events/get/responses/200/content/text~1event-stream/schema';
    const validateEvent = ajv.compile(specRef(schema));
    const validateData = ajv.compile(specRef(`${schema}/properties/data/contentSchema`));
    for (const frame of frames) {
      expect(validateEvent({ ...frame, data: JSON.stringify(frame.data) }), JSON.stringify(validateEvent.errors)).toBe(true);
      expect(validateData(frame.data), JSON.stringify(validateData.errors)).toBe(true);
    }
    await expect.poll(() => h.realtime.hub.connections(user.userId)).toBe(0);
  });

  it('answers 410 outside the replay window, and lists the gap with GET /v1/events', async () => {
    h = await createRealtimeHarness(driver, { config: { resumeMaxEvents: 2 } });
    const user = await h.signIn();
    await h.append(user.userId, [1, 2, 3, 4, 5].map(balanceLow));
    const gone = await fetch(`${h.baseUrl}/v1/realtime/events`, {
      headers: { Authorization: `Bearer ${user.token}`, 'Last-Event-ID': '1' },
    });
    const text = await gone.text();
    expect(gone.status).toBe(410);
    expect(JSON.parse(text)).toMatchObject({ code: 'resume_window_exceeded' });
    expect(await contractViolations('GET', '/v1/realtime/events', { status: gone.status, headers: gone.headers, body: text })).toEqual([]);

    const page1 = await fetch(`${h.baseUrl}/v1/events?after_sequence=1&limit=3`, { headers: { Authorization: `Bearer ${user.token}` } });
    const body1 = await page1.text();
    expect(await contractViolations('GET', '/v1/events', { status: page1.status, headers: page1.headers, body: body1 })).toEqual([]);
    const parsed1 = JSON.parse(body1);
    expect(parsed1.data.map((e: any) => e.sequence)).toEqual([2, 3, 4]);
    expect(parsed1.has_more).toBe(true);
    const page2 = await (
      await fetch(`${h.baseUrl}/v1/events?after_sequence=1&limit=3&starting_after=${parsed1.next_cursor}`, {
        headers: { Authorization: `Bearer ${user.token}` },
      })
    ).json();
    expect(page2.data.map((e: any) => e.sequence)).toEqual([5]);
    const newest = await (await fetch(`${h.baseUrl}/v1/events?limit=2`, { headers: { Authorization: `Bearer ${user.token}` } })).json();
    expect(newest.data.map((e: any) => e.sequence)).toEqual([5, 4]);
    const one = await fetch(`${h.baseUrl}/v1/events/${newest.data[0].id}`, { headers: { Authorization: `Bearer ${user.token}` } });
    expect(one.status).toBe(200);
    expect((await one.json()).sequence).toBe(5);
    const other = await h.signIn();
    const hidden = await fetch(`${h.baseUrl}/v1/events/${newest.data[0].id}`, { headers: { Authorization: `Bearer ${other.token}` } });
    expect(hidden.status).toBe(404);
  });
});
