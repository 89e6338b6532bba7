// 诉求分类 (issue 12 §6), as its users meet it: an admin adds a sub-category with its keywords on
// the tree page; an operator typing an appeal with one of those words is offered it, chooses it,
// and the case shows it; the case list filters by it (with its parent's subtree); once the case
// is dispatched the supervisor's dashboard counts it by category; retiring it greys it out.
// The demo's tree is the default one; the scenario adds its own category, so it counts only
// cases of its own whatever the demo data holds.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, pathname, screenshot, withSession } from '../support/browser.js';
import { uniquePhone, uniqueTag } from '../support/data.js';
import { choose, fillText } from '../support/ui.js';

interface Category { id: string; code: string; name: string; retired: boolean; children: Category[] }
interface OrgUnit { id: string; parentId: string | null; name: string }

const flatten = (nodes: Category[]): Category[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('case categories', { timeout: 180_000 }, () => {
  let browser: Browser;
  let admin: Api;
  let operator: Api;
  const tag = uniqueTag();
  const code = `e2e-${tag}`;
  const name = `楼顶怪声${tag}`;
  const word = `怪声${tag}`;
  let categoryId = '';
  let caseId = '';
  let caseNumber = '';

  const tree = async (includeRetired = false): Promise<Category[]> =>
    flatten((await admin.get<{ items: Category[] }>(`/api/v1/categories?includeRetired=${includeRetired}`)).items);

  beforeAll(async () => {
    admin = await apiAs('admin');
    operator = await apiAs('operator');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await admin?.dispose();
    await operator?.dispose();
  });

  test('an admin adds a sub-category with its keywords on the tree page', async () => {
    await withSession(browser, 'categories-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-categories').click();
      await expect.poll(() => pathname(page), { timeout: 15_000 }).toBe('/admin/categories');
      const treeView = page.getByTestId('categories-tree');
      await treeView.getByText('生态环境', { exact: true }).waitFor({ state: 'visible' });
      await treeView.getByText('噪声', { exact: true }).click();
      await expect.poll(async () => page.getByTestId('category-code').innerText(), { timeout: 15_000 }).toBe('noise');
      await page.getByTestId('category-add-child').click();
      await fillText(page, 'category-form-code', code);
      await fillText(page, 'category-form-name', name);
      await fillText(page, 'category-form-keywords', `${word} 楼顶异响`);
      await page.getByTestId('category-form-save').click();
      // The new category is selected and shown with its permanent code.
      await expect.poll(async () => page.getByTestId('category-code').innerText(), { timeout: 15_000 }).toBe(code);
      await screenshot(page, 'categories-admin');
    });
    const created = (await tree()).find((c) => c.code === code);
    expect(created?.name).toBe(name);
    categoryId = created?.id ?? '';
  });

  test('an operator is offered it while typing, chooses it, and finds the case by it', async () => {
    const noise = (await tree()).find((c) => c.code === 'noise');
    await withSession(browser, 'categories-intake', async ({ page }) => {
      await login(page, 'operator');
      await page.getByTestId('nav-new-case').click();
      await expect.poll(() => pathname(page), { timeout: 15_000 }).toBe('/cases/new');
      await fillText(page, 'new-case-phone', uniquePhone());
      await fillText(page, 'new-case-content', `每天夜里楼顶都有${word}，吵得老人睡不着，请尽快处理。`);
      const suggestion = page.getByTestId('new-case-category-suggestion').filter({ hasText: name });
      await suggestion.waitFor({ state: 'visible' });
      await suggestion.click();
      await expect.poll(async () => page.getByTestId('new-case-category').innerText(), { timeout: 15_000 }).toContain(name);
      await screenshot(page, 'categories-intake-suggestion');
      await page.getByTestId('new-case-type-complaint').click();
      await page.getByTestId('new-case-submit').click();
      await expect.poll(() => /^\/cases\/[0-9a-f-]{36}$/.test(pathname(page)), { timeout: 15_000 }).toBe(true);
      caseId = pathname(page).split('/').pop() ?? '';
      await expect.poll(async () => page.getByTestId('case-category').innerText(), { timeout: 15_000 }).toContain(`生态环境 / 噪声 / ${name}`);
      caseNumber = (await page.getByTestId('case-number').innerText()).trim();

      // The list filtered by the parent category (its subtree) shows the case with its category.
      await page.goto(new URL(`/cases?categoryId=${noise?.id ?? ''}`, page.url()).toString());
      const row = page.getByTestId('case-table').locator('tbody tr', { hasText: caseNumber });
      await row.waitFor({ state: 'visible' });
      expect(await row.innerText()).toContain(name);
      // And chosen in the filter bar: only this scenario's category.
      await page.goto(new URL('/cases', page.url()).toString());
      // The category filter sits under 更多筛选 with the other narrowing filters.
      await page.getByTestId('filter-more').click();
      await choose(page, 'filter-category', name);
      await expect.poll(() => new URL(page.url()).searchParams.get('categoryId'), { timeout: 15_000 }).toBe(categoryId);
      await page.getByTestId('case-table').getByText(caseNumber, { exact: true }).waitFor({ state: 'visible' });
      await expect.poll(async () => page.getByTestId('case-table').locator('tbody tr.ant-table-row').count(), { message: 'only the filtered case is listed', timeout: 20_000 }).toBe(1);
      await screenshot(page, 'categories-case-list');
    });
  });

  test('the dashboard counts the dispatched case by category, and a retired category stays named', async () => {
    const { items: units } = await admin.get<{ items: OrgUnit[] }>('/api/v1/org-units');
    const unit = units.find((u) => u.parentId !== null);
    if (!unit) throw new Error('the demo has no units');
    await operator.send('POST', `/api/v1/cases/${caseId}/dispatch`, { leadUnitId: unit.id }, 200);
    const environment = (await tree()).find((c) => c.code === 'environment');
    const noise = (await tree()).find((c) => c.code === 'noise');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // The worker's next pass moves the case's cells (within seconds); the dashboard reads them.
    await expect
      .poll(
        async () => {
          const f = await admin.get<{ items: Array<{ key: string; dispatched: number }> }>(
            `/api/v1/stats/figures?from=${today}&to=${today}&by=category&categoryId=${noise?.id ?? ''}`,
          );
          return f.items.find((i) => i.key === categoryId)?.dispatched;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    expect(environment).toBeDefined();

    await withSession(browser, 'categories-stats', async ({ page }) => {
      await login(page, 'supervisor');
      await page.getByTestId('nav-stats').click();
      await expect.poll(() => pathname(page), { timeout: 15_000 }).toBe('/stats');
      await page.getByTestId('chart-categories').locator('svg').first().waitFor({ state: 'visible' });
      // The chart's own table lists the top-level categories counted, ours among them.
      await page.getByTestId('chart-categories').locator('.chart-card__data').getByText('生态环境', { exact: true }).first().waitFor({ state: 'attached' });
      await screenshot(page, 'categories-stats');
    });

    await withSession(browser, 'categories-retire', async ({ page }) => {
      await login(page, 'admin');
      await page.goto(new URL('/admin/categories', page.url()).toString());
      const treeView = page.getByTestId('categories-tree');
      await treeView.getByText('噪声', { exact: true }).waitFor({ state: 'visible' });
      // Open 噪声 to reach the scenario's own category below it.
      await treeView.locator('.ant-tree-treenode', { hasText: '噪声' }).first().locator('.ant-tree-switcher').click();
      await treeView.getByText(name, { exact: true }).click();
      await page.getByTestId('category-retire').click();
      await treeView.locator('.categories-node--retired', { hasText: name }).waitFor({ state: 'visible' });
      await screenshot(page, 'categories-retired');
    });
    expect((await tree()).some((c) => c.code === code)).toBe(false);
    expect((await tree(true)).find((c) => c.code === code)?.retired).toBe(true);
    // The case keeps naming it.
    const detail = await operator.get<{ category: { code: string; retired: boolean } | null }>(`/api/v1/cases/${caseId}`);
    expect(detail.category).toMatchObject({ code, retired: true });
  });

  test('an admin trains the category model on the same page and sees the new version with its accuracy', async () => {
    const before = (await admin.get<{ items: Array<{ version: number }> }>('/api/v1/admin/category-models')).items[0]?.version ?? 0;
    await withSession(browser, 'categories-model', async ({ page }) => {
      await login(page, 'admin');
      await page.goto(new URL('/admin/categories', page.url()).toString());
      const panel = page.getByTestId('category-model');
      await panel.waitFor({ state: 'visible' });
      await page.getByTestId('category-model-train').click();
      // The demo's closed cases carry categories: enough history to learn from (ADR 0045).
      await expect
        .poll(async () => page.getByTestId('category-model-current').innerText(), { timeout: 120_000, interval: 1_000 })
        .toMatch(new RegExp(`当前版本\\s*${before + 1}[\\s\\S]*准确率`));
      await screenshot(page, 'categories-model');
    });
    const after = await admin.get<{ items: Array<{ version: number; metrics: { examples: number; accuracy: number | null } }> }>('/api/v1/admin/category-models');
    expect(after.items[0]?.version).toBe(before + 1);
    expect(after.items[0]?.metrics.examples).toBeGreaterThanOrEqual(30);
  });
});
