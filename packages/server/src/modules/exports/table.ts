import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { CSV_BOM, csvRecord } from '@openline/core';
import ExcelJS from 'exceljs';

/**
 * A table to hand on as a file: columns say their Chinese header and kind once, and both
 * writers (CSV, .xlsx) take them. Rows arrive in pages from an async source, so a file of any
 * length passes through in bounded memory: a page is read only when the client has taken the
 * previous one.
 */
export type CellKind = 'text' | 'count' | 'rate';
export type Cell = string | number | null;

export interface Column<Row> {
  header: string;
  kind: CellKind;
  /** Characters, for the sheet. */
  width: number;
  value: (row: Row) => Cell;
}

/**
 * A rate with no denominator (null) is written as this text, not as an empty cell or 0: a
 * director reading a printed sheet must not take "nothing to measure" for 0 %, and Excel's
 * SUM and AVERAGE skip text as they skip blanks.
 */
export const NO_DATA = '暂无';

export interface Sheet<Row> {
  name: string;
  columns: ReadonlyArray<Column<Row>>;
  pages: AsyncIterable<readonly Row[]>;
}

/** A sheet with its rows already turned into cells: the form the writers take, whatever the row type. */
export interface CellSheet {
  name: string;
  columns: ReadonlyArray<Omit<Column<never>, 'value'>>;
  pages: AsyncIterable<Cell[][]>;
}

export function toCells<Row>(sheet: Sheet<Row>): CellSheet {
  const { columns } = sheet;
  async function* pages(): AsyncIterable<Cell[][]> {
    for await (const page of sheet.pages) yield page.map((row) => columns.map((c) => cellValue(c.kind, c.value(row))));
  }
  return { name: sheet.name, columns: columns.map(({ header, kind, width }) => ({ header, kind, width })), pages: pages() };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** A one-page source, for tables already in memory (figures: one row per unit). */
export async function* onePage<Row>(rows: readonly Row[]): AsyncIterable<readonly Row[]> {
  yield rows;
}

/**
 * An .xlsx written by exceljs's streaming WorkbookWriter. Values only, never formulas; the
 * header row bold and frozen; rates as numbers formatted as percentages. An error while writing
 * destroys the stream, so the client sees a broken download rather than a short file that looks
 * complete. Known limit (ADR 0015): exceljs 4.4.0 keeps a worksheet's uncompressed XML (about
 * 1.3 KB a case row) until the sheet is committed, and the zip leaves only then (exceljs issues
 * #1894, #2916; the fix waits for its 5.0), so memory here grows with the rows up to the export
 * cap and the first byte leaves at the end. Rows are still read page by page from the database.
 */
export function xlsxStream(sheets: readonly CellSheet[], onError: (err: unknown) => void): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const write = async (): Promise<void> => {
    for (const sheet of sheets) {
      const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((c, i) => ({ key: String(i), header: c.header, width: c.width }));
      const header = ws.getRow(1);
      header.font = { bold: true };
      header.commit();
      for await (const page of sheet.pages) {
        for (const row of page) {
          const added = ws.addRow(row);
          sheet.columns.forEach((c, i) => {
            if (c.kind === 'rate') added.getCell(i + 1).numFmt = '0.0%';
          });
          added.commit();
        }
        await writable(out);
      }
      ws.commit();
    }
    await book.commit();
  };
  write().catch((err: unknown) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

function cellValue(kind: CellKind, value: Cell): Cell {
  if (kind === 'rate' && value === null) return NO_DATA;
  return value;
}

/**
 * CSV (core's cell rules: BOM, RFC 4180, formula-injection guard). Rates are written as plain
 * fractions (0.25), null ones as NO_DATA, like the sheet.
 */
export function csvStream(sheet: CellSheet): Readable {
  async function* lines(): AsyncIterable<string> {
    yield CSV_BOM + csvRecord(sheet.columns.map((c) => c.header));
    for await (const page of sheet.pages) yield page.map(csvRecord).join('');
  }
  return Readable.from(lines());
}

/** Waits while the client has not taken what was written; stops the producer if it went away. */
async function writable(out: PassThrough): Promise<void> {
  if (out.destroyed) throw new Error('export stream closed by the client');
  if (!out.writableNeedDrain) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
  if (out.destroyed) throw new Error('export stream closed by the client');
}
