// The staff console on a 390 px phone (issue 12 §8): antd's floating menu trigger sat on top of
// each page's title, and the workbench's pinned action column covered the other columns and was
// cut itself. Now a header button opens the menu over the page, and the action column scrolls
// with its row; both are checked by where things are drawn, not by class names.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api } from '../support/api.js';
import { DEMO_PASSWORD, launchBrowser, screenshot, withSession } from '../support/browser.js';
import { uniquePhone, uniqueTag } from '../support/data.js';

const PHONE = { width: 390, height: 844 };

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element is not drawn');
  return b;
}

const intersects = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Whether a tap would reach the element: Playwright's trial click scrolls it into view and checks
 * that it is visible, stable and receives events (nothing drawn over it), without clicking.
 */
async function reachable(locator: Locator): Promise<boolean> {
  return locator.click({ trial: true, timeout: 5_000 }).then(
    () => true,
    () => false,
  );
}

describe('the staff console on a phone', { timeout: 120_000 }, () => {
  let browser: Browser;
  let operator: Api;
  let handlerUnitId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    operator = await apiAs('operator');
    const handler = await apiAs('handler');
    handlerUnitId = (await handler.get<{ user: { orgUnitId: string } }>('/api/v1/me')).user.orgUnitId;
    await handler.dispose();
  });
  afterAll(async () => {
    await operator?.dispose();
    await browser?.close();
  });

  test('the menu opens from the header, over the page, and the workbench actions can be tapped', async () => {
    const created = await createCaseViaApi(operator, { callerPhone: uniquePhone(), content: `小区路灯不亮已经一周 ${uniqueTag()}` });
    await operator.send('POST', `/api/v1/cases/${created.id}/dispatch`, { leadUnitId: handlerUnitId }, 200);

    await withSession(browser, 'phone-layout', async ({ page }) => {
      await page.setViewportSize(PHONE);
      // Signed in by hand: the shared helper waits for a menu link, which a phone keeps closed.
      await page.goto('/login');
      await page.getByTestId('login-username').fill('handler');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('current-user').waitFor();
      await page.goto('/workbench');
      const title = page.locator('h1.panel__title');
      const toggle = page.getByTestId('menu-toggle');
      await toggle.waitFor();
      expect(intersects(await box(toggle), await box(title))).toBe(false);

      // The menu covers the page while open and closes after a choice.
      await toggle.click();
      // (It slides in: wait for the animation rather than measuring it half-way.)
      await expect.poll(async () => (await box(page.locator('aside.ant-layout-sider'))).width).toBeGreaterThan(150);
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await page.getByTestId('nav-workbench').click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');

      // The row of the new case: its accept button is drawn and nothing covers it.
      const row = page.locator('tr', { hasText: created.caseNumber });
      await row.waitFor();
      expect(await reachable(row.getByTestId('quick-accept'))).toBe(true);
      await screenshot(page, 'workbench-phone');
    });
  });
});
