// 冷线: a published line whose calls go unanswered. The phone system reports five calls over the
// CTI webhook (four answered, one missed), so the line's 24-h answer rate is 80 %, below the
// GB/T 33358-2016 standard: the public directory shows 近24小时接通率 80% and 冷线 next to the
// number, the public answer-rate page (no login) lists it cold with its month, and the admin's
// telephony page shows it in the cold-line monitor.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, newSession, screenshot, url, withSession } from '../support/browser.js';

const suffix = String(Date.now()).slice(-6);
const NUMBER = `0000-7${suffix}`;
const NAME = `冷线测试热线${suffix}`;

describe('cold lines', { timeout: 240_000 }, () => {
  let browser: Browser;
  let admin: Api;
  let lineId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiAs('admin');
    const line = await admin.send<{ id: string }>('POST', '/api/v1/admin/lines', {
      number: NUMBER, name: NAME, mode: 'direct', ownerTitle: '局长', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    lineId = line.id;
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: 'e2e PBX' });
    const post = async (body: Record<string, string>) => {
      const res = await fetch(url(`/api/v1/cti/${token}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
    };
    for (let i = 0; i < 5; i++) {
      const call = { direction: 'in', from: `1391234${suffix.slice(-2)}${i}0`, to: NUMBER.replace('-', ''), call_id: `cold-${suffix}-${i}` };
      await post({ ...call, event: 'newCall' });
      if (i < 4) await post({ ...call, event: 'answer', user: 'operator' });
      await post({ ...call, event: 'hangup', cause: i < 4 ? 'normalClearing' : 'noAnswer' });
    }
  });
  afterAll(async () => {
    await admin?.dispose();
    await browser?.close();
  });

  test('the directory marks the line cold with its 24-h figure', async () => {
    const session = await newSession(browser);
    // A visitor with no login.
    try {
      const { page } = session;
      await page.goto(url('/lines'));
      const entry = page.getByTestId('line').filter({ hasText: NUMBER });
      await entry.waitFor();
      expect(await entry.getByTestId('line-answer-rate').innerText()).toBe('近24小时接通率 80%');
      expect(await entry.getByTestId('line-calls').getAttribute('data-cold')).toBe('true');
      expect(await entry.getByTestId('line-cold').innerText()).toBe('冷线');
      await screenshot(page, 'cold-line-directory');

      await page.getByTestId('answer-rates-link').click();
      await page.waitForURL((u) => u.pathname === '/lines/answer-rates');
      const row = page.locator(`[data-line-id="${lineId}"]`);
      await row.waitFor();
      const current = row.getByTestId('answer-rate-current');
      expect(await current.getAttribute('data-cold')).toBe('true');
      expect(await current.innerText()).toContain('80%');
      expect(await row.getByTestId('answer-rate-cold').innerText()).toBe('冷线');
      // The month comes from the worker's day rollup, refreshed once a minute.
      await expect
        .poll(async () => {
          await page.reload();
          await row.waitFor();
          return row.getByTestId('answer-rate-month').innerText();
        }, { timeout: 100_000, interval: 2_000 })
        .toContain('80%');
      await screenshot(page, 'cold-line-answer-rates');
    } finally {
      await session.context.close();
    }
  });

  test('the admin sees the line in the cold-line monitor, an alert went out once, and a laxer standard warms it', async () => {
    // The monitor (once a minute) opened one episode: one audit entry (before the standard changes below).
    await expect
      .poll(async () => {
        const audit = await admin.get<{ items: Array<{ action: string; targetId: string | null }> }>(`/api/v1/admin/audit?action=line.cold_started&targetId=${lineId}`);
        return audit.items.filter((a) => a.targetId === lineId).length;
      }, { timeout: 100_000, interval: 2_000 })
      .toBe(1);
    await withSession(browser, 'cold-line-admin', async ({ page, problems }) => {
      await login(page, 'admin');
      await page.goto(url('/admin/telephony'));
      const row = page.getByTestId('cold-lines').locator('tr').filter({ hasText: NUMBER });
      await row.waitFor();
      expect(await row.getByTestId('cold-line-current').getAttribute('data-cold')).toBe('true');
      await screenshot(page, 'cold-line-admin');
      // A laxer standard for this line (75 %): judged by it, 80 % is no longer cold.
      await row.getByRole('button', { name: '修改标准' }).click();
      // Saving with a field left empty: the form says what is missing and nothing escapes as an unhandled rejection.
      await page.getByLabel('接听时限（秒）').fill('');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('请输入接听时限（秒）').waitFor();
      await page.getByLabel('接听时限（秒）').fill('15');
      expect(problems.filter((p) => p.startsWith('page error'))).toEqual([]);
      for (const label of ['接通率不低于（%）', '时限内接听率不低于（%）']) await page.getByLabel(label).fill('75');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(async () => row.getByTestId('cold-line-current').getAttribute('data-cold')).toBe('false');
      expect(await row.innerText()).toContain('自定义');
      // The public sees that the line is judged by a standard below the national one, in the open.
      const visitor = await newSession(browser);
      try {
        await visitor.page.goto(url('/lines/answer-rates'));
        const own = visitor.page.locator(`[data-line-id="${lineId}"]`).getByTestId('answer-rate-own-standard');
        await own.waitFor();
        expect(await own.getAttribute('data-laxer')).toBe('true');
        expect(await own.innerText()).toBe('本线路标准：接通率 75%，15秒内接听 75%，低于国家标准');
      } finally {
        await visitor.context.close();
      }

      // A call record imported on the same page counts in the monitor at once, without a reload.
      expect(await row.innerText()).toContain('（呼入 5）');
      const pbx = (ms: number) => new Date(Date.now() + 8 * 3_600_000 - ms).toISOString().slice(0, 19).replace('T', ' ');
      const cdr = `"","13812345678","${NUMBER}","from-pstn","","PJSIP/trunk-1","PJSIP/201-2","Dial","PJSIP/201,30","${pbx(600_000)}","${pbx(595_000)}","${pbx(540_000)}",60,55,"ANSWERED","DOCUMENTATION","${Math.floor(Date.now() / 1000)}.${suffix}",""`;
      await page.getByTestId('cdr-file').setInputFiles({ name: 'Master.csv', mimeType: 'text/csv', buffer: Buffer.from(cdr) });
      await page.getByTestId('cdr-report').waitFor({ state: 'visible' });
      await expect.poll(async () => row.innerText()).toContain('（呼入 6）');
    });
  });
});
