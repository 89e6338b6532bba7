// 频率限制: an admin tightens the limit on web appeals per phone number on /admin/rate-limits; the
// citizen's next appeal from that number is refused with how long to wait, and the refusal shows
// up in the admin's counts. Runs its own server, so the tightened limit touches no other file.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession, type Session } from '../support/browser.js';
import { newAppeal } from '../support/data.js';
import { startServer, type RunningServer } from '../support/server.js';
import { fillText } from '../support/ui.js';

interface LimitsView {
  limits: Record<string, { max: number; windowSeconds: number }>;
  refusals: { scope: string; count: number }[];
}

describe('rate limits', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let adminApi: Api;
  const session = (name: string, scenario: (s: Session) => Promise<void>) => withSession(browser, name, scenario, server.baseUrl);

  beforeAll(async () => {
    server = await startServer({ WORKER: '0' });
    browser = await launchBrowser();
    adminApi = await apiAs('admin', server.baseUrl);
  });
  afterAll(async () => {
    await adminApi?.dispose();
    await browser?.close();
    await server?.stop();
  });

  test('an admin tightens the per-phone limit; the citizen is told how long to wait; the refusal is counted', async () => {
    await session('rate-limits-admin', async ({ page }) => {
      await login(page, 'admin');
      await page.getByTestId('nav-admin-rate-limits').click();
      await page.waitForURL((u) => u.pathname === '/admin/rate-limits');
      await fillText(page, 'rate-limit-appealPerPhone-max', '1');
      await page.getByTestId('rate-limits-save').click();
      await expect.poll(async () => (await adminApi.get<LimitsView>('/api/v1/admin/rate-limits')).limits.appealPerPhone?.max).toBe(1);
      await screenshot(page, 'rate-limits-saved');
    });

    const first = newAppeal();
    const submit = (name: string, content: string) =>
      session(name, async ({ page }) => {
        await page.goto('/appeal');
        await page.getByTestId('appeal-name').fill(first.name);
        await page.getByTestId('appeal-phone').fill(first.phone);
        await page.getByTestId('appeal-content').fill(content);
        await page.getByTestId('appeal-submit').click();
        if (name === 'citizen-first') {
          await page.getByTestId('appeal-tracking-code').waitFor({ state: 'visible' });
          return;
        }
        const alert = page.locator('[role="alert"]').filter({ hasText: '分钟后再试' });
        await alert.waitFor({ state: 'visible' });
        await screenshot(page, 'appeal-too-many');
        expect(await page.getByTestId('appeal-tracking-code').count()).toBe(0);
      });
    await submit('citizen-first', first.content);
    await submit('citizen-second', `${first.content.slice(0, 20)}另外，小区东门的垃圾桶已经三天没人清运了。`);

    const view = await adminApi.get<LimitsView>('/api/v1/admin/rate-limits');
    expect(view.refusals.find((r) => r.scope === 'appealPerPhone')?.count).toBe(1);
  });
});
