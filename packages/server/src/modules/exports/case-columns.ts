import {
  CASE_TYPE_LABELS_ZH, CHANNEL_LABELS_ZH, DEADLINE_KIND_LABELS_ZH, labelOf, localDateTime, STATUS_LABELS_ZH, URGENCY_LABELS_ZH, type CallerViewer,
} from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';
import { showCaller } from '../cases/caller.js';
import type { CaseListRow } from '../cases/list-repository.js';
import type { Column } from './table.js';

/** What a protected tip-line reporter's caller cells say to everyone the rule withholds them from (ADR 0006). */
export const PROTECTED_CALLER = '举报人信息受保护';

/** One exported case: the list's row, its caller as this viewer may see it, its next deadline. */
export interface ExportedCase {
  caseNumber: string;
  createdAt: string;
  status: string;
  type: string;
  channel: string;
  urgency: string;
  content: string;
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  leadUnitName: string | null;
  bounceCount: number;
  awaitingArbitration: boolean;
  priority: number;
  nextDeadline: { kind: string; dueAt: string } | null;
  overdue: boolean;
}

/**
 * Rows leave through caller.ts like the list's: masked, or nothing for a protected reporter.
 * The content is the stored (redacted) text, as the case page shows it (ADR 0009).
 */
export function presentExportedCase(
  row: CaseListRow,
  viewer: CallerViewer,
  pii: PiiCipher,
  next: { kind: string; dueAt: string } | null,
  now: string,
): ExportedCase {
  const caller = showCaller(row, viewer, pii);
  return {
    caseNumber: row.case_number,
    createdAt: row.created_at,
    status: row.status,
    type: row.type,
    channel: row.channel,
    urgency: row.urgency,
    content: row.content,
    callerName: caller.callerProtected ? PROTECTED_CALLER : caller.callerName,
    callerPhone: caller.callerPhone,
    address: caller.address,
    leadUnitName: row.leadUnitName,
    bounceCount: row.bounce_count,
    awaitingArbitration: row.awaiting_arbitration === 1,
    priority: row.priority,
    nextDeadline: next,
    overdue: next !== null && Date.parse(next.dueAt) <= Date.parse(now),
  };
}

/** The columns of a case export, times in the jurisdiction's local time. */
export function caseColumns(timeZone: string): Array<Column<ExportedCase>> {
  const time = (iso: string): string => localDateTime(iso, timeZone);
  return [
    { header: '工单编号', kind: 'text', width: 18, value: (c) => c.caseNumber },
    { header: '登记时间', kind: 'text', width: 17, value: (c) => time(c.createdAt) },
    { header: '状态', kind: 'text', width: 9, value: (c) => labelOf(STATUS_LABELS_ZH, c.status) },
    { header: '诉求类型', kind: 'text', width: 9, value: (c) => labelOf(CASE_TYPE_LABELS_ZH, c.type) },
    { header: '来源渠道', kind: 'text', width: 9, value: (c) => labelOf(CHANNEL_LABELS_ZH, c.channel) },
    { header: '紧急程度', kind: 'text', width: 9, value: (c) => labelOf(URGENCY_LABELS_ZH, c.urgency) },
    { header: '诉求内容', kind: 'text', width: 60, value: (c) => c.content },
    { header: '诉求人', kind: 'text', width: 16, value: (c) => c.callerName },
    { header: '联系电话', kind: 'text', width: 14, value: (c) => c.callerPhone },
    { header: '事发地址', kind: 'text', width: 24, value: (c) => c.address },
    { header: '主办单位', kind: 'text', width: 20, value: (c) => c.leadUnitName },
    { header: '退单次数', kind: 'count', width: 9, value: (c) => c.bounceCount },
    { header: '待仲裁', kind: 'text', width: 8, value: (c) => (c.awaitingArbitration ? '是' : '否') },
    { header: '优先级', kind: 'count', width: 8, value: (c) => c.priority },
    { header: '当前时限', kind: 'text', width: 9, value: (c) => (c.nextDeadline ? labelOf(DEADLINE_KIND_LABELS_ZH, c.nextDeadline.kind) : null) },
    { header: '时限截止', kind: 'text', width: 17, value: (c) => (c.nextDeadline ? time(c.nextDeadline.dueAt) : null) },
    { header: '是否超期', kind: 'text', width: 9, value: (c) => (c.overdue ? '是' : '否') },
  ];
}
