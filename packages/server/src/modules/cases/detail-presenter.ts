import { isCaseStatus, statusCategory, type CallerViewer, type CaseDetail, type Vulnerability } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';
import type { CaseDeadlineRow } from '../../db/schema.js';
import { showCaller } from './caller.js';
import type { CaseAccessRow, listEvents } from './repository.js';

type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export function presentCaseDetail(
  row: CaseAccessRow,
  events: EventRow[],
  pii: PiiCipher,
  options: {
    /** Who is looking: decides what of the caller they see (caller.ts). */
    viewer: CallerViewer;
    deadlines: CaseDeadlineRow[];
    coUnitIds: string[];
    allowedActions: string[];
    vulnerabilities: { own: Vulnerability[]; merged: Vulnerability[]; canEdit: boolean };
    mergedCases: CaseDetail['mergedCases'];
    category: { category: CaseDetail['category']; canEdit: boolean };
    suggestedUnit: CaseDetail['suggestedUnit'];
  },
): CaseDetail {
  const status = isCaseStatus(row.status) ? row.status : 'received';
  return {
    id: row.id,
    caseNumber: row.case_number,
    status,
    statusCategory: statusCategory(status),
    channel: row.channel as CaseDetail['channel'],
    type: row.type as CaseDetail['type'],
    urgency: row.urgency as CaseDetail['urgency'],
    content: row.content,
    ...showCaller(row, options.viewer, pii),
    line: row.line_id && row.lineName && row.lineMode ? { id: row.line_id, name: row.lineName, mode: row.lineMode } : null,
    leadUnit: row.lead_unit_id && row.leadUnitName ? { id: row.lead_unit_id, name: row.leadUnitName } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    bounceCount: row.bounce_count,
    awaitingArbitration: row.awaiting_arbitration === 1,
    pendingExtension:
      row.pending_extension_days === null ? null : { workingDays: row.pending_extension_days, reason: row.pending_extension_reason ?? '' },
    replyText: row.reply_text,
    visit:
      row.visit_satisfaction === null
        ? null
        : { solved: row.visit_solved === 1, satisfaction: row.visit_satisfaction, comment: row.visit_comment },
    parentId: row.parent_id,
    coUnitIds: options.coUnitIds,
    priority: row.priority,
    vulnerabilities: options.vulnerabilities.own,
    mergedVulnerabilities: options.vulnerabilities.merged,
    canEditVulnerabilities: options.vulnerabilities.canEdit,
    category: options.category.category,
    canEditCategory: options.category.canEdit,
    suggestedUnit: options.suggestedUnit,
    mergedCases: options.mergedCases,
    deadlines: options.deadlines.map((d) => ({
      kind: d.kind,
      dueAt: d.due_at,
      remindAt: d.remind_at,
      metAt: d.met_at,
      overdueAt: d.overdue_at,
      cancelledAt: d.cancelled_at,
    })),
    allowedActions: options.allowedActions,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actorKind: e.actorKind,
      actorName: e.actorName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      payload: JSON.parse(e.payload) as Record<string, unknown>,
      createdAt: e.createdAt,
    })),
  };
}
