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
  if (defaultRegion === 'CN') {
    const mobile = CN_PLAIN_MOBILE.exec(cleaned)?.[1];
    if (mobile !== undefined && CN_MOBILE.test(mobile)) return { ok: true, e164: `+86${mobile}`, national: mobile };
  }
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
 * A Chinese mobile typed plainly (11 digits, or +86 and 11 digits) is most of what the public form
 * and the hotline see. Parsing it with the full metadata costs ~10 µs idle (50 µs on a loaded
 * machine), the public form's largest piece of our own CPU in a surge (issue 13 §1, ADR 0054);
 * its validity is decided by libphonenumber's CN mobile pattern alone, copied here
 * (`phone.test.ts` checks it is still the metadata's). Anything else is parsed as before.
 */
const CN_PLAIN_MOBILE = /^(?:\+86)?(1\d{10})$/;
export const CN_MOBILE_PATTERN = '1(?:610\\d|740[0-5])\\d{6}|1(?:[38]\\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\\d{8}';
const CN_MOBILE = new RegExp(`^(?:${CN_MOBILE_PATTERN})$`);

/**
 * The last few numbers parsed. Parsing with the full metadata costs ~10 µs, and a public appeal
 * has its number parsed twice on the accept path of a surge (the schema's check, then E.164 for
 * storing): the second is a lookup here (issue 13 §1). Results are frozen: callers share them.
 */
const RECENT_MAX = 256;
const recent = new Map<string, PhoneResult>();
