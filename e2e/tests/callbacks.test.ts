// 回电任务 (issue 10 §5): a call reaches an official's direct line outside its hours. The phone
// system (plain HTTP, as a Zammad bridge posts) is told to forward it to the after-hours desk,
// and the call becomes a callback task in the official's queue. The official reveals the number
// (audited), records a try nobody answered, then the try that reached the caller, which closes
// the task.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { baseUrl, launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { maskPhone, uniquePhone, uniqueTag } from '../support/data.js';
import { choose } from '../support/ui.js';

describe('callbacks', { timeout: 120_000 }, () => {
  let browser: Browser;
  let admin: Api;
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiAs('admin');
  });
  afterAll(async () => {
    await admin?.dispose();
    await browser?.close();
  });

  test('an after-hours call to a direct line is forwarded, queued for its official and closed by recording the callback', async () => {
    const official = await apiAs('official');
    const { user: me } = await official.get<{ user: { id: string } }>('/api/v1/me');
    await official.dispose();
    // A line of its own, never open (no hours), so the call is after hours whatever the clock says.
    const number = `0000-7${String(Date.now()).slice(-7)}`;
    const lineName = `区长直通电话 ${uniqueTag()}`;
    const line = await admin.send<{ id: string }>('POST', '/api/v1/admin/lines', {
      number, name: lineName, mode: 'direct', ownerTitle: '区长', ownerUserId: me.id, isPublic: false, serviceHours: { weekly: {}, onHolidays: 'closed' },
    });
    await admin.send('PUT', `/api/v1/admin/lines/${line.id}/callback-settings`, { afterHoursNumber: '0000-12345', callbackUnitId: null, withinMinutes: 60, maxTries: 3 });
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: `e2e PBX ${uniqueTag()}` });

    const caller = uniquePhone();
    const callId = `e2e-callback-${uniqueTag()}`;
    const post = async (body: string) => {
      const res = await fetch(`${baseUrl()}/api/v1/cti/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(res.status).toBe(200);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const base = `direction=in&from=${caller}&to=${encodeURIComponent(number)}&call_id=${callId}`;
    expect(await post(`event=newCall&${base}`)).toEqual({ action: 'forward', destination: '0000-12345' });
    expect(await post(`event=hangup&${base}&cause=noAnswer`)).toEqual({});

    await withSession(browser, 'callbacks', async ({ page }) => {
      await login(page, 'official');
      await page.getByTestId('nav-callbacks').click();
      await page.waitForURL((u) => u.pathname === '/callbacks');
      const row = page.getByTestId('callback-table').locator('tr', { hasText: maskPhone(caller) });
      await row.waitFor({ state: 'visible' });
      await expect.poll(async () => row.innerText()).toContain('非服务时间来电');
      expect(Number(await page.getByTestId('callback-count-open').locator('.ant-statistic-content-value').innerText())).toBeGreaterThanOrEqual(1);
      // The official's own line on the same page: outside hours, one callback waiting.
      const card = page.getByTestId('my-line').filter({ hasText: lineName });
      await card.waitFor({ state: 'visible' });
      expect(await card.innerText()).toContain('非服务时间');
      expect(await card.getByTestId('my-line-callbacks').innerText()).toContain('1');
      await screenshot(page, 'callbacks-queue');
      // The queue is wider than a laptop's panel: its one action stays pinned inside the table, not scrolled off its edge.
      const table = await page.getByTestId('callback-table').boundingBox();
      const open = await row.getByTestId('callback-open').boundingBox();
      expect(table && open && open.x + open.width <= table.x + table.width).toBe(true);

      await row.getByTestId('callback-open').click();
      const drawer = page.getByTestId('callback-drawer');
      await drawer.getByTestId('callback-caller').waitFor({ state: 'visible' });
      expect(await drawer.getByTestId('callback-caller').innerText()).toBe(maskPhone(caller));
      // The open task is in the address: a reminder's link (/callbacks?task=) opens it the same way.
      const taskId = new URL(page.url()).searchParams.get('task');
      expect(taskId).toBeTruthy();
      await page.goto(`${baseUrl()}/callbacks?task=${taskId}`);
      await drawer.getByTestId('callback-caller').waitFor({ state: 'visible' });
      expect(await drawer.getByTestId('callback-caller').innerText()).toBe(maskPhone(caller));
      await drawer.getByTestId('callback-reveal').click();
      await expect.poll(async () => drawer.getByTestId('callback-caller').innerText()).toBe(`+86${caller}`);

      const tryOnce = async (label: string) => {
        await choose(page, 'callback-result', label);
        await drawer.getByTestId('callback-attempt-submit').click();
      };
      await tryOnce('无人接听');
      await expect.poll(async () => drawer.getByTestId('callback-attempts').innerText()).toContain('无人接听');
      await expect.poll(async () => drawer.getByTestId('callback-state').innerText()).toContain('未接通 1 次');
      await tryOnce('已接通');
      await expect.poll(async () => drawer.getByTestId('callback-state').innerText()).toContain('已联系上');
      await screenshot(page, 'callbacks-reached');
      await page.keyboard.press('Escape');
      await expect.poll(() => new URL(page.url()).searchParams.has('task')).toBe(false);
      await expect.poll(async () => card.getByTestId('my-line-callbacks').innerText()).toContain('0');
    });

    // What the server recorded: closed as reached, two tries, the reveal audited.
    const closed = await admin.get<{ items: Array<{ id: string; callerPhone: string; outcome: string | null; failedTries: number }> }>('/api/v1/callbacks?status=closed&pageSize=100');
    const task = closed.items.find((i) => i.callerPhone === maskPhone(caller));
    expect(task).toMatchObject({ outcome: 'reached', failedTries: 1 });
    const audit = await admin.get<{ items: Array<{ action: string; targetId: string | null }> }>(`/api/v1/admin/audit?action=callback.reveal`);
    expect(audit.items.some((a) => a.targetId === task?.id)).toBe(true);
  });
});
