import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { countCases, nextDeadlines, pageCasesAfter, type CaseKey } from '../cases/list-repository.js';
import { caseListScope } from '../cases/policy.js';
import { resolveCaseFilters, type CaseListFilterQuery } from '../cases/service.js';
import { presentExportedCase, type ExportedCase } from './case-columns.js';
import { findTimeZone } from './repository.js';

/** The default cap on one case export (EXPORT_MAX_ROWS): a month of a large city's cases fits; a year's needs filters. */
export const DEFAULT_EXPORT_MAX_ROWS = 50_000;
/** Rows read per keyset page: enough to keep the database busy, few enough to keep memory flat. */
const PAGE_ROWS = 500;

export interface CaseExport {
  rows: number;
  timeZone: string;
  pages: AsyncIterable<ExportedCase[]>;
}

/**
 * A case list export as the user filtered it: the list's scope and filters (so the file holds
 * what the screen listed), refused with EXPORT_TOO_LARGE before anything is streamed when it
 * matches more than `maxRows`, audited (who, which filters, how many rows) before the first row
 * leaves, then read in keyset pages as the client takes them.
 */
export async function prepareCaseExport(
  ctx: AppContext,
  options: { user: SessionUser; query: CaseListFilterQuery; format: 'csv' | 'xlsx'; maxRows: number; ip: string },
): Promise<CaseExport> {
  const { user, query, maxRows } = options;
  const scope = caseListScope(user);
  if (scope === null) throw new AppError('FORBIDDEN', 'Your role does not allow listing cases');
  const filters = await resolveCaseFilters(ctx, user, query);
  const now = nowIso();
  const rows = await countCases(ctx.db, { scope, filters, now });
  if (rows > maxRows) {
    throw new AppError('EXPORT_TOO_LARGE', `${rows} cases match these filters; an export holds at most ${maxRows}. Narrow the filters (for example the dates) and try again.`, [
      { path: 'matched', message: String(rows) },
      { path: 'limit', message: String(maxRows) },
    ]);
  }
  await appendAudit(ctx.db, {
    jurisdictionId: user.jurisdictionId,
    actorUserId: user.id,
    action: 'cases.export',
    ip: options.ip,
    // A caller's number stays out of the log: it may be a tip reporter's, and admins read it (ADR 0006).
    detail: { format: options.format, filters: { ...query, phone: query.phone === undefined ? undefined : 'given', callerName: query.callerName === undefined ? undefined : 'given' }, rows },
  });
  const timeZone = await findTimeZone(ctx.db, user.jurisdictionId);

  const listScope = scope;
  async function* pages(): AsyncIterable<ExportedCase[]> {
    let after: CaseKey | null = null;
    for (;;) {
      const page = await pageCasesAfter(ctx.db, { scope: listScope, filters, now, after, limit: PAGE_ROWS });
      if (page.length === 0) return;
      const deadlines = await nextDeadlines(ctx.db, page.map((r) => r.id));
      yield page.map((row) => presentExportedCase(row, user, ctx.pii, deadlines.get(row.id) ?? null, now));
      const last = page.at(-1);
      if (!last || page.length < PAGE_ROWS) return;
      after = { createdAt: last.created_at, id: last.id };
    }
  }
  return { rows, timeZone, pages: pages() };
}
