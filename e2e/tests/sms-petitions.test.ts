// 待补全信访短信 (issue 11 §1): a text to the demo's SMS-only petition line lacks the home address
// and the ID number, so it waits; the operator finds it masked on /petitions, reveals it (audited),
// completes it from a phone call, and the case opens. Runs its own server with the SMS webhook on.
import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession, type Session } from '../support/browser.js';
import { maskPhone, uniquePhone } from '../support/data.js';
import { startServer, type RunningServer } from '../support/server.js';
import { expectStatus, fillText, runAction } from '../support/ui.js';

const SECRET = 'e2e-sms-gateway-secret-000';
const PETITION_LINE = '0000-13900001111';

interface PetitionView {
  id: string;
  from: string | null;
  caseId: string | null;
  caseNumber: string | null;
}

describe('SMS petitions', { timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let operatorApi: Api;
  const session = (name: string, scenario: (s: Session) => Promise<void>) => withSession(browser, name, scenario, server.baseUrl);

  beforeAll(async () => {
    server = await startServer({ WORKER: '0', SMS_WEBHOOK_SECRET: SECRET });
    browser = await launchBrowser();
    operatorApi = await apiAs('operator', server.baseUrl);
  });
  afterAll(async () => {
    await operatorApi?.dispose();
    await browser?.close();
    await server?.stop();
  });

  const text = async (from: string, content: string) => {
    const body = JSON.stringify({ messageId: `e2e-${from}-${Date.now()}`, from, to: PETITION_LINE, text: content });
    const res = await fetch(`${server.baseUrl}/api/v1/channels/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openline-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
      body,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { outcome: string; missing?: string[] };
  };

  test('an incomplete petition waits masked; the operator completes it from a call and the case opens', async () => {
    const phone = uniquePhone();
    const answer = await text(phone, '住建局：我叫欧阳明远，老旧小区加装电梯拖了两年没人管，请求尽快启动。');
    expect(answer).toMatchObject({ outcome: 'incomplete', missing: ['address', 'idNumber'] });
    const pending = await operatorApi.get<{ items: PetitionView[] }>('/api/v1/petitions?status=pending');
    const id = pending.items.find((p) => p.from === maskPhone(phone))?.id ?? '';
    expect(id).not.toBe('');

    await session('sms-petitions-operator', async ({ page }) => {
      await login(page, 'operator');
      await page.getByTestId('nav-petitions').click();
      await page.waitForURL((u) => u.pathname === '/petitions');
      const row = page.getByTestId('petitions-table').locator('tr', { hasText: maskPhone(phone) });
      await row.waitFor({ state: 'visible' });
      // Masked in the list: the name never shows, the gaps do.
      expect(await page.getByTestId('petitions-table').innerText()).not.toContain('欧阳明远');
      expect(await row.getByTestId('petition-gaps').locator('[data-field]').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-field')))).toEqual(['address', 'idNumber']);
      await screenshot(page, 'sms-petitions-list');

      await row.getByTestId('petition-open').click();
      const drawer = page.getByTestId('petition-drawer');
      await drawer.getByTestId('petition-text').waitFor({ state: 'visible' });
      await fillText(page, 'petition-reveal-reason', '回电核实信息');
      await drawer.getByTestId('petition-reveal').click();
      await expect.poll(async () => drawer.getByTestId('petition-revealed').innerText().catch(() => '')).toContain('欧阳明远');

      await fillText(page, 'petition-address', '东城区和平街道和平里社区5栋2单元301室');
      await fillText(page, 'petition-id-number', '11010519491231002X');
      await drawer.getByTestId('petition-complete').click();
      await drawer.waitFor({ state: 'hidden' });
      await screenshot(page, 'sms-petitions-completed');
    });

    const opened = await operatorApi.get<{ items: PetitionView[] }>('/api/v1/petitions?status=opened');
    expect(opened.items.find((p) => p.id === id)?.caseNumber).toMatch(/^\d{8}-\d{6}$/);
    const adminApi = await apiAs('admin', server.baseUrl);
    const audit = await adminApi.get<{ items: Array<{ action: string }> }>(`/api/v1/admin/audit?targetId=${id}`);
    await adminApi.dispose();
    expect(audit.items.map((e) => e.action).sort()).toEqual(['petition.completed', 'pii.reveal']);

    // The unit the text named is the case's suggested unit (ADR 0044): shown with the words that
    // named it, pre-filled in the dispatch form, dispatched only when the operator confirms.
    const caseId = opened.items.find((p) => p.id === id)?.caseId ?? '';
    const view = await operatorApi.get<{ leadUnit: unknown; suggestedUnit: { unitName: string; matched: string | null } | null }>(`/api/v1/cases/${caseId}`);
    expect(view.leadUnit).toBeNull();
    const unitName = view.suggestedUnit?.unitName ?? '';
    expect(view.suggestedUnit?.matched).toContain('住建局');
    await session('sms-petitions-dispatch', async ({ page }) => {
      await login(page, 'operator');
      await page.goto(`/cases/${caseId}`);
      const hint = page.getByTestId('case-petition-unit');
      await hint.waitFor({ state: 'visible' });
      expect(await hint.innerText()).toContain(unitName);
      expect(await hint.innerText()).toContain('住建局');
      await runAction(page, 'dispatch', async () => {
        await expect.poll(async () => (await page.getByTestId('action-field-leadUnitId').first().innerText()).includes(unitName)).toBe(true);
        await screenshot(page, 'sms-petitions-dispatch-prefilled');
      });
      await expectStatus(page, 'dispatched');
      expect((await page.getByTestId('case-lead-unit').innerText()).trim()).toBe(unitName);
    });
  });
});
