// The admin screens behind intake assistance, each checked by what the operator then sees on
// 新建工单: a term added to the urgency lexicon makes a text urgent; a cold-start keyword rule
// suggests its unit while no routing model exists; training a model on /admin/routing adds a
// version with its measured accuracy, and suggestions come from the model from then on.
//
// Keyword rules only apply before the first model, and the suite's shared server trains one a few
// seconds after start, so this file runs its own server with the worker off (WORKER=0): no model
// exists until the admin trains one here.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession, type Session } from '../support/browser.js';
import { uniquePhone, uniqueTag } from '../support/data.js';
import { startServer, type RunningServer } from '../support/server.js';
import { addTags, choose, fillText } from '../support/ui.js';

const KEYWORD_UNIT = '市民政局';

interface RoutingModelView {
  version: number;
  metrics: { accuracy: number | null };
}

interface Suggestion {
  urgency: { level: string };
  routing: { source: string; suggestions: { unitName: string | null }[] } | null;
}

/** What the operator's console is told for `content`, straight from the API. */
function suggest(api: Api, content: string): Promise<Suggestion> {
  return api.send<Suggestion>('POST', '/api/v1/intake/suggest', { content }, 200);
}

async function typeAppeal(page: Page, content: string): Promise<void> {
  await page.getByTestId('nav-new-case').click();
  await page.waitForURL((u) => u.pathname === '/cases/new');
  await fillText(page, 'new-case-phone', uniquePhone());
  await fillText(page, 'new-case-content', content);
}

