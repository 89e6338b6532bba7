// The case lifecycle through the screens, each person in their own browser context:
// (1) the closed loop — a citizen files an appeal, the operator dispatches it, the handler accepts,
//     reaches the citizen and replies, the citizen rates it solved and satisfied, and it is closed;
// (2) 首接负责 — a case returned twice is locked for the operator and a supervisor arbitrates it.
import { existsSync, readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, login, pathname, screenshot, withSession } from '../support/browser.js';
import { CASE_NUMBER, TRACKING_CODE, caseNumberOf, newAppeal, uniquePhone, uniqueTag } from '../support/data.js';
import { choose, expectStatus, fillText, refresh, runAction, statusTag, textField, timelineTypes } from '../support/ui.js';

const HANDLER_UNIT = '东城区城市管理局';
const ARBITRATED_UNIT = '东城区住房和城乡建设局';

// ---------------------------------------------------------------------------------------------
// Helpers beyond support/ui.ts.

/** Searches the case list by text and opens the case with this number; returns the case id. */
async function openFromList(page: Page, text: string, caseNumber: string): Promise<string> {
  await page.getByTestId('nav-cases').click();
  await page.waitForURL((u) => u.pathname === '/cases');
  const search = await textField(page, 'filter-text');
  await search.fill(text);
  await search.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === text);
  const link = page.getByTestId('case-table').getByTestId('case-link').filter({ hasText: caseNumber });
  await link.first().waitFor({ state: 'visible' });
  // The filter narrows the list to this one case.
  await expect.poll(async () => page.getByTestId('case-link').count()).toBe(1);
  await link.first().click();
  await page.waitForURL((u) => /^\/cases\/[^/]+$/.test(u.pathname) && u.pathname !== '/cases/new');
  await expect.poll(async () => (await page.getByTestId('case-number').innerText()).trim()).toBe(caseNumber);
  return pathname(page).split('/')[2] ?? '';
}

