import type { CallerViewer, CaseListItem } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';
import { showCaller } from './caller.js';
import type { CaseListRow } from './list-repository.js';

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
    categoryId: row.category_id,
    // Named from the tree by the service (categories/service.ts#categoryNamesFor): one read per page.
    categoryName: null,
  };
}
