import { findAddress } from './address.js';
import { findDemand } from './demand.js';
import { findIdNumbers, pickIdNumber } from './id.js';
import { findName } from './name.js';
import { normalizePetitionText, type Span } from './text.js';
import type { ParsedPetition, PetitionUnitCandidate } from './types.js';
import { findUnitMentions, pickUnit } from './unit.js';

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
  // Phone numbers leave the demand too; they are not a field here.
  for (const m of t.matchAll(/(?:(?:联系)?电话|手机号?(?:码)?|联系方式)?\s*(?::|是)?\s*(?<!\d)1[3-9]\d(?:[ -]?\d){8}(?!\d)/gu)) {
    taken.push({ start: m.index, end: m.index + m[0].length });
  }
  const id = pickIdNumber(ids);
  const mentions = findUnitMentions(t, units);
  const unit = pickUnit(mentions);
  if (unit?.addressed) taken.push(withLabel(t, unit));
  const name = findName(t, taken);
  if (name) taken.push(name);
  const address = findAddress(t, taken);
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
  const m = /(?:(?:信访|反映|投诉|受理|被反映|被投诉|责任)?单位(?:名称)?\s*:?\s*|尊敬的|致|向|给)\s*$/u.exec(before);
  const start = m ? span.start - m[0].length : span.start;
  const after = /^\s*(?::|,)/u.exec(text.slice(span.end));
  return { start, end: span.end + (after ? after[0].length : 0) };
}