/** A valid mainland ID number (GB 11643 check character) for a person born in the 1980s. */
function uniqueIdNumber(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const birth = `198${randomInt(0, 10)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const body = `110101${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

// ---------------------------------------------------------------------------------------------

// Each scenario drives three or four people's sessions; on a loaded machine that outlasts the
// suite's default 90 s.
describe('case lifecycle in the browser', { timeout: 240_000 }, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('closed loop: citizen files → operator dispatches → handler accepts, contacts, replies → citizen rates → closed', async () => {
    const appeal = newAppeal();
    const tag = /端到端测试诉求 ([0-9a-f]{8})/.exec(appeal.content)?.[1] ?? '';
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    const replyText = `已安排维修班组于次日更换路灯灯具，现已恢复照明。回复编号 ${uniqueTag()}`;
    const contactNote = `电话联系市民，约定现场查看时间 ${uniqueTag()}`;

    await withSession(browser, 'lifecycle-citizen', async (citizen) => {
      // 1. The citizen files the appeal and keeps the tracking code.
      await citizen.page.goto('/appeal');
      await citizen.page.getByTestId('appeal-name').fill(appeal.name);
      await citizen.page.getByTestId('appeal-phone').fill(appeal.phone);
      await citizen.page.getByTestId('appeal-content').fill(appeal.content);
      await citizen.page.getByTestId('appeal-address').fill(appeal.address ?? '');
      await citizen.page.getByTestId('appeal-submit').click();
      // Accepted durably (ADR 0032): the receipt gives the tracking code, and the case number follows.
      await citizen.page.getByTestId('appeal-tracking-code').waitFor({ state: 'visible' });
      const trackingCode = (await citizen.page.getByTestId('appeal-tracking-code').innerText()).trim();
      const caseNumber = await caseNumberOf(trackingCode);
      expect(caseNumber).toMatch(CASE_NUMBER);
      expect(trackingCode).toMatch(TRACKING_CODE);
      await screenshot(citizen.page, 'loop-appeal-filed');

      await withSession(browser, 'lifecycle-operator', async (operator) => {
        // 2. The operator finds it by its text and dispatches it to the handler's unit.
        await login(operator.page, 'operator');
        const caseId = await openFromList(operator.page, tag, caseNumber);
        expect(caseId).not.toBe('');
        await expectStatus(operator.page, 'received');
        await runAction(operator.page, 'dispatch', async () => {
          await choose(operator.page, 'action-field-leadUnitId', HANDLER_UNIT);
          await fillText(operator.page, 'action-field-note', '请核实路灯损坏情况并尽快维修');
        });
        await expectStatus(operator.page, 'dispatched');
        expect((await operator.page.getByTestId('case-lead-unit').innerText()).trim()).toBe(HANDLER_UNIT);
        await screenshot(operator.page, 'loop-dispatched');

        // 3. The handler of that unit accepts, reaches the citizen and replies.
        await withSession(browser, 'lifecycle-handler', async (handler) => {
          await login(handler.page, 'handler');
          expect(await openFromList(handler.page, tag, caseNumber)).toBe(caseId);
          await expectStatus(handler.page, 'dispatched');
          // Before contact the handler cannot reply yet.
          expect(await handler.page.getByTestId('action-reply').count()).toBe(0);
          await runAction(handler.page, 'accept');
          await expectStatus(handler.page, 'accepted');
          await runAction(handler.page, 'contact', () => fillText(handler.page, 'action-field-note', contactNote));
          await expectStatus(handler.page, 'in_progress');
          await runAction(handler.page, 'reply', () => fillText(handler.page, 'action-field-text', replyText));
          await expectStatus(handler.page, 'replied');
          expect((await handler.page.getByTestId('case-reply').innerText()).trim()).toBe(replyText);
          await screenshot(handler.page, 'loop-replied');
        });

        // 4. The citizen reads the reply on the tracking page and rates it solved and satisfied.
        await citizen.page.goto(`/track/${trackingCode}`);
        const reply = citizen.page.getByTestId('track-reply');
        await reply.waitFor({ state: 'visible' });
        expect((await reply.innerText()).trim()).toBe(replyText);
        await statusTag(citizen.page, 'track-status', 'replied').waitFor({ state: 'visible' });
        await screenshot(citizen.page, 'loop-track-replied');
        await citizen.page.getByTestId('rate-solved').click();
        await citizen.page.getByTestId('rate-satisfaction-satisfied').click();
        await citizen.page.getByTestId('rate-submit').click();
        await citizen.page.getByTestId('track-rating').waitFor({ state: 'visible' });
        await statusTag(citizen.page, 'track-status', 'closed').waitFor({ state: 'visible' });
        expect(await citizen.page.getByTestId('rate-submit').count(), 'the form is gone once rated').toBe(0);

        // A fresh visit to the tracking page still says closed, with the rating and no form.
        await citizen.page.reload();
        await statusTag(citizen.page, 'track-status', 'closed').waitFor({ state: 'visible' });
        await citizen.page.getByTestId('track-rating').waitFor({ state: 'visible' });
        expect(await citizen.page.getByTestId('rate-submit').count()).toBe(0);
        await screenshot(citizen.page, 'loop-track-closed');

        // 5. The operator sees the closed case and its whole story, in order.
        await refresh(operator.page);
        await expectStatus(operator.page, 'closed');
        expect((await operator.page.getByTestId('case-reply').innerText()).trim()).toBe(replyText);
        await operator.page.getByTestId('case-visit').waitFor({ state: 'visible' });
        expect(await timelineTypes(operator.page)).toEqual(['created', 'dispatched', 'accepted', 'contacted', 'replied', 'visited']);
        // No act is left on a closed case for the operator.
        expect(await operator.page.getByTestId('action-dispatch').count()).toBe(0);
        await screenshot(operator.page, 'loop-closed-timeline');
      });
    });
  });

  test('return → return → supervisor arbitration (首接负责)', async () => {
    const tag = uniqueTag();
    const caller = { name: `测试来电${tag}`, phone: uniquePhone(), idNumber: uniqueIdNumber() };
    const content = `端到端测试退单 ${tag}：小区东门外占道经营摊点夜间噪音扰民，请相关部门处理。`;

    await withSession(browser, 'arbitration-operator', async (operator) => {
      // The operator records a call on 新建工单 and dispatches it to the handler's unit.
      await login(operator.page, 'operator');
      await operator.page.getByTestId('nav-new-case').click();
      await operator.page.waitForURL((u) => u.pathname === '/cases/new');
      await fillText(operator.page, 'new-case-phone', caller.phone);
      await fillText(operator.page, 'new-case-name', caller.name);
      await fillText(operator.page, 'new-case-id-number', caller.idNumber);
      await fillText(operator.page, 'new-case-content', content);
      await fillText(operator.page, 'new-case-address', `示例市东城区解放路${randomInt(1, 999)}号`);
      await operator.page.getByTestId('new-case-type-complaint').click();
      await screenshot(operator.page, 'arbitration-intake');
      await operator.page.getByTestId('new-case-submit').click();
      await operator.page.waitForURL((u) => /^\/cases\/[^/]+$/.test(u.pathname) && u.pathname !== '/cases/new');
      const caseId = pathname(operator.page).split('/')[2] ?? '';
      await expectStatus(operator.page, 'received');
      const caseNumber = (await operator.page.getByTestId('case-number').innerText()).trim();
      expect(caseNumber).toMatch(CASE_NUMBER);

      await runAction(operator.page, 'dispatch', () => choose(operator.page, 'action-field-leadUnitId', HANDLER_UNIT));
      await expectStatus(operator.page, 'dispatched');

      await withSession(browser, 'arbitration-handler', async (handler) => {
        // First return: back to the operator's pool.
        await login(handler.page, 'handler');
        expect(await openFromList(handler.page, tag, caseNumber)).toBe(caseId);
        await expectStatus(handler.page, 'dispatched');
        await runAction(handler.page, 'return', () => fillText(handler.page, 'action-field-reason', '该点位属住建部门管辖的在建工地范围，非本单位职责'));
        await expectStatus(handler.page, 'returned');
        expect((await handler.page.getByTestId('case-bounce-count').innerText()).trim()).toBe('1');
        expect(await handler.page.getByTestId('case-awaiting-arbitration').count()).toBe(0);
        await screenshot(handler.page, 'arbitration-first-return');

        // The operator may dispatch it again after one return; the demo has one handler, so the
        // same unit gets it again.
        await refresh(operator.page);
        await expectStatus(operator.page, 'returned');
        expect(await operator.page.getByTestId('case-awaiting-arbitration').count()).toBe(0);
        await runAction(operator.page, 'dispatch', async () => {
          await choose(operator.page, 'action-field-leadUnitId', HANDLER_UNIT);
          await fillText(operator.page, 'action-field-note', '经核实属城管执法范围，请承办');
        });
        await expectStatus(operator.page, 'dispatched');

        // Second return: the case now waits for a supervisor.
        await refresh(handler.page);
        await expectStatus(handler.page, 'dispatched');
        await runAction(handler.page, 'return', () => fillText(handler.page, 'action-field-reason', '再次核实仍不属本单位职责，请协调'));
        await expectStatus(handler.page, 'returned');
        expect((await handler.page.getByTestId('case-bounce-count').innerText()).trim()).toBe('2');
        await handler.page.getByTestId('case-awaiting-arbitration').waitFor({ state: 'visible' });
        await screenshot(handler.page, 'arbitration-second-return');
      });

      // The operator can no longer dispatch it: no button, and the server refuses it too.
      await refresh(operator.page);
      await expectStatus(operator.page, 'returned');
      await operator.page.getByTestId('case-awaiting-arbitration').waitFor({ state: 'visible' });
      expect((await operator.page.getByTestId('case-bounce-count').innerText()).trim()).toBe('2');
      expect(await operator.page.getByTestId('action-dispatch').count(), 'the operator is offered no dispatch').toBe(0);
      const units = await operator.page.request.get('/api/v1/org-units');
      expect(units.status()).toBe(200);
      const { items: unitItems = [] } = (await units.json()) as { items?: { id: string; name: string }[] };
      const handlerUnitId = unitItems.find((u) => u.name === HANDLER_UNIT)?.id;
      expect(handlerUnitId, `${HANDLER_UNIT} in /api/v1/org-units`).toBeTypeOf('string');
      const refused = await operator.page.request.post(`/api/v1/cases/${caseId}/dispatch`, { data: { leadUnitId: handlerUnitId } });
      expect(refused.status()).toBe(409);
      expect(((await refused.json()) as { error?: { code?: unknown } }).error?.code).toBe('AWAITING_ARBITRATION');
      await screenshot(operator.page, 'arbitration-operator-locked');

      await withSession(browser, 'arbitration-supervisor', async (supervisor) => {
        // The supervisor finds it in 退单仲裁 and names the unit.
        await login(supervisor.page, 'supervisor');
        await supervisor.page.getByTestId('nav-arbitration').click();
        await supervisor.page.waitForURL((u) => u.pathname === '/supervision/arbitration');
        const table = supervisor.page.getByTestId('arbitration-table');
        const row = table.locator('tr').filter({ has: supervisor.page.getByTestId('case-link').filter({ hasText: caseNumber }) });
        await row.first().waitFor({ state: 'visible' });
        await screenshot(supervisor.page, 'arbitration-queue');
        await row.first().getByTestId('quick-arbitrate').click();
        const form = supervisor.page.getByTestId('action-form-arbitrate');
        await form.waitFor({ state: 'visible' });
        await choose(supervisor.page, 'action-field-leadUnitId', ARBITRATED_UNIT);
        await fillText(supervisor.page, 'action-field-note', '经协调，该点位由区住建局牵头处理');
        await supervisor.page.getByTestId('action-form-submit').click();
        await form.waitFor({ state: 'hidden' });
        expect(await supervisor.page.getByTestId('action-error').count()).toBe(0);
        // It leaves the arbitration queue.
        await expect.poll(async () => row.count()).toBe(0);

        await supervisor.page.goto(`/cases/${caseId}`);
        await expectStatus(supervisor.page, 'dispatched');
        expect((await supervisor.page.getByTestId('case-lead-unit').innerText()).trim()).toBe(ARBITRATED_UNIT);
        expect(await supervisor.page.getByTestId('case-awaiting-arbitration').count()).toBe(0);
        expect(await timelineTypes(supervisor.page)).toEqual(['created', 'dispatched', 'returned', 'dispatched', 'returned', 'arbitrated']);
        await screenshot(supervisor.page, 'arbitration-dispatched');
      });

      // The operator's page shows the arbitrated case too.
      await refresh(operator.page);
      await expectStatus(operator.page, 'dispatched');
      expect((await operator.page.getByTestId('case-lead-unit').innerText()).trim()).toBe(ARBITRATED_UNIT);
    });

    // The caller's identity recorded at intake never reaches the database file in plaintext.
    const dbPath = inject('dbPath');
    const files = [dbPath, `${dbPath}-wal`, `${dbPath}-journal`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    const contents = files.map((file) => readFileSync(file));
    // Sanity check of the scan: the (unencrypted) case text is found, so the case was written.
    expect(contents.some((bytes) => bytes.includes(Buffer.from(content, 'utf8'))), 'the case content is in the database files').toBe(true);
    for (const [index, file] of files.entries()) {
      const bytes = contents[index] ?? Buffer.alloc(0);
      for (const [what, value] of Object.entries(caller)) {
        expect(bytes.includes(Buffer.from(value, 'utf8')), `${file} contains the caller's ${what}`).toBe(false);
      }
    }
  });
});
