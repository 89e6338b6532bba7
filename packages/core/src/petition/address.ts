import { ADDRESS_LABELS, PROBLEM_PLACE_PREFIX, findBoundaryLabels, labelRegex, skipJoiner } from './labels.js';
import { FIELD_END, type Span } from './text.js';

/**
 * The sender's home address. A labelled one (家住, 住址, 家庭住址) always wins: the message
 * usually also names where the problem is (幸福路12号工地), and that place is part of the
 * demand, not the sender's home. Without a label, a clause that is nothing but an address
 * (东城区幸福路12号3栋2单元501) is taken, and 我是<小区>业主 gives the compound.
 */
export interface AddressFinding extends Span {
  address: string;
}

// Parts of a written address, from province down to the room.
const PLACE = /(?:省|自治区|市|区|县|旗|镇|乡|街道|路|街|大道|大街|巷|弄|胡同|里|村|屯|组|社区|小区|花园|家园|新村|公寓|大厦|苑|园|庭|府|城|宿舍|家属院|号院|号|栋|幢|座|单元|楼|层|室|户)/gu;
const HOME_DETAIL = /(?:号|栋|幢|座|单元|楼|层|室|户|村|组|屯|小区|花园|家园|新村|公寓|苑|宿舍|家属院)/u;
const ENDS_LIKE_ADDRESS = /(?:号|栋|幢|座|单元|楼|层|室|户|村|组|屯|小区|花园|家园|新村|公寓|大厦|苑|园|庭|府|宿舍|家属院|社区|[\dA-Za-z])$/u;
const RESIDENT = /^(?:我是|本人是|我们是|系)?([\u3400-\u9fff\d#-]{2,30}?)(?:的)?(?:业主|居民|住户|村民|租户)/u;

function placeParts(s: string): number {
  return [...s.matchAll(PLACE)].length;
}

/** Trims what a sender writes around an address, keeping the address itself. */
function cleanAddress(raw: string): string {
  return raw
    .trim()
    .replace(/^(?:是|为|在)\s*/u, '')
    .replace(/(?:的)?(?:业主|居民|住户|村民|租户)$/u, '')
    .replace(/[的\s]+$/u, '')
    .trim();
}

export function findAddress(text: string, taken: readonly Span[]): AddressFinding | null {
  const boundaries = findBoundaryLabels(text);
  for (const m of text.matchAll(labelRegex(ADDRESS_LABELS))) {
    if (PROBLEM_PLACE_PREFIX.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    const from = skipJoiner(text, m.index + m[0].length, '是|为|在');
    let end = text.length;
    const stop = FIELD_END.exec(text.slice(from));
    if (stop) end = from + stop.index;
    for (const b of boundaries) if (b.start >= from && b.start < end) end = b.start;
    for (const t of taken) if (t.start >= from && t.start < end) end = t.start;
    const address = cleanAddress(text.slice(from, end));
    if (address.length >= 3 && placeParts(address) >= 1) return { start: m.index, end, address };
  }
  // Unlabelled: a clause that is only an address.
  let start = 0;
  for (const piece of text.split(/([,;。!?、\n])/u)) {
    const clause = piece;
    const s = start;
    start += piece.length;
    if (clause.length === 1 && FIELD_END.test(clause)) continue;
    const lead = clause.length - clause.trimStart().length;
    const body = clause.trim();
    const span = { start: s + lead, end: s + lead + body.length };
    if (taken.some((t) => t.start < span.end && span.start < t.end)) continue;
    const resident = RESIDENT.exec(body);
    if (resident?.[1] && HOME_DETAIL.test(resident[1]) && placeParts(resident[1]) >= 1) {
      return { ...span, address: cleanAddress(resident[1]) };
    }
    if (
      /^[\u3400-\u9fff\dA-Za-z#\- ]{5,60}$/u.test(body) &&
      !body.includes('的') &&
      placeParts(body) >= 2 &&
      HOME_DETAIL.test(body) &&
      ENDS_LIKE_ADDRESS.test(body)
    ) {
      return { ...span, address: cleanAddress(body) };
    }
  }
  return null;
}
