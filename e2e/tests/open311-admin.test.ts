// Open311 接入 (issue 11 §3): an admin issues an API key for a client application on
// /admin/open311 and sees it once; a FixMyStreet-style client (here: plain HTTP) files a request
// with it; the admin revokes it, the list says so, and the same client is refused at once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, login, screenshot, url, withSession } from '../support/browser.js';

type Filed = Array<{ service_request_id?: string; token?: string; code?: number; description?: string }>;

/** A request as an outside client posts it: form-encoded, the key among the fields. */
async function fileRequest(apiKey: string, serviceCode: string): Promise<{ status: number; body: Filed }> {
  const form = new URLSearchParams({ api_key: apiKey, service_code: serviceCode, lat: '39.904211', long: '116.407395', description: '建设路口的路灯不亮了，晚上很黑。' });
  const res = await fetch(url('/open311/v2/requests.json'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return { status: res.status, body: (await res.json()) as Filed };
}

describe('Open311 admin', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('issue a key, see it once, file with it, revoke it, and the revoked key is refused', async () => {
    const services = (await (await fetch(url('/open311/v2/services.json'))).json()) as Array<{ service_code: string }>;
    const serviceCode = services[0]?.service_code;
    expect(serviceCode, 'the demo jurisdiction serves at least one Open311 service').toBeTruthy();

    await withSession(browser, 'open311-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-open311').click();
      await page.waitForURL((u) => u.pathname === '/admin/open311');

      const name = `FixMyStreet e2e ${Date.now()}`;
      await page.getByTestId('open311-key-name').fill(name);
      await page.getByTestId('open311-key-issue').click();
      const apiKey = (await page.getByTestId('open311-key-issued').innerText()).trim();
      expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
      const row = page.locator('[data-testid="open311-keys"] tr', { hasText: name });
      await expect.poll(async () => row.innerText()).toContain(`${apiKey.slice(0, 11)}…`);
      await screenshot(page, 'open311-key-issued');

      // Shown once: after a reload only its prefix is left, and the page holds the key nowhere.
      await page.reload();
      await row.waitFor({ state: 'visible' });
      expect(await page.getByTestId('open311-key-issued').count()).toBe(0);
      expect(await page.content()).not.toContain(apiKey);

      const filed = await fileRequest(apiKey, serviceCode ?? '');
      expect(filed.status, JSON.stringify(filed.body)).toBe(200);
      expect(filed.body[0]?.service_request_id ?? filed.body[0]?.token).toBeTruthy();

      await row.locator('[data-testid^="open311-key-revoke-"]').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await row.locator('[data-testid^="open311-key-revoked-"]').waitFor({ state: 'visible' });
      await screenshot(page, 'open311-key-revoked');

      const refused = await fileRequest(apiKey, serviceCode ?? '');
      expect(refused).toEqual({ status: 403, body: [{ code: 403, description: 'api_key is missing or not valid' }] });
    });
  });
});
