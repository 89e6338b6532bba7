// A visitor with no account reads the public figures: a department's row on /figures and a
// line's figures next to its number in the directory, both as the API computed them from the
// demo's cases (the worker's first figures pass runs shortly after start).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, url, withSession } from '../support/browser.js';

interface Figures { dispatched: number; responseRate: number | null; resolutionRate: number | null; satisfactionRate: number | null }
interface Stats { month: string; jurisdiction: Figures; units: Array<Figures & { unitName: string }>; ranking: Array<{ unitId: string }> }
interface DirectoryLine { number: string; mode: string; figures: (Figures & { month: string }) | null; calls: { answerRate: number | null; cold: boolean } | null }

/** As the page prints a rate (lib/rates.ts), so the test reads the same number the API gave. */
const rate = (r: number | null): string => (r === null ? '暂无' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(url(path));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

describe('public figures (no login)', () => {
  let browser: Browser;
  let stats: Stats;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The demo's figures appear after the worker's first pass over every case.
    const deadline = Date.now() + 90_000;
    for (;;) {
      stats = await getJson<Stats>('/api/v1/public/stats');
      if (stats.jurisdiction.dispatched > 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    expect(stats.jurisdiction.dispatched, 'the demo has dispatched cases last month').toBeGreaterThan(0);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  test('the figures page shows each department’s figures and sorts them', async () => {
    const busiest = [...stats.units].sort((a, b) => b.dispatched - a.dispatched)[0];
    if (!busiest) throw new Error('no units');
    await withSession(browser, 'public-figures', async ({ page }) => {
      await page.goto('/figures');
      const table = page.getByTestId('figures-units');
      const row = table.locator(`tr[data-name="${busiest.unitName}"]`);
      await row.waitFor({ state: 'visible' });
      const text = await row.innerText();
      expect(text).toContain(String(busiest.dispatched));
      expect(text).toContain(rate(busiest.responseRate));
      expect(text).toContain(rate(busiest.satisfactionRate));
      // Sorted by dispatches, most first (antd: first click ascending, second descending).
      const header = table.locator('th', { hasText: '派单数' });
      await header.click();
      await header.click();
      await expect.poll(async () => table.locator('tbody tr[data-name]').first().getAttribute('data-name')).toBe(busiest.unitName);
      // The month's composite ranking is on the same page, every unit of the API's list in it.
      expect(stats.ranking.length).toBeGreaterThan(0);
      await expect.poll(async () => page.getByTestId('figures-ranking').locator('tbody tr[data-row-key]').count()).toBe(stats.ranking.length);
      await screenshot(page, 'figures');
    });
  });

  test('the directory shows a line’s figures next to its number', async () => {
    const { items } = await getJson<{ items: DirectoryLine[] }>('/api/v1/public/lines');
    const line = items.find((l) => l.figures !== null && l.figures.dispatched > 0);
    if (!line?.figures) throw new Error('no published line with figures last month');
    const tips = items.filter((l) => l.mode === 'tip');
    expect(tips.length, 'the demo publishes a tip line').toBeGreaterThan(0);
    expect(tips.every((l) => l.figures === null), 'a tip line never shows figures').toBe(true);
    await withSession(browser, 'public-directory-figures', async ({ page }) => {
      await page.goto('/lines');
      const entry = page.getByTestId('line').filter({ hasText: line.number });
      const figures = entry.getByTestId('line-figures');
      await figures.waitFor({ state: 'visible' });
      const text = await figures.innerText();
      expect(text).toContain(`派单 ${line.figures?.dispatched} 件`);
      expect(text).toContain(`满意率 ${rate(line.figures?.satisfactionRate ?? null)}`);
      await expect.poll(async () => entry.innerText()).toContain(line.figures?.month ?? '');
      // 接通率 next to the number: the API's 24-h figure (rounded down), or 暂无来电数据 without calls.
      const calls = entry.getByTestId('line-calls');
      const expected = line.calls?.answerRate === null || line.calls?.answerRate === undefined ? '暂无来电数据' : `近24小时接通率 ${Math.floor(line.calls.answerRate * 1000 + 1e-9) / 10}%`;
      expect(await calls.innerText()).toContain(expected);
      expect(await calls.getAttribute('data-cold')).toBe(String(line.calls?.cold ?? false));
      const tip = page.getByTestId('line').filter({ hasText: tips[0]?.number ?? '' });
      expect(await tip.getByTestId('line-calls').count(), 'a tip line shows no call figures').toBe(0);
      await screenshot(page, 'directory');
    });
  });
});
