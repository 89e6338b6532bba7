import { isNotificationKind, noticeFactsSchema, type NoticeFacts, type NotificationList } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { countUnread, listForUser, markAllRead, markRead } from './repository.js';

const owner = (user: SessionUser) => ({ userId: user.id, jurisdictionId: user.jurisdictionId });

/** A notice's stored facts; ones this version cannot read (a later version's, rolled back) are dropped, the notice kept. */
function factsOf(json: string | null): NoticeFacts | null {
  if (json === null) return null;
  try {
    const parsed = noticeFactsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The signed-in user's notifications, newest first, with their unread count (the bell). */
export async function listNotifications(ctx: AppContext, options: { user: SessionUser; limit: number; unreadOnly: boolean }): Promise<NotificationList> {
  const { user } = options;
  const [items, unread] = await Promise.all([
    listForUser(ctx.db, { ...owner(user), limit: options.limit, unreadOnly: options.unreadOnly }),
    countUnread(ctx.db, owner(user)),
  ]);
  // A kind no longer in core's table (a row from a later version, rolled back) is left out rather than mislabelled.
  return { unread, items: items.flatMap(({ kind, facts, ...rest }) => (isNotificationKind(kind) ? [{ ...rest, kind, facts: factsOf(facts) }] : [])) };
}

/** Marks one notification read; another user's id answers 404 like an unknown one. */
export async function readNotification(ctx: AppContext, options: { user: SessionUser; id: string }): Promise<{ unread: number }> {
  if (!(await markRead(ctx.db, { ...owner(options.user), id: options.id, at: nowIso() }))) {
    throw new AppError('NOT_FOUND', 'No such notification');
  }
  return { unread: await countUnread(ctx.db, owner(options.user)) };
}

export async function readAllNotifications(ctx: AppContext, options: { user: SessionUser }): Promise<{ unread: number }> {
  await markAllRead(ctx.db, { ...owner(options.user), at: nowIso() });
  return { unread: await countUnread(ctx.db, owner(options.user)) };
}
