import { noticeText, type Notification } from '@openline/core';

/**
 * A notice's sentence in the reader's language (core notices.ts words it), or null for a case's
 * notification, whose case says it all. English for English, Chinese otherwise (the default).
 */
export function notificationText(n: Pick<Notification, 'facts'>, language: string | undefined): string | null {
  return n.facts ? noticeText(n.facts, language === 'en' ? 'en' : 'zh-CN') : null;
}
