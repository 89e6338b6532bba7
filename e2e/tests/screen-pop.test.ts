// Screen-pop (issue 10 §2): the phone system reports a call to a staffed line (a CTI newCall from
// a token an admin issued); it pops up on the signed-in operator's screen with the caller's
// history; 接听 opens 新建工单 with the number, line and channel filled; submitting records a case
// that the call record then names.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api, type CaseView } from '../support/api.js';
import { baseUrl, launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { maskPhone, uniquePhone, uniqueTag } from '../support/data.js';
import { fillText, textField, waitForCasePage } from '../support/ui.js';

interface StaffedLine {
  id: string;
  number: string;
  name: string;
}

/** A public line the hotline centre's operators answer (the signed-in operator among them). */
async function staffedLine(admin: Api, name: string): Promise<StaffedLine> {
  const number = `0000-8${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const line = await admin.send<{ id: string }>('POST', '/api/v1/admin/lines', {
    number, name, mode: 'staffed', ownerTitle: '主任', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
  });
  return { id: line.id, number, name };
}

/** The phone system reports a call from `from` ringing on `line` (a CTI newCall). */
async function ring(token: string, from: string, line: StaffedLine, callId: string): Promise<void> {
  const res = await fetch(`${baseUrl()}/api/v1/cti/${token}`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'newCall', direction: 'in', from, to: line.number, call_id: callId }),
  });
  expect(res.status).toBe(200);
}

/** Signs the operator in and waits for the live stream: events reach a screen only while it is open. */
async function operatorConsole(page: Page): Promise<void> {
  await login(page, 'operator');
  await page.locator('html[data-live="open"]').waitFor({ state: 'attached', timeout: 30_000 });
}

/** The pop-up of the call from `phone` (several may ring at once), once it is on screen. */
async function popFor(page: Page, phone: string): Promise<{ card: Locator; callId: string }> {
  const card = page.getByTestId('incoming-call-card').filter({ has: page.getByTestId('incoming-call-phone').getByText(maskPhone(phone), { exact: true }) });
  await card.waitFor({ state: 'visible', timeout: 20_000 });
  return { card, callId: (await card.getAttribute('data-call-id')) ?? '' };
}

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
    const line = await staffedLine(admin, `便民热线${tag}`);
    const lineNumber = line.number;
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: `交换机${tag}` });
    const phone = uniquePhone();
    const earlier = await createCaseViaApi(operator, { callerPhone: phone, content: `上周反映过的问题${tag}：楼下餐馆油烟扰民。` });

    await withSession(browser, 'screen-pop', async ({ page }) => {
      await operatorConsole(page);
      await ring(token, phone, line, `e2e-pop-${tag}`);

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

  test('answering a second call replaces the first caller\'s form; the case takes the second call\'s number, line and link', async () => {
    const tag = uniqueTag();
    const [lineA, lineB] = [await staffedLine(admin, `甲线${tag}`), await staffedLine(admin, `乙线${tag}`)];
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: `交换机${tag}` });
    const [phoneA, phoneB] = [uniquePhone(), uniquePhone()];
    const earlierA = await createCaseViaApi(operator, { callerPhone: phoneA, content: `甲的旧诉求${tag}：小区路灯不亮。` });

    await withSession(browser, 'screen-pop-second-call', async ({ page }) => {
      await operatorConsole(page);
      await ring(token, phoneA, lineA, `e2e-pop-a-${tag}`);
      const callA = await popFor(page, phoneA);
      await callA.card.getByTestId('incoming-call-answer').click();
      await page.getByTestId('new-case-from-call').waitFor({ state: 'visible' });
      expect(await page.getByTestId('new-case-phone').inputValue()).toBe(`+86${phoneA}`);
      await expect.poll(() => page.getByTestId('new-case-caller-history').innerText()).toContain(earlierA.caseNumber);
      await fillText(page, 'new-case-content', `甲的来电${tag}：路灯还是不亮`);

      // The first caller's draft is typed when the second call is answered: asked, then replaced.
      await ring(token, phoneB, lineB, `e2e-pop-b-${tag}`);
      const callB = await popFor(page, phoneB);
      await callB.card.getByTestId('incoming-call-answer').click();
      await page.getByTestId('incoming-call-replace-draft').click();
      await expect.poll(() => page.getByTestId('new-case-from-call').innerText()).toContain(phoneB);
      await expect.poll(() => page.getByTestId('new-case-phone').inputValue()).toBe(`+86${phoneB}`);
      await expect.poll(() => page.getByTestId('new-case-line').innerText()).toContain(lineB.number);
      expect(await (await textField(page, 'new-case-content')).inputValue()).toBe('');
      await expect.poll(() => page.getByTestId('new-case-caller-history').innerText()).not.toContain(earlierA.caseNumber);
      await screenshot(page, 'screen-pop-second-call');

      await fillText(page, 'new-case-content', `乙的来电${tag}：人行道井盖缺失，夜里有人踩空。`);
      await page.getByTestId('new-case-type-complaint').click();
      await page.getByTestId('new-case-submit').click();
      const caseId = await waitForCasePage(page);

      const created = await operator.get<CaseView & { callerPhone: string | null; line: { id: string } | null }>(`/api/v1/cases/${caseId}`);
      expect(created).toMatchObject({ callerPhone: maskPhone(phoneB), line: { id: lineB.id } });
      // The second call names the case; the first names none.
      const takenB = await operator.send<{ caseId: string | null }>('POST', `/api/v1/calls/${callB.callId}/take`, {}, 200);
      expect(takenB.caseId).toBe(caseId);
      const takenA = await operator.send<{ caseId: string | null }>('POST', `/api/v1/calls/${callA.callId}/take`, {}, 200);
      expect(takenA.caseId).toBeNull();

      // 新建工单 from the menu after a call is a blank form, linked to no call.
      await page.getByTestId('nav-new-case').click();
      await page.waitForURL((u) => u.pathname === '/cases/new');
      await expect.poll(() => page.getByTestId('new-case-phone').inputValue()).toBe('');
      expect(await page.getByTestId('new-case-from-call').count()).toBe(0);
    });
  });

  test('three calls ringing on a laptop screen: every pop-up\'s line, 接听 and 关闭 can be reached', async () => {
    const tag = uniqueTag();
    const line = await staffedLine(admin, `便民热线${tag}`);
    const { token } = await admin.send<{ token: string }>('POST', '/api/v1/admin/cti-tokens', { name: `交换机${tag}` });
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    // Histories make each pop-up as tall as an operator's real ones.
    for (const phone of phones) {
      for (const n of [1, 2, 3]) await createCaseViaApi(operator, { callerPhone: phone, content: `旧诉求${n}-${tag}：噪音扰民。` });
    }

    await withSession(browser, 'screen-pop-three-calls', async ({ page }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await operatorConsole(page);
      await page.goto('/cases/new');
      for (const [i, phone] of phones.entries()) await ring(token, phone, line, `e2e-pop-${i}-${tag}`);
      const pops = [];
      for (const phone of phones) pops.push(await popFor(page, phone));

      const inWindow = async (target: Locator) => {
        await target.scrollIntoViewIfNeeded();
        const box = await target.boundingBox();
        expect(box).not.toBeNull();
        return box !== null && box.y >= 0 && box.y + box.height <= 768;
      };
      for (const { card } of pops) {
        expect(await inWindow(card.getByTestId('incoming-call'))).toBe(true);
        expect(await inWindow(card.getByTestId('incoming-call-answer'))).toBe(true);
        expect(await inWindow(card.getByTestId('incoming-call-dismiss'))).toBe(true);
      }
      await screenshot(page, 'screen-pop-three-calls');

      // Keyboard: no pop-up took the focus, and the first Tab from the top of the page reaches the
      // 接听 of the call ringing longest (calls the earlier tests took stay ringing until the
      // phone system reports them answered, so that one need not be ours).
      expect(await page.locator('body').evaluate((body) => body.ownerDocument.activeElement === body)).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.getByTestId('incoming-call-answer').first().evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

      // The list scrolls within a little over half the window: the page above it stays in reach
      // (a full-height list covered the header's menu and every button on the right).
      const list = await page.getByTestId('incoming-calls').boundingBox();
      expect(list?.height ?? 0, JSON.stringify(list)).toBeLessThanOrEqual(0.56 * 768);
      await page.getByRole('banner').getByRole('button').first().click({ trial: true, timeout: 2_000 });

      const ringing = await page.getByTestId('incoming-call-card').count();
      await pops[0]?.card.getByTestId('incoming-call-dismiss').click();
      await expect.poll(() => page.getByTestId('incoming-call-card').count()).toBe(ringing - 1);
    });
  });
});
