// 电话系统: an admin issues a token for the phone system on /admin/telephony and copies its webhook
// URL; the phone system (here: plain HTTP, as a bridge would post) reports a call to the mayor's
// line with a form body; then the admin imports an Asterisk Master.csv and reads the report (why a
// row was refused, in Chinese), and importing it again finds only duplicates.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';

const uniqueid = `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`;
const MASTER_CSV = [
  `"","13812345678","0000-88001234","from-pstn","""Zhang, San"" <13812345678>","PJSIP/trunk-1","PJSIP/201-2","Dial","PJSIP/201,30","2026-12-01 09:00:00","2026-12-01 09:00:08","2026-12-01 09:02:08",128,120,"ANSWERED","DOCUMENTATION","${uniqueid}",""`,
  '"not","a","cdr"',
].join('\n');

describe('telephony admin', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('issue a phone-system token, receive a call on it, import a Master.csv twice', async () => {
    await withSession(browser, 'telephony-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-telephony').click();
      await page.waitForURL((u) => u.pathname === '/admin/telephony');

      await page.getByTestId('cti-token-name').fill('市热线 Asterisk');
      await page.getByTestId('cti-token-issue').click();
      const webhook = (await page.getByTestId('cti-token-issued').innerText()).trim();
      expect(webhook).toMatch(/\/api\/v1\/cti\/olc_/);
      await screenshot(page, 'telephony-token-issued');

      const post = (body: string) => fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      const call = `e2e-${uniqueid}`;
      for (const body of [`event=newCall&direction=in&from=13912345678&to=0000-88001234&call_id=${call}&user[]=operator`, `event=hangup&direction=in&from=13912345678&to=0000-88001234&call_id=${call}&cause=noAnswer`]) {
        const res = await post(body);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({});
      }
      const wrong = await fetch(webhook.replace(/olc_.*/, 'olc_wrong'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(wrong.status).toBe(401);

      const upload = async () => {
        await page.getByTestId('cdr-file').setInputFiles({ name: 'Master.csv', mimeType: 'text/csv', buffer: Buffer.from(MASTER_CSV) });
        await page.getByTestId('cdr-report').waitFor({ state: 'visible' });
      };
      await upload();
      await expect.poll(async () => page.getByTestId('cdr-report').innerText()).toMatch(/新导入\s*1[\s\S]*已存在（跳过）\s*0[\s\S]*未能导入\s*1/);
      // The reason by its code, in the page's language (the API's English reason is for API clients).
      await expect.poll(async () => page.getByTestId('cdr-report').innerText()).toContain('列数不对：应为 16～21 列，此行为 3 列');
      await screenshot(page, 'telephony-cdr-report');
      await upload();
      await expect.poll(async () => page.getByTestId('cdr-report').innerText()).toMatch(/新导入\s*0[\s\S]*已存在（跳过）\s*1/);
    });
  });
});
