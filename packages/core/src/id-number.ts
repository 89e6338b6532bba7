/**
 * Mainland resident identity numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check
 * character (0–9 or X). SMS-only lines require one (DESIGN §1); checking the check digit at
 * intake catches most typing errors before a department has to chase the citizen.
 *
 * The six-digit division code is deliberately not checked against today's list: counties merge
 * and are renamed, and a number issued under an abolished code stays valid for life.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'birthdate' | 'checksum';
export type IdNumberCheck = { ok: true; id: string } | { ok: false; reason: IdNumberProblem };

export interface IdNumberCheckOptions {
  /**
   * Also accept the first-generation 15-digit form (6-digit division, YYMMDD in the 1900s,
   * 3-digit sequence, no check character). Petitioners still quote the number on old papers.
   */
  legacy15?: boolean;
}

/**
 * Why a written ID number is not valid, or its normal form: NFKC (full-width digits), spaces
 * dropped, `x` upper-cased. Problems are checked in the order format, birth date, check
 * character, so a typo inside the date is reported as the date (the more useful hint), not as the
 * check character it also breaks.
 */
export function checkIdNumber(input: string, options: IdNumberCheckOptions = {}): IdNumberCheck {
  const id = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (options.legacy15 && /^\d{15}$/.test(id)) {
    return realDate(`19${id.slice(6, 12)}`) ? { ok: true, id } : { ok: false, reason: 'birthdate' };
  }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'format' };
  if (!realDate(id.slice(6, 14))) return { ok: false, reason: 'birthdate' };
  return idCheckCharacter(id.slice(0, 17)) === id[17] ? { ok: true, id } : { ok: false, reason: 'checksum' };
}

/** The valid 18-character form of an ID number, or null. The legacy 15-digit form is not accepted here. */
export function normalizeIdNumber(input: string): string | null {
  const result = checkIdNumber(input);
  return result.ok ? result.id : null;
}

/** The GB 11643 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK[sum % 11] ?? '';
}

/** YYYYMMDD names a day that existed, from 1900 on (no resident alive was born earlier). */
function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
