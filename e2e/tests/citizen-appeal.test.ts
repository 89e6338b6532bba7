// A citizen, with no account, files an appeal through the public form, gets a case number and a
// tracking code, and follows the case on the tracking page.
import { readFileSync, existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, pathname, screenshot, url, withSession } from '../support/browser.js';
import { CASE_NUMBER, TRACKING_CODE, newAppeal } from '../support/data.js';

describe('citizen files an appeal and tracks it', () => {
  let browser: Browser;
  const appeal = newAppeal();
  let caseNumber = '';
  let trackingCode = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an emergency gets the number to call; the citizen can still file a false alarm', async () => {
    await withSession(browser, 'citizen-emergency', async ({ page }) => {
      const fire = newAppeal();
      await page.goto('/appeal');
      await page.getByTestId('appeal-name').fill(fire.name);
      await page.getByTestId('appeal-phone').fill(fire.phone);
      await page.getByTestId('appeal-content').fill(`${fire.content.slice(0, 20)}，楼下饭店着火了，浓烟很大！`);
      await page.getByTestId('appeal-submit').click();
      const advice = page.getByTestId('appeal-emergency');
      await advice.waitFor({ state: 'visible' });
      expect(await advice.innerText()).toContain('119');
      // Tap to call: the named number and the standing notice's three numbers dial themselves.
      expect(await page.getByTestId('appeal-emergency-call').getAttribute('href')).toBe('tel:119');
      for (const number of ['119', '110', '120']) {
        expect(await page.getByTestId(`emergency-call-${number}`).getAttribute('href')).toBe(`tel:${number}`);
      }
      // On a 390 px phone the advice keeps the width of the form (it was squeezed to a column
      // three characters wide beside the button).
      await page.setViewportSize({ width: 390, height: 844 });
      const adviceBox = await advice.boundingBox();
      const callBox = await page.getByTestId('appeal-emergency-call').boundingBox();
      expect(adviceBox?.width ?? 0).toBeGreaterThan(300);
      expect(callBox?.width ?? 0).toBeGreaterThan(200);
      await screenshot(page, 'appeal-emergency');
      expect(await page.getByTestId('appeal-case-number').count()).toBe(0);

      await page.getByTestId('appeal-not-emergency').click();
      await page.getByTestId('appeal-tracking-code').waitFor({ state: 'visible' });
      expect((await page.getByTestId('appeal-tracking-code').innerText()).trim()).toMatch(TRACKING_CODE);
    });
  });

  test('the public form files the appeal and shows a tracking code; the case number follows on the tracking page', async () => {
    await withSession(browser, 'citizen-appeal', async ({ page }) => {
      await page.goto('/appeal');
      await page.getByTestId('appeal-name').fill(appeal.name);
      await page.getByTestId('appeal-phone').fill(appeal.phone);
      await page.getByTestId('appeal-content').fill(appeal.content);
      await page.getByTestId('appeal-address').fill(appeal.address ?? '');
      await screenshot(page, 'appeal-form-filled');

      await page.getByTestId('appeal-submit').click();
      // Accepted durably (ADR 0032): the receipt has the tracking code; the case is opened behind it.
      const codeEl = page.getByTestId('appeal-tracking-code');
      await codeEl.waitFor({ state: 'visible' });
      await page.getByTestId('appeal-received-note').waitFor({ state: 'visible' });
      await screenshot(page, 'appeal-submitted');
      trackingCode = (await codeEl.innerText()).trim();
      expect(trackingCode).toHaveLength(20);
      expect(trackingCode).toMatch(TRACKING_CODE);

      // The same appeal is visible through the public API, as "received", with its case number once processed.
      const tracked = async () => {
        const res = await fetch(url(`/api/v1/public/appeals/${encodeURIComponent(trackingCode)}`));
        expect(res.status).toBe(200);
        return (await res.json()) as { caseNumber?: unknown; status?: unknown; createdAt?: unknown };
      };
      await expect.poll(async () => typeof (await tracked()).caseNumber, { timeout: 10_000 }).toBe('string');
      const body = await tracked();
      caseNumber = String(body.caseNumber);
      expect(caseNumber).toMatch(CASE_NUMBER);
      expect(body.status).toBe('received');
      expect(typeof body.createdAt).toBe('string');
      expect(Number.isNaN(Date.parse(String(body.createdAt)))).toBe(false);

      // Follow the link the confirmation offers.
      const link = page.getByTestId('appeal-track-link');
      const href = await link.getAttribute('href');
      expect(href).not.toBeNull();
      expect(new URL(href ?? '', page.url()).pathname).toBe(`/track/${trackingCode}`);
      await link.click();
      await page.waitForURL((u) => u.pathname === `/track/${trackingCode}`);

      const trackCase = page.getByTestId('track-case-number');
      await trackCase.waitFor({ state: 'visible' });
      await expect.poll(async () => (await trackCase.innerText()).trim()).toBe(caseNumber);
      const status = (await page.getByTestId('track-status').innerText()).trim();
      expect(status.length).toBeGreaterThan(0);
      // A translated label (已受理 in the default zh-CN UI), not the raw status key.
      expect(status).not.toBe('received');
      await screenshot(page, 'track-page');
    });
  });

  test('the tracking page also finds the case from a typed-in code', async () => {
    expect(trackingCode, 'the previous test must have filed an appeal').toHaveLength(20);
    await withSession(browser, 'citizen-track-form', async ({ page }) => {
      await page.goto('/track');
      await page.getByTestId('track-code-input').fill(trackingCode);
      await page.getByTestId('track-submit').click();
      const trackCase = page.getByTestId('track-case-number');
      await trackCase.waitFor({ state: 'visible' });
      expect((await trackCase.innerText()).trim()).toBe(caseNumber);
      expect(pathname(page)).toMatch(/^\/track/);
      await screenshot(page, 'track-by-code');
    });
  });

  test('the same problem again from the same phone: a tracking code of its own, never the open case\'s number', async () => {
    expect(caseNumber, 'the appeal test must have filed an appeal').toMatch(CASE_NUMBER);
    await withSession(browser, 'citizen-appeal-again', async ({ page }) => {
      await page.goto('/appeal');
      // The form does not prove the phone is the sender's: this could be anyone using it.
      await page.getByTestId('appeal-name').fill('另一位市民');
      await page.getByTestId('appeal-phone').fill(appeal.phone);
      await page.getByTestId('appeal-content').fill(appeal.content);
      await page.getByTestId('appeal-submit').click();
      // Accepted durably (ADR 0032): whether it joins the open case is decided behind the answer, so
      // the receipt is the same as any appeal's; the server tests cover the attach itself.
      await page.getByTestId('appeal-received-note').waitFor({ state: 'visible' });
      await screenshot(page, 'appeal-attached');
      const code = (await page.getByTestId('appeal-tracking-code').innerText()).trim();
      expect(code).toMatch(TRACKING_CODE);
      expect(code).not.toBe(trackingCode);
      expect(await page.getByTestId('appeal-case-number').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain(caseNumber);

      await page.getByTestId('appeal-track-link').click();
      const trackCase = page.getByTestId('track-case-number');
      await trackCase.waitFor({ state: 'visible' });
      // Opened at once it may still read 工单号生成中 (not yet processed); the page looks again by
      // itself and then says the appeal joined the open case, never that it was merged while waiting.
      const first = (await trackCase.innerText()).trim();
      expect(['工单号生成中，请稍后刷新', '已并入同一问题一并办理']).toContain(first);
      await expect.poll(async () => (await trackCase.innerText()).trim(), { timeout: 15_000 }).toBe('已并入同一问题一并办理');
      expect(await page.locator('body').innerText()).not.toContain(caseNumber);
    });
  });

  test('a double submit files the appeal once: two clicks with no gap, or Enter twice', async () => {
    // Two clicks in one task (before any re-render can disable the button), then Enter pressed twice:
    // each must send exactly one POST (a second one was merged into the first and used up the
    // phone's hourly allowance).
    const ways: Record<string, (page: Page) => Promise<void>> = {
      'double-click': (page) =>
        page.getByTestId('appeal-submit').evaluate((el) => {
          const button = el as unknown as { click(): void };
          button.click();
          button.click();
        }),
      'double-enter': async (page) => {
        // Through the keyboard, not the locator: the locator would wait for the field to be enabled again.
        await page.getByTestId('appeal-name').focus();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      },
    };
    for (const [way, submitTwice] of Object.entries(ways)) {
      await withSession(browser, `citizen-appeal-${way}`, async ({ page }) => {
        const twice = newAppeal();
        let posts = 0;
        page.on('request', (request) => {
          if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/public/appeals') posts += 1;
        });
        await page.goto('/appeal');
        await page.getByTestId('appeal-name').fill(twice.name);
        await page.getByTestId('appeal-phone').fill(twice.phone);
        await page.getByTestId('appeal-content').fill(twice.content);
        await submitTwice(page);
        await page.getByTestId('appeal-tracking-code').waitFor({ state: 'visible' });
        // Give a late second request the time it would need to leave.
        await page.waitForTimeout(500);
        expect(posts, way).toBe(1);
      });
    }
  });

  test('optional fields say 选填 once, and a paste past the limit is kept and flagged at once', async () => {
    await withSession(browser, 'citizen-appeal-form-details', async ({ page }) => {
      let posts = 0;
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/public/appeals') posts += 1;
      });
      await page.goto('/appeal');
      const photosLabel = page.locator('.ant-form-item-label', { hasText: '现场照片' });
      await photosLabel.waitFor({ state: 'visible' });
      const labels = await page.locator('.ant-form-item-label').allInnerTexts();
      for (const label of labels) expect(label.split('选填').length - 1, label).toBeLessThanOrEqual(1);
      expect((await photosLabel.innerText()).split('选填').length - 1).toBe(1);
      expect(labels.some((label) => label.includes('诉求类别')), 'the demo city has categories').toBe(true);
      expect(await page.locator('body').innerText()).not.toContain('选填。');

      const long = '路灯坏了'.repeat(1100); // 4,400 characters, over the 4,000 limit
      const visitor = newAppeal();
      await page.getByTestId('appeal-name').fill(visitor.name);
      await page.getByTestId('appeal-phone').fill(visitor.phone);
      await page.getByTestId('appeal-content').fill(long);
      // Said under the field straight away (no blur needed), and nothing the resident wrote is dropped.
      const contentItem = page.locator('.ant-form-item', { has: page.getByTestId('appeal-content') });
      await contentItem.locator('.ant-form-item-explain-error', { hasText: '诉求内容超过 4000 字，请精简后再提交。' }).waitFor({ state: 'visible' });
      expect(await page.getByTestId('appeal-content').inputValue()).toHaveLength(long.length);
      await page.getByTestId('appeal-submit').click();
      await page.waitForTimeout(500);
      expect(posts).toBe(0);
      await screenshot(page, 'appeal-content-too-long');

      // Shortened to fit: the message goes as the text changes.
      await page.getByTestId('appeal-content').fill(long.slice(0, 4000));
      await expect.poll(async () => contentItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    });
  });

  test('an unknown tracking code is a 404, not a case', async () => {
    const res = await fetch(url('/api/v1/public/appeals/AAAAAAAAAAAAAAAAAAAA'));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error?: { code?: unknown } };
    expect(typeof body.error?.code).toBe('string');
  });

  test("the database file never holds the citizen's phone or name in plaintext", () => {
    expect(caseNumber, 'the first test must have filed an appeal').toMatch(CASE_NUMBER);
    const dbPath = inject('dbPath');
    const files = [dbPath, `${dbPath}-wal`, `${dbPath}-journal`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(appeal.phone, 'utf8')), `${file} contains the phone number`).toBe(false);
      expect(bytes.includes(Buffer.from(appeal.name, 'utf8')), `${file} contains the name`).toBe(false);
    }
  });
});
