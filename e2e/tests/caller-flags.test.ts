// Frequent and abusive callers (DESIGN §7, ADR 0036), each person in their own browser: an
// operator flags a caller for abuse; a supervisor of the hotline finds it waiting for review,
// confirms it with a note and names the designated handler (专席).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { maskPhone, uniquePhone, uniqueTag } from '../support/data.js';

interface Flag { id: string; callerPhone: string; status: string; reviewDecision: string | null; reviewNote: string | null }

describe('caller flags in the browser', { timeout: 240_000 }, () => {
  let browser: Browser;
  let supervisor: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    supervisor = await apiAs('supervisor');
  });
  afterAll(async () => {
    await supervisor?.dispose();
    await browser?.close();
  });

  test('an operator flags abuse; a supervisor confirms it and designates the handler', async () => {
    const phone = uniquePhone();
    const tag = uniqueTag();
    await withSession(browser, 'caller-flags-operator', async ({ page }) => {
      await login(page, 'operator');
      await page.goto('/caller-flags');
      await page.getByTestId('caller-flags-raise').click();
      await page.getByTestId('abuse-flag-phone').fill(phone);
      await page.getByTestId('abuse-flag-reason').click();
      await page.getByTitle('辱骂').click();
      await page.getByTestId('abuse-flag-note').fill(`凌晨来电辱骂话务员（${tag}）`);
      await page.getByTestId('abuse-flag-ok').click();
      await page.getByTestId('caller-flags-unreviewed').getByText(maskPhone(phone)).waitFor({ state: 'visible' });
    });

    await withSession(browser, 'caller-flags-supervisor', async ({ page }) => {
      await login(page, 'supervisor');
      await page.goto('/caller-flags');
      const row = page.getByTestId('caller-flags-unreviewed').locator('tr', { hasText: maskPhone(phone) });
      await row.waitFor({ state: 'visible' });
      await row.locator('[data-testid^="caller-flag-confirm-"]').click();
      await page.getByTestId('caller-flag-review-note').fill(`录音核实属实（${tag}）`);
      await page.getByTestId('caller-flag-review-ok').click();
      await row.waitFor({ state: 'detached' });

      await page.getByTestId('designated-handler-select').click();
      await page.locator('.ant-select-item-option').first().click();
      await page.getByTestId('designated-handler-save').click();
      await page.getByTestId('designated-handler').getByText(/专席：/).waitFor({ state: 'visible' });
      await screenshot(page, 'caller-flags');
    });

    const { items } = await supervisor.get<{ items: Flag[] }>('/api/v1/caller-flags?status=active');
    const flag = items.find((f) => f.callerPhone === maskPhone(phone));
    expect(flag).toMatchObject({ status: 'active', reviewDecision: 'confirm', reviewNote: `录音核实属实（${tag}）` });
    const settings = await supervisor.get<{ designatedUserId: string | null }>('/api/v1/caller-flags/settings');
    expect(settings.designatedUserId).not.toBeNull();
    // Leave the demo as it was: nobody designated.
    await supervisor.send('PUT', '/api/v1/caller-flags/settings', { designatedUserId: null }, 200);
  });
});
