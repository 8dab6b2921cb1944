import { expect, test, type Page } from '@playwright/test';
import { signIn, type DemoRole } from './support/auth.ts';
import { completedSmaRuns } from './support/backtest-runs.ts';
import { pauseDeployment, startTradingReplay, steppedUpProduction } from './support/deployments.ts';

/** Each audience's main pages (README roles): what they open first, in order. */
const mainPaths: Record<DemoRole, string[]> = {
  research: ['/runs', '/optimizations', '/strategies', '/scorecard', '/datasets'],
  production: ['/deployments', '/promotions', '/strategies', '/triggers'],
  risk: ['/risk', '/incidents', '/deployments', '/scorecard'],
  compliance: ['/audit', '/promotions', '/scorecard', '/users'],
  admin: ['/users', '/operations', '/triggers', '/audit', '/datasets'],
};

const widths = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** The document is no wider than the window (nothing scrolls the whole page sideways). */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // The deepest element reaching past the right edge names the culprit in the failure message.
    const past = [...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5);
    const culprit = past.find((element) => ![...element.children].some((child) => past.includes(child)));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest: culprit ? `${culprit.tagName.toLowerCase()}.${[...culprit.classList].join('.')} "${(culprit.textContent ?? '').trim().slice(0, 40)}"` : 'none' };
  });
  expect(scrollWidth, `page width of ${new URL(page.url()).pathname} at ${innerWidth} px (past the edge: ${widest})`).toBeLessThanOrEqual(innerWidth);
}

for (const { name, viewport } of widths) {
  test.describe(`${name} ${viewport.width} px`, () => {
    test.use({ viewport });
    for (const [role, paths] of Object.entries(mainPaths) as [DemoRole, string[]][]) {
      test(`${role}: the main pages fit the screen and the navigation reaches them`, async ({ page }) => {
        await signIn(page, role);
        await expectNoHorizontalOverflow(page);
        for (const path of paths) {
          if (name === 'phone') {
            const menu = page.getByRole('button', { name: 'Menu' });
            await menu.click();
            await expect(menu).toHaveAttribute('aria-expanded', 'true');
          }
          const link = page.getByRole('navigation', { name: 'Main' }).locator(`a[href="${path}"]`);
          await link.click();
          await expect(page).toHaveURL(new RegExp(`${path}$`));
          await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
          await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ visible: name === 'desktop' });
          await expectNoHorizontalOverflow(page);
        }
        await page.screenshot({ path: `test-results/screenshots/audience-${role}-${name}.png`, fullPage: false });
      });
    }
  });
}

