import type { DeskSummary, OperatorQueueCounts } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { mayUseOperatorQueues } from './policy.js';
import { countOpenInstructionsBy, countQueues, listOwnLines } from './repository.js';

/**
 * What an official's home page starts from: the published lines they own (their cases and
 * figures are the case list and the figures filtered by these) and how many of their
 * instructions still wait for an answer. Anyone may ask; a user owning no line gets none.
 */
export async function deskSummary(ctx: AppContext, user: SessionUser): Promise<DeskSummary> {
  const [lines, openInstructions] = await Promise.all([
    listOwnLines(ctx.db, user.jurisdictionId, user.id),
    countOpenInstructionsBy(ctx.db, user.id),
  ]);
  return { lines, openInstructions };
}

/** The operator queues' counts (issue 12 §3), for the tabs of the queue page. */
export async function operatorQueueCounts(ctx: AppContext, user: SessionUser): Promise<OperatorQueueCounts> {
  const scope = caseListScope(user);
  if (!mayUseOperatorQueues(user) || scope?.kind !== 'jurisdiction') throw new AppError('FORBIDDEN', 'The queues are the hotline operators’');
  return countQueues(ctx.db, scope);
}
