#!/usr/bin/env node
// Takes the README's screenshot: signs in to a LOCAL Openline server as the demo operator and saves
// the case list, 1280×800, to docs/screenshot.png (or the path given second).
//
//   npm start                                   # in another terminal: demo data on an empty database
//   node scripts/readme-screenshot.mjs http://127.0.0.1:8080 [docs/screenshot.png]
//
// Uses Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const base = new URL(process.argv[2] ?? 'http://127.0.0.1:8080');
const out = resolve(process.argv[3] ?? `${repoRoot}/docs/screenshot.png`);

if (!['localhost', '127.0.0.1', '[::1]'].includes(base.hostname)) {
  console.error(`refusing to run against ${base.origin}: only a local server (localhost, 127.0.0.1, [::1])`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({
    baseURL: base.origin,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto('/login');
  await page.getByTestId('login-username').fill('operator');
  await page.getByTestId('login-password').fill('openline-demo');
  await page.getByTestId('login-submit').click();
  const table = page.getByTestId('case-table');
  await table.waitFor({ state: 'visible' });
  await table.locator('tbody tr').nth(1).waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: false });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