test('the skip link is the first stop and moves the focus to the content', async ({ page }) => {
  await signIn(page, 'research');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('a page of another role by URL explains itself without its forms or exports; an unknown URL gets a styled 404', async ({ page }) => {
  await signIn(page, 'research');
  await page.goto('/audit');
  const denied = page.getByRole('alert', { name: 'Access denied' });
  await expect(denied).toContainText('Not available to your roles');
  await expect(denied).toContainText('compliance or admin');
  await expect(page.getByRole('button', { name: /Export/ })).toHaveCount(0);
  await expect(page.getByText('FORBIDDEN')).toHaveCount(0);

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to backtest runs' }).click();
  await expect(page).toHaveURL(/\/runs$/);
});

test('compliance is not offered the forms it may not use', async ({ page }) => {
  await signIn(page, 'compliance');
  await page.goto('/optimizations');
  await expect(page.getByRole('heading', { name: 'Walk-forward optimizations' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Queue optimization' })).toHaveCount(0);
  await page.goto('/runs');
  await expect(page.getByRole('table', { name: 'Backtest runs' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Queue backtest' })).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the ${colorScheme} theme follows the system and its secondary text meets WCAG AA`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await signIn(page, 'research');
    const contrast = await page.evaluate(() => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      const luminance = (colour: string) => {
        const [r, g, b] = colour.match(/\d+(\.\d+)?/g)!.map(Number);
        return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
      };
      const probe = document.createElement('span');
      document.body.append(probe);
      const colourOf = (token: string, property: 'color' | 'backgroundColor') => {
        probe.style[property] = `var(${token})`;
        const value = getComputedStyle(probe)[property];
        probe.style[property] = '';
        return value;
      };
      const ratio = (a: string, b: string) => {
        const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (high! + 0.05) / (low! + 0.05);
      };
      const backgrounds = ['--bg', '--bg-raised', '--bg-panel'].map((token) => colourOf(token, 'backgroundColor'));
      const result = Object.fromEntries(['--text-muted', '--text-faint'].map((token) => [token, Math.min(...backgrounds.map((background) => ratio(colourOf(token, 'color'), background)))]));
      probe.remove();
      return { result, background: getComputedStyle(document.body).backgroundColor };
    });
    expect(contrast.result['--text-muted']).toBeGreaterThanOrEqual(4.5);
    expect(contrast.result['--text-faint']).toBeGreaterThanOrEqual(4.5);
    expect(contrast.background).toBe(colorScheme === 'light' ? 'rgb(243, 245, 248)' : 'rgb(11, 14, 19)');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/runs');
      await expect(page.getByRole('table', { name: 'Backtest runs' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/theme-${colorScheme}-${width}.png` });
    }
  });
}

/**
 * The cells of a table's first row whose right edge is past the screen's (their first 40 characters). `dataRow`: wait
 * for a row of data (not the "Loading…" or "No … yet" row, which fits the screen either way).
 */
async function cellsPastTheEdge(page: Page, table: string, { dataRow = true } = {}): Promise<(string | undefined)[]> {
  const rows = page.getByRole('table', { name: table }).locator(dataRow ? 'tbody tr:not(:has(td.empty))' : 'tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.first().locator('td').evaluateAll((cells) => cells.filter((cell) => cell.getBoundingClientRect().right > window.innerWidth + 0.5).map((cell) => cell.textContent?.trim().slice(0, 40)));
}

test.describe('phone 390 px: tables of the compliance, admin and research pages', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const { role, path, table } of [
    { role: 'compliance', path: '/audit', table: 'Audit events' },
    { role: 'admin', path: '/users', table: 'Users' },
    { role: 'research', path: '/scorecard', table: 'Ranking' },
    { role: 'research', path: '/runs', table: 'Backtest runs' },
    { role: 'research', path: '/datasets', table: 'Certified datasets' },
  ] as const) {
    test(`${role} ${path}: each row is a card with every cell on screen`, async ({ page }) => {
      await signIn(page, role);
      if (path === '/runs') {
        // A completed run to show, with its metrics (before: Sharpe to Compare scrolled past the screen's edge).
        await completedSmaRuns(page, [7], 25);
      }
      if (path === '/scorecard') {
        // A ranking to show: an evaluation cycle of the registered strategies.
        const response = await page.request.post('/graphql', { data: { query: `mutation { runEvaluationCycle(input: { reason: "e2e phone scorecard", seed: 3 }) { evaluationCycle { id } } }` } });
        expect(((await response.json()) as { errors?: unknown[] }).errors).toBeUndefined();
        await page.goto(path);
        await expect(page.getByTestId('score').first()).toBeVisible({ timeout: 60_000 });
      }
      await page.goto(path);
      // Before: the table scrolled sideways inside its panel — the audit details and the users' roles and grant
      // controls past the screen's right edge, the audit rows ~215 px tall with their details one word a line.
      expect(await cellsPastTheEdge(page, table), 'cells of the first row past the right edge').toEqual([]);
      if (path === '/audit') {
        // The actor is named (before: the first 8 characters of the user id); the whole id stays in the title.
        const actor = page.getByRole('table', { name: 'Audit events' }).locator('.actor', { hasText: 'Demo compliance' }).first();
        await expect(actor).toBeVisible();
        await expect(actor).toHaveAttribute('title', /^compliance@demo\.crucible\.local · user id [0-9a-f-]{36}$/);
      }
    });
  }

  test('research /runs/:id: its regime breakdown (shared with the optimization page) is a card a regime with every cell on screen', async ({ page }) => {
    await signIn(page, 'research');
    const [id] = await completedSmaRuns(page, [6], 24);
    await page.goto(`/runs/${encodeURIComponent(id!)}`);
    // Before: Sharpe to Win rate past the screen's edge (the table scrolled sideways inside its panel).
    expect(await cellsPastTheEdge(page, 'Regime breakdown'), 'cells of the first regime row past the right edge').toEqual([]);
  });

  test('production /deployments/:id: its fills, orders and events are cards with every cell on screen; at desktop its tile labels are whole', async ({ page, playwright, baseURL }) => {
    test.setTimeout(150_000);
    // A SHADOW replay that trades (the SMA crossover on BTC-USDT 1d, as in deployments.spec.ts).
    const api = await steppedUpProduction(playwright, baseURL);
    const { id } = await startTradingReplay(api);
    try {
      await signIn(page, 'production');
      await page.goto(`/deployments/${encodeURIComponent(id)}`);
      const fillCount = async () => Number((await page.getByTestId('fill-count').textContent())?.replaceAll(',', '') ?? 0);
      await expect.poll(fillCount, { timeout: 60_000, message: 'a fill arrives' }).toBeGreaterThan(0);
      await expect(page.getByRole('table', { name: 'Fills' }).locator('tbody tr').first()).toContainText(/buy|sell/i);
      // Before: each table scrolled sideways inside its panel, its price, fee and state columns past the screen's edge.
      // A replay without a refusal has no event: that table's first row is then its "No refusal or event." line.
      for (const { table, dataRow } of [
        { table: 'Fills', dataRow: true },
        { table: 'Orders', dataRow: true },
        { table: 'Deployment events', dataRow: false },
      ]) {
        expect(await cellsPastTheEdge(page, table, { dataRow }), `cells of the first ${table} row past the right edge`).toEqual([]);
      }
      // At desktop width every tile label is whole (before: "Unrealized · USDT" was cut to "UNREALIZED · U…").
      await page.setViewportSize({ width: 1440, height: 900 });
      const labels = page.getByRole('region', { name: 'Profit and loss' }).locator('.label');
      await expect(labels.filter({ hasText: 'Unrealized ·' })).toBeVisible();
      const cut = await labels.evaluateAll((spans) => spans.filter((span) => span.scrollWidth > span.clientWidth + 0.5).map((span) => span.textContent));
      expect(cut, 'tile labels cut at 1440 px').toEqual([]);
    } finally {
      await pauseDeployment(api, id, 'e2e phone tables over');
      await api.dispose();
    }
  });
});
