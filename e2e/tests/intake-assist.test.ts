// 新建工单's live assistance, typed by an operator in Chromium: the urgency banner and the
// emergency hand-over number, the routing model's top three units (one carried into dispatch),
// the caller's open case to attach a repeat contact to, another caller's case about the same
// incident, and knowledge articles valid today (an expired one never shows).
import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, createArticleViaApi, createCaseViaApi, waitForRoutingModel, type Api, type CaseView } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { CASE_NUMBER, uniquePhone, uniqueTag } from '../support/data.js';
import { addTags, expectStatus, fillText, runAction, timelineTypes, waitForCasePage } from '../support/ui.js';

const DAY_MS = 86_400_000;

/** The Beijing calendar day of `ms` as the date pickers take it ("2026-11-29"). */
function cityDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

async function openNewCase(page: Page): Promise<void> {
  await page.getByTestId('nav-new-case').click();
  await page.waitForURL((u) => u.pathname === '/cases/new');
}

/** A candidate row of the duplicate check for this case number. */
function candidate(page: Page, kind: 'repeat' | 'same_incident', caseNumber: string) {
  return page.locator(`[data-testid="suggest-duplicate"][data-kind="${kind}"]`).filter({ hasText: caseNumber });
}

/** "示例市供水集团有限公司\n19%" → the unit's name (a bar at 100% shows a tick instead of the figure). */
async function unitName(page: Page, index: number): Promise<string> {
  const text = (await page.getByTestId(`suggest-unit-${index}`).innerText()).trim();
  return text.replace(/\s*\d+%$/, '').trim();
}

