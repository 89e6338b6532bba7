import { z } from 'zod';
import { noticeFactsSchema } from './notices.js';
import { NOTIFICATION_KINDS } from './rules.js';

/**
 * `GET /api/v1/notifications` (issue 12 contract), shared by the server's route and the console,
 * so a change on one side fails the other's typecheck. No text: a kind and a case, or for a
 * notice about no case its facts, which the console words in the reader's language.
 */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  caseId: z.string().nullable(),
  /** For the link's label; the case itself is read under its own access rules. */
  caseNumber: z.string().nullable(),
  /** A cold line's figures, a callback's line, masked caller and deadline (notices.ts); null for a case's notification. */
  facts: noticeFactsSchema.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const notificationListSchema = unreadCountSchema.extend({ items: z.array(notificationSchema) });
export type NotificationList = z.infer<typeof notificationListSchema>;
