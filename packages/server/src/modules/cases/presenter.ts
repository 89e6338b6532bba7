import { CASE_STATUSES, CASE_TYPES, CHANNELS, URGENCIES, type CallerViewer } from '@openline/core';
import { z } from 'zod';
import type { PiiCipher } from '../../crypto/pii.js';
import { showCaller } from './caller.js';
import type { CaseListRow } from './list-repository.js';

export const caseListItemSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  channel: z.enum(CHANNELS),
  type: z.enum(CASE_TYPES),
  urgency: z.enum(URGENCIES),
  contentPreview: z.string(),
  callerName: z.string().nullable().describe('masked, e.g. 张*'),
  callerPhone: z.string().nullable().describe('masked, e.g. 138****5678'),
  address: z.string().nullable().describe('masked'),
  callerProtected: z.boolean().describe('the caller is a protected tip-line reporter withheld from you: the three fields above are null (ADR 0006)'),
  createdAt: z.string(),
  leadUnitName: z.string().nullable(),
  lineName: z.string().nullable().describe('the published line it came in on'),
  bounceCount: z.number().int(),
  awaitingArbitration: z.boolean(),
  priority: z.number().describe('urgency, distinct callers affected, confirmed vulnerability and age; never how often one person called'),
  nextDeadline: z
    .object({ kind: z.enum(['accept', 'contact', 'resolve']), dueAt: z.string(), overdue: z.boolean() })
    .nullable()
    .describe('the earliest deadline still running'),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

const PREVIEW_CHARS = 80;

/**
 * Rows become API shapes here; personal data leaves only masked (a reveal is a separate, audited
 * act), and a protected reporter not at all for a viewer who may not know them (caller.ts).
 */
export function presentCaseListItem(
  row: CaseListRow,
  viewer: CallerViewer,
  pii: PiiCipher,
  next: { kind: 'accept' | 'contact' | 'resolve'; dueAt: string } | null,
  now: string,
): CaseListItem {
  const caller = showCaller(row, viewer, pii);
  const chars = Array.from(row.content);
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status as CaseListItem['status'],
    channel: row.channel as CaseListItem['channel'],
    type: row.type as CaseListItem['type'],
    urgency: row.urgency as CaseListItem['urgency'],
    contentPreview: chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : row.content,
    callerName: caller.callerName,
    callerPhone: caller.callerPhone,
    address: caller.address,
    callerProtected: caller.callerProtected,
    createdAt: row.created_at,
    leadUnitName: row.leadUnitName,
    lineName: row.lineName,
    bounceCount: row.bounce_count,
    awaitingArbitration: row.awaiting_arbitration === 1,
    priority: row.priority,
    nextDeadline: next ? { ...next, overdue: Date.parse(next.dueAt) <= Date.parse(now) } : null,
  };
}
