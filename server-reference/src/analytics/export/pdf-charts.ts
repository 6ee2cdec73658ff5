import type { Translator } from '../../i18n/index.ts';
import { percentText } from './pdf-units.ts';

/** One day of the summary's charts. */
export interface DailyPoint {
  t: Date;
  verifications: number;
  successRateBps: number | null;
}

const HEIGHT = 120;
const AXIS_WIDTH = 36;

/** Whole-number ticks from 0 to at least `max`, about four of them: 0, 5, 10, 15, 20. */
export function countTicks(max: number): number[] {
  const rough = Math.max(1, Math.ceil(max / 4));
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

/** A chart frame: its caption, the plot area, the y-axis ticks and gridlines (labelled by `tickLabel`), the first and last dates. */
function frame(
  doc: PDFKit.PDFDocument,
  caption: string,
  ticks: number[],
  tickLabel: (value: number) => string,
  dates: [string, string] | null,
): { left: number; width: number; top: number; bottom: number; y: (value: number) => number } {
  const margin = doc.page.margins.left;
  const width = doc.page.width - 2 * margin - AXIS_WIDTH;
  if (doc.y + HEIGHT + 50 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#111827').text(caption, margin, doc.y);
  const top = doc.y + 8;
  const bottom = top + HEIGHT;
  const left = margin + AXIS_WIDTH;
  const max = ticks.at(-1)!;
  const y = (value: number) => bottom - (value / max) * HEIGHT;
  doc.font('Helvetica').fontSize(7).fillColor('#374151');
  for (const tick of ticks) {
    doc
      .moveTo(left, y(tick))
      .lineTo(left + width, y(tick))
      .lineWidth(0.3)
      .strokeColor('#d1d5db')
      .stroke();
    doc.text(tickLabel(tick), margin, y(tick) - 3, { width: AXIS_WIDTH - 4, align: 'right', lineBreak: false });
  }
  if (dates) {
    doc.text(dates[0], left, bottom + 3, { lineBreak: false });
    doc.text(dates[1], left + width - 80, bottom + 3, { width: 80, align: 'right', lineBreak: false });
  }
  return { left, width, top, bottom, y };
}

/**
 * The summary's two charts, each on its own scale (never counts and money or rates on one axis):
 * verifications per day as bars on whole-number ticks, and the success rate per day as a line on 0-100 %.
 */
export function dailyCharts(doc: PDFKit.PDFDocument, points: DailyPoint[], zone: string, t: Translator): void {
  const margin = doc.page.margins.left;
  const first = points[0];
  const last = points.at(-1);
  const dates: [string, string] | null = first && last ? [t.date(first.t, zone), t.date(last.t, zone)] : null;
  const step = (width: number) => width / Math.max(1, points.length);

  const ticks = countTicks(Math.max(0, ...points.map((p) => p.verifications)));
  const bars = frame(doc, t.t('report.chart_caption'), ticks, (v) => t.number(v), dates);
  points.forEach((p, i) => {
    const h = bars.bottom - bars.y(p.verifications);
    if (h > 0)
      doc
        .rect(bars.left + i * step(bars.width) + step(bars.width) * 0.15, bars.bottom - h, step(bars.width) * 0.7, h)
        .fillColor('#2563eb')
        .fill();
  });
  doc.x = margin;
  doc.y = bars.bottom + 22;

  const rate = frame(doc, t.t('report.rate_chart_caption'), [0, 2500, 5000, 7500, 10_000], (v) => percentText(v, t), dates);
  let drawing = false;
  points.forEach((p, i) => {
    if (p.successRateBps === null) {
      drawing = false;
      return;
    }
    const x = rate.left + i * step(rate.width) + step(rate.width) / 2;
    if (drawing) doc.lineTo(x, rate.y(p.successRateBps));
    else doc.moveTo(x, rate.y(p.successRateBps));
    drawing = true;
  });
  doc.lineWidth(1.5).strokeColor('#15803d').stroke();
  doc.x = margin;
  doc.y = rate.bottom + 22;
}
