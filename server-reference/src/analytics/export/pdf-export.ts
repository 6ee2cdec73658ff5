import PDFDocument from 'pdfkit';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import { type DailyPoint, dailyCharts } from './pdf-charts.ts';
import { pdfCellText } from './pdf-cell-text.ts';
import { percentText } from './pdf-units.ts';
import type { ReportRow } from './report-rows.ts';

/** What a PDF report shows; `chart` and `top` only for the summary. Texts in the translator's language. */
export interface PdfReport {
  title: string;
  subtitle: string;
  /** "Generated <when>", in the reader's language and zone. */
  generated: string;
  zone: string;
  t: Translator;
  columns: string[];
  rows: AsyncIterable<ReportRow> | Iterable<ReportRow>;
  /** Daily verifications and success rate in bps, drawn as two charts. */
  chart?: DailyPoint[];
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
    if (bold) doc.rect(MARGIN, y, width, rowHeight).fillColor('#eff6ff').fill();
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(fontSize)
      .fillColor('#111827');
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

/** The header band: the brand, the report's title, its range and when it was made. */
function header(doc: PDFKit.PDFDocument, report: PdfReport) {
  const width = doc.page.width;
  doc.rect(0, 0, width, 64).fillColor('#1e3a8a').fill();
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#ffffff').text('Namaskah', MARGIN, 22, { lineBreak: false });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#dbeafe')
    .text(report.generated, MARGIN, 28, { width: width - 2 * MARGIN, align: 'right', lineBreak: false });
  doc.x = MARGIN;
  doc.y = 84;
  doc.font('Helvetica-Bold').fontSize(15).fillColor('#111827').text(report.title);
  doc.font('Helvetica').fontSize(9).fillColor('#4b5563').text(report.subtitle).fillColor('black').moveDown();
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
  header(doc, report);
  const rows: string[][] = [];
  const { t, zone } = report;
  for await (const row of report.rows) rows.push(report.columns.map((c) => pdfCellText(c, row, zone, t)));
  table(
    doc,
    report.columns.map((c) => heading(t, c)),
    rows,
  );
  if (report.chart) dailyCharts(doc, report.chart, zone, t);
  for (const section of report.top ?? []) {
    doc.font('Helvetica-Bold').fontSize(10).text(section.title).moveDown(0.3);
    table(
      doc,
      ['key', 'verifications', 'success_rate_bps'].map((c) => heading(t, c)),
      section.rows.map(([key, n, rate]) => [key, t.number(n), rate === null ? '' : percentText(rate, t)]),
    );
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
