// Staff sign-in and the operator's case list: the newest appeal is on the first page, the caller's
// phone number only ever appears masked, and the console is closed to anyone not signed in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs } from '../support/api.js';
import { DEMO_PASSWORD, launchBrowser, login, pathname, screenshot, withSession } from '../support/browser.js';
import { CASE_NUMBER, createAppealViaApi, maskPhone, newAppeal, type CreatedAppeal } from '../support/data.js';

describe('operator console', () => {
  let browser: Browser;
  // A case of our own, filed right before the list is read, so it is the newest whatever ran before.
  const appeal = newAppeal();
  let created: CreatedAppeal;

  beforeAll(async () => {
    created = await createAppealViaApi(appeal);
    expect(created.caseNumber).toMatch(CASE_NUMBER);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an operator signs in and sees the new case, with the phone masked', async () => {
    await withSession(browser, 'operator-cases', async ({ page }) => {
      // Everything the API sends this browser, to check that masking happens on the server.
      const apiBodies: Promise<{ path: string; body: string }>[] = [];
      page.on('response', (res) => {
        const path = new URL(res.url()).pathname;
        // The live event stream (server-sent events) never ends, so its body is never complete;
        // what it carries is checked in the server's screen-pop and notification tests.
        if ((res.headers()['content-type'] ?? '').startsWith('text/event-stream')) return;
        if (path.startsWith('/api/')) apiBodies.push(res.text().then((body) => ({ path, body }), () => ({ path, body: '' })));
      });
      await page.goto('/login');
      await screenshot(page, 'login-page');
      await login(page, 'operator');
      await expect.poll(() => pathname(page)).toBe('/cases');
      const table = page.getByTestId('case-table');
      await table.waitFor({ state: 'visible' });
      await expect.poll(async () => (await page.getByTestId('current-user').innerText()).trim().length).toBeGreaterThan(0);

      // Newest first: the case filed a moment ago is on the first page.
      await table.getByText(created.caseNumber, { exact: true }).first().waitFor({ state: 'visible' });
      await screenshot(page, 'case-list');

      const html = await page.content();
      expect(html).toContain(created.caseNumber);
      expect(html, 'the full phone number must never be shown').not.toContain(appeal.phone);
      expect(html, 'the masked phone number should be shown').toContain(maskPhone(appeal.phone));
      expect(html, "the caller's full name must never be shown").not.toContain(appeal.name);

      const responses = await Promise.all(apiBodies);
      expect(responses.map((r) => r.path)).toContain('/api/v1/cases');
      for (const { path, body } of responses) {
        expect(body, `${path} sent the full phone number to the browser`).not.toContain(appeal.phone);
        expect(body, `${path} sent the caller's full name to the browser`).not.toContain(appeal.name);
      }
    });
  });

  test('a tip reporter shows as protected to the hotline supervisor, in the list and on the case page', async () => {
    await withSession(browser, 'tip-reporter-protected', async ({ page }) => {
      const detailBodies: Promise<string>[] = [];
      page.on('response', (res) => {
        if (/^\/api\/v1\/cases\/[0-9a-f-]{36}$/.test(new URL(res.url()).pathname)) detailBodies.push(res.text().catch(() => ''));
      });
      // A tip of our own on the demo's police tip line: which demo texts exist depends on the hour
      // the demo was generated, so the test files the report it looks for (ADR 0006).
      const operator = await apiAs('operator');
      try {
        const { items: lines } = await operator.get<{ items: Array<{ id: string; mode: string }> }>('/api/v1/public/lines');
        const tipLine = lines.find((l) => l.mode === 'tip');
        expect(tipLine, 'the demo has a tip line').toBeDefined();
        await operator.send('POST', '/api/v1/cases', {
          channel: 'sms', type: 'report', urgency: 'normal', lineId: tipLine?.id, callerPhone: '13700007777', callerName: '匿名举报人',
          content: '举报城南仓库地下赌场夜夜开张，人员出入频繁。',
        });
      } finally {
        await operator.dispose();
      }
      await login(page, 'supervisor');
      await page.goto(`/cases?q=${encodeURIComponent('地下赌场')}`);
      const table = page.getByTestId('case-table');
      await table.waitFor({ state: 'visible' });
      await table.getByTestId('caller-protected').first().waitFor({ state: 'visible' });
      expect(await table.getByTestId('caller-protected').first().innerText()).toContain('举报人信息受保护');
      await screenshot(page, 'tip-list-protected');

      await table.locator('tr', { has: page.getByTestId('caller-protected') }).first().getByTestId('case-link').click();
      await page.waitForURL((u) => u.pathname.startsWith('/cases/') && u.pathname !== '/cases/new');
      const notice = page.getByTestId('caller-protected-notice');
      await notice.waitFor({ state: 'visible' });
      expect(await notice.innerText()).toContain('举报人信息受保护');
      await expect.poll(async () => page.getByTestId('caller-reveal').count()).toBe(0);
      await screenshot(page, 'tip-detail-protected');
      // Not even masked: no mobile number, full or masked, came with the case.
      const bodies = await Promise.all(detailBodies);
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) expect(body).not.toMatch(/1[3-9]\d\*{4}\d{4}|\+861[3-9]\d{9}|匿名举报人|13700007777/);
    });
  });

  test('a wrong password shows an error and stays on the login page', async () => {
    await withSession(browser, 'login-wrong-password', async ({ page }) => {
      await page.goto('/login');
      await page.getByTestId('login-username').fill('operator');
      await page.getByTestId('login-password').fill(`${DEMO_PASSWORD}-wrong`);
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await error.waitFor({ state: 'visible' });
      expect((await error.innerText()).trim().length).toBeGreaterThan(0);
      expect(pathname(page)).toBe('/login');
      await screenshot(page, 'login-wrong-password');

      const me = await page.request.get('/api/v1/me');
      expect(me.status()).toBe(401);
    });
  });

  test('logging out returns to the login page and closes the console', async () => {
    await withSession(browser, 'logout', async ({ page }) => {
      await login(page, 'operator');
      const me = await page.request.get('/api/v1/me');
      expect(me.status()).toBe(200);
      const body = (await me.json()) as { user?: { username?: unknown; roles?: unknown } };
      expect(body.user?.username).toBe('operator');

      await page.getByTestId('logout').click();
      await page.waitForURL((u) => u.pathname === '/login');
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
      await screenshot(page, 'logged-out');
      expect((await page.request.get('/api/v1/me')).status()).toBe(401);

      await page.goto('/cases');
      await page.waitForURL((u) => u.pathname === '/login');
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
    });
  });

  test('the case list redirects a visitor who is not signed in to /login', async () => {
    await withSession(browser, 'cases-logged-out', async ({ page }) => {
      await page.goto('/cases');
      await page.waitForURL((u) => u.pathname === '/login');
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
      await expect.poll(async () => page.getByTestId('case-table').count()).toBe(0);
      await screenshot(page, 'cases-redirected-to-login');

      const res = await page.request.get('/api/v1/cases');
      expect(res.status()).toBe(401);
    });
  });
});
