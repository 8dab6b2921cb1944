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
