// 考核排名: an admin changes the ranking weights on /admin/ranking-weights, and the ranking page
// orders the departments as the server ranks them under each weighting: response rate only,
// then satisfaction only, two orders that differ on the demo data. Runs its own server, so the
// edited weights touch no other file.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession, type Session } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';
import { fillText } from '../support/ui.js';

interface Ranking { items: Array<{ unitName: string; rank: number | null; volume: number }> }
interface Weights { settings: { weights: { response: number; resolution: number; satisfaction: number }; minVolume: number } }

/** The month before this one in Beijing: complete, and well inside the demo's 90 days. */
function lastMonth(): string {
  const beijing = new Date(Date.now() + 8 * 3600_000);
  const first = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), 1) - 86_400_000);
  return first.toISOString().slice(0, 7);
}

describe('ranking', { timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let adminApi: Api;
  const month = lastMonth();
  const session = (name: string, scenario: (s: Session) => Promise<void>) => withSession(browser, name, scenario, server.baseUrl);
  const apiOrder = async (): Promise<string[]> =>
    (await adminApi.get<Ranking>(`/api/v1/stats/ranking?month=${month}&kind=department`)).items.filter((i) => i.rank !== null).map((i) => i.unitName);
  const pageOrder = async (page: Page): Promise<string[]> => {
    const rows = page.getByTestId('ranking-row');
    const names = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-unit') ?? '', el.textContent ?? '']));
    // Ranked rows only: the unranked carry the 不排名 tag.
    return names.filter(([, text]) => !text?.includes('不排名')).map(([name]) => name ?? '');
  };
  const setWeights = async (page: Page, w: { response: string; resolution: string; satisfaction: string }): Promise<void> => {
    await page.getByTestId('nav-admin-ranking-weights').click();
    await page.waitForURL((u) => u.pathname === '/admin/ranking-weights');
    await fillText(page, 'ranking-weight-response', w.response);
    await fillText(page, 'ranking-weight-resolution', w.resolution);
    await fillText(page, 'ranking-weight-satisfaction', w.satisfaction);
    await fillText(page, 'ranking-min-volume', '1');
    await page.getByTestId('ranking-weights-save').click();
    await expect
      .poll(async () => (await adminApi.get<Weights>('/api/v1/admin/ranking-weights')).settings)
      .toEqual({ weights: { response: Number(w.response), resolution: Number(w.resolution), satisfaction: Number(w.satisfaction) }, minVolume: 1 });
  };
  const openRanking = async (page: Page): Promise<string[]> => {
    await page.getByTestId('nav-ranking').click();
    await page.waitForURL((u) => u.pathname === '/reports/ranking');
    await page.goto(`/reports/ranking?month=${month}`);
    const expected = await apiOrder();
    await expect.poll(() => pageOrder(page), { timeout: 20_000 }).toEqual(expected);
    return expected;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminApi = await apiAs('admin', server.baseUrl);
    // The worker rolls the demo's events into the daily figures within a pass or two.
    await expect
      .poll(async () => (await adminApi.get<Ranking>(`/api/v1/stats/ranking?month=${month}&kind=department`)).items.some((i) => i.volume > 0), { timeout: 60_000, interval: 1000 })
      .toBe(true);
  });
  afterAll(async () => {
    await adminApi?.dispose();
    await browser?.close();
    await server?.stop();
  });

  test('an admin edits the weights and the ranking order follows', async () => {
    await session('ranking-weights', async ({ page }) => {
      await login(page, 'admin');
      await setWeights(page, { response: '1', resolution: '0', satisfaction: '0' });
      const byResponse = await openRanking(page);
      expect(byResponse.length).toBeGreaterThan(2);
      await screenshot(page, 'ranking-by-response');

      await setWeights(page, { response: '0', resolution: '0', satisfaction: '1' });
      const bySatisfaction = await openRanking(page);
      await screenshot(page, 'ranking-by-satisfaction');
      // The page shows the weights it ranks by, and the order changed with them.
      expect(await page.getByTestId('ranking-weights').textContent()).toContain('满意率 × 1');
      expect(bySatisfaction).not.toEqual(byResponse);
    });
  });
});
