import { ACTION_TYPES, CASE_STATUSES, CASE_TYPES, CHANNELS, STATUS_CATEGORIES, URGENCIES, VULNERABILITIES, isCaseStatus, statusCategory, type CallerViewer, type Vulnerability } from '@openline/core';
import { z } from 'zod';
import type { PiiCipher } from '../../crypto/pii.js';
import type { CaseDeadlineRow } from '../../db/schema.js';
import { showCaller } from './caller.js';
import type { CaseAccessRow, listEvents } from './repository.js';
import { UNIT_SUGGESTION_SOURCES } from './unit-suggestion.js';

export const caseEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  actorKind: z.enum(['citizen', 'staff', 'system']),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const caseDetailSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  statusCategory: z.enum(STATUS_CATEGORIES),
  channel: z.enum(CHANNELS),
  type: z.enum(CASE_TYPES),
  urgency: z.enum(URGENCIES),
  content: z.string(),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  address: z.string().nullable(),
  callerIdNumber: z.string().nullable(),
  callerProtected: z.boolean().describe('the caller is a protected tip-line reporter withheld from you: no identity, not even masked (ADR 0006)'),
  line: z.object({ id: z.string(), name: z.string(), mode: z.string() }).nullable(),
  leadUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  bounceCount: z.number().int(),
  awaitingArbitration: z.boolean(),
  pendingExtension: z.object({ workingDays: z.number().int(), reason: z.string() }).nullable(),
  replyText: z.string().nullable(),
  visit: z.object({ solved: z.boolean(), satisfaction: z.string(), comment: z.string().nullable() }).nullable(),
  parentId: z.string().nullable(),
  coUnitIds: z.array(z.string()),
  priority: z.number().describe('urgency, distinct callers affected, confirmed vulnerability and age; never how often one person called'),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).describe('flags staff confirmed on this case'),
  mergedVulnerabilities: z
    .array(z.enum(VULNERABILITIES))
    .describe('further flags confirmed on cases merged into this one; they count in its priority too'),
  mergedCases: z
    .array(
      z.object({
        id: z.string(),
        caseNumber: z.string(),
        channel: z.enum(CHANNELS),
        createdAt: z.string(),
        mergedAt: z.string(),
        automatic: z.boolean().describe('merged by unattended intake (SMS, web form), not by a person'),
        similarity: z.number().nullable().describe('the text similarity an automatic merge was decided on'),
      }),
    )
    .describe('appeals merged into this case (并单), oldest merge first'),
  /** Whether the signed-in user may change `vulnerabilities` (PUT …/vulnerabilities). */
  canEditVulnerabilities: z.boolean(),
  category: z
    .object({ id: z.string(), code: z.string(), name: z.string(), path: z.array(z.string()).describe('names from the top level down, this one last'), retired: z.boolean() })
    .nullable()
    .describe('诉求分类 (issue 12 §6)'),
  /** Whether the signed-in user may change `category` (PUT …/category). */
  canEditCategory: z.boolean(),
  suggestedUnit: z
    .object({
      unitId: z.string(),
      unitName: z.string(),
      source: z.enum(UNIT_SUGGESTION_SOURCES).describe("'petition': the unit an SMS petition named"),
      matched: z.string().nullable().describe('the words of the message that named it'),
    })
    .nullable()
    .describe('a unit the appeal itself named, suggested for dispatch; never dispatched without an operator (ADR 0044)'),
  deadlines: z.array(
    z.object({
      kind: z.enum(['accept', 'contact', 'resolve']),
      dueAt: z.string(),
      remindAt: z.string(),
      metAt: z.string().nullable(),
      overdueAt: z.string().nullable(),
      cancelledAt: z.string().nullable(),
    }),
  ),
  /** What the signed-in user may do next: the screen shows these as buttons. */
  allowedActions: z.array(z.enum(ACTION_TYPES as [string, ...string[]])),
  events: z.array(caseEventSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

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
