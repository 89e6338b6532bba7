import { ADDRESS_LABELS, PROBLEM_PLACE_LABELS, PROBLEM_PLACE_PREFIX, findBoundaryLabels, labelRegex, skipJoiner } from './labels.js';
import { FIELD_END, type Span } from './text.js';

/**
 * The sender's home address. A labelled one (家住, 住址, 家庭住址) always wins: the message
 * usually also names where the problem is (幸福路12号工地), and that place is part of the
 * demand, not the sender's home. Without a label, a piece of the message that is nothing but an
 * address (东城区幸福路12号3栋2单元501) is taken, and 我是<小区>业主 gives the compound.
 */
export interface AddressFinding extends Span {
  address: string;
}

// Parts of a written address, from province down to the room.
const PLACE = /(?:省|自治区|市|区|县|旗|镇|乡|街道|路|街|大道|大街|巷|弄|胡同|里|村|屯|组|社区|小区|花园|家园|新村|公寓|大厦|苑|园|庭|府|城|宿舍|家属院|号院|号|栋|幢|座|单元|楼|层|室|户)/gu;
const HOME_DETAIL = /(?:号|栋|幢|座|单元|楼|层|室|户|村|组|屯|小区|花园|家园|新村|公寓|苑|宿舍|家属院|敬老院)/u;
const ENDS_LIKE_ADDRESS = /(?:号|栋|幢|座|单元|楼|层|室|户|村|组|屯|小区|花园|家园|新村|公寓|大厦|苑|园|庭|府|宿舍|家属院|社区|[\dA-Za-z])$/u;
const RESIDENT = /^(?:我是|本人是|我们是|系)?([\u3400-\u9fff\d#-]{2,30}?)(?:的)?(?:业主|居民|住户|村民|租户)/u;
/** 我是<compound>业主: the part before the role must end like a compound or a building (not 高层住户). */
const COMPOUND_END = /(?:小区|花园|家园|新村|公寓|大厦|苑|园|村|屯|组|社区|宿舍|家属院|\d+(?:栋|幢|号楼|单元|号|室))$/u;
/** After a space, what still belongs to the address: 3栋, 2单元, 501, B座. */
const CONTINUES = /^(?:[\dA-Za-z]{1,5}(?:栋|幢|座|单元|号楼|号|室|楼|层|门|-|$)|[\u3400-\u9fff]{1,6}(?:小区|花园|家园|新村|公寓|栋|幢|单元|号|室)(?:$|[\dA-Za-z]))/u;
/** 住 alone is a label only when an address follows (not 住建局, 住房, 住院). */
const BARE_LIVE = /(?<![家居现常])住(?![院宅址在])/gu;

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

/** Cuts a value at the first space not followed by more of the address (家住科技路9号 反映…). */
function cutAtSpace(value: string): string {
  const parts = value.split(' ');
  let out = parts[0] ?? '';
  for (const p of parts.slice(1)) {
    if (!CONTINUES.test(p)) break;
    out += ` ${p}`;
  }
  return out;
}

/** The message in pieces: clauses, and space-separated items of terse messages. */
function pieces(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[,;。!?、\n:]/gu)) {
    out.push(...spaceItems(text, start, m.index));
    start = m.index + 1;
  }
  out.push(...spaceItems(text, start, text.length));
  return out;
}

function spaceItems(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let start = from;
  for (let i = from; i < to; i += 1) {
    if (text[i] !== ' ') continue;
    if (CONTINUES.test(text.slice(i + 1, to))) continue;
    if (i > start) out.push({ start, end: i });
    start = i + 1;
  }
  if (to > start) out.push({ start, end: to });
  return out;
}

function labelled(text: string, taken: readonly Span[], label: RegExp, strict: boolean): AddressFinding | null {
  const boundaries = findBoundaryLabels(text);
  for (const m of text.matchAll(label)) {
    if (PROBLEM_PLACE_PREFIX.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    if (taken.some((t) => t.start <= m.index && m.index < t.end)) continue;
    const from = skipJoiner(text, m.index + m[0].length, '是|为|在');
    // An address is short; looking further than this only costs time on long texts.
    let end = Math.min(text.length, from + 80);
    const stop = FIELD_END.exec(text.slice(from, end));
    if (stop) end = from + stop.index;
    for (const b of boundaries) if (b.start >= from && b.start < end) end = b.start;
    for (const t of taken) if (t.start >= from && t.start < end) end = t.start;
    const address = cleanAddress(cutAtSpace(text.slice(from, end).trim()));
    const ok = strict
      ? placeParts(address) >= 2 && HOME_DETAIL.test(address)
      : address.length >= 3 && placeParts(address) >= 1;
    if (ok) return { start: m.index, end: from + text.slice(from, end).indexOf(address) + address.length, address };
  }
  return null;
}

export function findAddress(text: string, taken: readonly Span[], notHere: readonly Span[] = []): AddressFinding | null {
  const found = labelled(text, taken, labelRegex(ADDRESS_LABELS), false) ?? labelled(text, [...taken, ...notHere], BARE_LIVE, true);
  if (found) return found;
  // Unlabelled: a piece that is only an address, else the compound of 我是<小区>业主; never
  // the piece after 事发地址/地点.
  const problemPlaces = [...text.matchAll(labelRegex(PROBLEM_PLACE_LABELS))].map((m) => m.index + m[0].length);
  let resident: AddressFinding | null = null;
  for (const piece of pieces(text)) {
    if (problemPlaces.some((end) => /^[\s:是为在]*$/u.test(text.slice(end, piece.start)))) continue;
    for (const span of freeParts(piece, taken)) {
      const raw = text.slice(span.start, span.end);
      const body = raw.trim();
      const at = span.start + raw.length - raw.trimStart().length;
      const r = RESIDENT.exec(body);
      if (!resident && r?.[1] && COMPOUND_END.test(r[1]) && placeParts(r[1]) >= 1) {
        const start = at + r[0].indexOf(r[1]);
        resident = { start, end: start + r[1].length, address: cleanAddress(r[1]) };
      }
      if (
        /^[\u3400-\u9fff\dA-Za-z#\- ]{5,60}$/u.test(body) &&
        !body.includes('的') &&
        placeParts(body) >= 2 &&
        HOME_DETAIL.test(body) &&
        ENDS_LIKE_ADDRESS.test(body)
      ) {
        return { start: at, end: at + body.length, address: cleanAddress(body) };
      }
    }
  }
  return resident;
}

/** A piece without the fields already found in it (an ID number written before the address). */
function freeParts(piece: Span, taken: readonly Span[]): Span[] {
  let parts = [piece];
  for (const t of taken) {
    parts = parts.flatMap((p) =>
      t.end <= p.start || t.start >= p.end
        ? [p]
        : [
            { start: p.start, end: Math.max(p.start, t.start) },
            { start: Math.min(p.end, t.end), end: p.end },
          ].filter((q) => q.end > q.start),
    );
  }
  return parts;
}