// Scenarios sign in twice each (admin, then operator); a loaded machine takes seconds per page.
describe('triage settings on a server with no routing model yet', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let operatorApi: Api;
  let adminApi: Api;
  const session = (name: string, scenario: (s: Session) => Promise<void>) => withSession(browser, name, scenario, server.baseUrl);

  beforeAll(async () => {
    server = await startServer({ WORKER: '0' });
    browser = await launchBrowser();
    operatorApi = await apiAs('operator', server.baseUrl);
    adminApi = await apiAs('admin', server.baseUrl);
  });
  afterAll(async () => {
    await operatorApi?.dispose();
    await adminApi?.dispose();
    await browser?.close();
    // Fails the file when the server died meanwhile or does not shut down gracefully.
    await server?.stop();
  });

  test('紧急词库: a term added to a category makes the operator see the text as urgent', async () => {
    const tag = uniqueTag();
    const term = `异响冒泡${tag}`;
    const content = `来电编号${tag}：我家楼道里的管子一直${term}，请派人来看看。`;
    expect((await suggest(operatorApi, content)).urgency.level, 'the text is not urgent before the edit').toBe('normal');

    await session('lexicon-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-lexicon').click();
      await page.waitForURL((u) => u.pathname === '/admin/lexicon');
      // 人员被困 (id trapped) is an urgent category.
      const row = page.getByTestId('lexicon-table').locator('tr').filter({ hasText: 'trapped' });
      await row.first().getByTestId('lexicon-edit').click();
      await addTags(page, 'lexicon-field-terms', [term]);
      await screenshot(page, 'lexicon-category-form');
      await page.getByTestId('lexicon-apply').click();
      await page.getByTestId('lexicon-apply').waitFor({ state: 'hidden' });
      await page.getByTestId('lexicon-save').click();
      // Saved once the server holds it (the page shows no error meanwhile).
      await expect
        .poll(async () => {
          const { lexicon } = await adminApi.get<{ lexicon: { categories: { id: string; terms: string[] }[] } }>('/api/v1/admin/urgency-lexicon');
          return lexicon.categories.find((c) => c.id === 'trapped')?.terms.includes(term) ?? false;
        })
        .toBe(true);
      expect(await page.getByTestId('lexicon-error').count()).toBe(0);
      await screenshot(page, 'lexicon-saved');
    });

    await session('lexicon-operator', async ({ page }) => {
      await login(page, 'operator');
      await typeAppeal(page, content);
      const banner = page.locator('[data-testid="suggest-urgency"][data-level="urgent"]');
      await banner.waitFor({ state: 'visible' });
      expect(await banner.innerText()).toContain(term);
      await screenshot(page, 'lexicon-term-urgent');
    });
  });

  test('派单关键词: with no model, a keyword rule suggests its unit', async () => {
    expect((await adminApi.get<{ items: unknown[] }>('/api/v1/admin/routing/models')).items, 'no model before the keyword test').toEqual([]);
    const tag = uniqueTag();
    const keyword = `补贴申领${tag}`;
    const content = `来电编号${tag}：想咨询${keyword}的办理流程，需要准备哪些材料？`;
    expect((await suggest(operatorApi, content)).routing, 'no suggestion before the rule').toBeNull();

    await session('keywords-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-keywords').click();
      await page.waitForURL((u) => u.pathname === '/admin/keywords');
      await page.getByTestId('keywords-table').waitFor({ state: 'visible' });
      const existing = (await adminApi.get<{ rules: unknown[] }>('/api/v1/admin/routing/keywords')).rules.length;
      await page.getByTestId('keywords-add').click();
      await choose(page, `keywords-unit-${existing}`, KEYWORD_UNIT);
      await addTags(page, `keywords-words-${existing}`, [keyword]);
      await screenshot(page, 'keywords-rule');
      await page.getByTestId('keywords-save').click();
      await expect
        .poll(async () => {
          const { rules } = await adminApi.get<{ rules: { keywords: string[] }[] }>('/api/v1/admin/routing/keywords');
          return rules.some((rule) => rule.keywords.includes(keyword));
        })
        .toBe(true);
    });

    await session('keywords-operator', async ({ page }) => {
      await login(page, 'operator');
      await typeAppeal(page, content);
      await page.locator('[data-testid="suggest-units"][data-source="keywords"]').waitFor({ state: 'visible' });
      const unit = page.getByTestId('suggest-unit-0');
      expect(await unit.innerText()).toContain(KEYWORD_UNIT);
      // The only matching rule: all of the matched keywords point at it.
      expect(await unit.getAttribute('data-percent')).toBe('100');
      expect(await page.getByTestId('suggest-unit-1').count()).toBe(0);
      await screenshot(page, 'keywords-suggested');
    });
  });

  test('路由模型: training adds a version with its accuracy, and suggestions then come from the model', async () => {
    const before = (await adminApi.get<{ items: RoutingModelView[] }>('/api/v1/admin/routing/models')).items.length;

    await session('routing-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-routing').click();
      await page.waitForURL((u) => u.pathname === '/admin/routing');
      const table = page.getByTestId('routing-models-table');
      await table.waitFor({ state: 'visible' });
      await expect.poll(async () => table.getByTestId('routing-version').count()).toBe(before);

      for (const version of [before + 1, before + 2]) {
        await page.getByTestId('routing-train').click();
        const row = table.locator('tr').filter({ has: page.getByTestId('routing-version').getByText(`v${version}`, { exact: true }) });
        await row.first().waitFor({ state: 'visible' });
        expect(await page.getByTestId('routing-train-error').count(), 'the demo history is enough to train').toBe(0);
        // The accuracy measured on the held-out fifth, as the server stored it.
        const { items } = await adminApi.get<{ items: RoutingModelView[] }>('/api/v1/admin/routing/models');
        const accuracy = items.find((m) => m.version === version)?.metrics.accuracy;
        expect(accuracy, `v${version} has a measured accuracy`).toBeTypeOf('number');
        expect((await row.first().getByTestId('routing-accuracy').innerText()).trim()).toBe(`${((accuracy ?? 0) * 100).toFixed(1)}%`);
      }
      await expect.poll(async () => table.getByTestId('routing-version').count()).toBe(before + 2);
      await screenshot(page, 'routing-trained');
    });

    // From now on the operator's suggestions come from the newest model, not the keyword rules.
    await session('routing-operator', async ({ page }) => {
      await login(page, 'operator');
      await typeAppeal(page, `来电编号${uniqueTag()}：小区门口的路灯坏了两个星期，晚上很黑，请尽快修理。`);
      await page.locator('[data-testid="suggest-units"][data-source="model"]').waitFor({ state: 'visible' });
      const percents: number[] = [];
      for (const i of [0, 1, 2]) percents.push(Number(await page.getByTestId(`suggest-unit-${i}`).getAttribute('data-percent')));
      // Calibrated confidences, best first.
      expect(percents).toEqual([...percents].sort((a, b) => b - a));
      expect(percents.every((p) => p >= 0 && p <= 100)).toBe(true);
      await screenshot(page, 'routing-model-suggests');
    });
  });
});