// Scenarios sign in up to twice each; a loaded machine takes seconds per page.
describe('intake assistance on 新建工单', { timeout: 180_000 }, () => {
  let browser: Browser;
  let operatorApi: Api;
  let adminApi: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    operatorApi = await apiAs('operator');
    adminApi = await apiAs('admin');
    // Unit suggestions come from the model the server's worker trains from the demo history.
    await waitForRoutingModel(adminApi);
  });
  afterAll(async () => {
    await operatorApi?.dispose();
    await adminApi?.dispose();
    await browser?.close();
  });

  test('urgent outage: banner, urgency pre-selected, top-3 units; the chosen unit pre-fills dispatch', async () => {
    const tag = uniqueTag();
    await withSession(browser, 'assist-units', async ({ page }) => {
      await login(page, 'operator');
      await openNewCase(page);
      await fillText(page, 'new-case-phone', uniquePhone());
      await fillText(page, 'new-case-content', `来电编号${tag}：阳光小区整栋楼停水两天了，几十户人家都没水用，请尽快恢复供水。`);

      // Urgent, not an emergency: no hand-over number, and the form's urgency is switched to urgent.
      await page.locator('[data-testid="suggest-urgency"][data-level="urgent"]').waitFor({ state: 'visible' });
      expect(await page.getByTestId('suggest-redirect').count()).toBe(0);
      const urgentRadio = page.locator('label').filter({ has: page.getByTestId('new-case-urgency-urgent') }).getByRole('radio');
      await expect.poll(() => urgentRadio.isChecked(), { message: 'urgency pre-selected as urgent' }).toBe(true);

      // Three units from the trained model, each with its confidence.
      await page.locator('[data-testid="suggest-units"][data-source="model"]').waitFor({ state: 'visible' });
      const names: string[] = [];
      for (const i of [0, 1, 2]) {
        const unit = page.getByTestId(`suggest-unit-${i}`);
        await unit.waitFor({ state: 'visible' });
        const percent = (await unit.getAttribute('data-percent')) ?? '';
        expect(percent).toMatch(/^\d{1,2}$/);
        // The confidence is on screen beside the name (calibrated over ~30 units, never 100%).
        expect(await unit.innerText()).toContain(`${percent}%`);
        names.push(await unitName(page, i));
      }
      expect(new Set(names).size, `three different units: ${names.join(', ')}`).toBe(3);
      // The demo history sends water outages to the water company.
      expect(names.some((name) => name.includes('供水')), `a water supplier among ${names.join(', ')}`).toBe(true);
      await screenshot(page, 'assist-urgent-units');

      const chosen = names[0] ?? '';
      await page.getByTestId('suggest-unit-0').click();
      await expect.poll(async () => page.getByTestId('suggest-unit-0').getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('new-case-type-complaint').click();
      await page.getByTestId('new-case-submit').click();
      await waitForCasePage(page);
      await expectStatus(page, 'received');

      // The case page remembers the choice and the dispatch form starts with it.
      const hint = page.getByTestId('case-suggested-unit');
      await hint.waitFor({ state: 'visible' });
      expect(await hint.innerText()).toContain(chosen);
      await runAction(page, 'dispatch', async () => {
        await expect.poll(async () => (await page.getByTestId('action-field-leadUnitId').first().innerText()).includes(chosen)).toBe(true);
        await screenshot(page, 'assist-dispatch-prefilled');
      });
      await expectStatus(page, 'dispatched');
      expect((await page.getByTestId('case-lead-unit').innerText()).trim()).toBe(chosen);
    });
  });

  test('emergencies get the number to ring: 119 fire, 120 medical, 110 violence', async () => {
    const tag = uniqueTag();
    const emergencies = [
      { number: '119', text: `来电编号${tag}：楼下饭店着火了，浓烟很大，有人被困在里面！` },
      { number: '120', text: `来电编号${tag}：家里老人突然晕倒了，叫不醒。` },
      { number: '110', text: `来电编号${tag}：有人持刀在街上砍人，现在还在追人。` },
    ];
    await withSession(browser, 'assist-emergency', async ({ page }) => {
      await login(page, 'operator');
      await openNewCase(page);
      for (const { number, text } of emergencies) {
        await fillText(page, 'new-case-content', text);
        // Each new text replaces the banner once its (debounced) suggestion has arrived.
        await expect
          .poll(async () => ((await page.getByTestId('suggest-redirect').count()) > 0 ? page.getByTestId('suggest-redirect').innerText() : ''), {
            message: `redirect to ${number}`,
          })
          .toContain(number);
        expect(await page.getByTestId('suggest-urgency').getAttribute('data-level')).toBe('emergency');
        await screenshot(page, `assist-emergency-${number}`);
      }
    });
  });

  test('repeat caller: the open case shows with its status and the contact is attached to it', async () => {
    const tag = uniqueTag();
    const phone = uniquePhone();
    const address = `示例市东城区幸福路${randomInt(1, 999)}号${randomInt(1, 30)}号楼`;
    const original = await createCaseViaApi(operatorApi, {
      callerPhone: phone,
      address,
      content: `来电编号${tag}：小区门口的下水道堵塞，污水漫到人行道上，气味很大，请尽快疏通。`,
    });
    expect(original.caseNumber).toMatch(CASE_NUMBER);
    const followUp = `来电编号${tag}：小区门口下水道还是堵着，污水漫到人行道，请尽快处理。`;

    await withSession(browser, 'assist-repeat', async ({ page }) => {
      await login(page, 'operator');
      await openNewCase(page);
      await fillText(page, 'new-case-phone', phone);
      await fillText(page, 'new-case-content', followUp);

      const repeat = candidate(page, 'repeat', original.caseNumber);
      await repeat.waitFor({ state: 'visible' });
      expect(await repeat.getAttribute('data-status')).toBe('received');
      // The status is shown translated (已受理), not as its code.
      expect(await repeat.innerText()).not.toContain('received');
      await screenshot(page, 'assist-repeat-candidate');

      const attach = repeat.getByTestId('suggest-attach');
      await expect.poll(() => attach.isEnabled(), { message: 'attach is offered once the phone is valid' }).toBe(true);
      await attach.click();
      expect(await waitForCasePage(page)).toBe(original.id);
      await expect.poll(async () => (await page.getByTestId('case-number').innerText()).trim()).toBe(original.caseNumber);
      expect(await timelineTypes(page)).toEqual(['created', 'contact_attached']);
      await screenshot(page, 'assist-repeat-attached');
    });

    // Recorded on the case, not as a new one.
    const detail = await operatorApi.get<CaseView>(`/api/v1/cases/${original.id}`);
    expect(detail.events.map((e) => e.type)).toEqual(['created', 'contact_attached']);
    expect(detail.status).toBe('received');

    // Another caller about the same place: the same incident, with no attach button.
    await withSession(browser, 'assist-same-incident', async ({ page }) => {
      await login(page, 'operator');
      await openNewCase(page);
      await fillText(page, 'new-case-phone', uniquePhone());
      await fillText(page, 'new-case-address', address);
      await fillText(page, 'new-case-content', `来电编号${tag}：小区门口下水道堵了，污水漫到人行道上，很臭。`);
      const same = candidate(page, 'same_incident', original.caseNumber);
      await same.waitFor({ state: 'visible' });
      expect(await same.locator('[data-reason]').getAttribute('data-reason')).toBe('address');
      expect(await same.getByTestId('suggest-attach').count()).toBe(0);
      expect(await candidate(page, 'repeat', original.caseNumber).count()).toBe(0);
      await screenshot(page, 'assist-same-incident');
    });
  });

  test('knowledge base: an article written today is suggested, read out and cited when the call is closed; an expired one never shows', async () => {
    const tag = uniqueTag();
    // The console asks the knowledge base with the content as typed; the article shares its tag.
    const clause = `居住证续签${tag}怎么办理`;
    const current = { question: clause, answer: `请携带身份证和居住登记表到街道政务服务中心办理续签，当场出证。编号${tag}` };
    const expired = await createArticleViaApi(adminApi, {
      question: `${clause}（旧办法）`,
      answer: `请到区公安分局出入境窗口办理，十个工作日出证。编号${tag}`,
      validFrom: new Date(Date.now() - 60 * DAY_MS).toISOString(),
      validTo: new Date(Date.now() - 2 * DAY_MS).toISOString(),
    });

    await withSession(browser, 'assist-kb-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-kb').click();
      await page.waitForURL((u) => u.pathname === '/admin/kb');
      await page.getByTestId('kb-new').click();
      await fillText(page, 'kb-field-question', current.question);
      await fillText(page, 'kb-field-answer', current.answer);
      await addTags(page, 'kb-field-tags', ['居住证', `e2e${tag}`]);
      // Valid from today (Beijing) for a month. Typed dates are taken when the focus moves on;
      // Enter would submit the form.
      const [from, to] = [cityDay(Date.now()), cityDay(Date.now() + 30 * DAY_MS)];
      const validity = page.getByTestId('kb-field-validity');
      await validity.first().click();
      await page.keyboard.type(from);
      await validity.nth(1).click();
      await page.keyboard.type(to);
      await page.getByTestId('kb-field-question').click();
      expect([await validity.first().inputValue(), await validity.nth(1).inputValue()]).toEqual([from, to]);
      await screenshot(page, 'kb-article-form');
      await page.getByTestId('kb-save').click();

      // Rows by their exact question: the expired one's question starts with the current one's.
      const table = page.getByTestId('kb-table');
      const row = table.locator('tr').filter({ has: page.getByText(current.question, { exact: true }) });
      await row.first().waitFor({ state: 'visible' });
      expect(await row.first().locator('[data-state]').getAttribute('data-state')).toBe('current');
      // The expired one is listed for the admin, marked expired.
      const old = table.locator('tr').filter({ has: page.getByText(expired.question, { exact: true }) });
      expect(await old.first().locator('[data-state]').getAttribute('data-state')).toBe('expired');
      await screenshot(page, 'kb-admin-list');
    });

    await withSession(browser, 'assist-kb-operator', async ({ page }) => {
      await login(page, 'operator');
      await openNewCase(page);
      await fillText(page, 'new-case-phone', uniquePhone());
      await fillText(page, 'new-case-content', `${clause}，需要带什么材料？`);

      const articles = page.getByTestId('suggest-articles');
      const suggested = articles.getByTestId('suggest-article').filter({ has: page.getByText(current.question, { exact: true }) });
      await suggested.waitFor({ state: 'visible' });
      // Both articles match the words; the server answered without the expired one.
      expect(await articles.getByTestId('suggest-article').filter({ hasText: expired.question }).count()).toBe(0);
      await suggested.getByTestId('suggest-read-out').click();
      const answer = suggested.getByTestId('suggest-answer');
      await answer.waitFor({ state: 'visible' });
      expect(await answer.innerText()).toContain(current.answer);
      await screenshot(page, 'assist-kb-read-out');

      // Answered on the call: one click records the contact, cites the article and closes it at intake.
      await page.getByTestId('new-case-type-consultation').click();
      await answer.getByTestId('suggest-answer-close').click();
      const caseId = await waitForCasePage(page);
      await expectStatus(page, 'closed');
      expect((await page.getByTestId('case-reply').innerText()).trim()).toBe(current.answer);
      expect(await timelineTypes(page)).toEqual(['created', 'answered_directly']);
      await screenshot(page, 'assist-kb-answered');

      const detail = await operatorApi.get<CaseView>(`/api/v1/cases/${caseId}`);
      expect(detail.status).toBe('closed');
      expect(detail.replyText).toBe(current.answer);
      const answered = detail.events.find((e) => e.type === 'answered_directly');
      const article = (await operatorApi.get<{ items: { id: string; question: string }[] }>(`/api/v1/kb/articles?q=${encodeURIComponent(clause)}&limit=10`)).items;
      expect(answered?.payload).toMatchObject({ articleId: article.find((a) => a.question === current.question)?.id });
    });

    // The knowledge base itself never offers the expired article, whatever is asked.
    const search = await operatorApi.get<{ items: { id: string; question: string }[] }>(`/api/v1/kb/articles?q=${encodeURIComponent(clause)}&limit=10`);
    expect(search.items.map((a) => a.id)).not.toContain(expired.id);
    // Other 居住证 articles may follow (the demo has some); the one written today comes first.
    expect(search.items[0]?.question).toBe(current.question);
  });
});
