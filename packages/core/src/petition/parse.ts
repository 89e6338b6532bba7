import { findAddress } from './address.js';
import { findDemand } from './demand.js';
import { findIdNumbers, pickIdNumber } from './id.js';
import { OTHER_NUMBER_LABELS, labelRegex } from './labels.js';
import { findName } from './name.js';
import { normalizePetitionText, type Span } from './text.js';
import type { ParsedPetition, PetitionUnitCandidate } from './types.js';
import { findUnitMentions, pickUnit } from './unit.js';

const OTHER_NUMBERS = new RegExp(
  `(?:${labelRegex(OTHER_NUMBER_LABELS).source.slice(3, -1)})\\s*(?::|是)?\\s*\\d[\\d -]{5,}\\d|(?<!\\d)1[3-9]\\d(?:[ -]?\\d){8}(?!\\d)`,
  'gu',
);

/**
 * Reads one SMS to a petition line. Fields are found in the order that makes the next one
 * safer: numbers first (an ID number is unambiguous), then the unit (so 市住建局 is not read
 * as an address or a name), the name, the home address, and what remains is the demand.
 */
export function parsePetitionMessage(text: string, units: readonly PetitionUnitCandidate[]): ParsedPetition {
  const t = normalizePetitionText(text);
  const taken: Span[] = [];
  const ids = findIdNumbers(t);
  for (const f of ids) taken.push(f);
  // Phone and card numbers leave the demand too: they are personal data, not what is asked.
  for (const m of t.matchAll(OTHER_NUMBERS)) taken.push({ start: m.index, end: m.index + m[0].length });
  const id = pickIdNumber(ids);
  const mentions = findUnitMentions(t, units);
  const unit = pickUnit(mentions);
  if (unit?.addressed) taken.push(withLabel(t, unit));
  const name = findName(t, taken);
  if (name) taken.push(name);
  // Units anywhere are no address (住 in 市住房和城乡建设局 is not 住 = lives at).
  const address = findAddress(t, taken, mentions);
  if (address) taken.push(address);
  const demand = findDemand(t, taken);
  return {
    unit: unit ? { id: unit.id, matched: unit.matched } : null,
    name: name?.name ?? null,
    address: address?.address ?? null,
    idNumber: id?.id ?? null,
    demand,
    invalid: id && !id.id && id.reason ? [{ field: 'idNumber', reason: id.reason }] : [],
  };
}

/** The addressee with the words that address it (致, 信访单位：), so neither stays in the demand. */
function withLabel(text: string, span: Span): Span {
  const before = text.slice(Math.max(0, span.start - 8), span.start);
  const m = /(?:(?:信访|反映|投诉|受理|被反映|被投诉|责任)?单位(?:名称)?(?:是|为)?|尊敬的|致|向|给|(?:反映|投诉|信访)的?是)[\s:]*$/u.exec(before);
  const start = m ? span.start - m[0].length : span.start;
  // 向市卫健委反映： the verb that addresses the unit goes with it; the demand follows.
  const after = /^\s*(?:(?:反映|投诉|举报|信访|求助)(?:一下)?)?\s*(?::|,)?/u.exec(text.slice(span.end, span.end + 20));
  return { start, end: span.end + (after ? after[0].length : 0) };
}
