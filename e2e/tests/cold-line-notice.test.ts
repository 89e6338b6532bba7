// The cold-line alert as its official reads it: a line owned by the demo official drops to an 80 %
// answer rate (four of five calls answered, over the CTI webhook); the worker's monitor fires the
// alert, and the official's bell says which line went cold with its figures against the standard
// — not an empty 工作消息 · 无关联工单 — and leads to their own lines on the desk.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, pathname, screenshot, url, withSession } from '../support/browser.js';

const suffix = String(Date.now()).slice(-6);
const NUMBER = `0000-6${suffix}`;
const NAME = `冷线提醒测试${suffix}`;

type Item = { id: string; kind: string; caseId: string | null; facts: { lineId?: string } | null };

describe('cold-line alert in the bell', { timeout: 240_000 }, () => {
  let browser: Browser;
  let admin: Api;
  let official: Api;
  let lineId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiAs('admin');
    official = await apiAs('official');
    const { user: me } = await official.get<{ user: { id: string } }>('/api/v1/me');
    const line = await admin.send<{ id: string }>('POST', '/api/v1/admin/lines', {
      number: NUMBER, name: NAME, mode: 'direct', ownerUserId: me.id, ownerTitle: '局长', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    lineId = line.id;
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: 'e2e PBX notices' });
    const post = async (body: Record<string, string>) => {
      const res = await fetch(url(`/api/v1/cti/${token}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
    };
    for (let i = 0; i < 5; i++) {
      const call = { direction: 'in', from: `1371234${suffix.slice(-2)}${i}1`, to: NUMBER.replace('-', ''), call_id: `notice-${suffix}-${i}` };
      await post({ ...call, event: 'newCall' });
      if (i < 4) await post({ ...call, event: 'answer', user: 'official' });
      await post({ ...call, event: 'hangup', cause: i < 4 ? 'normalClearing' : 'noAnswer' });
    }
  });
  afterAll(async () => {
    await admin?.dispose();
    await official?.dispose();
    await browser?.close();
  });

  test('the official reads which line went cold with its figures, and the notice leads to their lines', async () => {
    // The monitor runs once a minute in the server's worker.
    await expect
      .poll(async () => (await official.get<{ items: Item[] }>('/api/v1/notifications?limit=100')).items.filter((n) => n.facts?.lineId === lineId).map((n) => n.kind), {
        timeout: 150_000, interval: 2_000,
      })
      .toEqual(['cold_line_alert']);

    await withSession(browser, 'cold-line-notice', async ({ page }) => {
      await login(page, 'official');
      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: NAME });
      await item.waitFor({ state: 'visible' });
      const text = await item.innerText();
      expect(text).toContain('冷线提醒');
      expect(text).toContain(`${NAME}（${NUMBER}）近24小时接通率 80%（4/5，含1小时内回拨 0）`);
      expect(text).toContain('未接通 1 个；低于标准（接通率 95%');
      expect(text).toContain('查看热线接通情况');
      expect(text).not.toContain('无关联工单');
      await screenshot(page, 'cold-line-notice-bell');
      await item.click();
      await page.waitForURL((u) => u.pathname === '/desk');
      expect(pathname(page)).toBe('/desk');
      // The desk's own-lines panel shows the same line, marked cold.
      const card = page.getByTestId('my-line').filter({ hasText: NAME });
      await card.waitFor();
      expect(await card.innerText()).toContain('冷线');

      // The full list says it too, and links the same way.
      await page.goto(url('/notifications'));
      const row = page.locator('tr').filter({ hasText: NAME });
      await row.waitFor();
      expect(await row.getByTestId('notification-text').innerText()).toContain(`${NAME}（${NUMBER}）近24小时接通率 80%`);
      expect(await row.getByRole('link', { name: '查看热线接通情况' }).getAttribute('href')).toBe('/desk');
      await screenshot(page, 'cold-line-notice-list');
    });
  });
});
