import type { CaseStatus } from '../case-status.js';
import type { CaseType, Channel, Urgency } from '../channels.js';
import type { DeadlineKind } from '../lifecycle/types.js';

/**
 * Chinese names of stable codes, for files a centre hands on (exports, reports): a sheet opened
 * outside the console cannot translate `in_progress`. The same words as the console's zh-CN
 * locale.
 */
export const STATUS_LABELS_ZH: Record<CaseStatus, string> = {
  received: '已受理',
  triaged: '待派单',
  dispatched: '已派单',
  accepted: '已签收',
  returned: '已退单',
  in_progress: '办理中',
  replied: '已答复',
  visited: '已回访',
  closed: '已办结',
  merged: '已并单',
  invalid: '无效诉求',
};

export const CHANNEL_LABELS_ZH: Record<Channel, string> = { phone: '电话', sms: '短信', web: '网站', open311: 'Open311 接口', app: '移动应用' };
export const CASE_TYPE_LABELS_ZH: Record<CaseType, string> = { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' };
export const URGENCY_LABELS_ZH: Record<Urgency, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };
export const DEADLINE_KIND_LABELS_ZH: Record<DeadlineKind, string> = { accept: '签收', contact: '联系', resolve: '办结' };

/** The label of a code, or the code itself when a newer server knows a code this table does not. */
export function labelOf(table: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(table, code) ? (table[code] ?? code) : code;
}
