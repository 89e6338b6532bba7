// Takes the README's screenshots of the three home pages (the operator's queue, the official's
// desk, the supervisor's queues) from the demo data, with Debian's Chromium. The console is in
// English so more readers can read it; the demo data stays Chinese, so the Noto CJK fonts must be
// installed (`apt-get install -y fonts-noto-cjk`, as .ci/run does) or every name is a box.
//
//   npm run build && node --import tsx e2e/readme-screenshots.ts
//
// Writes docs/screenshots/{operator-queue,official-desk,supervisor-queues}.png.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './support/constants.js';
import { startServer } from './support/server.js';

const outDir = fileURLToPath(new URL('../docs/screenshots', import.meta.url));
const PASSWORD = 'openline-demo';
// A narrow desktop keeps the pictures small and still shows the whole layout (menu and content).
const VIEWPORT = { width: 1200, height: 720 };

interface Shot {
  file: string;
  username: string;
  path: string;
  /** Shown once the page has its data, so the picture is never of a spinner. */
  ready: string;
}

const SHOTS: Shot[] = [
  { file: 'operator-queue.png', username: 'operator', path: '/queue', ready: '[data-testid="queue-cases"] .ant-table-row, [data-testid="queue-cases"] .ant-empty' },
  { file: 'official-desk.png', username: 'official', path: '/desk', ready: '[data-testid="desk-cases"] .ant-table-row, [data-testid="desk-no-lines"]' },
  { file: 'supervisor-queues.png', username: 'supervisor', path: '/supervision', ready: '[data-testid="overdue-by-unit"]' },
];

async function take(browser: Browser, baseURL: string, shot: Shot): Promise<void> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
  try {
    // The console keeps the chosen language here (packages/web/src/i18n/index.ts).
    await context.addInitScript({ content: "window.localStorage.setItem('openline.language', 'en');" });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill(shot.username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-cases').waitFor({ state: 'visible' });
    await page.goto(shot.path);
    await page.locator(shot.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Let antd's entry animations finish.
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(outDir, shot.file) });
    console.log(`wrote docs/screenshots/${shot.file}`);
  } finally {
    await context.close();
  }
}

function assertCjkFonts(): void {
  const fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (fonts.trim() === '') throw new Error('No CJK font: the demo data would render as boxes. Run apt-get install -y fonts-noto-cjk first.');
}

async function main(): Promise<void> {
  assertCjkFonts();
  mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    for (const shot of SHOTS) await take(browser, server.baseUrl, shot);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
