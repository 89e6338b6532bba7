import { emptyCounts, localDate, toFigures } from '@openline/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { pageCasesAfter, type CaseKey } from '../src/modules/cases/list-repository.js';
import { CENTRE_LABEL, REPORT_FAMILIES, reportSheets } from '../src/modules/exports/report.js';
import { toCells } from '../src/modules/exports/table.js';
import type { FiguresItem } from '../src/modules/stats/figures-service.js';
import { refreshFigures } from '../src/modules/stats/rollup.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const CASE_HEADERS = ['工单编号', '登记时间', '状态', '诉求类型', '来源渠道', '紧急程度', '诉求内容', '诉求人', '联系电话', '事发地址', '主办单位', '退单次数', '待仲裁', '优先级', '当前时限', '时限截止', '是否超期'];
const UNIT_HEADERS = ['单位', '派单数', '退单数', '退单率', '应响应数', '按时响应数', '响应率', '回访数', '解决数', '解决率', '满意数（含基本满意）', '满意率', '超期数'];
const TIP = { phone: '13957468219', name: '吴十' };
const INJECTION = '=HYPERLINK("http://evil.example","点我")楼道堆物';

type Cell = ExcelJS.CellValue;
async function readBook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}
function rowsOf(sheet: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  sheet.eachRow((row) => rows.push((row.values as Cell[]).slice(1)));
  return rows;
}

