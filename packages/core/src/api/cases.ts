import { z } from 'zod';
import { CASE_STATUSES, STATUS_CATEGORIES } from '../case-status.js';
import { CASE_TYPES, CHANNELS, URGENCIES } from '../channels.js';
import { ACTION_TYPES } from '../lifecycle/actions.js';
import { VULNERABILITIES } from '../priority/vulnerability-lexicon.js';

/*
 * The case API's answers (ADR 0042): the server declares these as its routes' `response`
 * schemas and types its presenters by them; the console imports the inferred types. A field
 * changed on one side without the other fails the typecheck.
 */

/** Where a case's suggested unit came from: the unit an SMS petition named (ADR 0044). */
export const UNIT_SUGGESTION_SOURCES = ['petition'] as const;
export type UnitSuggestionSource = (typeof UNIT_SUGGESTION_SOURCES)[number];

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
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable().describe('诉求分类, the leaf name; null when the case has none'),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

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

/** `GET /api/v1/cases`: one page of the list. */
export const caseListPageSchema = z.object({
  items: z.array(caseListItemSchema),
  total: z.number().int(),
  totalCapped: z.boolean().describe('true: there are more than `total` cases (the count stops at a cap, ADR 0039); page on, or narrow the filters'),
  totalAtLeast: z
    .boolean()
    .describe('true: the count read only the newest cases of a large unit subtree or of a frequent caller before the cap (ADR 0051, 0062): there are at least `total`, maybe many more'),
  searchedSince: z
    .string()
    .nullable()
    .describe('set when the page ended at its window before it filled (ADR 0062): it holds every match created at or after this instant, older cases were not searched; ask again with `to` set to it'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CaseListPage = z.infer<typeof caseListPageSchema>;

/** `GET /api/v1/search/cases`: ranked hits with [start, end) highlight ranges in the preview. */
export const caseSearchResultSchema = z.object({
  items: z.array(caseListItemSchema.extend({ highlights: z.array(z.tuple([z.number(), z.number()])) })),
});
export type CaseSearchResult = z.infer<typeof caseSearchResultSchema>;

/** `POST /api/v1/cases` (operator intake). */
export const createdCaseSchema = z.object({ id: z.string(), caseNumber: z.string() });
export type CreatedCase = z.infer<typeof createdCaseSchema>;

/** `POST /api/v1/cases/:id/contacts`: a repeat contact attached to the case. */
export const repeatContactReceiptSchema = z.object({ contactId: z.string(), caseNumber: z.string(), status: z.enum(CASE_STATUSES) });
export type RepeatContactReceipt = z.infer<typeof repeatContactReceiptSchema>;

/** `POST /api/v1/cases/:id/reveal`: the caller in clear (permission needed; audited). */
export const revealedCallerSchema = z.object({
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  address: z.string().nullable(),
  callerIdNumber: z.string().nullable(),
  content: z.string().nullable().describe('the original text of the appeal when it differs from the redacted copy'),
});
export type RevealedCaller = z.infer<typeof revealedCallerSchema>;
