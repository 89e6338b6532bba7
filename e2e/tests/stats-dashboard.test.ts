// The figures dashboard (统计分析) and its drill-down: a supervisor opens the dashboard, sees
// the charts and the per-unit table, clicks a unit's dispatch count and lands on the case list
// showing exactly the cases behind that number.
//
// The demo data varies with the hour it was generated, so the scenario counts cases of its own:
// an admin adds a unit no demo case was ever sent to, the operator files two cases and dispatches
// them there. The figures come from the worker that the server runs in-process (WORKER=1, every
// 5 s; ADR 0012): the test waits until the figures API shows the two dispatches, as a user
// pressing 刷新 would, and never writes to the figure tables itself.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api } from '../support/api.js';
import { launchBrowser, login, pathname, screenshot, withSession } from '../support/browser.js';
import { uniquePhone, uniqueTag } from '../support/data.js';

interface OrgUnit { id: string; parentId: string | null; name: string }
interface UnitFigures { unitId: string; dispatched: number }

describe('figures dashboard', () => {
  let browser: Browser;
  let admin: Api;
  let operator: Api;
  const unitName = `端到端统计科${uniqueTag()}`;
  let unitId = '';
  const caseNumbers: string[] = [];

  beforeAll(async () => {
    admin = await apiAs('admin');
    operator = await apiAs('operator');
    const { items } = await admin.get<{ items: OrgUnit[] }>('/api/v1/org-units');
    const root = items.find((u) => u.parentId === null);
    if (!root) throw new Error('the demo has no root unit');
    unitId = (await admin.send<OrgUnit>('POST', '/api/v1/admin/org-units', { parentId: root.id, name: unitName, kind: 'department' })).id;
    for (const content of ['端到端统计：小区路灯不亮，夜间出行不便。', '端到端统计：人行道地砖松动，雨天溅水。']) {
      const created = await createCaseViaApi(operator, { callerPhone: uniquePhone(), content });
      await operator.send('POST', `/api/v1/cases/${created.id}/dispatch`, { leadUnitId: unitId }, 200);
      caseNumbers.push(created.caseNumber);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await admin?.dispose();
    await operator?.dispose();
  });

  test('a supervisor sees the charts and the table, and a figure leads to exactly its cases', async () => {
    // The worker's next pass counts them (within seconds); the dashboard reads what it wrote.
    await expect
      .poll(
        async () => {
          const figures = await admin.get<{ items: UnitFigures[] }>(`/api/v1/stats/units?${thisMonthQuery()}`);
          return figures.items.find((u) => u.unitId === unitId)?.dispatched;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(2);
    await withSession(browser, 'stats-dashboard', async ({ page }) => {
      await login(page, 'supervisor');
      await page.getByTestId('nav-stats').click();
      await expect.poll(() => pathname(page)).toBe('/stats');

      // The charts are drawn (SVG) and the three rates are shown.
      for (const chart of ['chart-trend', 'chart-types', 'chart-channels']) {
        await page.getByTestId(chart).locator('svg').first().waitFor({ state: 'visible' });
      }
      const tiles = page.getByTestId('rate-tiles');
      for (const label of ['响应率', '解决率', '满意率']) await tiles.getByText(label, { exact: true }).waitFor({ state: 'visible' });

      // Our unit's row in the per-unit table, with its two dispatches.
      const table = page.getByTestId('unit-figures');
      const row = table.locator('tr', { hasText: unitName });
      await row.waitFor({ state: 'visible' });
      const count = page.getByTestId(`unit-dispatched-${unitId}`);
      expect((await count.innerText()).trim()).toBe('2');
      await screenshot(page, 'stats-dashboard');

      await count.click();
      await expect.poll(() => pathname(page)).toBe('/cases');
      const query = new URL(page.url()).searchParams;
      expect(query.get('fact')).toBe('dispatched');
      expect(query.get('factUnitId')).toBe(unitId);
      await page.getByTestId('figure-tag').waitFor({ state: 'visible' });
      // The tag names the unit once the unit list has loaded.
      await expect.poll(async () => page.getByTestId('figure-tag').innerText()).toContain(unitName);

      // Exactly our two cases, and nothing else.
      const caseTable = page.getByTestId('case-table');
      for (const number of caseNumbers) await caseTable.getByText(number, { exact: true }).waitFor({ state: 'visible' });
      const shown = await caseTable.locator('tbody tr').allInnerTexts();
      const numbers = shown.map((text) => /\d{8}-\d{6}/.exec(text)?.[0]).filter((n): n is string => n !== undefined);
      expect(numbers.sort()).toEqual([...caseNumbers].sort());
      await screenshot(page, 'stats-drill-down');

      // Removing the tag drops the figure and lists all cases again.
      await page.getByTestId('figure-tag').getByLabel('清除统计条件').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('fact')).toBeNull();
      await expect.poll(async () => page.getByTestId('figure-tag').count()).toBe(0);
    });
  });
});

/** `from=…&to=…` for this month so far, in Beijing days (the dashboard's default period). */
function thisMonthQuery(): string {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return `from=${today.slice(0, 8)}01&to=${today}`;
}
