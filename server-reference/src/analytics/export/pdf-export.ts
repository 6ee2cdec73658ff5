import PDFDocument from 'pdfkit';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import { pdfCellText } from './pdf-cell-text.ts';
import type { ReportRow } from './report-rows.ts';

/** What a PDF report shows; `chart` and `top` only for the summary. Texts in the translator's language. */
export interface PdfReport {
  title: string;
  subtitle: string;
  zone: string;
  t: Translator;
  columns: string[];
  rows: AsyncIterable<ReportRow> | Iterable<ReportRow>;
  /** Daily verifications (bars) and success rate in bps (line). */
  chart?: Array<{ t: Date; verifications: number; successRateBps: number | null }>;
  top?: Array<{ title: string; rows: Array<[string, number, number | null]> }>;
}

const MARGIN = 40;

/** A column's heading in the report's language (`report.column.<name>`). */
const heading = (t: Translator, column: string): string => t.t(`report.column.${column}` as MessageKey);

function table(doc: PDFKit.PDFDocument, columns: string[], rows: string[][]) {
  const width = doc.page.width - 2 * MARGIN;
  const columnWidth = width / columns.length;
  const fontSize = columns.length > 8 ? 5.5 : 8;
  const rowHeight = fontSize + 6;
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    for (const [i, cell] of cells.entries()) {
      doc.text(cell, MARGIN + i * columnWidth + 2, y + 3, { width: columnWidth - 4, height: rowHeight, lineBreak: false, ellipsis: true });
    }
    doc
      .moveTo(MARGIN, y + rowHeight)
      .lineTo(MARGIN + width, y + rowHeight)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke();
    doc.y = y + rowHeight;
  };
  drawRow(columns, true);
  for (const row of rows) drawRow(row, false);
  doc.x = MARGIN;
  doc.moveDown();
}

/** Bars for the daily count and a line for the success rate, with the library's vector primitives. */
function chart(doc: PDFKit.PDFDocument, points: NonNullable<PdfReport['chart']>, zone: string, t: Translator) {
  const width = doc.page.width - 2 * MARGIN;
  const height = 160;
  if (doc.y + height + 40 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y + 10;
  const bottom = top + height;
  const maxCount = Math.max(1, ...points.map((p) => p.verifications));
  const step = width / Math.max(1, points.length);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(t.t('report.chart_caption'), MARGIN, doc.y);
  doc.rect(MARGIN, top, width, height).lineWidth(0.5).strokeColor('#888888').stroke();
  points.forEach((p, i) => {
    const h = (p.verifications / maxCount) * (height - 10);
    doc
      .rect(MARGIN + i * step + step * 0.15, bottom - h, step * 0.7, h)
      .fillColor('#4a7bd0')
      .fill();
  });
  let started = false;
  points.forEach((p, i) => {
    if (p.successRateBps === null) {
      started = false;
      return;
    }
    const x = MARGIN + i * step + step / 2;
    const y = bottom - (p.successRateBps / 10_000) * (height - 10);
    if (started) doc.lineTo(x, y);
    else doc.moveTo(x, y);
    started = true;
  });
  doc.lineWidth(1.5).strokeColor('#d0522c').stroke();
  doc.font('Helvetica').fontSize(7).fillColor('black');
  doc.text(t.t('report.chart_max', { count: maxCount }), MARGIN + 2, top + 2);
  doc.text('100 %', MARGIN + width - 30, top + 2);
  const first = points[0];
  const last = points.at(-1);
  if (first && last) {
    doc.text(t.date(first.t, zone), MARGIN, bottom + 3);
    doc.text(t.date(last.t, zone), MARGIN + width - 70, bottom + 3, { width: 70, align: 'right' });
  }
  doc.x = MARGIN;
  doc.y = bottom + 20;
}

/** Renders the report as an A4 PDF and returns its bytes. */
export async function renderPdf(report: PdfReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: report.title, Producer: 'Namaskah' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(report.title);
  doc.font('Helvetica').fontSize(9).fillColor('#444444').text(report.subtitle).fillColor('black').moveDown();
  const rows: string[][] = [];
  const { t, zone } = report;
  for await (const row of report.rows) rows.push(report.columns.map((c) => pdfCellText(c, row, zone, t)));
  table(
    doc,
    report.columns.map((c) => heading(t, c)),
    rows,
  );
  if (report.chart) chart(doc, report.chart, zone, t);
  for (const section of report.top ?? []) {
    doc.font('Helvetica-Bold').fontSize(10).text(section.title).moveDown(0.3);
    table(
      doc,
      ['key', 'verifications', 'success_rate_bps'].map((c) => heading(t, c)),
      section.rows.map(([key, n, rate]) => [key, t.number(n), rate === null ? '' : t.number(rate)]),
    );
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
