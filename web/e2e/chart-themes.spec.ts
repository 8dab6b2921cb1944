import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { completedSmaRuns } from './support/backtest-runs.ts';

/** The colour of a CSS custom property of the page, as the browser computes it on an element (rgb(…)). */
async function resolvedColor(page: Page, token: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, token);
}

for (const scheme of ['dark', 'light'] as const) {
  for (const viewport of [
    { name: 'desktop', width: 1440, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`charts follow the ${scheme} theme: run page canvas charts and the comparison's SVG curves (${viewport.name})`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      await signIn(page, 'research');
      const ids = await completedSmaRuns(page, [9, 14], 45);

      await page.goto(`/runs/${encodeURIComponent(ids[0]!)}`);
      await expect(page.locator('canvas').first()).toBeVisible();
      // lightweight-charts paints its own background: the opaque corner pixels of its canvases are the theme's panel colour.
      const panel = await resolvedColor(page, '--bg-panel');
      await expect
        .poll(async () =>
          page.evaluate(() =>
            [...document.querySelectorAll('canvas')].flatMap((element) => {
              const [red, green, blue, alpha] = element.getContext('2d')?.getImageData(2, 2, 1, 1).data ?? [];
              return alpha === 255 ? [`rgb(${red}, ${green}, ${blue})`] : [];
            }),
          ),
        )
        .toContain(panel);
      await page.screenshot({ path: `test-results/screenshots/theme-${scheme}-run-${viewport.name}.png`, fullPage: true });

      await page.goto(`/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
      const curves = page.getByRole('img', { name: 'Equity curves' }).locator('path[data-series]');
      await expect(curves).toHaveCount(2);
      const first = await curves.first().evaluate((path) => getComputedStyle(path).stroke);
      expect(first).toBe(await resolvedColor(page, '--chart-1'));
      expect(first).toBe(scheme === 'light' ? 'rgb(23, 120, 79)' : 'rgb(56, 192, 138)');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screenshots/theme-${scheme}-compare-${viewport.name}.png`, fullPage: true });
      await context.close();
    });
  }
}

/** How many pixels of each colour (rgb(…), fully opaque) the page's canvases hold, for the colours asked. */
async function canvasPixelCounts(page: Page, colors: string[]): Promise<Record<string, number>> {
  return page.evaluate((wanted) => {
    const counts: Record<string, number> = Object.fromEntries(wanted.map((color) => [color, 0]));
    for (const element of document.querySelectorAll('canvas')) {
      const context = element.getContext('2d');
      if (!context || element.width === 0 || element.height === 0) continue;
      const data = context.getImageData(0, 0, element.width, element.height).data;
      for (let at = 0; at < data.length; at += 4) {
        if (data[at + 3] !== 255) continue;
        const key = `rgb(${data[at]}, ${data[at + 1]}, ${data[at + 2]})`;
        if (key in counts) counts[key]! += 1;
      }
    }
    return counts;
  }, colors);
}

test('canvas charts switch colours when the system theme changes, without a reload (equity line, candles, drawdown, background)', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'research');
  const [id] = await completedSmaRuns(page, [11], 40);
  await page.goto(`/runs/${encodeURIComponent(id!)}`);
  await expect(page.getByTestId('candlestick-chart').locator('canvas').first()).toBeVisible();

  const dark = { panel: await resolvedColor(page, '--bg-panel'), positive: await resolvedColor(page, '--positive'), negative: await resolvedColor(page, '--negative') };
  await page.emulateMedia({ colorScheme: 'light' });
  const light = { panel: await resolvedColor(page, '--bg-panel'), positive: await resolvedColor(page, '--positive'), negative: await resolvedColor(page, '--negative') };
  expect(light.positive).not.toBe(dark.positive);
  expect(light.negative).not.toBe(dark.negative);

  // The series (equity line, candles, drawdown line) are painted in the light theme's green and red, and nothing is
  // left in the dark theme's: the charts were redrawn in the new colours, not just their backgrounds.
  const colors = [dark.panel, dark.positive, dark.negative, light.panel, light.positive, light.negative];
  await expect
    .poll(async () => {
      const counts = await canvasPixelCounts(page, colors);
      return {
        darkPanel: counts[dark.panel]! > 0,
        darkPositive: counts[dark.positive]! > 0,
        darkNegative: counts[dark.negative]! > 0,
        lightPanel: counts[light.panel]! > 0,
        lightPositive: counts[light.positive]! > 0,
        lightNegative: counts[light.negative]! > 0,
      };
    })
    .toEqual({ darkPanel: false, darkPositive: false, darkNegative: false, lightPanel: true, lightPositive: true, lightNegative: true });

  // And back: the dark colours return.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect
    .poll(async () => {
      const counts = await canvasPixelCounts(page, colors);
      return { lightPositive: counts[light.positive]! > 0, darkPositive: counts[dark.positive]! > 0 };
    })
    .toEqual({ lightPositive: false, darkPositive: true });
  await context.close();
});
