import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult =
  | { ok: true; e164: string; national: string }
  | { ok: false };

/**
 * Normalises what a caller typed into E.164. Callers in China usually give a mobile number
 * without +86, or a landline with its area code, so CN is the default region.
 */
export function normalizePhone(input: string, defaultRegion: CountryCode = 'CN'): PhoneResult {
  const cleaned = input.trim();
  if (cleaned.length === 0 || cleaned.length > 32) return { ok: false };
  const key = `${defaultRegion} ${cleaned}`;
  const known = recent.get(key);
  if (known) return known;
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion);
  const result: PhoneResult = parsed?.isValid() ? { ok: true, e164: parsed.number, national: parsed.nationalNumber } : { ok: false };
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(key, Object.freeze(result));
  return result;
}

/**
 * The last few numbers parsed. Parsing with the full metadata costs ~10 µs, and a public appeal
 * has its number parsed twice on the accept path of a surge (the schema's check, then E.164 for
 * storing): the second is a lookup here (issue 13 §1). Results are frozen: callers share them.
 */
const RECENT_MAX = 256;
const recent = new Map<string, PhoneResult>();
