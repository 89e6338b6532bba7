// The console speaks zh-CN by default and switches to English.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';

const HAN = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]/;

describe('language switch', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the navigation is in Chinese by default and in English after switching', async () => {
    await withSession(browser, 'language-switch', async ({ page }) => {
      await login(page, 'operator');
      const nav = page.getByTestId('nav-cases');
      const before = (await nav.innerText()).trim();
      expect(before, 'the default UI language is zh-CN').toMatch(HAN);
      await screenshot(page, 'language-zh');

      await page.getByTestId('lang-switch').click();
      // The switch may be a toggle, or open a menu offering the languages.
      const changed = async () => (await nav.innerText()).trim() !== before;
      const deadline = Date.now() + 3_000;
      while (!(await changed()) && Date.now() < deadline) await page.waitForTimeout(100);
      if (!(await changed())) {
        const english = page.getByText(/^\s*English\s*$/).last();
        if ((await english.count()) > 0) await english.click();
      }

      await expect.poll(async () => (await nav.innerText()).trim()).not.toBe(before);
      const after = (await nav.innerText()).trim();
      expect(after).toMatch(LATIN);
      expect(after).not.toMatch(HAN);
      await screenshot(page, 'language-en');
    });
  });
});
