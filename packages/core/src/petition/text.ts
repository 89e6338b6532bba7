/**
 * Text normalisation and the small character classes the petition rules share.
 */

/**
 * NFKC turns full-width digits, Latin letters and punctuation (１２３, ：, ，) into ASCII, which
 * is safe for Chinese text: Han characters are untouched (compatibility ideographs map to their
 * unified forms). Zero-width characters, pasted from chat apps, are dropped; runs of spaces and
 * tabs collapse to one space; line breaks stay, since they separate fields.
 */
export function normalizePetitionText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000\u00a0]+/g, ' ');
}

export const HAN_RE = /[\u3400-\u9fff]/u;

/** Where a field's value ends: clause punctuation (after NFKC) and line breaks. */
export const FIELD_END = /[,;。!?、\n]/;

export interface Span {
  start: number;
  end: number;
}

export function hanCount(s: string): number {
  let n = 0;
  for (const ch of s) if (HAN_RE.test(ch)) n += 1;
  return n;
}
