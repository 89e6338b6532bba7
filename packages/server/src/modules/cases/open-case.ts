import {
  formatCaseNumber, localDay, normalizeVulnerabilities, priorityScore, type CaseChanges, type CaseStatus, type CaseType, type Channel, type Urgency, type Vulnerability,
} from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { executeTogether, type BoundStatement } from '../../lib/prepared-query.js';
import { inTransaction, writeBeforeCommit, writeBehind, type TxContext } from '../../lib/unit-of-work.js';
import type { Jurisdiction } from '../jurisdictions/repository.js';
import * as repo from './repository.js';
import type { NewCaseEvent } from './repository.js';
import { replaceCaseVulnerabilities } from '../priority/vulnerability-repository.js';
import { indexDocuments } from '../search/store.js';
import { casePlaceKeys, placeKeysInsert } from '../intake-check/places.js';
import { noteCaseOpenedHere } from './opened-here.js';
import { freeTextColumns, sealContactText } from './free-text.js';
import { hashTrackingCode, newTrackingCode } from './tracking.js';
import { callerNameIndex } from './name-index.js';
import { insertUnitSuggestion, type UnitSuggestionInput } from './unit-suggestion.js';
import { columnsFor } from './case-state.js';

/** The key new cases' search documents are gathered under until their unit of work ends. */
const SEARCH_DOCUMENTS = 'search_documents:new_cases';

export interface OpenCaseInput {
  jurisdiction: Jurisdiction;
  channel: Channel;
  type: CaseType;
  urgency: Urgency;
  content: string;
  callerName?: string | undefined;
  /** E.164, already validated. */
  callerPhone?: string | undefined;
  address?: string | undefined;
  /** Resident ID number, already validated. */
  callerIdNumber?: string | undefined;
  lineId?: string | null;
  /** 诉求分类, already checked (assertChoosableCategory); absent for none. */
  categoryId?: string | null | undefined;
  /** Flags staff confirmed at intake (already validated); citizens' own appeals have none. */
  vulnerabilities?: readonly Vulnerability[];
  actor: { kind: 'citizen' } | { kind: 'staff'; userId: string };
  receivedAt?: Date | undefined;
  /** The tracking code the citizen was already given (public intake, ADR 0032); else a new one. */
  trackingCode?: string | undefined;
  /** The unit the contact itself named (an SMS petition), shown to whoever dispatches (ADR 0044). */
  unitSuggestion?: UnitSuggestionInput | undefined;
  /**
   * false: the caller merges the case in the same unit of work (unattended intake), and a merged
   * case has no place rows (ADR 0050), so none are written only to be deleted.
   */
  indexPlace?: boolean;
  /**
   * Unattended intake merges the case it opens (ADR 0055): the status machine's decision for that
   * merge, made for this id, is written with the row instead of updated into it a statement later.
   * The row ends as the merge transition would leave it (version 1, updated at the merge), and the
   * merge's event is written with the `created` one, in one statement, at the merge's time.
   */
  merged?: { id: string; status: CaseStatus; changes: CaseChanges; event: MergeEvent };
  /**
   * Writes of the same use case that read nothing the new case's rows write (the merged parent's
   * new priority, ADR 0080): sent with them, one statement on PostgreSQL. A promise is awaited only
   * once the case's rows are ready, so what it reads is read while they are sealed and bound.
   */
  alongside?: readonly BoundStatement[] | Promise<readonly BoundStatement[]>;
}

/** The merge transition's event, as the status machine decided it (its time is the merge's). */
export type MergeEvent = Omit<NewCaseEvent, 'caseId' | 'jurisdictionId' | 'createdAt'>;

export interface OpenedCase {
  id: string;
  caseNumber: string;
  trackingCode: string;
  /** When the case was merged (input.merged): after its creation, as the transition's time. */
  mergedAt?: Date;
}

/**
 * Opens a case from one inbound contact: the contact, the case and its first event are written
 * in one transaction, so an appeal is either fully recorded or not at all. Personal data is
 * sealed before it reaches the repository. Inside a caller's unit of work it joins it.
 */
export async function openCase(ctx: AppContext, input: OpenCaseInput): Promise<OpenedCase> {
  return inTransaction(ctx, (tx) => openCaseIn(tx, input));
}

