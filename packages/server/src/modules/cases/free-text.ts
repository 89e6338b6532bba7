import { redactPersonalData, type CaseAction, type PersonalDataKind } from '@openline/core';
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { DB } from '../../db/schema.js';
import { findLineMode } from '../lines/repository.js';

/** The two columns every row holding a citizen's free text carries (ADR 0009). */
export interface SealedFreeText {
  /** Redacted copy: lists, detail, the search index and router training read this. */
  content: string;
  /** The original, sealed; only the audited reveal opens it. */
  content_enc: string;
  found: PersonalDataKind[];
}

/**
 * Seals what a citizen wrote and keeps a redacted copy. The original is sealed even when nothing
 * was found, so a better detector can redact old rows again from it, and so a reveal never
 * depends on what the detector happened to see.
 */
export function sealFreeText(pii: PiiCipher, text: string, options: { smsOnlyLine?: boolean | undefined } = {}): SealedFreeText {
  const { redacted, found } = redactPersonalData(text, options);
  return { content: redacted, content_enc: pii.encrypt(text), found };
}

/**
 * Seals a contact's text by the line it came in on: every write path (operator intake, repeat
 * contacts, web form, SMS, emergency redirects) goes through here, so none keeps clear text.
 */
export async function sealContactText(
  db: Kysely<DB>,
  pii: PiiCipher,
  text: string,
  lineId: string | null | undefined,
): Promise<SealedFreeText> {
  const mode = lineId ? await findLineMode(db, lineId) : undefined;
  return sealFreeText(pii, text, { smsOnlyLine: mode === 'sms_only' });
}

/** The original text, or null when it is the same as the redacted copy (nothing to reveal). */
export function originalFreeText(pii: PiiCipher, row: { content: string; content_enc: string | null }): string | null {
  if (row.content_enc === null) return null;
  const original = pii.decrypt(row.content_enc);
  return original === row.content ? null : original;
}

/** Columns to write for a row: the redacted copy and the sealed original (found is for callers). */
export function freeTextColumns(sealed: SealedFreeText): { content: string; content_enc: string } {
  return { content: sealed.content, content_enc: sealed.content_enc };
}

/**
 * A return visit's comment is the citizen's own words (typed by them on the tracking page, or by
 * staff on the phone): phone and ID numbers in it are kept redacted, like the appeal's text.
 * Staff-written texts (replies, reasons) are not touched: they are addressed to the citizen and
 * carry office numbers on purpose (ADR 0009).
 */
export function redactCitizenWords(action: CaseAction): CaseAction {
  if (action.type !== 'visit' || !action.payload.comment) return action;
  return { ...action, payload: { ...action.payload, comment: redactPersonalData(action.payload.comment).redacted } };
}
