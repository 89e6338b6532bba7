import { Readable } from 'node:stream';
import { csvLine, OPEN_DATA_FIELDS, openDataDictionarySchema, publicStatsSchema, type OpenDataRecord } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { errorSchema } from '../../plugins/schemas.js';
import { publicOpenData, publicOpenDataDictionary, publicStatsFor } from './public.js';

const monthQuery = z.object({
  month: z.string().max(32).optional().describe('YYYY-MM (local calendar); default the last complete month; a future month is 400 INVALID_MONTH'),
});
const tooMany = errorSchema.describe('TOO_MANY_REQUESTS: over the limit per address; Retry-After says how many seconds to wait');
const errors = { 400: errorSchema.describe('INVALID_MONTH'), 429: tooMany };
/** Figures change with every worker pass; five minutes of staleness is nothing to a monthly table. */
const FIGURES_CACHE = 'public, max-age=300';
/** Open data of a past month changes only when a case is reopened or invalidated. */
const OPEN_DATA_CACHE = 'public, max-age=3600';

async function* csvChunks(records: AsyncIterable<OpenDataRecord>): AsyncGenerator<string> {
  // The BOM makes Excel read the file as UTF-8 (Chinese unit names); RFC 4180 line ends.
  yield `\uFEFF${OPEN_DATA_FIELDS.join(',')}\r\n`;
  for await (const r of records) yield csvLine(r);
}

async function* jsonChunks(month: string, records: AsyncIterable<OpenDataRecord>): AsyncGenerator<string> {
  yield `{"month":${JSON.stringify(month)},"records":[`;
  let first = true;
  for await (const r of records) {
    yield (first ? '' : ',') + JSON.stringify(r);
    first = false;
  }
  yield ']}';
}

export function registerTransparencyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/public/stats',
    {
      schema: {
        tags: ['public'],
        summary: 'Public figures of a month (no login): the jurisdiction, every unit, every published line, a 12-month trend',
        querystring: monthQuery,
        response: { 200: publicStatsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const stats = await publicStatsFor(ctx, { month: request.query.month, ip: request.ip });
      reply.header('cache-control', FIGURES_CACHE);
      return stats;
    },
  );

  r.get(
    '/api/v1/public/open-data/cases.csv',
    {
      schema: {
        tags: ['public'],
        summary: "A month's anonymised case records as CSV (UTF-8 with BOM); see /api/v1/public/open-data/dictionary",
        querystring: monthQuery,
        response: { 200: z.unknown().describe('text/csv, streamed'), ...errors },
      },
    },
    async (request, reply) => {
      const data = await publicOpenData(ctx, { month: request.query.month, ip: request.ip });
      reply
        .header('cache-control', OPEN_DATA_CACHE)
        .header('content-disposition', `attachment; filename="openline-cases-${data.month}.csv"`)
        .type('text/csv; charset=utf-8');
      return reply.send(Readable.from(csvChunks(data.records)));
    },
  );

  r.get(
    '/api/v1/public/open-data/cases.json',
    {
      schema: {
        tags: ['public'],
        summary: "A month's anonymised case records as JSON {month, records}; see /api/v1/public/open-data/dictionary",
        querystring: monthQuery,
        response: { 200: z.unknown().describe('application/json {month, records: [...]}, streamed'), ...errors },
      },
    },
    async (request, reply) => {
      const data = await publicOpenData(ctx, { month: request.query.month, ip: request.ip });
      reply.header('cache-control', OPEN_DATA_CACHE).type('application/json; charset=utf-8');
      return reply.send(Readable.from(jsonChunks(data.month, data.records)));
    },
  );

  r.get(
    '/api/v1/public/open-data/dictionary',
    { schema: { tags: ['public'], summary: 'The data dictionary of the open case data', response: { 200: openDataDictionarySchema, 429: tooMany } } },
    async (request, reply) => {
      const dictionary = await publicOpenDataDictionary(ctx, { ip: request.ip });
      reply.header('cache-control', 'public, max-age=86400');
      return dictionary;
    },
  );
}
