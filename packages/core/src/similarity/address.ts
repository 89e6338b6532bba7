/**
 * Chinese street addresses, normalised and compared for "same place" (DESIGN §3, issue 4b).
 * Callers say the same place many ways: 测试市朝阳区幸福路88号阳光小区3号楼2单元501,
 * 阳光小区三栋二单元, 幸福路88号; addresses within one jurisdiction share its province, city
 * and district, which say nothing. So:
 *
 * - normaliseAddress: drop spaces and punctuation, full-width → ASCII, Chinese numerals before a
 *   building/unit word → digits (三栋 → 3栋) and in a road's number (第十五大街, 经三路, 三号路 →
 *   第15大街, 经3路, 3号路), the building words 号楼/幢/座/栋/# → 栋, 单元 kept;
 *   and strip the leading province/city/district/county (and the jurisdiction's own name when
 *   given), but never 小区/社区/园区.
 * - parseAddress: road + number (幸福路88号, 第3大街20号, 经3路5号, 3号路8号), community (…小区/社区/花园/家园/苑/公寓/大厦/村…),
 *   building (3栋), unit (2单元); the rest (room) is ignored for sameness.
 * - compareAddresses: 'address' when the same building (or the same road number, or identical
 *   normalised text), 'community' when the same community (or road number) but not provably the
 *   same building, 'different' when both are known and differ, 'unknown' when either is empty.
 */
import { chineseNumber } from './numerals.js';

export interface ParsedAddress {
  normalised: string;
  road: string | null;
  roadNumber: string | null;
  community: string | null;
  building: string | null;
  unit: string | null;
}

export type PlaceMatch = 'address' | 'community' | 'different' | 'unknown';

const ADMIN_PREFIX = /^([\u4e00-\u9fff]{2,8}?(?:特别行政区|自治区|自治州|省|市|盟|地区|区|县|旗))/u;
const NOT_ADMIN = /(小区|社区|园区|校区|厂区|景区|新区花园)$/u;

const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';
/** 第十五大街 → 第15大街: an ordinal is the road's number whichever way it is written. */
const ORDINAL_ROAD = new RegExp(`第(${CN_NUMERAL})(?=大街|街|路|大道|巷|胡同|里|道)`, 'gu');
/** 三号路 → 3号路. */
const NUMBERED_ROAD = new RegExp(`(${CN_NUMERAL})(?=号路)`, 'gu');
/**
 * 纬二路 → 纬2路, 建设一路 → 建设1路: a numeral after a name. Not after another numeral or at the
 * start, so names made of numerals (五一路, 八一路) stay as they are.
 */
const NAME_NUMBER_ROAD = new RegExp(String.raw`(?<=[\u4e00-\u9fff])(?<![零〇一二两三四五六七八九十百千])(${CN_NUMERAL})(?=大街|街|路|大道)`, 'gu');

/** Roads numbered in Chinese numerals, as digits, so 经三路 and 经3路 are the same road. */
function normaliseRoadNumerals(s: string): string {
  const digits = (all: string, num: string): string => {
    const n = chineseNumber(num);
    return n === null ? all : `${all.startsWith('第') ? '第' : ''}${n}`;
  };
  return s.replace(ORDINAL_ROAD, digits).replace(NUMBERED_ROAD, digits).replace(NAME_NUMBER_ROAD, digits);
}

