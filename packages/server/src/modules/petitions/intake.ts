import { detectUrgency, mergePetitionParts, missingPetitionFields, parsePetitionMessage, redactPersonalData, type ParsedPetition, type PetitionField } from '@openline/core';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { unlessTaken } from '../../lib/conflicts.js';
import type { TxContext } from '../../lib/unit-of-work.js';
import type { Jurisdiction } from '../jurisdictions/repository.js';
import { urgencyLexiconFor } from '../triage-settings/lexicon.js';
import { takeUnattendedContact, type UnattendedOutcome } from '../unattended-intake/service.js';
import { expirePetition } from './expiry.js';
import { parseColumns, storedParse, unitCandidates, type PetitionProblem } from './fields.js';
import { findWaitingPetition, insertPetition, settlePetition, updateWaitingPetition, type PendingPetitionRow } from './repository.js';

export const DEFAULT_PETITION_WINDOW_HOURS = 72;
const HOUR_MS = 3_600_000;

export type PetitionTake =
  | { kind: 'incomplete'; petitionId: string; parsed: ParsedPetition; missing: PetitionField[]; invalid: PetitionProblem[] }
  | { kind: 'taken'; outcome: UnattendedOutcome };

export interface PetitionMessage {
  jurisdiction: Jurisdiction;
  line: { id: string; mode: string };
  fromE164: string;
  text: string;
  ip: string;
  windowHours: number;
  now: Date;
}

const conflict = (): AppError => new AppError('CONFLICT', 'Another message of this petition is being taken; retry later');

/**
 * Complete: every field present and none invalid (DESIGN §1: petitions must be attributable).
 * The two lists do not overlap: an ID number given wrongly is invalid, not missing.
 */
export function petitionGaps(p: ParsedPetition): { missing: PetitionField[]; invalid: PetitionProblem[] } {
  return { missing: missingPetitionFields(p).filter((f) => !p.invalid.some((e) => e.field === f)), invalid: p.invalid };
}

/**
 * One message to the petition line, inside the SMS transaction. An emergency goes straight to
 * unattended intake (told the number to call; a missing ID number must not delay that). Otherwise
 * the message is merged into the sender's waiting petition, if any: once nothing is missing or
 * invalid the case opens through unattended intake (urgency, duplicates, routing), else the
 * petition waits, sealed, for the next message, an operator, or its expiry.
 */
export async function takePetitionMessage(ctx: TxContext, m: PetitionMessage): Promise<PetitionTake> {
  const urgency = detectUrgency(m.text, await urgencyLexiconFor(ctx, m.jurisdiction.id));
  if (urgency.level === 'emergency' && urgency.redirect) {
    return { kind: 'taken', outcome: await takeUnattendedContact(ctx, { jurisdiction: m.jurisdiction, channel: 'sms', content: m.text, phoneE164: m.fromE164, line: m.line, ip: m.ip }) };
  }
  const senderBidx = ctx.pii.blindIndex(m.fromE164);
  let waiting = await findWaitingPetition(ctx.db, { lineId: m.line.id, senderBidx });
  // Past its window but not yet swept: it ends now, with its final reply, and this message starts afresh.
  if (waiting && new Date(waiting.expires_at).getTime() <= m.now.getTime()) {
    await expirePetition(ctx, waiting, m.jurisdiction);
    waiting = undefined;
  }
  const units = await unitCandidates(ctx.db, m.jurisdiction.id);
  const parsed = parsePetitionMessage(m.text, units);
  const merged = waiting ? mergePetitionParts(storedParse(ctx.pii, waiting), parsed) : parsed;
  const gaps = petitionGaps(merged);
  const texts = waiting ? `${ctx.pii.decrypt(waiting.text_enc)}\n${m.text}` : m.text;

  if (gaps.missing.length === 0 && gaps.invalid.length === 0) {
    const outcome = await openPetitionCase(ctx, { ...m, parsed: merged, content: texts });
    if (waiting && !(await settlePetition(ctx.db, { id: waiting.id, status: 'opened', caseId: caseIdOf(outcome), userId: null, at: nowIso(m.now) }))) throw conflict();
    return { kind: 'taken', outcome };
  }

  const at = nowIso(m.now);
  const columns = {
    text: redactPersonalData(texts, { smsOnlyLine: true }).redacted,
    text_enc: ctx.pii.encrypt(texts),
    ...parseColumns(ctx.pii, merged),
    missing: JSON.stringify(gaps.missing),
    invalid: JSON.stringify(gaps.invalid),
    updated_at: at,
  };
  if (waiting) {
    const updated = await updateWaitingPetition(ctx.db, { id: waiting.id, expectedParts: waiting.parts, set: { ...columns, parts: waiting.parts + 1 } });
    if (!updated) throw conflict();
    return { kind: 'incomplete', petitionId: waiting.id, parsed: merged, ...gaps };
  }
  const id = newId();
  // Two first messages of one sender racing (PostgreSQL): the second meets the partial unique index and is retried.
  await unlessTaken(
    () =>
      insertPetition(ctx.db, {
        id, jurisdiction_id: m.jurisdiction.id, line_id: m.line.id, status: 'pending', sender_enc: ctx.pii.encrypt(m.fromE164), sender_bidx: senderBidx,
        parts: 1, created_at: at, expires_at: nowIso(new Date(m.now.getTime() + m.windowHours * HOUR_MS)), case_id: null, settled_at: null, settled_by: null, ...columns,
      }),
    conflict,
  );
  return { kind: 'incomplete', petitionId: id, parsed: merged, ...gaps };
}

export const caseIdOf = (outcome: UnattendedOutcome): string | null => (outcome.kind === 'redirected' ? null : outcome.caseId);

/** A complete petition becomes a case like any unattended contact, with the sender's stated identity on it. */
export function openPetitionCase(
  ctx: TxContext,
  o: { jurisdiction: Jurisdiction; line: { id: string; mode: string }; fromE164: string; ip: string; parsed: ParsedPetition; content: string },
): Promise<UnattendedOutcome> {
  return takeUnattendedContact(ctx, {
    jurisdiction: o.jurisdiction, channel: 'sms', content: o.content, phoneE164: o.fromE164, line: o.line, ip: o.ip,
    callerName: o.parsed.name ?? undefined, address: o.parsed.address ?? undefined, callerIdNumber: o.parsed.idNumber ?? undefined,
    // The unit named is the case's suggested unit, not its dispatch: the parser or the petitioner
    // may be wrong, so the operator sees it (and the words that named it) and chooses (ADR 0044).
    unitSuggestion: o.parsed.unit ? { unitId: o.parsed.unit.id, source: 'petition', matched: o.parsed.unit.matched || null } : undefined,
  });
}

export type { PendingPetitionRow };
