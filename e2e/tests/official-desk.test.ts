// The official's desk and the operator's search (issue 12 §2–3), each person in their own browser:
// (1) an official opens their home page, sees a case that came in on their published line, gives
//     an instruction (批示) and follows it; the lead unit's handler finds it waiting and answers;
// (2) an operator types a caller's number on the case list and gets that caller's cases.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api } from '../support/api.js';
import { launchBrowser, login, pathname, screenshot, withSession } from '../support/browser.js';
import { maskPhone, uniquePhone, uniqueTag } from '../support/data.js';
import { fillText, textField } from '../support/ui.js';

const HANDLER_UNIT = '东城区城市管理局';
const MAYOR_LINE = '市长公开电话';

interface Instructions {
  items: Array<{ text: string; answeredAt: string | null; answerText: string | null }>;
}

describe('official’s desk and operator search in the browser', { timeout: 240_000 }, () => {
  let browser: Browser;
  let operator: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    operator = await apiAs('operator');
  });
  afterAll(async () => {
    await operator?.dispose();
    await browser?.close();
  });

  test('an official instructs on a case from their line; the lead unit’s handler answers', async () => {
    // A call on the mayor's line (owned by the demo official), dispatched to the handler's unit.
    const { items: lines } = await operator.get<{ items: Array<{ id: string; name: string }> }>('/api/v1/public/lines');
    const line = lines.find((l) => l.name === MAYOR_LINE);
    expect(line, 'the demo has the mayor’s line').toBeDefined();
    const units = await operator.get<{ items: Array<{ id: string; name: string }> }>('/api/v1/org-units');
    const unit = units.items.find((u) => u.name === HANDLER_UNIT);
    expect(unit, 'the demo has the handler’s unit').toBeDefined();
    const tag = uniqueTag();
    const created = await operator.send<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
      channel: 'phone', type: 'complaint', urgency: 'normal', callerPhone: uniquePhone(), lineId: line?.id,
      content: `市民来电反映：东直门外大街人行道被共享单车堵死，轮椅无法通行（${tag}）。`,
    });
    await operator.send('POST', `/api/v1/cases/${created.id}/dispatch`, { leadUnitId: unit?.id }, 200);
    const instruction = `请三日内清理人行道并回复（${tag}）`;
    const answer = `已组织清理并设置停放区（${tag}）`;

    await withSession(browser, 'official-desk', async ({ page }) => {
      await login(page, 'official');
      // An official starts on their desk.
      await expect.poll(() => pathname(page)).toBe('/desk');
      await page.getByTestId('desk-lines').getByText(MAYOR_LINE).first().waitFor({ state: 'visible' });
      await page.getByTestId('desk-figures').waitFor({ state: 'visible' });
      const link = page.getByTestId('desk-cases').getByTestId('case-link').filter({ hasText: created.caseNumber });
      await link.first().waitFor({ state: 'visible' });
      await screenshot(page, 'official-desk');

      await link.first().click();
      await page.waitForURL((u) => u.pathname === `/cases/${created.id}`);
      await fillText(page, 'instruction-input', instruction);
      await page.getByTestId('instruction-submit').click();
      await page.getByTestId('instruction-text').filter({ hasText: instruction }).waitFor({ state: 'visible' });
      await page.getByTestId('case-follow').click();
      await expect.poll(async () => page.getByTestId('case-follow').getAttribute('aria-pressed')).toBe('true');
      await screenshot(page, 'official-instructed');
    });

    const official = await apiAs('official');
    try {
      const given = await official.get<Instructions>(`/api/v1/cases/${created.id}/instructions`);
      expect(given.items).toMatchObject([{ text: instruction, answeredAt: null }]);
      expect(await official.get<{ following: boolean }>(`/api/v1/cases/${created.id}/follow`)).toEqual({ following: true });
    } finally {
      await official.dispose();
    }

    await withSession(browser, 'handler-answers', async ({ page }) => {
      await login(page, 'handler');
      // The handler finds the case through the list's "instruction awaiting an answer" filter.
      await page.goto('/cases?openInstruction=1');
      const link = page.getByTestId('case-table').getByTestId('case-link').filter({ hasText: created.caseNumber });
      await link.first().waitFor({ state: 'visible' });
      await link.first().click();
      await page.waitForURL((u) => u.pathname === `/cases/${created.id}`);
      await page.getByTestId('instruction-text').filter({ hasText: instruction }).waitFor({ state: 'visible' });
      await fillText(page, 'instruction-answer-input', answer);
      await page.getByTestId('instruction-answer-submit').click();
      await page.getByTestId('instruction-answer').filter({ hasText: answer }).waitFor({ state: 'visible' });
      await screenshot(page, 'handler-answered');
    });

    const check = await apiAs('official');
    try {
      const after = await check.get<Instructions>(`/api/v1/cases/${created.id}/instructions`);
      expect(after.items).toMatchObject([{ text: instruction, answerText: answer }]);
      expect(after.items[0]?.answeredAt).not.toBeNull();
      const detail = await check.get<{ events: Array<{ type: string }> }>(`/api/v1/cases/${created.id}`);
      expect(detail.events.map((e) => e.type)).toEqual(expect.arrayContaining(['instruction_given', 'instruction_answered']));
    } finally {
      await check.dispose();
    }
  });

  test('an operator finds a caller’s cases by typing their number', async () => {
    const phone = uniquePhone();
    const tag = uniqueTag();
    const first = await createCaseViaApi(operator, { callerPhone: phone, content: `小区门口路灯不亮已有一周（${tag}）。` });
    const second = await createCaseViaApi(operator, { callerPhone: phone, content: `楼下餐馆油烟直排扰民（${tag}）。`, type: 'complaint' });
    // Someone else's case with the same words is not theirs.
    await createCaseViaApi(operator, { callerPhone: uniquePhone(), content: `小区门口路灯不亮已有一周（${tag}）。` });

    await withSession(browser, 'operator-phone-search', async ({ page }) => {
      await login(page, 'operator');
      await page.getByTestId('nav-cases').click();
      await page.waitForURL((u) => u.pathname === '/cases');
      const field = await textField(page, 'filter-phone');
      // Typed as people say it, with dashes.
      await field.fill(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
      await field.press('Enter');
      await page.waitForURL((u) => (u.searchParams.get('phone') ?? '').replace(/-/g, '') === phone);
      const table = page.getByTestId('case-table');
      await table.getByTestId('case-link').filter({ hasText: first.caseNumber }).first().waitFor({ state: 'visible' });
      await expect.poll(async () => (await table.getByTestId('case-link').allInnerTexts()).sort()).toEqual([first.caseNumber, second.caseNumber].sort());
      // The number shows masked, never in clear.
      const html = await page.content();
      expect(html).toContain(maskPhone(phone));
      expect(html).not.toContain(phone);
      await screenshot(page, 'operator-phone-search');

      // The operator's own queues, with their counts.
      await page.getByTestId('nav-operator-queue').click();
      await page.waitForURL((u) => u.pathname === '/queue');
      await page.getByTestId('queue-cases').waitFor({ state: 'visible' });
      await expect.poll(async () => Number((await page.getByTestId('queue-count-awaiting_dispatch').innerText()).replace(/\D/g, '') || '0')).toBeGreaterThan(1);
      await screenshot(page, 'operator-queue');
    });
  });
});
