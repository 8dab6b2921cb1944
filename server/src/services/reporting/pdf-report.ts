import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/** A line series of a PDF chart: values on a shared x axis (null = gap). */
export interface PdfSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
}

const margin = 40;
const palette = { text: '#1b1f24', muted: '#5b6573', rule: '#c9ced6', positive: '#1f8a5b', negative: '#c23b48' };

/**
 * The embedded fonts (no network, nothing from the host): DejaVu Sans Condensed (Latin, Greek, Cyrillic, arrows and math
 * symbols such as ≥ − × σ) from the `dejavu-fonts-ttf` package; Noto Sans KR (Hangul syllables and jamo, with kana,
 * KS X 1001 hanja, Latin) from `@expo-google-fonts/noto-sans-kr` for text holding Hangul; Noto Sans SC (Chinese, Japanese
 * kana, CJK symbols, with Latin and Cyrillic; no Hangul syllables) from `@expo-google-fonts/noto-sans-sc` for other text
 * holding CJK characters. pdfkit embeds only the glyphs a document uses (a subset), so a PDF stays small; a CJK font is
 * parsed only by a document that needs it. One font per text run: Hangul mixed with simplified-only Chinese characters in
 * one string draws those Chinese characters from the Korean font, which lacks some of them.
 */
const fontFiles = (() => {
  const require = createRequire(import.meta.url);
  return {
    body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
    bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf'),
    cjk: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    cjkBold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
    hangul: require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'),
    hangulBold: require.resolve('@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'),
  };
})();
type FontName = keyof typeof fontFiles;
/** Font bytes, read once per process on first use. */
const fontBytes = new Map<FontName, Buffer>();
const bytesOf = (name: FontName): Buffer => {
  let bytes = fontBytes.get(name);
  if (!bytes) fontBytes.set(name, (bytes = readFileSync(fontFiles[name])));
  return bytes;
};

/** Hangul jamo, compatibility jamo, extended jamo and syllables: drawn with the Korean font. */
const hangulCharacters = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/u;
/** CJK ideographs, kana, CJK symbols and punctuation, Hangul and full-width forms: drawn with a CJK font. */
const cjkCharacters = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;

/** Text as the PDF draws it: control characters other than tab and line breaks dropped (every other character has a glyph in the embedded fonts). */
export function pdfText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * A small report writer over pdfkit (pure JavaScript, vector graphics: no browser on the server). A4 portrait,
 * embedded DejaVu Sans Condensed (Noto Sans KR for Hangul, Noto Sans SC for other CJK text); headings, fact lists, tables that break across pages, line charts and a heatmap, all drawn as vectors.
 */
