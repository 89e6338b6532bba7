import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from './policy.js';
import { presentCaseListItem, type CaseListItem } from './presenter.js';
import * as repo from './repository.js';

export async function listCases(
  ctx: AppContext,
  options: { user: SessionUser; page: number; pageSize: number },
): Promise<{ items: CaseListItem[]; total: number; page: number; pageSize: number }> {
  const scope = caseListScope(options.user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow listing cases');
  const { rows, total } = await repo.listCases(ctx.db, {
    scope,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return {
    items: rows.map((row) => presentCaseListItem(row, ctx.pii)),
    total,
    page: options.page,
    pageSize: options.pageSize,
  };
}
