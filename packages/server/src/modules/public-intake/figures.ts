import type { PublicIntakeFigures } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { intakeCounts } from './repository.js';

/**
 * The backlog figures, for anyone who must watch them without a session: the Prometheus
 * exporter (issue 13 §5) calls this on each scrape; three indexed reads, no table scan.
 */
export async function publicIntakeFigures(db: Kysely<DB>, now = new Date()): Promise<PublicIntakeFigures> {
  const c = await intakeCounts(db, new Date(now.getTime() - 3_600_000).toISOString());
  return {
    accepted: c.accepted,
    processed: Math.max(0, c.accepted - c.backlog),
    backlog: c.backlog,
    failed: c.failed,
    oldestAcceptedAt: c.oldestAcceptedAt,
    lagSeconds: c.oldestAcceptedAt ? Math.max(0, Math.round((now.getTime() - Date.parse(c.oldestAcceptedAt)) / 1000)) : 0,
    processedLastHour: c.processedSince,
  };
}

/** The admin page. Public intake serves the whole deployment (the form's jurisdiction), like the rate limits page. */
export async function getPublicIntakeFigures(ctx: AppContext, options: { user: SessionUser }): Promise<PublicIntakeFigures> {
  assertRole(options.user, ['admin']);
  return publicIntakeFigures(ctx.db);
}