export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly width: number;
  private readonly registered: Set<FontName>;

  constructor(title: string, subtitle: string) {
    this.doc = new PDFDocument({ size: 'A4', margin, info: { Title: pdfText(title), Producer: 'Crucible' }, bufferPages: true });
    this.registered = new Set();
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve) => this.doc.on('end', () => resolve(Buffer.concat(this.chunks))));
    this.width = this.doc.page.width - 2 * margin;
    this.doc.fillColor(palette.text).fontSize(18);
    this.use(title, true).text(pdfText(title));
    this.use(subtitle).fontSize(9).fillColor(palette.muted).text(pdfText(subtitle)).moveDown(0.8);
  }

  heading(text: string): this {
    this.ensure(60);
    this.doc.moveDown(0.6);
    this.use(text, true).fontSize(12).fillColor(palette.text).text(pdfText(text), margin);
    const y = this.doc.y + 2;
    this.doc.moveTo(margin, y).lineTo(margin + this.width, y).lineWidth(0.5).strokeColor(palette.rule).stroke();
    this.doc.moveDown(0.4);
    return this;
  }

  paragraph(text: string, muted = false): this {
    this.use(text).fontSize(9).fillColor(muted ? palette.muted : palette.text).text(pdfText(text), margin, undefined, { width: this.width });
    return this;
  }

  /** Label: value lines, two columns of labels. */
  facts(rows: readonly { label: string; value: string }[]): this {
    for (const row of rows) {
      this.ensure(14);
      const y = this.doc.y;
      this.use(row.label).fontSize(8.5).fillColor(palette.muted).text(pdfText(row.label), margin, y, { width: 150 });
      const labelBottom = this.doc.y;
      this.use(row.value).fontSize(8.5).fillColor(palette.text).text(pdfText(row.value), margin + 155, y, { width: this.width - 155 });
      this.doc.y = Math.max(this.doc.y, labelBottom);
      this.doc.x = margin;
    }
    return this;
  }

  /** A table with a header row; `widths` are fractions of the page width; repeats the header on each new page. */
  table(headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): this {
    const columns = widths.map((fraction) => fraction * this.width);
    const drawRow = (cells: readonly string[], bold: boolean) => {
      const height = Math.max(12, ...cells.map((cell, index) => this.use(cell, bold).fontSize(7.5).heightOfString(pdfText(cell), { width: columns[index]! - 4 }) + 3));
      if (this.doc.y + height > this.doc.page.height - margin) {
        this.doc.addPage();
        if (!bold) drawRow(headers, true);
      }
      const y = this.doc.y;
      let x = margin;
      cells.forEach((cell, index) => {
        this.use(cell, bold).fontSize(7.5).fillColor(bold ? palette.muted : palette.text).text(pdfText(cell), x + 2, y + 1.5, { width: columns[index]! - 4, lineBreak: true });
        x += columns[index]!;
      });
      this.doc.y = y + height;
      this.doc.moveTo(margin, this.doc.y).lineTo(margin + this.width, this.doc.y).lineWidth(0.3).strokeColor(palette.rule).stroke();
    };
    this.ensure(40);
    drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
    this.doc.x = margin;
    this.doc.moveDown(0.5);
    return this;
  }

  /** A line chart (vector): series on a shared index axis, y range from the data, first/last x labels. */
  lineChart(title: string, series: readonly PdfSeries[], xLabels: [string, string], format: (value: number) => string, height = 150): this {
    this.ensure(height + 40);
    this.use(title, true).fontSize(9).fillColor(palette.text).text(pdfText(title), margin);
    const top = this.doc.y + 4;
    const left = margin + 40;
    const plotWidth = this.width - 40;
    const values = series.flatMap((line) => line.values).filter((value): value is number => value !== null && Number.isFinite(value));
    const high = values.length ? Math.max(...values) : 1;
    const low = values.length ? Math.min(...values) : 0;
    const span = high - low || 1;
    const length = Math.max(...series.map((line) => line.values.length), 2);
    const x = (index: number) => left + (index / (length - 1)) * plotWidth;
    const y = (value: number) => top + ((high - value) / span) * height;
    this.doc.rect(left, top, plotWidth, height).lineWidth(0.4).strokeColor(palette.rule).stroke();
    this.use('').fontSize(7).fillColor(palette.muted);
    this.doc.text(pdfText(format(high)), margin, top - 3, { width: 38, align: 'right' });
    this.doc.text(pdfText(format(low)), margin, top + height - 6, { width: 38, align: 'right' });
    this.doc.text(pdfText(xLabels[0]), left, top + height + 2);
    this.doc.text(pdfText(xLabels[1]), left, top + height + 2, { width: plotWidth, align: 'right' });
    for (const line of series) {
      let pen = false;
      line.values.forEach((value, index) => {
        if (value === null || !Number.isFinite(value)) {
          pen = false;
          return;
        }
        if (pen) this.doc.lineTo(x(index), y(value));
        else this.doc.moveTo(x(index), y(value));
        pen = true;
      });
      this.doc.lineWidth(1).strokeColor(line.color).stroke();
    }
    // Legend keys left to right, wrapping onto further lines when the next would pass the plot's right edge.
    let legendX = left;
    let legendY = top + height + 12;
    for (const line of series) {
      const label = pdfText(line.label);
      const labelWidth = this.use(line.label).fontSize(7).widthOfString(label);
      if (legendX > left && legendX + 13 + labelWidth > left + plotWidth) {
        legendX = left;
        legendY += 10;
      }
      this.doc.rect(legendX, legendY + 2, 10, 3).fill(line.color);
      this.use(line.label).fillColor(palette.muted).fontSize(7).text(label, legendX + 13, legendY, { lineBreak: false });
      legendX += 20 + labelWidth;
    }
    this.doc.x = margin;
    this.doc.y = legendY + 14;
    return this;
  }

  /** Year × month grid of returns (fractions), cells tinted green or red by size. */
  monthlyHeatmap(months: readonly { year: number; month: number; returnFraction: number }[]): this {
    const years = [...new Set(months.map((entry) => entry.year))].sort((a, b) => a - b);
    const cell = this.width / 14;
    const scale = Math.max(0.0001, ...months.map((entry) => Math.abs(entry.returnFraction)));
    this.ensure(14 * (years.length + 1) + 10);
    let y = this.doc.y;
    const names = ['Year', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Total'];
    names.forEach((name, index) => this.use(name, true).fontSize(7).fillColor(palette.muted).text(name, margin + index * cell, y, { width: cell, align: 'center' }));
    y += 11;
    for (const year of years) {
      if (y + 13 > this.doc.page.height - margin) {
        this.doc.addPage();
        y = this.doc.y;
      }
      this.use('').fontSize(7).fillColor(palette.text).text(String(year), margin, y + 2, { width: cell, align: 'center' });
      const ofYear = months.filter((entry) => entry.year === year);
      const total = ofYear.reduce((product, entry) => product * (1 + entry.returnFraction), 1) - 1;
      for (let month = 1; month <= 13; month++) {
        const value = month === 13 ? total : ofYear.find((entry) => entry.month === month)?.returnFraction;
        if (value === undefined) continue;
        const strength = Math.min(1, Math.abs(value) / scale) * 0.6 + 0.1;
        this.doc.rect(margin + month * cell + 1, y, cell - 2, 12).fillOpacity(strength).fill(value >= 0 ? palette.positive : palette.negative).fillOpacity(1);
        this.doc.fillColor(palette.text).text(`${(value * 100).toFixed(1)}%`, margin + month * cell, y + 2.5, { width: cell, align: 'center' });
      }
      y += 13;
    }
    this.doc.x = margin;
    this.doc.y = y + 6;
    return this;
  }

  /** Page numbers in the footer, then the document's bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.use('').fontSize(7).fillColor(palette.muted).text(`Page ${index + 1} of ${range.count} · Crucible`, margin, this.doc.page.height - 28, { width: this.width, align: 'right' });
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }

  /**
   * Selects the font for `text`: Noto Sans KR when it holds Hangul, Noto Sans SC when it holds other CJK characters,
   * else DejaVu; registered on first use.
   */
  private use(text: string, bold = false): PDFKit.PDFDocument {
    const name: FontName = hangulCharacters.test(text)
      ? bold
        ? 'hangulBold'
        : 'hangul'
      : cjkCharacters.test(text)
        ? bold
          ? 'cjkBold'
          : 'cjk'
        : bold
          ? 'bold'
          : 'body';
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, bytesOf(name));
      this.registered.add(name);
    }
    return this.doc.font(name);
  }

  private ensure(space: number): void {
    if (this.doc.y + space > this.doc.page.height - margin) this.doc.addPage();
  }
}
