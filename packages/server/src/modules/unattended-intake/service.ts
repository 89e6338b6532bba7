import { detectUrgency, type EventPayload } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { openCase, type OpenCaseInput } from '../cases/open-case.js';
import { attachContactIn } from '../cases/repeat-contact.js';
import { findCaseById } from '../cases/repository.js';
import { hashTrackingCode, newTrackingCode } from '../cases/tracking.js';
import type { UnitSuggestionInput } from '../cases/unit-suggestion.js';
import { recordRedirectedContact } from '../contacts/redirect.js';
import { findAutoCandidates, type AutoCandidateSearch } from '../intake-check/candidates.js';
import type { CandidateFinder } from './batch-candidates.js';
import type { Jurisdiction } from '../jurisdictions/repository.js';
import { urgencyLexiconFor } from '../triage-settings/lexicon.js';
import { chooseAutoApplication, type AutoApplication } from './choose.js';
import { openMergedCase } from './merge.js';

/** One inbound contact with no operator on the other end (an SMS, the public web form, an Open311 client). */
export interface UnattendedContact {
  jurisdiction: Jurisdiction;
  channel: 'sms' | 'web' | 'open311';
  content: string;
  /** E.164, already validated; an Open311 request may come without one. */
  phoneE164: string | undefined;
  callerName?: string | undefined;
  address?: string | undefined;
  /** Resident ID number, already validated (the SMS petition line asks for it). */
  callerIdNumber?: string | undefined;
  /** The published line it came in on (SMS); null for the web form. */
  line: { id: string; mode: string } | null;
  ip: string;
  /** The citizen was told it may be an emergency and confirmed it is not (web form). */
  confirmedNotEmergency?: boolean | undefined;
  /** The category the citizen chose on the web form, already checked. */
  categoryId?: string | undefined;
  /**
   * Nobody can be told to call the emergency number now (an Open311 client sends its reports
   * later, from its own queue): an emergency opens an urgent case for the operators instead of
   * being redirected, since refusing it would lose it.
   */
  noOneToRedirect?: boolean | undefined;
  /** The unit the contact named (an SMS petition): a suggestion for dispatch, never a dispatch (ADR 0044). */
  unitSuggestion?: UnitSuggestionInput | undefined;
}

export type UnattendedOutcome =
  | { kind: 'redirected'; contactId: string; redirectNumber: string; reason: string }
  // No case number or status: the phone may be someone else's (the web form does not prove it),
  // so the sender gets a tracking code of their own that follows the case coarsely.
  | { kind: 'attached'; caseId: string; contactId: string; trackingCode: string }
  | { kind: 'merged'; caseId: string; caseNumber: string; trackingCode: string; parentCaseNumber: string }
  | { kind: 'opened'; caseId: string; caseNumber: string; trackingCode: string };

/**
 * Takes an unattended contact in one unit of work (joining the caller's). Urgency first: an emergency is
 * answered with the number to call and kept as a redirected contact, never a case. Then
 * duplicates, applied only at core's stricter bar (ADR 0005): the same caller's open case gets
 * the contact attached (status and priority unchanged), the same building's open case gets a new
 * case merged into it (one dispatch; the appeal keeps its own number and tracking code). Anything
 * else opens a case as before. What was applied automatically says so, with its score, in the
 * event and the audit log, so staff can see and correct it.
 */
export async function takeUnattendedContact(ctx: AppContext, contact: UnattendedContact): Promise<UnattendedOutcome> {
  return inTransaction(ctx, (tx) => take(tx, contact));
}

async function take(ctx: TxContext, contact: UnattendedContact): Promise<UnattendedOutcome> {
  const { jurisdiction } = contact;
  // Reads go through ctx.db, the transaction: SQLite has one connection, and it is held.
  const urgency = detectUrgency(contact.content, await urgencyLexiconFor(ctx, jurisdiction.id));
  if (urgency.level === 'emergency' && urgency.redirect && !contact.confirmedNotEmergency && !contact.noOneToRedirect) {
    const contactId = await recordRedirectedContact(ctx, {
      jurisdictionId: jurisdiction.id, actorUserId: null, ip: contact.ip, channel: contact.channel, callerPhone: contact.phoneE164 ?? null,
      content: contact.content, redirectNumber: urgency.redirect.number, category: urgency.redirect.category, lineId: contact.line?.id,
    });
    return { kind: 'redirected', contactId, redirectNumber: urgency.redirect.number, reason: urgency.redirect.reason };
  }

  // An emergency nobody can be redirected from (Open311) is filed as urgent, for the operators to act on at once.
  const level = urgency.level === 'urgent' || (urgency.level === 'emergency' && contact.noOneToRedirect) ? 'urgent' : 'normal';
  return fileUnattendedContact(ctx, contact, { urgency: level });
}

