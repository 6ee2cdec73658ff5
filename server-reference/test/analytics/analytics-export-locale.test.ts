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

const CASES = [
  {
    locale: 'en',
    summary: ['Namaskah summary report', 'Metric', 'Previous period', 'Top 10 services', '$2.00', 'Mar 1, 2026'],
    verifications: ['Namaskah verifications report', 'Number', 'Price', '$1.00', 'yes'],
  },
  {
    locale: 'es',
    summary: ['Informe de resumen de Namaskah', 'Métrica', 'Periodo anterior', 'Los 10 servicios principales', '2,00 US$', '1 mar 2026'],
    verifications: ['Informe de verificaciones de Namaskah', 'Número', 'Precio', '1,00 US$', 'sí'],
  },
] as const;

describe.each(DRIVERS)('analytics PDF export in the account language (%s)', (driver) => {
  let server: TestServer;
  const range = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&timezone=UTC';
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(CASES)('writes the summary and verifications PDFs in $locale', async ({ locale, summary, verifications }) => {
    const owner = await registerWithRole(server, 'user');
    expect((await server.request('PATCH', '/v1/me', { token: owner.token, body: { locale } })).status).toBe(200);
    await insertVerification(server, owner.userId, { createdAt: new Date('2026-03-02T10:00:00Z'), service: 'whatsapp', country: 'US' });
    await insertVerification(server, owner.userId, { createdAt: new Date('2026-03-03T10:00:00Z'), status: 'cancelled' });
    const get = (report: string) =>
      server.app.request(`/v1/analytics/export?format=pdf&report=${report}&${range}`, {
        headers: { Authorization: `Bearer ${owner.token}` },
      });

    const summaryText = await pdfText(await (await get('summary')).arrayBuffer());
    for (const expected of summary) expect(summaryText).toContain(expected);
    const verificationsText = await pdfText(await (await get('verifications')).arrayBuffer());
    for (const expected of verifications) expect(verificationsText).toContain(expected);
  });
});
