import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertVerification, registerWithRole } from '../admin/staff-accounts.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/** The text of a PDF, as a reader's copy and paste would get it. */
async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/**
 * The summary PDF is one a customer can be handed: a header with the brand and when it was made, the
 * figures in human units (percent, currency, seconds, signed changes), two charts on their own scales
 * (counts on whole-number ticks, the rate on 0-100 %), and none of the wire names (`success_rate_bps`,
 * `minor_units`, `verifications_total`) the CSV keeps for programs.
 */
describe.each(DRIVERS)('the summary PDF reads in human units (%s)', (driver) => {
  let server: TestServer;
  const range = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&timezone=UTC';
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has a header, the charts, percentages, money and durations, and no field names', async () => {
    const owner = await registerWithRole(server, 'user');
    const day = (d: number) => new Date(`2026-03-0${d}T10:00:00Z`);
    await insertVerification(server, owner.userId, { createdAt: day(2), status: 'completed', price: 250, ttcMs: 12_400 });
    await insertVerification(server, owner.userId, { createdAt: day(3), status: 'expired', price: 250 });
    const response = await server.app.request(`/v1/analytics/export?format=pdf&report=summary&${range}`, {
      headers: { Authorization: `Bearer ${owner.token}` },
    });
    expect(response.status).toBe(200);
    const text = await pdfText(await response.arrayBuffer());

    expect(text).toContain('Namaskah');
    expect(text).toMatch(/Generated \w{3} \d{1,2}, \d{4}/);
    expect(text).toContain('Verifications per day');
    expect(text).toContain('Success rate per day');
    expect(text).toMatch(/Success rate\s+50%/);
    expect(text).toMatch(/Spend\s+\$5\.00/);
    expect(text).toContain('12.4 sec');
    expect(text).toContain('100%'); // the rate chart's top tick
    for (const wireName of ['success_rate_bps', 'minor_units', 'verifications_total', 'bps', '(pb)', 'unit'])
      expect(text).not.toContain(wireName);
  });

  it('keeps the raw values in the CSV for programs', async () => {
    const owner = await registerWithRole(server, 'user');
    await insertVerification(server, owner.userId, { createdAt: new Date('2026-03-02T10:00:00Z'), status: 'completed' });
    const response = await server.app.request(`/v1/analytics/export?format=csv&report=summary&${range}`, {
      headers: { Authorization: `Bearer ${owner.token}` },
    });
    const csv = await response.text();
    expect(csv.split(/\r?\n/)[0]).toBe('metric,value,unit,currency,previous_value,change_bps');
    expect(csv).toContain('success_rate_bps,10000,bps');
  });
});