async function openCaseIn(ctx: TxContext, input: OpenCaseInput): Promise<OpenedCase> {
  const trx = ctx.db;
  const at = input.receivedAt ?? new Date();
  const createdAt = nowIso(at);
  const day = localDay(at, input.jurisdiction.timezone);
  const sequence = await repo.nextCaseSequence(trx, input.jurisdiction.id, day);
  const caseNumber = formatCaseNumber(day, sequence);
  const trackingCode = input.trackingCode ?? newTrackingCode();
  const id = input.merged?.id ?? newId();
  const seal = (value: string | undefined): string | null => (value ? ctx.pii.encrypt(value) : null);
  // Decided here, once, from the line the contact came in on (ADR 0006); every presenter reads it.
  const callerProtected = input.lineId ? await repo.isTipLine(trx, input.lineId) : false;
  const caller = {
    caller_name_enc: seal(input.callerName),
    caller_phone_enc: seal(input.callerPhone),
    caller_phone_bidx: input.callerPhone ? ctx.pii.blindIndex(input.callerPhone) : null,
    caller_id_number_enc: seal(input.callerIdNumber),
  };
  const text = freeTextColumns(await sealContactText(trx, ctx.pii, input.content, input.lineId));
  const vulnerabilities = normalizeVulnerabilities(input.vulnerabilities ?? []);
  // What recomputeCasePriority would read back: one contact (this caller), the flags confirmed at
  // intake, no merged cases yet and an age of zero working days. Computed here, not read back
  // after five statements (ADR 0037: a tenth of a processed appeal's CPU).
  const scored = priorityScore({
    urgency: input.urgency, contacts: [{ callerKey: caller.caller_phone_bidx }], vulnerabilities, ageWorkingDays: 0,
  });

  // Taken after createdAt, as the transition that follows the opening would take it.
  const mergedAt = input.merged ? new Date() : undefined;
  const mergedColumns = input.merged && mergedAt
    ? { ...columnsFor(input.merged.changes, nowIso(mergedAt)), status: input.merged.status, updated_at: nowIso(mergedAt), version: 1 }
    : {};

  // The case and what belongs to it from the start (place rows, contact, events) are one statement
  // on PostgreSQL (executeTogether): one round trip of a processed appeal instead of four (ADR 0079).
  const addressEnc = seal(input.address);
  const writes = [repo.caseRowInsert(trx, {
    id,
    jurisdiction_id: input.jurisdiction.id,
    case_number: caseNumber,
    tracking_code_hash: hashTrackingCode(trackingCode),
    status: 'received',
    channel: input.channel,
    type: input.type,
    urgency: input.urgency,
    ...text,
    ...caller,
    caller_name_bidx: callerNameIndex(ctx.pii, input.callerName),
    address_enc: addressEnc,
    line_id: input.lineId ?? null,
    category_id: input.categoryId ?? null,
    caller_protected: callerProtected ? 1 : 0,
    lead_unit_id: null,
    priority: scored.score,
    // Its family is this one caller and these flags: a report merged into it later adds to them (ADR 0076).
    family_callers: scored.callers,
    family_flags: JSON.stringify(vulnerabilities),
    created_at: createdAt,
    updated_at: createdAt,
    ...mergedColumns,
  })];
  // Where it is, for unattended intake's same-building search (ADR 0037).
  const placeKeys = input.indexPlace === false ? [] : casePlaceKeys(ctx.pii, { jurisdictionName: input.jurisdiction.name, address: input.address, storedText: text.content });
  const places = placeKeysInsert(trx, { caseId: id, jurisdictionId: input.jurisdiction.id, createdAt, keys: placeKeys });
  if (places) writes.push(places);
  // What the duplicate look-ups would read back, for a batch that read its candidates at once (ADR 0080).
  noteCaseOpenedHere(trx, {
    jurisdictionId: input.jurisdiction.id, placeKeys,
    row: {
      id, case_number: caseNumber, status: input.merged?.status ?? 'received', content: text.content, address_enc: addressEnc,
      caller_phone_bidx: caller.caller_phone_bidx, line_id: input.lineId ?? null, caller_protected: callerProtected ? 1 : 0, created_at: createdAt, at: createdAt,
    },
  });
  writes.push(repo.contactRowInsert(trx, {
    id: newId(),
    jurisdiction_id: input.jurisdiction.id,
    case_id: id,
    channel: input.channel,
    line_id: input.lineId ?? null,
    ...caller,
    ...text,
    outcome: 'opened_case',
    received_at: createdAt,
  }));
  const created: NewCaseEvent = {
    caseId: id,
    jurisdictionId: input.jurisdiction.id,
    type: 'created',
    actorKind: input.actor.kind,
    actorUserId: input.actor.kind === 'staff' ? input.actor.userId : null,
    fromStatus: null,
    toStatus: 'received',
    // The flags confirmed at intake belong to the record of who said what, like later changes;
    // so does the unit the citizen named, which the timeline shows as the suggested unit.
    payload: {
      channel: input.channel,
      ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}),
      ...(input.unitSuggestion ? { suggestedUnitId: input.unitSuggestion.unitId, suggestionSource: input.unitSuggestion.source } : {}),
    },
    createdAt,
  };
  const events = input.merged && mergedAt ? [created, { ...input.merged.event, caseId: id, jurisdictionId: input.jurisdiction.id, createdAt: nowIso(mergedAt) }] : [created];
  writes.push(...(await input.alongside ?? []), repo.eventsInsert(trx, events));
  // Nothing below needs its result: sent behind, so a batch's next appeal is prepared meanwhile (ADR 0080).
  await writeBehind(trx, () => executeTogether(trx, writes));
  // A new case has no flags to replace: write only what was confirmed.
  if (vulnerabilities.length > 0) await replaceCaseVulnerabilities(trx, id, vulnerabilities);
  // A case opened here has no followers to tell of either event.
  await repo.fanOutEvents(trx, events, { openedHere: true });
  if (input.unitSuggestion) await insertUnitSuggestion(trx, { caseId: id, jurisdictionId: input.jurisdiction.id, at: createdAt, ...input.unitSuggestion });
  // The redacted copy only: personal data never enters the search index. Written with the unit of
  // work's other new cases, at its end (a drainer batch: one full-text segment, not one per case; ADR 0071).
  await writeBeforeCommit(trx, SEARCH_DOCUMENTS, { type: 'case' as const, id, jurisdictionId: input.jurisdiction.id, text: text.content }, (db, docs) =>
    indexDocuments(db, ctx.dialect, docs, { fresh: true }));
  return { id, caseNumber, trackingCode, ...(mergedAt ? { mergedAt } : {}) };
}
