import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScheduledReportRunner, type ReportEmail } from '../../src/analytics/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { insertVerification, registerWithRole } from '../admin/staff-accounts.ts';

describe.each(DRIVERS)('analytics export and scheduled reports (%s)', (driver) => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof registerWithRole>>;
  const range = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';
  beforeAll(async () => {
    server = await createTestServer(driver);
    owner = await registerWithRole(server, 'user');
    await insertVerification(server, owner.userId, { createdAt: new Date('2026-03-02T10:00:00Z'), service: '=cmd|calc', country: 'US' });
    await insertVerification(server, owner.userId, {
      createdAt: new Date('2026-03-03T10:00:00Z'),
      status: 'cancelled',
      service: 'we,ird "svc"\nname',
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('streams RFC 4180 CSV with escaping and formula neutralising', async () => {
    const res = await server.request('GET', `/v1/analytics/export?format=csv&report=verifications&${range}&timezone=UTC`, {
      token: owner.token,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="namaskah-verifications-20260301-20260308\.csv"$/);
    expect(res.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(res.text.split('\r\n')[0]).toBe(
      'id,created_at,service,country,area_code,carrier,phone_number,status,price_amount,currency,code,sms_count,completed_at,cancelled_at,refunded,refund_reason,time_to_code_ms',
    );
    const rows = parse(res.text, { columns: true, relax_column_count: false }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.service)).toEqual(["'=cmd|calc", 'we,ird "svc"\nname']);
    expect(rows[0]).toMatchObject({ refunded: 'false', time_to_code_ms: '30000', area_code: '', phone_number: "'+15550100000" });
    expect(rows[1]).toMatchObject({ refunded: 'true', refund_reason: 'cancelled', completed_at: '' });
  });

  it('exports the summary as CSV and as a real PDF; other reports cannot cover the platform', async () => {
    const csv = await server.request('GET', `/v1/analytics/export?format=csv&report=summary&${range}`, { token: owner.token });
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.metric === 'verifications_total')).toMatchObject({
      value: '2',
      unit: 'count',
      previous_value: '0',
      change_bps: '',
    });
    expect(rows.find((r) => r.metric === 'spend')).toMatchObject({ value: '200', unit: 'minor_units', currency: 'USD' });
    const pdf = await server.app.request(`/v1/analytics/export?format=pdf&report=summary&${range}`, {
      headers: { Authorization: `Bearer ${owner.token}` },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    const platformLedger = await server.request('GET', `/v1/analytics/export?format=csv&report=ledger&scope=platform&${range}`, {
      token: owner.token,
    });
    expect(platformLedger.status).toBe(403);
  });

  it('creates, lists, reads and deletes scheduled reports; weekly needs a day; another account gets 404', async () => {
    const bad = await server.request('POST', '/v1/analytics/reports', {
      token: owner.token,
      body: { name: 'W', report: 'summary', format: 'pdf', frequency: 'weekly', recipients: ['a@example.com'] },
    });
    expect(bad.status).toBe(422);
    const badZone = await server.request('POST', '/v1/analytics/reports', {
      token: owner.token,
      body: { name: 'Z', report: 'summary', format: 'pdf', frequency: 'daily', timezone: 'Mars/Olympus', recipients: ['a@example.com'] },
    });
    expect(badZone.status).toBe(422);
    const created = await server.request('POST', '/v1/analytics/reports', {
      token: owner.token,
      body: {
        name: 'Weekly spend',
        report: 'ledger',
        format: 'csv',
        frequency: 'weekly',
        day_of_week: 1,
        hour_of_day: 9,
        timezone: 'Europe/Berlin',
        recipients: ['finance@example.com'],
      },
    });
    expect(created.status).toBe(201);
    const next = new Date(created.body.next_run_at);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).format(next),
    ).toMatch(/Mon.*09/);
    const stranger = await server.register();
    expect((await server.request('GET', `/v1/analytics/reports/${created.body.id}`, { token: stranger.token })).status).toBe(404);
    expect((await server.request('DELETE', `/v1/analytics/reports/${created.body.id}`, { token: stranger.token })).status).toBe(404);
    expect((await server.request('GET', '/v1/analytics/reports', { token: owner.token })).body.data.map((r: any) => r.id)).toEqual([
      created.body.id,
    ]);
    expect((await server.request('DELETE', `/v1/analytics/reports/${created.body.id}`, { token: owner.token })).status).toBe(204);
    expect((await server.request('GET', `/v1/analytics/reports/${created.body.id}`, { token: owner.token })).status).toBe(404);
  });

  it('the runner emails a due report once, with the file attached, and moves it to the next run', async () => {
    const created = await server.request('POST', '/v1/analytics/reports', {
      token: owner.token,
      body: {
        name: 'Daily verifications',
        report: 'verifications',
        format: 'csv',
        frequency: 'daily',
        hour_of_day: 6,
        timezone: 'UTC',
        recipients: ['ops@example.com', 'me@example.com'],
      },
    });
    const db = server.database.db;
    await db
      .updateTable('scheduled_reports')
      .set({ next_run_at: new Date('2026-03-03T06:00:00Z') })
      .where('id', '=', created.body.id)
      .execute();
    const sent: ReportEmail[] = [];
    const runner = new ScheduledReportRunner(
      db,
      {
        send: async (m) => {
          sent.push(m);
        },
      },
      { currency: 'USD', publicUrl: 'http://localhost' },
    );
    const [ran, again] = await Promise.all([
      runner.runDue(new Date('2026-03-03T06:00:05Z')),
      runner.runDue(new Date('2026-03-03T06:00:05Z')),
    ]);
    expect(ran + again).toBe(1);
    expect(sent.map((m) => m.to).sort()).toEqual(['me@example.com', 'ops@example.com']);
    const csv = sent[0]!.attachments![0]!.content.toString('utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv).toContain('=cmd|calc');
    const after = await server.request('GET', `/v1/analytics/reports/${created.body.id}`, { token: owner.token });
    expect(after.body).toMatchObject({ last_run_status: 'succeeded' });
    expect(new Date(after.body.next_run_at).getTime()).toBeGreaterThan(new Date('2026-03-03T06:00:05Z').getTime());
  });
});
