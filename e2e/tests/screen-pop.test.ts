// Screen-pop (issue 10 §2): the phone system reports a call to a staffed line (a CTI newCall from
// a token an admin issued); it pops up on the signed-in operator's screen with the caller's
// history; 接听 opens 新建工单 with the number, line and channel filled; submitting records a case
// that the call record then names.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api } from '../support/api.js';
import { baseUrl, launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { maskPhone, uniquePhone, uniqueTag } from '../support/data.js';
import { fillText, waitForCasePage } from '../support/ui.js';

describe('screen-pop', { timeout: 180_000 }, () => {
  let browser: Browser;
  let admin: Api;
  let operator: Api;
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiAs('admin');
    operator = await apiAs('operator');
  });
  afterAll(async () => {
    await admin?.dispose();
    await operator?.dispose();
    await browser?.close();
  });

  test('a call pops up with the caller\'s history; answering opens the prefilled form; the case is linked to the call', async () => {
    const tag = uniqueTag();
    const lineNumber = `0000-8${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const line = await admin.send<{ id: string }>('POST', '/api/v1/admin/lines', {
      number: lineNumber, name: `便民热线${tag}`, mode: 'staffed', ownerTitle: '主任', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: `交换机${tag}` });
    const phone = uniquePhone();
    const earlier = await createCaseViaApi(operator, { callerPhone: phone, content: `上周反映过的问题${tag}：楼下餐馆油烟扰民。` });

    await withSession(browser, 'screen-pop', async ({ page }) => {
      await login(page, 'operator');
      // Events reach a screen only while its stream is open: wait for it, as an operator's console would be.
      await page.locator('html[data-live="open"]').waitFor({ state: 'attached', timeout: 30_000 });

      const res = await fetch(`${baseUrl()}/api/v1/cti/${token}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'newCall', direction: 'in', from: phone, to: lineNumber, call_id: `e2e-pop-${tag}` }),
      });
      expect(res.status).toBe(200);

      const pop = page.getByTestId('incoming-call');
      await pop.waitFor({ state: 'visible', timeout: 20_000 });
      const callId = await pop.getAttribute('data-call-id');
      expect(callId).toBeTruthy();
      expect(await pop.innerText()).toContain(`便民热线${tag}`);
      expect(await page.getByTestId('incoming-call-phone').innerText()).toBe(maskPhone(phone));
      await expect.poll(() => page.getByTestId('incoming-call-history').innerText()).toContain(earlier.caseNumber);
      await screenshot(page, 'screen-pop-ringing');

      await page.getByTestId('incoming-call-answer').click();
      await page.waitForURL((u) => u.pathname === '/cases/new');
      await page.getByTestId('new-case-from-call').waitFor({ state: 'visible' });
      expect(await page.getByTestId('new-case-phone').inputValue()).toBe(`+86${phone}`);
      await expect.poll(() => page.getByTestId('new-case-line').innerText()).toContain(lineNumber);
      await expect.poll(() => page.getByTestId('new-case-channel').innerText()).toContain('电话');
      // The caller's history from the number alone, before any complaint text is typed.
      await expect.poll(() => page.getByTestId('new-case-caller-history').innerText()).toContain(earlier.caseNumber);
      await screenshot(page, 'screen-pop-new-case');

      await fillText(page, 'new-case-content', `来电编号${tag}：餐馆油烟问题仍未解决，油烟直排进居民窗户。`);
      await page.getByTestId('new-case-type-complaint').click();
      await page.getByTestId('new-case-submit').click();
      const caseId = await waitForCasePage(page);

      // The call record now names the case it led to.
      const taken = await operator.send<{ caseId: string | null; lineId: string | null }>('POST', `/api/v1/calls/${callId ?? ''}/take`, {}, 200);
      expect(taken).toMatchObject({ caseId, lineId: line.id });
    });
  });
});
