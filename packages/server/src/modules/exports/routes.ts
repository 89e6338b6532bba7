import { attachmentDisposition, localDateTime, monthDays, monthSchema } from '@openline/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { caseFilterQuery } from '../cases/routes.js';
import { unitFigures } from '../stats/service.js';
import { caseColumns } from './case-columns.js';
import { prepareCaseExport } from './case-export.js';
import { UNIT_FIGURE_COLUMNS } from './figure-sheets.js';
import { monthlyReport } from './report.js';
import { CSV_TYPE, csvStream, onePage, toCells, XLSX_TYPE } from './table.js';
import { xlsxStream } from './xlsx-stream.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM');
/** A file: the OpenAPI document says which; the body is not JSON. */
const file = (what: string) => z.string().describe(what);
const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

function sendFile(reply: FastifyReply, body: Readable, type: string, name: string, fallback: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', attachmentDisposition(name, fallback))
    .header('cache-control', 'no-store')
    .send(body);
}

const logFailure = (request: FastifyRequest) => (err: unknown) => request.log.warn({ err }, 'export stream ended early');

/** Files: the figures as .xlsx (issue 9 §4) and the case list as CSV and .xlsx. Logic in the services; writers in table.ts. */
export function registerExportRoutes(app: FastifyInstance, ctx: AppContext, options: { maxRows: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/stats/units.xlsx',
    {
      schema: {
        tags: ['stats'],
        summary: 'GET /stats/units as an .xlsx file: one row per unit, same scope and periods',
        security: [{ session: [] }],
        querystring: z.object({ from: day, to: day }),
        produces: [XLSX_TYPE],
        response: { 200: file('the .xlsx workbook'), ...refusals },
      },
    },
    async (request, reply) => {
      const { from, to, items } = await unitFigures(ctx, { user: requireUser(request), ...request.query });
      const sheet = toCells({ name: '各单位办理情况', columns: UNIT_FIGURE_COLUMNS, pages: onePage(items) });
      return sendFile(reply, xlsxStream([sheet], logFailure(request)), XLSX_TYPE, `各单位办理情况_${from}至${to}.xlsx`, `units_${from}_${to}.xlsx`);
    },
  );

  r.get(
    '/api/v1/stats/report.xlsx',
    {
      schema: {
        tags: ['stats'],
        summary: 'The monthly assessment report: one sheet per figure family, units as rows',
        security: [{ session: [] }],
        querystring: z.object({ month }),
        produces: [XLSX_TYPE],
        response: { 200: file('the .xlsx workbook'), ...refusals },
      },
    },
    async (request, reply) => {
      if (!monthSchema.safeParse(request.query.month).success) {
        throw new AppError('INVALID_PERIOD', 'The period is not valid', [{ path: 'month', message: 'not a month' }]);
      }
      const days = monthDays(request.query.month);
      const sheets = (await monthlyReport(ctx, { user: requireUser(request), ...days })).map(toCells);
      const m = request.query.month;
      return sendFile(reply, xlsxStream(sheets, logFailure(request)), XLSX_TYPE, `月度考核报表_${m}.xlsx`, `report_${m}.xlsx`);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    r.get(
      `/api/v1/cases/export.${format}`,
      {
        schema: {
          tags: ['cases'],
          summary: `The case list as ${format === 'csv' ? 'CSV (UTF-8 with BOM)' : 'an .xlsx file'}: the list's filters and scope, callers masked, newest first; audited`,
          description: 'Refused with 422 EXPORT_TOO_LARGE (details: matched, limit) before anything is sent when more cases match than the cap.',
          security: [{ session: [] }],
          querystring: caseFilterQuery,
          produces: [format === 'csv' ? CSV_TYPE : XLSX_TYPE],
          response: { 200: file(`the ${format} file`), ...refusals, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { status, ...rest } = request.query;
        const exported = await prepareCaseExport(ctx, { user, query: { ...rest, statuses: status }, format, maxRows: options.maxRows, ip: request.ip });
        const sheet = toCells({ name: '工单', columns: caseColumns(exported.timeZone), pages: exported.pages });
        const stamp = localDateTime(nowIso(), exported.timeZone).replace(/[-: ]/g, '').replace(/^(\d{8})/, '$1-');
        const body = format === 'csv' ? csvStream(sheet) : xlsxStream([sheet], logFailure(request));
        return sendFile(reply, body, format === 'csv' ? CSV_TYPE : XLSX_TYPE, `工单导出_${stamp}.${format}`, `cases_${stamp}.${format}`);
      },
    );
  }
}
