// Supervision that acts (issue 12 §1): a supervisor finds an overdue case from the supervision
// desk, urges it (催办) and issues a supervision order (督办事项) with a reply deadline; the
// handler finds the order through the menu and answers it; the supervisor closes it.
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiAs, createCaseViaApi, type Api, type CaseView } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { uniquePhone, uniqueTag } from '../support/data.js';
import { fillText, textField, timelineTypes } from '../support/ui.js';

const HANDLER_UNIT = '东城区城市管理局';

/**
 * Makes the case overdue the way time would: its running deadlines fell due an hour ago. The
 * server under test is ours, on a SQLite file (WAL), so a second writer waits its turn.
 */
function ageDeadlines(caseId: string): void {
  const db = new Database(inject('dbPath'));
  try {
    db.pragma('busy_timeout = 10000');
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const { changes } = db.prepare('UPDATE case_deadlines SET due_at = ?, remind_at = ? WHERE case_id = ? AND met_at IS NULL AND cancelled_at IS NULL').run(past, past, caseId);
    expect(changes).toBeGreaterThan(0);
  } finally {
    db.close();
  }
}

describe('supervision that acts', { timeout: 240_000 }, () => {
  let browser: Browser;
  let operator: Api;
  let handlerApi: Api;
  beforeAll(async () => {
    browser = await launchBrowser();
    operator = await apiAs('operator');
    handlerApi = await apiAs('handler');
  });
  afterAll(async () => {
    await operator?.dispose();
    await handlerApi?.dispose();
    await browser?.close();
  });

  test('a supervisor urges an overdue case and issues an order; the handler answers; the supervisor closes it', async () => {
    const tag = uniqueTag();
    const { items: units } = await operator.get<{ items: Array<{ id: string; name: string }> }>('/api/v1/org-units');
    const unitId = units.find((u) => u.name === HANDLER_UNIT)?.id ?? '';
    expect(unitId).not.toBe('');
    const created = await createCaseViaApi(operator, { callerPhone: uniquePhone(), content: `解放路人行道井盖缺失，行人易踩空。督办测试 ${tag}` });
    await operator.send('POST', `/api/v1/cases/${created.id}/dispatch`, { leadUnitId: unitId }, 200);
    await handlerApi.send('POST', `/api/v1/cases/${created.id}/accept`, {}, 200);
    ageDeadlines(created.id);

    const urgeNote = `群众反复来电，请今日内回复处理进度 ${tag}`;
    const instruction = `请于期限内修复井盖并书面报告 ${tag}`;
    const answer = `已于当日补装井盖并设置警示标志 ${tag}`;

    await withSession(browser, 'supervision-supervisor', async (supervisor) => {
      const page = supervisor.page;
      await login(page, 'supervisor');
      // The desk counts the overdue case.
      await page.getByTestId('nav-supervisor-home').click();
      await page.waitForURL((u) => u.pathname === '/supervision');
      const overdue = page.getByTestId('queue-overdue');
      await overdue.waitFor({ state: 'visible' });
      await expect.poll(async () => Number((await overdue.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, '') || 0)).toBeGreaterThan(0);
      await expect.poll(async () => page.getByTestId('overdue-by-unit').getByText(HANDLER_UNIT).count()).toBeGreaterThan(0);
      await screenshot(page, 'supervision-desk');

      // The demo has many overdue cases (sorted by deadline, ours is on a later page): open it directly.
      await page.goto(`/cases/${created.id}`);
      await page.getByTestId('supervision-actions').waitFor({ state: 'visible' });

      // 催办
      await page.getByTestId('supervision-urge').click();
      await fillText(page, 'urge-form-note', urgeNote);
      await page.getByTestId('urge-form-submit').click();
      await page.getByTestId('urge-form').waitFor({ state: 'hidden' });
      await expect.poll(async () => timelineTypes(page)).toContain('urged');

      // 督办: an order with three working days to answer.
      await page.getByTestId('supervision-order').click();
      await fillText(page, 'order-form-instruction', instruction);
      // Three working days to answer: the form's default.
      expect(await (await textField(page, 'order-form-replyWorkingDays')).inputValue()).toBe('3');
      await screenshot(page, 'supervision-order-form');
      await page.getByTestId('order-form-submit').click();
      await page.getByTestId('order-form').waitFor({ state: 'hidden' });
      await expect.poll(async () => timelineTypes(page)).toContain('supervision_order_issued');
      await screenshot(page, 'supervision-case-urged-ordered');
    });

    await withSession(browser, 'supervision-handler', async (handler) => {
      const page = handler.page;
      await login(page, 'handler');
      // The handler has 督办单 and 督办事项 in the menu.
      await page.getByTestId('nav-notices').waitFor({ state: 'visible' });
      await page.getByTestId('nav-orders').click();
      await page.waitForURL((u) => u.pathname === '/supervision/orders');
      const row = page.getByTestId('orders-table').locator('tr').filter({ hasText: created.caseNumber });
      await row.first().waitFor({ state: 'visible' });
      expect(await row.first().innerText()).toContain(instruction);
      await screenshot(page, 'supervision-handler-orders');
      await row.first().getByTestId('order-answer-open').click();
      await fillText(page, 'order-answer-form-text', answer);
      await page.getByTestId('order-answer-form-submit').click();
      await page.getByTestId('order-answer-form').waitFor({ state: 'hidden' });
      await expect.poll(async () => row.first().getByTestId('order-status').getAttribute('data-status')).toBe('answered');
      expect(await row.first().getByTestId('order-answer-open').count()).toBe(0);
      await screenshot(page, 'supervision-handler-answered');
    });

    await withSession(browser, 'supervision-supervisor-close', async (supervisor) => {
      const page = supervisor.page;
      await login(page, 'supervisor');
      await page.goto('/supervision/orders?status=answered');
      const row = page.getByTestId('orders-table').locator('tr').filter({ hasText: created.caseNumber });
      await row.first().waitFor({ state: 'visible' });
      expect(await row.first().getByTestId('order-answer').innerText()).toContain(answer);
      await row.first().getByTestId('order-close-open').click();
      await fillText(page, 'order-close-form-note', '经核实已修复，同意办结');
      await page.getByTestId('order-close-form-submit').click();
      await page.getByTestId('order-close-form').waitFor({ state: 'hidden' });
      // Closed, it leaves the "to close" filter.
      await expect.poll(async () => row.count()).toBe(0);
      await screenshot(page, 'supervision-order-closed');
    });

    // What the server recorded: each step an event on the case.
    const supervisorApi = await apiAs('supervisor');
    try {
      const detail = await supervisorApi.get<CaseView>(`/api/v1/cases/${created.id}`);
      const types = detail.events.map((e) => e.type);
      for (const type of ['urged', 'supervision_order_issued', 'supervision_order_answered', 'supervision_order_closed']) expect(types).toContain(type);
      const { items } = await supervisorApi.get<{ items: Array<{ status: string; answerText: string }> }>(`/api/v1/supervision/orders?caseId=${created.id}`);
      expect(items).toEqual([expect.objectContaining({ status: 'closed', answerText: answer })]);
    } finally {
      await supervisorApi.dispose();
    }
  });
});
