/**
 * CSV as Excel and every spreadsheet read it (RFC 4180): fields separated by commas, records
 * by CRLF, a field quoted when it holds a comma, quote, CR or LF, quotes doubled inside.
 * Files start with a UTF-8 byte-order mark, without which Excel on Chinese Windows reads UTF-8
 * as GBK and shows mojibake.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/**
 * Characters that make a spreadsheet treat a cell as a formula (or, for tab and CR, that some
 * importers strip before checking): a citizen's text starting with `=HYPERLINK(…)` must stay
 * text on an operator's machine (OWASP "CSV injection"). Such a cell gets a leading apostrophe,
 * which spreadsheets show as a text marker rather than as content.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet; numbers are written as they are, never prefixed. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | null | undefined;

/** One field: null and undefined are empty, numbers as JavaScript prints them, text neutralised and quoted if needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, with its line end. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CSV_LINE_END;
}
