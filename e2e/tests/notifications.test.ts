// The bell (issue 12 §4): a handler's unread count rises when the operator dispatches a case to
// the handler's unit, the dropdown links to the case, and reading clears the count.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api } from '../support/api.js';
import { launchBrowser, login, pathname, screenshot, withSession } from '../support/browser.js';
import { uniquePhone, uniqueTag } from '../support/data.js';

const unreadOf = async (page: Page): Promise<number> => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

/**
 * Whether the user's notification about `caseId` is read. The worker's sweep may send this
 * handler 督办 notices of demo cases at any moment, so the bell's total is not a stable check
 * once the scenario has started; each notification's own state is.
 */
async function isRead(api: Api, caseId: string): Promise<boolean> {
  const { items } = await api.get<{ items: { caseId: string | null; readAt: string | null }[] }>('/api/v1/notifications');
  const mine = items.filter((n) => n.caseId === caseId);
  return mine.length > 0 && mine.every((n) => n.readAt !== null);
}

/** Marks everything read until two seconds pass with nothing new. */
async function settle(api: Api): Promise<void> {
  for (let round = 0; round < 30; round++) {
    await api.send('POST', '/api/v1/notifications/read-all', {}, 200);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    if ((await api.get<{ unread: number }>('/api/v1/notifications')).unread === 0) return;
  }
  throw new Error('notifications kept arriving for a minute');
}

describe('notifications bell', { timeout: 180_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a dispatch to the handler unit rings the bell; opening it leads to the case; reading clears it', async () => {
    const operator = await apiAs('operator');
    const handlerApi = await apiAs('handler');
    try {
      const { user: me } = await handlerApi.get<{ user: { orgUnitId: string } }>('/api/v1/me');
      // Start from a clean bell. The server's worker sweeps the demo's deadlines as it starts and
      // its 督办 notices reach this handler too, so clear until nothing new arrives.
      await settle(handlerApi);

      await withSession(browser, 'notifications-handler', async ({ page }) => {
        await login(page, 'handler');
        await expect.poll(() => unreadOf(page)).toBe(0);
        // The bell's stream is open: the count below must arrive by it (the fallback poll is a minute).
        await page.locator('html[data-live="open"]').waitFor({ state: 'attached' });

        const created = await createCaseViaApi(operator, { callerPhone: uniquePhone(), content: `小区门口垃圾桶满溢无人清运，气味很大。${uniqueTag()}` });
        await operator.send('POST', `/api/v1/cases/${created.id}/dispatch`, { leadUnitId: me.orgUnitId, note: '请核实处理' }, 200);

        // Live: the bell learns of it without a reload, by server-sent event.
        await expect.poll(() => unreadOf(page), { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
        await screenshot(page, 'bell-unread');

        await page.getByTestId('notification-bell').click();
        const item = page.getByTestId('notification-panel').getByTestId('notification-item').first();
        await item.waitFor({ state: 'visible' });
        expect(await item.innerText()).toContain('新派单');
        expect(await item.innerText()).toContain(created.caseNumber);
        await screenshot(page, 'bell-open');
        await item.click();
        await page.waitForURL((u) => u.pathname === `/cases/${created.id}`);
        expect(pathname(page)).toBe(`/cases/${created.id}`);
        await expect.poll(() => isRead(handlerApi, created.id)).toBe(true);

        // A second one, cleared from the list page with 全部标为已读.
        const second = await createCaseViaApi(operator, { callerPhone: uniquePhone(), content: `人行道井盖缺失，夜里有人差点踩空。${uniqueTag()}` });
        await operator.send('POST', `/api/v1/cases/${second.id}/dispatch`, { leadUnitId: me.orgUnitId }, 200);
        // Counted, not just listed: the bell's panel shows it (other notices may arrive meanwhile).
        await page.getByTestId('notification-bell').click();
        await page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: second.caseNumber }).waitFor({ state: 'visible', timeout: 20_000 });
        expect(await unreadOf(page)).toBeGreaterThan(0);
        await page.getByTestId('notifications-view-all').click();
        await page.waitForURL((u) => u.pathname === '/notifications');
        await page.getByRole('link', { name: second.caseNumber }).waitFor({ state: 'visible' });
        // The page's own button: the bell's panel (closing as the page opened) has one too.
        await page.getByTestId('notifications-page-read-all').click();
        await expect.poll(() => isRead(handlerApi, second.id)).toBe(true);
        await screenshot(page, 'notifications-page');
      });
    } finally {
      await operator.dispose();
      await handlerApi.dispose();
    }
  });
});
