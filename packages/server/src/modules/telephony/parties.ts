import { lineNumberKey, normalizePhone } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';

/** Numbers a phone system writes for a caller who withheld theirs. */
const WITHHELD = new Set(['', 'anonymous', 'unknown', 'private', 'restricted', 'unavailable', 'withheld']);

/**
 * A bounded memo of a pure function of a number: libphonenumber is the largest CPU cost of a
 * webhook event, and a call's two or three events (and a jurisdiction's lines, matched on every
 * event) repeat the same numbers. Being pure, it needs no invalidation; it is only emptied when full.
 */
function memo(fn: (raw: string) => string): (raw: string) => string {
  const seen = new Map<string, string>();
  return (raw) => {
    let value = seen.get(raw);
    if (value === undefined) {
      if (seen.size >= 10_000) seen.clear();
      value = fn(raw);
      seen.set(raw, value);
    }
    return value;
  };
}

/** E.164 when it is a phone number, else the trimmed text. */
const partyValue = memo((trimmed) => {
  const phone = normalizePhone(trimmed);
  return phone.ok ? phone.e164 : trimmed;
});
const lineKey = memo(lineNumberKey);

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
  const value = partyValue(trimmed);
  return { enc: pii.encrypt(value), bidx: pii.blindIndex(value) };
}

/** Which side of a call is ours and which the citizen's: inbound calls come to the line, outbound leave it. */
export function sides(direction: 'in' | 'out', from: string, to: string): { lineNumber: string; party: string } {
  return direction === 'in' ? { lineNumber: to, party: from } : { lineNumber: from, party: to };
}

/** The line a number names among the jurisdiction's lines (core lineNumberKey), if any. */
export function matchLine(lines: ReadonlyArray<{ id: string; number: string }>, number: string): string | null {
  if (number.trim() === '') return null;
  const key = lineKey(number);
  return lines.find((l) => lineKey(l.number) === key)?.id ?? null;
}
