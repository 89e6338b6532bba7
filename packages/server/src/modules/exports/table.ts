import { Readable } from 'node:stream';
import { CSV_BOM, csvRecord } from '@openline/core';

/**
 * A table to hand on as a file: columns say their Chinese header and kind once, and both
 * writers (CSV here, .xlsx in xlsx-stream.ts) take them. Rows arrive in pages from an async
 * source, so a file of any length passes through in bounded memory: a page is read only when
 * the client has taken the previous one.
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
