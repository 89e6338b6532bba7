import type { Notification, NotificationKind } from '@openline/core';
import type { TFunction } from 'i18next';
import type { NotificationTarget } from './target';

/** A notification's kind in the user's words: never the raw code. */
export function notificationKindLabel(t: TFunction, kind: NotificationKind): string {
  return t(`notifications.kinds.${kind}`);
}

/** What the notification's link opens, in the user's words ("工单 …", "打开回电任务"), or that it has none. */
export function notificationTargetLabel(t: TFunction, n: Pick<Notification, 'caseId' | 'caseNumber'>, target: NotificationTarget | null): string {
  switch (target?.what) {
    case 'case':
      return t('notifications.caseNumber', { number: n.caseNumber ?? n.caseId });
    case 'callerFlags':
      return t('callerFlags.nav');
    case 'callbackTask':
      return t('notifications.targets.callbackTask');
    case 'lineFigures':
      return t('notifications.targets.lineFigures');
    case undefined:
      return t('notifications.noCase');
  }
}
