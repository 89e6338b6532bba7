/**
 * The form of a caller's name that a blind index is taken of (ADR 0027), so the spellings an
 * operator may type for one name meet: full-width and half-width forms (NFKC), Latin case, and
 * the spaces and middle dots written between the parts of a name (阿依古丽·买买提, "Li  Wei").
 * Only the exact full name matches: a keyed hash cannot answer "starts with", and a surname alone
 * would be a search of half the city. Answers null for a name that is only spaces and dots.
 */
const SEPARATORS = /[\s\u00b7\u2027\u30fb\u2022.\-_]+/gu;

export function personNameKey(name: string): string | null {
  const key = name.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
  return key.length === 0 ? null : key;
}

/**
 * What goes into the keyed HMAC for a name: prefixed, so a name's index can never equal a phone
 * number's (phones are indexed as bare E.164) even if someone typed digits as a name.
 */
export function personNameIndexInput(name: string): string | null {
  const key = personNameKey(name);
  return key === null ? null : `name:${key}`;
}
