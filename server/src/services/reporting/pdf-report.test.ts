import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PdfReport, pdfText } from './pdf-report.ts';

/** The PDF's text per page, read back by pdf.js (through each embedded font's ToUnicode map). */
async function readPdf(bytes: Buffer) {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) pages.push((await (await document.getPage(number)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '));
  return pages.join('\n');
}

describe('PdfReport fonts', () => {
  it('draws Cyrillic, CJK (Chinese and Korean Hangul) and math symbols with embedded fonts (no "?"), in titles, headings, facts, tables and chart legends', async () => {
    const cyrillic = 'Стратегия импульса';
    const cjk = '动量策略';
    const korean = '모멘텀 전략';
    const symbols = 'Sharpe ≥ 1.5 − fees × 2 → σ ≤ 0.2';
    const pdf = new PdfReport(`Strategy history: ${cyrillic}`, `${cjk} · generated today`);
    pdf.heading(`Versions of ${cjk}`).facts([{ label: 'Rule', value: symbols }, { label: cyrillic, value: cjk }]);
    pdf.table(['Name', 'Note'], [[cyrillic, symbols], [cjk, 'plain Latin text'], [korean, `${korean} v2`]], [0.4, 0.6]);
    pdf.lineChart('Equity', [{ label: cyrillic, values: [1, 1.1, 1.05, 1.2], color: '#1f8a5b' }, { label: cjk, values: [1, 0.9, 1, 1.1], color: '#3b7dd8' }], ['2024-01-01', '2024-12-31'], (value) => `${value.toFixed(2)}x`);
    const bytes = await pdf.finish();
    const text = await readPdf(bytes);
    for (const expected of [`Strategy history: ${cyrillic}`, cjk, `Versions of ${cjk}`, 'Sharpe ≥ 1.5 − fees × 2 → σ ≤ 0.2', cyrillic, 'plain Latin text', korean, `${korean} v2`]) expect(text).toContain(expected);
    expect(text).not.toContain('?');
    // The fonts travel inside the file (subsets), not as references to fonts the reader may lack.
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(bytes.length).toBeLessThan(400_000); // subsets: not the 10 MB CJK font
  });

  it('keeps text as written, dropping only control characters', () => {
    expect(pdfText('a\u0000b\tc ≥ −1 → 动量')).toBe('ab\tc ≥ −1 → 动量');
  });
});