export function normaliseAddress(address: string, jurisdictionNames: readonly string[] = []): string {
  let s = address
    .normalize('NFKC')
    .replace(/[\s,，。.、;；:：()（）【】[\]“”"'‘’\-—_/\\]+/gu, '')
    .toLowerCase();
  for (const name of jurisdictionNames) {
    if (name && s.startsWith(name)) s = s.slice(name.length);
  }
  // Province, city, district, county: at most three leading administrative levels.
  for (let i = 0; i < 3; i++) {
    const m = ADMIN_PREFIX.exec(s);
    if (!m?.[1] || NOT_ADMIN.test(m[1]) || m[1].length >= s.length) break;
    // 街道/镇 stay: they are part of "community or division".
    s = s.slice(m[1].length);
  }
  s = s.replace(/([零〇一二两三四五六七八九十]{1,3})(号楼|栋|幢|座|单元|楼|号院|期)/gu, (all, num: string, word: string) => {
    const n = chineseNumber(num);
    return n === null ? all : `${n}${word}`;
  });
  s = normaliseRoadNumerals(s);
  s = s
    .replace(/(\d+)(?:号楼|幢|座|#)/gu, '$1栋')
    .replace(/(\d+)号(\d+)单元/gu, '$1栋$2单元')
    .replace(/(\d+)楼(?=\d+单元|\d+室|\d{3,4}$)/gu, '$1栋');
  return s;
}

/**
 * A road's name: Chinese characters, optionally ending in a number (经3路, 建设1路, 第3大街,
 * 育才3号路), or a numbered road alone (3号路). Digits stand only right before the road word, so
 * a number written before the road is not read into its name, and the name is the shortest that
 * ends in a road word, so the house number after it is not either (第3大街20号 → 第3大街, 20号).
 */
const ROAD_NAME = String.raw`(?:[\u4e00-\u9fff]{1,10}?(?:\d{1,3}号?)?|\d{1,3}号)`;
const ROAD = new RegExp(String.raw`(${ROAD_NAME}(?:路|街|大街|大道|巷|胡同|里|道))([甲乙丙丁]?\d+)号(?!院)`, 'u');
/** A road named without a number: not 街, 里 or 道, which end other words (街道, 公里, 知道). */
const BARE_ROAD = new RegExp(`(${ROAD_NAME}(?:路|大街|大道|巷|胡同))`, 'u');
const DIVISION = /^[\u4e00-\u9fff]{2,8}?(?:街道|镇|乡)/u;
/** Names that end in these are communities wherever they stand (金域蓝湾小区, 福星小区南门). */
const COMMUNITY_STRONG = /([\u4e00-\u9fff\da-z]{2,12}?(?:小区|社区|花园|家园|新村|新苑|公寓|大厦|广场))/u;
/** Shorter endings (苑, 园, 湾, 城, 里, …) count only before a building, gate, area or phase (天河湾3栋, 人民公园东门). */
const COMMUNITY_WEAK = /([\u4e00-\u9fff]{2,10}?(?:苑|园|庭|府|城|湾|村|里|院))(?=\d|$|[东西南北]?[门区]|[一二三四五六七八九\d]期)/u;

export function parseAddress(address: string, jurisdictionNames: readonly string[] = []): ParsedAddress {
  const normalised = normaliseAddress(address, jurisdictionNames);
  // A leading street/town (街道, 镇) is a division, not part of the community's name.
  let rest = normalised.replace(DIVISION, '');
  let road: string | null = null;
  let roadNumber: string | null = null;
  const r = ROAD.exec(rest);
  if (r?.[1] && r[2]) {
    road = r[1];
    roadNumber = `${r[1]}${r[2]}号`;
    rest = rest.slice(0, r.index) + rest.slice(r.index + r[0].length);
  } else {
    const bare = BARE_ROAD.exec(rest);
    if (bare?.[1]) road = bare[1];
  }
  const community = COMMUNITY_STRONG.exec(rest)?.[1] ?? COMMUNITY_WEAK.exec(rest)?.[1] ?? null;
  const b = /(\d+)栋/u.exec(rest);
  const u = /(\d+)单元/u.exec(rest);
  return { normalised, road, roadNumber, community, building: b?.[1] ?? null, unit: u?.[1] ?? null };
}

function stripped(address: ParsedAddress): string {
  // The same place without the room: a number after the building or unit (3栋2单元501 → 3栋2单元).
  return address.normalised.replace(/(栋|单元)\d+(室|户|号)?$/u, '$1');
}

export function compareAddresses(a: ParsedAddress | null, b: ParsedAddress | null): PlaceMatch {
  if (!a || !b || a.normalised === '' || b.normalised === '') return 'unknown';
  if (a.normalised === b.normalised || stripped(a) === stripped(b)) return 'address';
  const sameCommunity = a.community !== null && a.community === b.community;
  const sameRoadNumber = a.roadNumber !== null && a.roadNumber === b.roadNumber;
  if (sameCommunity || sameRoadNumber) {
    if (a.building !== null && b.building !== null) return a.building === b.building ? 'address' : 'community';
    // Same road number with no buildings named, or a community named on both sides with no building.
    if (sameRoadNumber && a.building === null && b.building === null) return 'address';
    return 'community';
  }
  // One side names only the community and the other only the road: we cannot tell.
  if ((a.community === null) !== (b.community === null) && (a.roadNumber === null) !== (b.roadNumber === null)) {
    return 'unknown';
  }
  return 'different';
}

/** Convenience: parse and compare two raw addresses. */
export function samePlace(a: string | null | undefined, b: string | null | undefined, jurisdictionNames: readonly string[] = []): PlaceMatch {
  if (!a?.trim() || !b?.trim()) return 'unknown';
  return compareAddresses(parseAddress(a, jurisdictionNames), parseAddress(b, jurisdictionNames));
}

/**
 * Keys of a place such that two places share a key exactly when compareAddresses calls them the
 * same 'address': the text without the room, the community's building, the road number's building,
 * a road number named without a building. An index of these keys finds a new appeal's same-building
 * cases without reading (or unsealing) any other case (ADR 0037). Empty for an unknown place.
 */
export function placeKeys(address: ParsedAddress | null): string[] {
  if (!address || address.normalised === '') return [];
  const keys = [`s:${stripped(address)}`];
  if (address.community !== null && address.building !== null) keys.push(`c:${address.community}#${address.building}`);
  if (address.roadNumber !== null) keys.push(address.building !== null ? `r:${address.roadNumber}#${address.building}` : `r:${address.roadNumber}`);
  return keys;
}
