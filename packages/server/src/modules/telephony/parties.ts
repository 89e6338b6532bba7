import { lineNumberKey, normalizePhone } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';

/** Numbers a phone system writes for a caller who withheld theirs. */
const WITHHELD = new Set(['', 'anonymous', 'unknown', 'private', 'restricted', 'unavailable', 'withheld']);

export interface SealedParty {
  enc: string;
  bidx: string;
}

/**
 * The citizen's number, sealed with the same blind index as a case's caller (E.164 when it is
 * a phone number, so a call and a case of one caller meet), or null for a withheld number.
 */
export function sealParty(raw: string, pii: PiiCipher): SealedParty | null {
  const trimmed = raw.trim();
  if (WITHHELD.has(trimmed.toLowerCase())) return null;
  const phone = normalizePhone(trimmed);
  const value = phone.ok ? phone.e164 : trimmed;
  return { enc: pii.encrypt(value), bidx: pii.blindIndex(value) };
}

/** Which side of a call is ours and which the citizen's: inbound calls come to the line, outbound leave it. */
export function sides(direction: 'in' | 'out', from: string, to: string): { lineNumber: string; party: string } {
  return direction === 'in' ? { lineNumber: to, party: from } : { lineNumber: from, party: to };
}

/** The line a number names among the jurisdiction's lines (core lineNumberKey), if any. */
export function matchLine(lines: ReadonlyArray<{ id: string; number: string }>, number: string): string | null {
  if (number.trim() === '') return null;
  const key = lineNumberKey(number);
  return lines.find((l) => lineNumberKey(l.number) === key)?.id ?? null;
}
