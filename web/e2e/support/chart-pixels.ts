import type { Locator } from '@playwright/test';

/**
 * What a lightweight-charts chart's axes show, read from their canvases' pixels (a canvas has no text to query).
 * Ink is a pixel far (> 120 summed RGB difference) from the canvas's most common colour, its background.
 * - `priceLabels`: one bitmap signature per text line of the right price axis, skipping filled boxes (the last-value
 *   badge); two equal signatures are two identical labels.
 * - `timeLabels`: the ink extent (first and last row, first and last column) of each label of the time axis, labels
 *   being runs of inked columns at least 4 blank columns apart, left to right; the top border line is skipped.
 */
export async function chartAxes(chart: Locator): Promise<{ priceLabels: string[]; timeLabels: { top: number; bottom: number; left: number; right: number }[] }> {
  return chart.evaluate((root) => {
    const rows = [...root.querySelectorAll('table tr')];
    const inkOf = (canvas: HTMLCanvasElement) => {
      const { width, height } = canvas;
      const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
      const counts = new Map<number, number>();
      for (let index = 0; index < data.length; index += 4) {
        const key = (data[index]! << 16) | (data[index + 1]! << 8) | data[index + 2]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      const [red, green, blue] = [(background >> 16) & 255, (background >> 8) & 255, background & 255];
      const ink = (x: number, y: number) => {
        const index = (y * width + x) * 4;
        return Math.abs(data[index]! - red) + Math.abs(data[index + 1]! - green) + Math.abs(data[index + 2]! - blue) > 120;
      };
      return { width, height, ink };
    };
    // Price axis: the right cell of the first (pane) row; its left border is column 0.
    const price = inkOf(rows[0]!.querySelectorAll('td')[2]!.querySelector('canvas')!);
    const priceLabels: string[] = [];
    let lines: string[] = [];
    const flush = () => {
      const inked = lines.join('').split('').filter((cell) => cell === '#').length;
      if (lines.length && inked < lines.join('').length / 2) priceLabels.push(lines.join('/'));
      lines = [];
    };
    for (let y = 0; y < price.height; y++) {
      let line = '';
      for (let x = 3; x < price.width; x++) line += price.ink(x, y) ? '#' : '.';
      if (line.includes('#')) lines.push(line);
      else flush();
    }
    flush();
    // Time axis: the middle cell of the last row; its top border rows are (almost) all ink.
    const time = inkOf(rows.at(-1)!.querySelectorAll('td')[1]!.querySelector('canvas')!);
    const textRows: number[] = [];
    for (let y = 0; y < time.height; y++) {
      let inked = 0;
      for (let x = 0; x < time.width; x++) if (time.ink(x, y)) inked++;
      if (inked > 0 && inked < time.width * 0.9) textRows.push(y);
    }
    const timeLabels: { top: number; bottom: number; left: number; right: number }[] = [];
    let blank = Infinity;
    for (let x = 0; x < time.width; x++) {
      const inkedRows = textRows.filter((y) => time.ink(x, y));
      if (!inkedRows.length) {
        blank++;
        continue;
      }
      const last = timeLabels.at(-1);
      if (last && blank < 4) {
        last.right = x;
        last.top = Math.min(last.top, inkedRows[0]!);
        last.bottom = Math.max(last.bottom, inkedRows.at(-1)!);
      } else timeLabels.push({ top: inkedRows[0]!, bottom: inkedRows.at(-1)!, left: x, right: x });
      blank = 0;
    }
    return { priceLabels, timeLabels };
  });
}
