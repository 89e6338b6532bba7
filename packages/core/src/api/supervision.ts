import { z } from 'zod';
import { ESCALATION_TIERS, escalationSettingsSchema } from '../supervision/escalation.js';
import { ORDER_STATUSES } from '../supervision/orders.js';

/* Supervision's answers (ADR 0042): notices, orders, the supervisor's queues, extensions, escalation tiers. */

export const supervisionNoticeSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  kind: z.string().describe('overdue_accept | overdue_contact | overdue_resolve'),
  canAcknowledge: z.boolean().describe('the person asking may sign for it now (the addressed unit, not yet signed)'),
  tier: z.enum(ESCALATION_TIERS).describe('who the notice is addressed to: the unit, its leadership, or the city office (ADR 0024)'),
  message: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
});
export type SupervisionNotice = z.infer<typeof supervisionNoticeSchema>;

export const supervisionNoticePageSchema = z.object({ items: z.array(supervisionNoticeSchema), total: z.number().int() });
export type SupervisionNoticePage = z.infer<typeof supervisionNoticePageSchema>;

/** 督办单: a supervisor's formal order to a unit, with a deadline of its own and a reply required. */
export const supervisionOrderSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  status: z.enum(ORDER_STATUSES),
  instruction: z.string(),
  issuedByName: z.string().nullable(),
  issuedAt: z.string(),
  dueAt: z.string(),
  answerText: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  canAnswer: z.boolean(),
  canClose: z.boolean(),
});
export type SupervisionOrder = z.infer<typeof supervisionOrderSchema>;

export const supervisionOrderPageSchema = z.object({ items: z.array(supervisionOrderSchema), total: z.number().int() });
export type SupervisionOrderPage = z.infer<typeof supervisionOrderPageSchema>;

/** What waits for a supervisor (issue 12 §1): `GET /api/v1/supervision/queues`. */
export const supervisorQueuesSchema = z.object({
  extensions: z.number().int().describe('extension requests no supervisor has ruled on'),
  arbitrations: z.number().int().describe('cases returned twice, waiting for a ruling (首接负责)'),
  overdue: z.number().int().describe('cases with a deadline passed and still chased'),
  overdueByUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), cases: z.number().int() })),
  noticesAwaitingReply: z.number().int().describe('supervision notices the addressed unit has not signed for'),
  ordersAwaitingReply: z.number().int(),
  ordersToClose: z.number().int().describe('answered orders awaiting closing'),
});
export type SupervisorQueues = z.infer<typeof supervisorQueuesSchema>;

export const extensionRequestSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  type: z.string(),
  urgency: z.string(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  workingDays: z.number().int(),
  reason: z.string().nullable(),
  requestedAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
});
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

export const extensionRequestPageSchema = z.object({ items: z.array(extensionRequestSchema), total: z.number().int() });
export type ExtensionRequestPage = z.infer<typeof extensionRequestPageSchema>;

/** `GET|PUT /api/v1/admin/escalation-tiers`. */
export const escalationSettingsViewSchema = z.object({ settings: escalationSettingsSchema, defaults: escalationSettingsSchema, updatedAt: z.string().nullable() });
export type EscalationSettingsView = z.infer<typeof escalationSettingsViewSchema>;
