import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NO_DATA, toCells, type Column } from '../src/modules/exports/table.js';
import { xlsxStream } from '../src/modules/exports/xlsx-stream.js';

// The .xlsx writer on its own (no database: the case export's pages come from a generator that
// counts what was read, so the test can see when rows are read against when bytes leave).
type Row = { id: number; text: string; rate: number | null };
const COLUMNS: Array<Column<Row>> = [
  { header: '序号', kind: 'count', width: 8, value: (r) => r.id },
  { header: '内容', kind: 'text', width: 40, value: (r) => r.text },
  { header: '比率', kind: 'rate', width: 8, value: (r) => r.rate },
];
const PAGES = 60;
const PAGE_ROWS = 200;

/** Pages of random text (so deflate cannot shrink them to nothing), counting what was read. */
function source(options: { failAt?: number } = {}) {
  const seen = { pages: 0, closed: false };
  async function* pages(): AsyncIterable<Row[]> {
    try {
      for (let p = 0; p < PAGES; p++) {
        if (p === options.failAt) throw new Error('the database went away');
        seen.pages++;
        yield Array.from({ length: PAGE_ROWS }, (_, i) => ({ id: p * PAGE_ROWS + i + 1, text: randomBytes(48).toString('hex'), rate: i % 7 === 0 ? null : i / PAGE_ROWS }));
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, sheet: toCells({ name: '工单', columns: COLUMNS, pages: pages() }) };
}

/** The count once it has not moved for 20 checks in a row (50 ms apart): the producer is blocked or done. */
async function settled(count: () => number): Promise<number> {
  let last = count();
  for (let still = 0; still < 20; still++) {
    await sleep(50);
    if (count() !== last) [last, still] = [count(), -1];
  }
  return last;
}

describe('the streamed .xlsx writer', () => {
  it('sends its first bytes before the last page is read, and reads no further than the client takes', async () => {
    const { seen, sheet } = source();
    const out = xlsxStream([sheet], (err) => expect.fail(String(err)));
    const chunks: Buffer[] = [];
    const reader = out[Symbol.asyncIterator]();
    const first = await reader.next();
    chunks.push(first.value as Buffer);
    expect(seen.pages, 'the first bytes leave long before the sheet is read').toBeLessThan(PAGES / 2);
    // The client takes nothing now: once the writer has filled its buffers it must stop reading
    // pages, not hold them. A writer that buffers would settle only at PAGES.
    const whilePaused = await settled(() => seen.pages);
    expect(whilePaused).toBeLessThan(PAGES / 2);
    for (let next = await reader.next(); !next.done; next = await reader.next()) chunks.push(next.value as Buffer);
    expect(seen.pages).toBe(PAGES);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('工单') as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(1 + PAGES * PAGE_ROWS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '内容', '比率']);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    expect(ws.getColumn(2).width).toBe(40);
    const last = ws.getRow(1 + PAGES * PAGE_ROWS);
    expect(last.getCell(1).value).toBe(PAGES * PAGE_ROWS);
    expect(last.getCell(3).value).toBe((PAGE_ROWS - 1) / PAGE_ROWS);
    expect(last.getCell(3).numFmt).toBe('0.0%');
    expect(ws.getCell('C2').value).toBe(NO_DATA);
  });

  it('stops reading the database when the client goes away', async () => {
    const { seen, sheet } = source();
    const out = xlsxStream([sheet], () => undefined);
    // Nobody reads, yet the writer fills its buffers: wait until it is reading the sheet.
    await expect.poll(() => seen.pages).toBeGreaterThan(0);
    out.destroy();
    await expect.poll(() => seen.closed).toBe(true);
    expect(seen.pages).toBeLessThan(PAGES / 2);
  });

  it('breaks the download when a page cannot be read, rather than ending a short file', async () => {
    const { sheet } = source({ failAt: 3 });
    const errors: unknown[] = [];
    const out = xlsxStream([sheet], (err) => errors.push(err));
    out.resume();
    const [err] = (await once(out, 'error')) as [Error];
    expect(err.message).toBe('the database went away');
    expect(out.destroyed).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('writes one part per sheet, each with its own rows, and keeps text exactly', async () => {
    const texts = ['=HYPERLINK("http://evil.example","点我")', ' 前后空格 ', '第一行\n第二行', 'a < b & c > "d"', '𠮷野家 😀'];
    const rows = texts.map((text, i) => ({ id: i + 1, text, rate: i / 4 }));
    const page = async function* (): AsyncIterable<Row[]> {
      yield rows;
    };
    const bad = { id: 9, text: 'bell\u0007 nul\u0000 end', rate: null };
    const second = async function* (): AsyncIterable<Row[]> {
      yield [bad];
    };
    const out = xlsxStream([toCells({ name: '三率', columns: COLUMNS, pages: page() }), toCells({ name: '退单', columns: COLUMNS, pages: second() })], (err) => expect.fail(String(err)));
    const chunks: Buffer[] = [];
    for await (const chunk of out) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['三率', '退单']);
    const first = book.getWorksheet('三率') as ExcelJS.Worksheet;
    expect(texts.map((_, i) => first.getCell(`B${i + 2}`).value)).toEqual(texts);
    expect(first.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect((book.getWorksheet('退单') as ExcelJS.Worksheet).getCell('B2').value, 'characters XML forbids are dropped').toBe('bell nul end');
  });
});