/** How a contact already read for emergencies is filed: its urgency, and (accepted earlier) its code and time. */
export interface FilingOptions {
  urgency: 'urgent' | 'normal';
  /** The tracking code the sender was already given when the appeal was accepted (ADR 0032). */
  trackingCode?: string | undefined;
  /** When it was accepted, if earlier than now: the case's time and the day of its number. */
  receivedAt?: Date | undefined;
  /** Where its candidates come from: a drainer batch read them with its other appeals' (ADR 0080); else looked up now. */
  findCandidates?: CandidateFinder | undefined;
}

/** What a contact's duplicate candidates are looked up with, filed at `now`. */
export function candidateSearchOf(contact: Pick<UnattendedContact, 'jurisdiction' | 'content' | 'phoneE164' | 'address'>, now: Date): AutoCandidateSearch {
  const { jurisdiction } = contact;
  return {
    jurisdictionId: jurisdiction.id, jurisdictionName: jurisdiction.name, content: contact.content, phoneE164: contact.phoneE164,
    address: contact.address, now, placeFromText: true,
  };
}

/**
 * The part of unattended intake after the emergency check, in the caller's unit of work: attach,
 * merge or open (see takeUnattendedContact). The public intake drainer calls it for appeals that
 * were accepted durably and read for emergencies on the request path.
 */
export async function fileUnattendedContact(
  ctx: TxContext,
  contact: UnattendedContact,
  options: FilingOptions,
): Promise<Exclude<UnattendedOutcome, { kind: 'redirected' }>> {
  const { jurisdiction } = contact;
  const now = options.receivedAt ?? new Date();
  const candidates = await (options.findCandidates ?? findAutoCandidates)(ctx, candidateSearchOf(contact, now));
  const isTip = contact.line?.mode === 'tip';
  const chosen = chooseAutoApplication(candidates, { contactIsTip: isTip });
  // An attach is the same caller's open case, so it needs the caller's number.
  if (chosen?.kind === 'attach' && contact.phoneE164 !== undefined) return attach(ctx, contact, contact.phoneE164, chosen, options.trackingCode);

  const input = {
    jurisdiction,
    channel: contact.channel,
    // The citizen does not classify the appeal; the operator retypes it at triage. A tip line takes reports.
    type: isTip ? 'report' : 'help',
    urgency: options.urgency,
    content: contact.content,
    callerName: contact.callerName,
    callerPhone: contact.phoneE164,
    address: contact.address,
    callerIdNumber: contact.callerIdNumber,
    lineId: contact.line?.id ?? null,
    categoryId: contact.categoryId ?? null,
    actor: { kind: 'citizen' },
    trackingCode: options.trackingCode,
    receivedAt: options.receivedAt,
    unitSuggestion: contact.unitSuggestion,
  } satisfies Omit<OpenCaseInput, 'merged' | 'indexPlace'>;
  if (chosen?.kind !== 'merge') {
    const opened = await openCase(ctx, input);
    return { kind: 'opened', caseId: opened.id, caseNumber: opened.caseNumber, trackingCode: opened.trackingCode };
  }

  const parent = chosen.candidate;
  const opened = await openMergedCase(ctx, input, { parent, ip: contact.ip, detail: { ...automatic(chosen), parentCaseNumber: parent.caseNumber } });
  return { kind: 'merged', caseId: opened.id, caseNumber: opened.caseNumber, trackingCode: opened.trackingCode, parentCaseNumber: parent.caseNumber };
}

/** What staff see on the event and in the audit log: no person decided this, and how sure it was. */
function automatic(chosen: AutoApplication): EventPayload {
  return {
    automatic: true,
    rule: chosen.kind === 'attach' ? 'repeat' : 'same_address',
    similarity: Math.round(chosen.candidate.facts.textSimilarity * 1000) / 1000,
  };
}

async function attach(
  ctx: TxContext, contact: UnattendedContact, phoneE164: string, chosen: AutoApplication, given?: string,
): Promise<{ kind: 'attached'; caseId: string; contactId: string; trackingCode: string }> {
  const trx = ctx.db;
  const row = await findCaseById(trx, contact.jurisdiction.id, chosen.candidate.caseId);
  if (!row) throw new Error(`unattended intake: candidate ${chosen.candidate.caseId} vanished inside the transaction`);
  const detail = automatic(chosen);
  const trackingCode = given ?? newTrackingCode();
  const contactId = await attachContactIn(ctx, {
    row, channel: contact.channel, lineId: contact.line?.id ?? null, callerName: contact.callerName, callerPhone: phoneE164,
    content: contact.content, trackingCodeHash: hashTrackingCode(trackingCode), actor: { kind: 'system', detail },
  });
  await appendAudit(trx, {
    jurisdictionId: row.jurisdiction_id, actorUserId: null, action: 'contact.auto_attach', targetType: 'case', targetId: row.id,
    ip: contact.ip, detail: { ...detail, contactId, channel: contact.channel },
  });
  return { kind: 'attached', caseId: row.id, contactId, trackingCode };
}
