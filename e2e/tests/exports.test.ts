// The case list's Excel export in a real browser: the operator filters the list, clicks 导出 Excel,
// and the downloaded workbook holds exactly the listed cases, callers masked, header frozen.
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { createAppealViaApi, maskPhone, newAppeal, type CreatedAppeal } from '../support/data.js';

describe('case list exports', () => {
  let browser: Browser;
  const appeal = newAppeal();
  let created: CreatedAppeal;

  beforeAll(async () => {
    created = await createAppealViaApi(appeal);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an operator exports the filtered list to Excel and gets the listed case, masked', async () => {
    await withSession(browser, 'exports-excel', async ({ page }) => {
      await login(page, 'operator');
      // A case number in the text filter narrows the list to that case (a number prefix).
      await page.goto(`/cases?q=${created.caseNumber}`);
      const table = page.getByTestId('case-table');
      await table.getByText(created.caseNumber, { exact: true }).first().waitFor({ state: 'visible' });
      const listed = await page.request.get(`/api/v1/cases?q=${created.caseNumber}`);
      const { total } = (await listed.json()) as { total: number };
      expect(total).toBe(1);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cases-export-xlsx').click()]);
      expect(download.suggestedFilename()).toMatch(/^工单导出_\d{8}-\d{4}\.xlsx$/);
      const file = join(mkdtempSync(join(tmpdir(), 'openline-e2e-')), download.suggestedFilename());
      await download.saveAs(file);
      await screenshot(page, 'exported');

      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('工单');
      expect(sheet, 'the workbook has the 工单 sheet').toBeDefined();
      expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const rows: unknown[][] = [];
      sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]?.slice(0, 3)).toEqual(['工单编号', '登记时间', '状态']);
      expect(rows).toHaveLength(1 + total);
      const [row] = rows.slice(1);
      expect(row?.[0]).toBe(created.caseNumber);
      expect(row?.[8], 'the phone is masked').toBe(maskPhone(appeal.phone));
      expect(JSON.stringify(rows)).not.toContain(appeal.phone);
      expect(JSON.stringify(rows)).not.toContain(appeal.name);
    });
  });
});
