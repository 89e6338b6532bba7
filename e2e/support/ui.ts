// Screen helpers shared by the scenarios: everything goes through the test ids of
// packages/web/README.md.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The element behind a test id, or the text field inside it when the id sits on a wrapper. */
export async function textField(page: Page, testId: string): Promise<Locator> {
  const el = page.getByTestId(testId).first();
  await el.waitFor({ state: 'visible' });
  const tag = await el.evaluate((node) => node.tagName);
  return tag === 'TEXTAREA' || tag === 'INPUT' ? el : el.locator('textarea, input').first();
}

export async function fillText(page: Page, testId: string, value: string): Promise<void> {
  await (await textField(page, testId)).fill(value);
}

/**
 * Clicks a field until it keeps the focus: a modal that has just opened moves the focus to
 * itself once its animation ends, and typing before then goes to the modal's close button.
 */
async function focusField(control: Locator, testId: string): Promise<void> {
  await expect
    .poll(async () => {
      await control.click();
      return control.evaluate((el) => el.contains(el.ownerDocument.activeElement));
    }, { message: `${testId} takes the focus` })
    .toBe(true);
}

/**
 * Picks an option of a searchable Select / TreeSelect: click, type the visible name, wait for the
 * match to be offered, press Enter; then checks the control shows the choice.
 */
export async function choose(page: Page, testId: string, name: string): Promise<void> {
  const control = page.getByTestId(testId).first();
  await focusField(control, testId);
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible').getByText(name, { exact: true }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await control.innerText()).includes(name), { message: `${testId} shows ${name}` }).toBe(true);
}

/**
 * Adds words to a tag field (antd Select mode="tags"): type each with a comma; Escape closes the
 * list if it is open (Tab would toggle the highlighted word off again, see the web README).
 */
export async function addTags(page: Page, testId: string, words: readonly string[]): Promise<void> {
  const control = page.getByTestId(testId).first();
  await focusField(control, testId);
  // The comma is every tag field's token separator: it makes the tag without Enter, which a
  // slow machine could deliver before the field took the text, submitting the form around it.
  for (const word of words) await page.keyboard.type(`${word},`);
  // Escape only while the list is open: with it closed, Escape would close a modal around the field.
  if ((await page.locator('.ant-select-dropdown:visible').count()) > 0) await page.keyboard.press('Escape');
  for (const word of words) {
    await expect.poll(async () => (await control.innerText()).includes(word), { message: `${testId} shows ${word}` }).toBe(true);
  }
}

export function statusTag(page: Page, testId: 'case-status' | 'track-status', status: string): Locator {
  return page.locator(`[data-testid="${testId}"][data-status="${status}"]`);
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await statusTag(page, 'case-status', status).waitFor({ state: 'visible' });
  expect(await page.getByTestId('case-status').getAttribute('data-status')).toBe(status);
}

/**
 * Runs one action from the case detail: opens its form, lets `fill` enter the fields, submits and
 * waits until the dialog has gone. A refusal fails the test with the server's code.
 */
export async function runAction(page: Page, action: string, fill: () => Promise<void> = async () => {}): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const form = page.getByTestId(`action-form-${action}`);
  await form.waitFor({ state: 'visible' });
  await fill();
  await page.getByTestId('action-form-submit').click();
  const error = page.getByTestId('action-error');
  let outcome = 'pending';
  await expect
    .poll(
      async () => {
        if ((await error.count()) > 0) {
          outcome = `refused: ${(await error.getAttribute('data-code')) ?? '?'} ${(await error.innerText()).trim()}`;
        } else if (!(await form.isVisible())) {
          outcome = 'done';
        }
        return outcome;
      },
      { timeout: 15_000, message: `${action} finishes` },
    )
    .not.toBe('pending');
  expect(outcome, `${action} was refused`).toBe('done');
}

export async function refresh(page: Page): Promise<void> {
  await page.getByTestId('case-refresh').click();
  // The button shows a spinner while loading; wait for it to settle.
  await expect.poll(async () => (await page.getByTestId('case-refresh').getAttribute('class')) ?? '').not.toMatch(/ant-btn-loading/);
}

export async function timelineTypes(page: Page): Promise<string[]> {
  await page.getByTestId('timeline').waitFor({ state: 'visible' });
  return page.getByTestId('timeline-event').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-type') ?? ''));
}

/** Waits until the browser is on a case detail page (not /cases/new) and returns the case id. */
export async function waitForCasePage(page: Page): Promise<string> {
  await page.waitForURL((u) => /^\/cases\/[^/]+$/.test(u.pathname) && u.pathname !== '/cases/new');
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}
