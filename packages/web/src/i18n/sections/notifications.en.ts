import type { notificationsZhCN } from './notifications.zh-CN';

/** The bell and the notifications page (issue 12 §4). */
export const notificationsEn: typeof notificationsZhCN = {
  notifications: {
    bell: 'Notifications',
    bellUnread: 'Notifications, {{count}} unread',
    title: 'My notifications',
    intro: 'Cases sent to your unit, supervision notices, extension requests, arbitrations and other things for you to act on or know. Select one to open the case and mark it read.',
    empty: 'No notifications',
    emptyUnread: 'No unread notifications',
    markAllRead: 'Mark all read',
    markRead: 'Mark read',
    viewAll: 'All notifications',
    unreadOnly: 'Unread only',
    unread: 'Unread',
    read: 'Read',
    caseNumber: 'Case {{number}}',
    noCase: 'No case',
    time: 'Time',
    kind: 'What',
    case: 'Case',
    status: 'Status',
    kinds: {
      dispatch: 'New case for your unit',
      arbitration: 'Returned twice: arbitrate',
      extension_request: 'Extension to rule on',
      extension_decision: 'Extension ruled on',
      supervision_notice: 'Supervision notice',
      deadline_reminder: 'Deadline approaching',
      urge: 'Urged',
      instruction: 'Instruction from an official',
      followed_update: 'News on a case you follow',
      message: 'Staff message',
    },
  },
};
