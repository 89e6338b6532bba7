import type { AppContext } from '../lib/app-context.js';
import { nowIso } from '../lib/ids.js';
import { deleteExpiredSessions } from '../modules/auth/repository.js';
import { deleteRunsBefore } from './repository.js';

/** Daily job claims are kept this long, so an operator can see when each job last ran or failed. */
const JOB_RUNS_KEPT_DAYS = 90;

/**
 * Rows that only ever grow and mean nothing once expired: sessions past their end (they no
 * longer sign anyone in, but each is a token hash tied to a user) and old daily job claims.
 */
export async function purgeExpiredRows(ctx: AppContext, now: Date = new Date()): Promise<{ sessions: number; jobRuns: number }> {
  const sessions = await deleteExpiredSessions(ctx.db, nowIso(now));
  const keptFrom = new Date(now.getTime() - JOB_RUNS_KEPT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const jobRuns = await deleteRunsBefore(ctx.db, keptFrom);
  return { sessions, jobRuns };
}
