/**
 * Character folding and punctuation classes for phrase matching. Folding maps one UTF-16 unit to
 * one unit, so a match found in the folded text has the same span in the original and callers can
 * highlight `text.slice(start, end)` without an offset table.
 */

/** Upper-case ASCII to lower case, full-width ASCII (ＡＢＣ，１２３) to half-width, U+3000 to a space. */
export function foldCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  else if (code === 0x3000) return 0x20;
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}

export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

/**
 * 0: ordinary character · 1: ends a clause (comma, enumeration comma, semicolon, colon, space —
 * citizens often type spaces for commas in SMS) · 2: ends a sentence. Applied to folded codes, so
 * full-width ，；：！？ arrive here as ASCII.
 */
export function boundaryClass(code: number): 0 | 1 | 2 {
  switch (code) {
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x3001: // 、
    case 0x20:
    case 0x09:
      return 1;
    case 0x3002: // 。
    case 0x2e: // .
    case 0x21: // !
    case 0x3f: // ?
    case 0x0a:
    case 0x0d:
    case 0x2026: // …
      return 2;
    default:
      return 0;
  }
}

/**
 * A letter, digit or apostrophe of a Latin-script word, after folding. English is written in
 * words: "fire" must not match inside "firework", and the space in "gas leak" joins two words
 * rather than ending a clause, as a space between Chinese characters does.
 */
export function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x27 || code === 0x2019;
}

/** Whether the space at `i` of folded `text` sits between two Latin-script words (so joins them). */
export function isWordSpace(text: string, i: number): boolean {
  return (
    text.charCodeAt(i) === 0x20 &&
    i > 0 &&
    isWordCode(foldCode(text.charCodeAt(i - 1))) &&
    isWordCode(foldCode(text.charCodeAt(i + 1)))
  );
}

/**
 * Whether a lexicon word contains punctuation that would split it across clauses. Single spaces
 * between Latin-script words ("gas leak") are allowed: the matcher does not treat them as clause ends.
 */
export function hasBoundary(word: string): boolean {
  const folded = foldText(word);
  for (let i = 0; i < folded.length; i += 1) {
    if (boundaryClass(folded.charCodeAt(i)) !== 0 && !isWordSpace(folded, i)) return true;
  }
  return false;
}
