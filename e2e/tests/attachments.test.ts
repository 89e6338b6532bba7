// A citizen attaches a photo on the public form (issue 12 §5): previewed before sending, stripped of
// its GPS position (the citizen did not choose to share it), shown back to them on the tracking page,
// and seen by the operator in the case's attachments panel, where the download is audited.
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from '../support/api.js';
import { launchBrowser, login, screenshot, withSession } from '../support/browser.js';
import { caseNumberOf, newAppeal } from '../support/data.js';

/** A phone photo: real JPEG bytes with the GPS tags and owner a phone writes. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6a8' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Artist: 'Li Si' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 1200/100' },
    })
    .toBuffer();
}

/** The image element has loaded real pixels (not a broken-image icon). */
async function imageLoaded(page: Page, testId: string): Promise<boolean> {
  const img = page.getByTestId(testId).first().locator('img').or(page.locator(`img[data-testid="${testId}"]`)).first();
  await img.waitFor({ state: 'visible' });
  // (No DOM types in this package: the element is read as the plain object it is.)
  await page.waitForFunction((el) => (el as unknown as { complete: boolean }).complete, await img.elementHandle());
  return img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth > 0);
}

describe('a citizen attaches a photo and staff see it on the case', () => {
  let browser: Browser;
  let operator: Api;
  let admin: Api;
  const appeal = newAppeal();
  let caseNumber = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    operator = await apiAs('operator');
    admin = await apiAs('admin');
  });
  afterAll(async () => {
    await operator?.dispose();
    await admin?.dispose();
    await browser?.close();
  });

  test('the public form previews the photo, files the appeal with it, and the tracking page shows it', async () => {
    await withSession(browser, 'citizen-photo', async ({ page, problems }) => {
      await page.goto('/appeal');
      await page.getByTestId('appeal-name').fill(appeal.name);
      await page.getByTestId('appeal-phone').fill(appeal.phone);
      await page.getByTestId('appeal-content').fill(appeal.content);
      await page.getByTestId('appeal-photo-input').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
      // The preview is the picked file itself (a blob: URL, allowed by the page's CSP).
      expect(await imageLoaded(page, 'appeal-photo-previews')).toBe(true);
      expect(await page.getByTestId('appeal-share-location').isChecked()).toBe(false);
      await screenshot(page, 'appeal-photo-picked');

      await page.getByTestId('appeal-submit').click();
      await page.getByTestId('appeal-photos-uploaded').waitFor({ state: 'visible' });
      // Accepted durably (ADR 0032): the receipt gives the tracking code; the case number follows on the tracking page.
      const code = (await page.getByTestId('appeal-tracking-code').innerText()).trim();
      caseNumber = await caseNumberOf(code);
      await page.getByTestId('appeal-track-link').click();
      await page.getByTestId('track-attachments').waitFor({ state: 'visible' });
      expect(await page.getByTestId('track-attachment-thumb').count()).toBe(1);
      expect(await imageLoaded(page, 'track-attachment-thumb')).toBe(true);
      await screenshot(page, 'track-photo');
      expect(problems.filter((p) => /Content Security Policy|Refused to load/i.test(p))).toEqual([]);
    });
  });

  test('the operator sees the photo on the case, without its location, and the download is audited', async () => {
    const listed = await operator.get<{ items: Array<{ id: string; caseNumber: string }> }>(`/api/v1/cases?q=${encodeURIComponent(caseNumber)}`);
    const caseId = listed.items.find((c) => c.caseNumber === caseNumber)?.id ?? '';
    expect(caseId).not.toBe('');
    await withSession(browser, 'operator-photo', async ({ page }) => {
      await login(page, 'operator');
      await page.goto(`/cases/${caseId}`);
      const panel = page.getByTestId('attachments');
      await panel.getByTestId('attachment').first().waitFor({ state: 'visible' });
      expect(await panel.getByTestId('attachment').count()).toBe(1);
      expect(await imageLoaded(page, 'attachment-thumb')).toBe(true);
      expect(await panel.getByTestId('attachment-visibility').getAttribute('data-visibility')).toBe('internal');
      await screenshot(page, 'case-attachments');

      // The file as staff download it: re-encoded, with no EXIF at all (no GPS, no owner).
      const href = (await panel.getByTestId('attachment-download').getAttribute('href')) ?? '';
      const download = await page.request.get(href);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toBe('image/jpeg');
      const meta = await sharp(await download.body()).metadata();
      expect(meta.exif).toBeUndefined();

      const audit = await admin.get<{ items: Array<{ action: string }> }>(`/api/v1/admin/audit?action=attachment.download&targetId=${caseId}`);
      expect(audit.items).toHaveLength(1);
    });
  });
});
