import { XLSX_SHEET_END, xlsxPackageParts, xlsxRow, xlsxSheetPath, xlsxSheetStart, type XlsxStyle } from '@openline/core';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { CellSheet } from './table.js';

/**
 * An .xlsx streamed as it is written (ADR 0015): core's SpreadsheetML pieces zipped by yazl,
 * each worksheet a zip entry whose XML is made page by page as the database pages arrive. The
 * next page is read only when zlib and the client have taken the last (stream backpressure all
 * the way: sheet → deflate → zip output → socket), so memory stays flat whatever the length
 * and the first bytes leave with the first page.
 *
 * Values only, never formulas; the header row bold and frozen; rates as numbers formatted as
 * percentages. An error while writing destroys the stream, so the client sees a broken download
 * rather than a short file that looks complete; a client that goes away stops the reading.
 */
export function xlsxStream(sheets: readonly CellSheet[], onError: (err: unknown) => void): Readable {
  const zip = new yazl.ZipFile();
  const out = zip.outputStream;
  // Typed as the older NodeJS.ReadableStream; it is a PassThrough, and the route needs a Readable.
  if (!(out instanceof Readable)) throw new Error('yazl output is not a Readable');
  const open = new Set<Readable>();
  let failed = false;
  const fail = (err: unknown): void => {
    if (failed) return;
    failed = true;
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  };
  // The reply ended (done, failed or the client left): stop whatever sheet is still reading.
  out.once('close', () => {
    for (const sheet of open) sheet.destroy();
  });
  zip.on('error', fail);

  const mtime = new Date();
  for (const part of xlsxPackageParts(sheets.map((s) => s.name))) zip.addBuffer(Buffer.from(part.xml), part.path, { mtime });
  sheets.forEach((sheet, i) => {
    // Lazy: a sheet's rows are not read until the zip reaches its entry.
    zip.addReadStreamLazy(xlsxSheetPath(i), { mtime }, (ready) => {
      const xml = sheetXml(sheet);
      open.add(xml);
      xml.once('error', fail);
      xml.once('close', () => open.delete(xml));
      if (out.destroyed) xml.destroy();
      ready(null, xml);
    });
  });
  zip.end();
  return out;
}

/**
 * One worksheet's XML as a byte stream. Not in object mode, so the stream's 64 KB mark, not a
 * count of pages, says when to stop pulling: at most one page's XML (about 500 rows) waits.
 */
function sheetXml(sheet: CellSheet): Readable {
  const styles: XlsxStyle[] = sheet.columns.map((c) => (c.kind === 'rate' ? 'percent' : 'plain'));
  async function* chunks(): AsyncIterable<Buffer> {
    yield Buffer.from(xlsxSheetStart(sheet.columns.map((c) => c.width)) + xlsxRow(1, sheet.columns.map((c) => c.header), sheet.columns.map(() => 'header')));
    let rowNumber = 1;
    for await (const page of sheet.pages) {
      let xml = '';
      for (const row of page) xml += xlsxRow(++rowNumber, row, styles);
      yield Buffer.from(xml);
    }
    yield Buffer.from(XLSX_SHEET_END);
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
}
