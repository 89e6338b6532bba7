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
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion);
  if (!parsed || !parsed.isValid()) return { ok: false };
  return { ok: true, e164: parsed.number, national: parsed.nationalNumber };
}