describeDb(`exports: figures and case lists as files (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookie[who] ?? '' } });
  const today = (): string => localDate(new Date(), f.jurisdiction.timezone);

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'supervisor', 'handler', 'housing-supervisor', 'transport-handler']) cookie[u] = await login(t.app, u);
    const open = async (key: string, content: string, extra: { callerName?: string; callerPhone?: string } = {}) => {
      const { id } = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content,
        callerPhone: '+8613800001234', ...extra, actor: { kind: 'staff', userId: f.users.operator },
      });
      ids[key] = id;
      return id;
    };
    const act = async (who: string, id: string, action: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${action}`, headers: { cookie: cookie[who] ?? '' }, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    // housing: one through the API (a dispatch for the figures) and one placed in its sub-unit.
    await act('operator', await open('housing', INJECTION, { callerName: '张三' }), 'dispatch', { leadUnitId: f.units.housing });
    await t.ctx.db.updateTable('cases').set({ lead_unit_id: f.units.housingTeam, status: 'dispatched' }).where('id', '=', await open('team', '小区路灯不亮，夜间出行不便。')).execute();
    // transport: dispatched and returned (退单率 100 %), and a tip-line report it works on.
    const back = await open('returned', '公交站台破损。');
    await act('operator', back, 'dispatch', { leadUnitId: f.units.transport });
    await act('transport-handler', back, 'return', { reason: '不属于本单位职责' });
    const tip = await open('tip', '举报货车夜间超载，司机称有人放行。', { callerName: TIP.name, callerPhone: `+86${TIP.phone}` });
    await t.ctx.db.updateTable('cases').set({ lead_unit_id: f.units.transport, status: 'dispatched', caller_protected: 1 }).where('id', '=', tip).execute();
    await refreshFigures(t.ctx);
  }, 60_000);
  afterAll(() => t.close());

  it('exports the case list as CSV: BOM, Chinese headers, masked callers, no tip reporter, formulas neutralised', async () => {
    const res = await get('supervisor', '/api/v1/cases/export.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cases_\d{8}-\d{4}\.csv"; filename\*=UTF-8''%E5%B7%A5%E5%8D%95%E5%AF%BC%E5%87%BA_\d{8}-\d{4}\.csv$/);
    expect(res.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const rows = parse(res.rawPayload, { bom: true }) as string[][];
    expect(rows[0]).toEqual(CASE_HEADERS);
    expect(rows).toHaveLength(5);
    const byContent = new Map(rows.slice(1).map((r) => [r[6], r]));
    const tip = byContent.get('举报货车夜间超载，司机称有人放行。');
    expect(tip?.slice(7, 10)).toEqual(['举报人信息受保护', '', '']);
    expect(res.body).not.toContain(TIP.name.slice(0, 1) + '*');
    for (let i = 0; i + 4 <= TIP.phone.length; i++) expect(res.body).not.toContain(TIP.phone.slice(i, i + 4));
    const housing = byContent.get(`'${INJECTION}`);
    expect(housing, 'a cell starting with = is written as text').toBeDefined();
    expect(housing?.slice(7, 9)).toEqual(['张*', '138****1234']);
    expect(housing?.[2]).toBe('已派单');
    expect(housing?.[10]).toBe('市住建局');
    expect(res.body).not.toContain('13800001234');
  });

  it('exports the case list as .xlsx in the caller scope: a department handler gets its subtree only', async () => {
    const res = await get('handler', '/api/v1/cases/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await readBook(res.rawPayload);
    const sheet = book.getWorksheet('工单');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = rowsOf(sheet as ExcelJS.Worksheet);
    expect(rows[0]).toEqual(CASE_HEADERS);
    expect(rows.slice(1).map((r) => r[10]).sort()).toEqual(['市住建局', '物业管理科']);
    const injected = rows.find((r) => r[6] === INJECTION);
    expect(injected, 'text stays text in a sheet: no formula, no prefix').toBeDefined();
    expect(sheet?.getCell('G2').type === ExcelJS.ValueType.Formula || sheet?.getCell('G3').type === ExcelJS.ValueType.Formula).toBe(false);
    expect(typeof rows[1]?.[11]).toBe('number');
  });

  it('takes the list filters, refuses bad ones with 400, and audits who exported what', async () => {
    const res = await get('supervisor', `/api/v1/cases/export.csv?status=dispatched&q=${encodeURIComponent('路灯')}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = parse(res.rawPayload, { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[6])).toEqual(['小区路灯不亮，夜间出行不便。']);
    for (const bad of ['status=bogus', 'from=yesterday', 'unitId=not-a-uuid', 'overdue=maybe', `unitId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`]) {
      const refused = await get('supervisor', `/api/v1/cases/export.xlsx?${bad}`);
      expect(refused.statusCode, `${bad}: ${refused.body}`).toBe(400);
    }
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'cases.export').where('actor_user_id', '=', f.users.supervisor).orderBy('id').execute();
    const details = audit.map((a) => JSON.parse(a.detail) as { format: string; rows: number; filters: Record<string, unknown> });
    expect(details).toContainEqual({ format: 'csv', rows: 4, filters: {} });
    expect(details).toContainEqual({ format: 'csv', rows: 1, filters: { statuses: ['dispatched'], q: '路灯' } });
  });

  it('refuses an export over the cap before sending anything, saying how many matched', async () => {
    const small = await buildApp({ config: { logLevel: 'silent', webDist: '/nonexistent', trustProxy: false, exportMaxRows: 3 }, database: t.database, pii: t.pii });
    try {
      const headers = { cookie: await login(small, 'supervisor') };
      const res = await small.inject({ method: 'GET', url: '/api/v1/cases/export.xlsx', headers });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ error: { code: 'EXPORT_TOO_LARGE', details: [{ path: 'matched', message: '4' }, { path: 'limit', message: '3' }] } });
      expect(res.json().error.message).toContain('4');
      const within = await small.inject({ method: 'GET', url: '/api/v1/cases/export.csv?status=dispatched', headers });
      expect(within.statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('walks the list in keyset pages without losing or repeating cases of the same instant', async () => {
    await t.ctx.db.updateTable('cases').set({ created_at: '2026-03-02T01:00:00.000Z' }).execute();
    const scope = { kind: 'jurisdiction' as const, jurisdictionId: f.jurisdiction.id };
    const seen: string[] = [];
    let after: CaseKey | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = await pageCasesAfter(t.ctx.db, { scope, filters: {}, now: new Date().toISOString(), after, limit: 3 });
      seen.push(...page.map((r) => r.id));
      const last = page.at(-1);
      if (!last) break;
      after = { createdAt: last.created_at, id: last.id };
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('serves /stats/units as .xlsx with the JSON figures, rates as percentages, 暂无 without a denominator', async () => {
    const q = `from=${today()}&to=${today()}`;
    const json = (await get('supervisor', `/api/v1/stats/units?${q}`)).json() as { items: Array<Record<string, number | string | null>> };
    const res = await get('supervisor', `/api/v1/stats/units.xlsx?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('各单位办理情况_')}`);
    const sheet = (await readBook(res.rawPayload)).worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual(UNIT_HEADERS);
    const keys = ['unitName', 'dispatched', 'returns', 'returnRate', 'responseDue', 'respondedOnTime', 'responseRate', 'visits', 'solved', 'resolutionRate', 'satisfied', 'satisfactionRate', 'overdue'];
    expect(rows.slice(1)).toEqual(json.items.map((i) => keys.map((k) => i[k] ?? '暂无')));
    const transport = rows.findIndex((r) => r[0] === '市交通局');
    expect(rows[transport]?.slice(1, 4)).toEqual([1, 1, 1]);
    expect(sheet.getRow(transport + 1).getCell(4).numFmt).toBe('0.0%');
    const scoped = await get('housing-supervisor', `/api/v1/stats/units.xlsx?${q}`);
    expect(rowsOf((await readBook(scoped.rawPayload)).worksheets[0] as ExcelJS.Worksheet).slice(1).map((r) => r[0])).toEqual(['市住建局', '物业管理科']);
    const bad = await get('supervisor', `/api/v1/stats/units.xlsx?from=${today()}&to=2020-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_PERIOD');
  });

  it('serves the monthly report: one frozen sheet per figure family, units as rows, values not formulas', async () => {
    const month = today().slice(0, 7);
    const res = await get('supervisor', `/api/v1/stats/report.xlsx?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename="report_${month}.xlsx"`);
    const book = await readBook(res.rawPayload);
    // Families whose figures the server computes; 直办率, 按时办结 and 重办 join when it serves them.
    const names = book.worksheets.map((s) => s.name);
    expect(names.slice(0, 3)).toEqual(['三率', '退单', '时限与超期']);
    expect(REPORT_FAMILIES.map((f) => f.name)).toEqual(expect.arrayContaining(names));
    for (const sheet of book.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
    const returns = rowsOf(book.getWorksheet('退单') as ExcelJS.Worksheet);
    expect(returns[0]?.slice(0, 4)).toEqual(['单位', '派单数', '退单数', '退单率']);
    expect(returns.find((r) => r[0] === '市交通局')?.slice(0, 4)).toEqual(['市交通局', 1, 1, 1]);
    expect(returns.find((r) => r[0] === '市住建局')?.slice(0, 4)).toEqual(['市住建局', 1, 0, 0]);
    expect(returns.find((r) => r[0] === '12345热线中心')?.slice(0, 4)).toEqual(['12345热线中心', 0, 0, '暂无']);
    expect(returns.map((r) => r[0])).not.toContain('');
    const rates = rowsOf(book.getWorksheet('三率') as ExcelJS.Worksheet);
    expect(rates[0]).toEqual(['单位', '应响应数', '按时响应数', '响应率', '回访数', '解决数', '解决率', '满意数（含基本满意）', '满意率']);
    for (const [query, code] of [['month=2026-13', 'INVALID_PERIOD'], ['month=march', 'VALIDATION_FAILED'], ['', 'VALIDATION_FAILED']] as const) {
      const bad = await get('supervisor', `/api/v1/stats/report.xlsx?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code, query).toBe(code);
    }
  });

  it('fills every family from the figures, the centre row only where it belongs', async () => {
    const counts = { ...emptyCounts(), dispatched: 2, returns: 1, contacts: 4, directResolved: 1, arbitrations: 1 };
    const items: FiguresItem[] = [{ key: '', label: '', ...toFigures(counts) }, { key: 'u1', label: '市住建局', ...toFigures(counts) }];
    const sheets = reportSheets(items);
    expect(sheets.map((sh) => sh.name)).toEqual(['三率', '退单', '时限与超期', '直办率', '按时办结', '重办']);
    const cells = async (name: string): Promise<unknown[][]> => {
      const out: unknown[][] = [];
      const sheet = sheets.find((sh) => sh.name === name);
      if (sheet) for await (const page of toCells(sheet).pages) out.push(...page);
      return out;
    };
    // 直办率 = 1 / 4; 退单率 = 1 / 2; nothing closed, so 按时办结率 has no denominator.
    expect(await cells('直办率')).toEqual([[CENTRE_LABEL, 4, 1, 0.25], ['市住建局', 4, 1, 0.25]]);
    expect(await cells('退单')).toEqual([['市住建局', 2, 1, 0.5, 1]]);
    expect(await cells('按时办结')).toEqual([['市住建局', 0, 0, '暂无']]);
    expect(sheets.find((sh) => sh.name === '退单')?.columns.map((col) => col.header)).toEqual(['单位', '派单数', '退单数', '退单率', '仲裁数']);
  });

});
