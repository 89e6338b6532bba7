// Admin → 办理时限 (issue 12 §8): an edit must stick. The page used to copy the server's policy
// over the admin's edits on every render, so a typed value snapped back and Save "succeeded" with
// the unchanged policy. Here an admin edits two spans, saves, and both the API and a reload of the
// page show the new values. The policy is restored afterwards: the suite's server is shared.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';

interface Span {
  amount: number;
  unit: string;
}
interface PolicyAnswer {
  policy: { complexResolve: Span; byType: Record<string, Record<string, Record<string, Span>>> };
  isDefault: boolean;
}

const COMPLEX = '复杂诉求办结时限（经批准延期后）';

describe('the deadline policy page', { timeout: 120_000 }, () => {
  let browser: Browser;
  let admin: Api;
  let original: PolicyAnswer['policy'];

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiAs('admin');
    original = (await admin.get<PolicyAnswer>('/api/v1/admin/deadline-policy')).policy;
  });
  afterAll(async () => {
    if (original) await admin.send('PUT', '/api/v1/admin/deadline-policy', { policy: original });
    await admin?.dispose();
    await browser?.close();
  });

  test('an edited span is saved, survives a reload and reaches the API', async () => {
    const complexBefore = original.complexResolve.amount;
    const complaintAcceptBefore = original.byType.complaint?.normal?.accept?.amount;
    expect(complaintAcceptBefore).toBeTypeOf('number');
    await withSession(browser, 'deadline-policy', async ({ page }) => {
      await login(page, 'admin');
      await page.goto('/admin/deadlines');
      await page.getByTestId('policy-table').waitFor();
      // Nothing changed yet: nothing to save.
      await expect.poll(() => page.getByTestId('policy-save').isDisabled()).toBe(true);

      const complex = page.getByRole('spinbutton', { name: COMPLEX });
      await complex.fill(String(complexBefore + 3));
      const complaintAccept = page.getByRole('spinbutton', { name: '投诉 · 一般 签收' });
      await complaintAccept.fill(String((complaintAcceptBefore ?? 1) + 1));
      await complaintAccept.blur();
      // The typed values stay typed (they snapped back before the fix).
      expect(await complex.inputValue()).toBe(String(complexBefore + 3));
      await page.getByTestId('policy-save').click();
      await page.getByText('时限设置已保存').waitFor();

      const saved = await admin.get<PolicyAnswer>('/api/v1/admin/deadline-policy');
      expect(saved.policy.complexResolve.amount).toBe(complexBefore + 3);
      expect(saved.policy.byType.complaint?.normal?.accept?.amount).toBe((complaintAcceptBefore ?? 1) + 1);
      expect(saved.isDefault).toBe(false);

      await page.reload();
      await page.getByTestId('policy-table').waitFor();
      expect(await page.getByRole('spinbutton', { name: COMPLEX }).inputValue()).toBe(String(complexBefore + 3));
      await screenshot(page, 'deadline-policy-saved');
    });
  });
});
