import type { NotificationKind } from '@openline/core';
import type { TFunction } from 'i18next';

/** A notification's kind in the user's words: never the raw code. */
export function notificationKindLabel(t: TFunction, kind: NotificationKind): string {
  return t(`notifications.kinds.${kind}`);
}
