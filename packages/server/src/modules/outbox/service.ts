import type { OutboxPage } from '@openline/core';
import type { OutboxRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { presentOutboxMessage } from './presenter.js';
import { listMessages } from './repository.js';

/** The admin outbox page: what was sent to whom (masked), what is waiting, what failed and why. */
export async function listOutbox(
  ctx: AppContext,
  options: { user: SessionUser; status?: OutboxRow['status'] | undefined; page: number; pageSize: number },
): Promise<OutboxPage> {
  if (!options.user.roles.includes('admin')) throw new AppError('FORBIDDEN', 'Only admins see the outbox');
  const { rows, total } = await listMessages(ctx.db, {
    jurisdictionId: options.user.jurisdictionId,
    status: options.status,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items: rows.map(presentOutboxMessage), total };
}
