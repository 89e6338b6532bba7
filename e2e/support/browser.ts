// Browser helpers for the end-to-end suite: Debian's Chromium through playwright-core (never a
// downloaded browser), one fresh context per scenario, and a screenshot at each key step.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM_PATH } from './constants.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(repoRoot, '.artifacts', 'screenshots');

/** Flags that keep Chromium quiet on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Absolute URL on the server under test. */
export function url(path: string): string {
  return new URL(path, baseUrl()).toString();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, for failure messages. */
  problems: string[];
}

/**
 * A fresh browser context (no cookies, no storage), as a new visitor in China would have, on the
 * suite's server or on `server` (a private one a test file started).
 */
export async function newSession(browser: Browser, server = baseUrl()): Promise<Session> {
  const context = await browser.newContext({
    baseURL: server,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

let shotCounter = 0;

/**
 * Saves a full-page screenshot as .artifacts/screenshots/<test file>-<nn>-<name>.png and returns
 * its path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  shotCounter += 1;
  const testPath = expect.getState().testPath;
  const file = testPath ? basename(testPath).replace(/\.test\.ts$/, '') : 'e2e';
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const path = join(SCREENSHOT_DIR, `${file}-${String(shotCounter).padStart(2, '0')}-${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Pathname of the page's current URL. */
export function pathname(page: Page): string {
  return new URL(page.url()).pathname;
}

export const DEMO_PASSWORD = 'openline-demo';

/** Signs in through the login form and waits for the staff layout to appear. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-cases').waitFor({ state: 'visible' });
}

/**
 * Runs one scenario in a fresh browser context and closes it afterwards. If the scenario fails,
 * saves a screenshot of where the page was and prints the browser's console errors first, so a
 * red run explains itself.
 */
export async function withSession(
  browser: Browser,
  name: string,
  scenario: (session: Session) => Promise<void>,
  server = baseUrl(),
): Promise<void> {
  const session = await newSession(browser, server);
  try {
    await scenario(session);
  } catch (error) {
    try {
      const path = await screenshot(session.page, `${name}-FAILED`);
      console.error(`[e2e] ${name} failed at ${session.page.url()}; screenshot: ${path}`);
    } catch (shotError) {
      console.error(`[e2e] ${name} failed; no screenshot (${shotError instanceof Error ? shotError.message : String(shotError)})`);
    }
    if (session.problems.length > 0) {
      console.error(`[e2e] browser problems during ${name}:\n  ${session.problems.join('\n  ')}`);
    }
    throw error;
  } finally {
    await session.context.close();
  }
}
