// Deterministic labelled pairs for the duplicate rules (issue 4 §4): incidents × places ×
// wordings, with synonym swaps, fillers and number formats (3栋 / 三栋 / 3号楼) varied by a seeded
// PRNG. The label follows from how a pair is built (the same incident or not, the same caller or
// not, the age), never from the classifier. Generated at run time; nothing is committed but code.
import { seededRandom, type Random } from '../../packages/core/src/random.js';
import type { Pair, PairKind, PairLabel } from './evaluate.js';
import { COMMUNITIES, DISTRICTS, FOLLOW_UPS, INCIDENTS, PREFIXES, ROADS, SUFFIXES, SYNONYMS, type Incident, type Scope } from './incidents.js';

/** Where one incident happens, fixed for both sides of a pair. */
interface Place {
  scope: Scope;
  community: (typeof COMMUNITIES)[number] | null;
  building: number;
  unit: number;
  road: string;
  no: number;
  floor: number;
  route: number;
}

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals (12 → 十二, 20 → 二十). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN[tens]}十${ones === 0 ? '' : CN[ones]}`;
}

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const between = (rand: Random, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

function buildingWord(rand: Random, n: number): string {
  const num = rand() < 0.5 ? String(n) : chineseNumeral(n);
  return `${num}${pick(rand, ['栋', '号楼', '幢'])}`;
}

function newPlace(rand: Random, scope: Scope): Place {
  return {
    scope,
    community: pick(rand, COMMUNITIES),
    building: between(rand, 1, 24),
    unit: between(rand, 1, 4),
    road: pick(rand, ROADS),
    no: between(rand, 1, 300),
    floor: between(rand, 2, 18),
    route: pick(rand, [1, 3, 5, 12, 17, 23, 36, 58, 88, 101, 108, 211, 302]),
  };
}

/** The same scope, another building / street number / route: a different incident. */
function nearbyPlace(rand: Random, place: Place): Place {
  const other = { ...place };
  if (place.scope === 'building') while (other.building === place.building) other.building = between(rand, 1, 24);
  if (place.scope === 'site') while (Math.abs(other.no - place.no) < 20) other.no = between(rand, 1, 300);
  if (place.scope === 'route') while (other.route === place.route) other.route = newPlace(rand, 'route').route;
  return other;
}

/** How one caller names the place inside the text. */
function placeInText(rand: Random, place: Place): string {
  if (place.scope === 'site') return rand() < 0.8 ? `${place.road}${place.no}号` : place.road;
  const community = place.community?.name ?? '';
  const r = rand();
  if (r < 0.7) return `${community}${buildingWord(rand, place.building)}`;
  if (r < 0.9) return community;
  return '我们楼';
}

/** The address field a caller (or the operator) fills in; null when none was given. */
function addressField(rand: Random, place: Place): string | null {
  if (place.scope === 'route' || rand() < 0.12) return null;
  const district = pick(rand, DISTRICTS);
  if (place.scope === 'site') return `${district}${place.road}${place.no}号${rand() < 0.3 ? '附近' : ''}`;
  const c = place.community;
  if (!c) return null;
  const gate = rand() < 0.3 ? `${c.road}${c.no}号` : '';
  const unit = rand() < 0.4 ? `${rand() < 0.5 ? place.unit : chineseNumeral(place.unit)}单元` : '';
  const room = unit && rand() < 0.5 ? String(between(rand, 1, 18) * 100 + between(rand, 1, 4)) : '';
  return `${district}${gate}${c.name}${buildingWord(rand, place.building)}${unit}${room}`;
}

function fill(template: string, rand: Random, place: Place, short = ''): string {
  const floor = rand() < 0.5 ? String(place.floor) : chineseNumeral(place.floor);
  return template
    .replaceAll('{short}', short)
    .replaceAll('{p}', placeInText(rand, place))
    .replaceAll('{f}', floor)
    .replaceAll('{r}', String(place.route));
}

function vary(text: string, rand: Random): string {
  let out = text;
  for (const [a, b] of SYNONYMS) {
    if (rand() >= 0.4) continue;
    if (out.includes(a) && !out.includes(b)) out = out.replaceAll(a, b);
    else if (out.includes(b) && !out.includes(a)) out = out.replaceAll(b, a);
  }
  return `${pick(rand, PREFIXES)}${out}${pick(rand, SUFFIXES)}`;
}

/** One caller's report of an incident: its own wording, place mention and address field. */
function report(rand: Random, incident: Incident, place: Place, wording = between(rand, 0, incident.wordings.length - 1)) {
  return { content: vary(fill(incident.wordings[wording] as string, rand, place), rand), address: addressField(rand, place) };
}

/** Two different wordings of one incident. */
function twoWordings(rand: Random, incident: Incident): [number, number] {
  const a = between(rand, 0, incident.wordings.length - 1);
  let b = a;
  while (b === a) b = between(rand, 0, incident.wordings.length - 1);
  return [a, b];
}

function otherIncident(rand: Random, incident: Incident, sameScope: boolean): Incident {
  const pool = INCIDENTS.filter((i) => i.key !== incident.key && (!sameScope || i.scope === incident.scope));
  return pick(rand, pool);
}

interface Draft {
  label: PairLabel;
  kind: PairKind;
  note?: string;
  sameCaller: boolean;
  candidateOpen: boolean;
  ageHours: number;
  incoming: Pair['incoming'];
  existing: Pair['existing'];
}

type Builder = (rand: Random, incident: Incident, place: Place) => Draft;

const HOUR_WINDOW = 72;
const REPEAT_HOURS = 90 * 24;

/** Pair builders with their share of the set. */
const BUILDERS: readonly [number, Builder][] = [
  [0.3, (rand, incident, place) => {
    const [a, b] = twoWordings(rand, incident);
    return {
      label: 'same_incident', kind: 'paraphrase', sameCaller: false, candidateOpen: true, ageHours: between(rand, 1, HOUR_WINDOW),
      existing: report(rand, incident, place, a), incoming: report(rand, incident, place, b),
    };
  }],
  [0.15, (rand, incident, place) => {
    const existing = report(rand, incident, place);
    const followUp = rand() < 0.5;
    const incoming = followUp
      ? { content: fill(pick(rand, FOLLOW_UPS), rand, place, incident.short.replaceAll('{r}', String(place.route))), address: addressField(rand, place) }
      : report(rand, incident, place);
    return { label: 'repeat', kind: 'repeat', sameCaller: true, candidateOpen: true, ageHours: between(rand, 1, REPEAT_HOURS), existing, incoming };
  }],
  [0.15, (rand, incident, place) => {
    // Another caller at another building words it their own way, as for a paraphrase.
    const [a, b] = twoWordings(rand, incident);
    return {
      label: 'none', kind: 'near_miss', note: `same problem, another ${place.scope === 'site' ? 'street number' : place.scope}`,
      sameCaller: false, candidateOpen: true, ageHours: between(rand, 1, HOUR_WINDOW),
      existing: report(rand, incident, place, a), incoming: report(rand, incident, nearbyPlace(rand, place), b),
    };
  }],
  [0.15, (rand, incident, place) => ({
    label: 'none', kind: 'near_miss', note: 'same place, another problem',
    sameCaller: false, candidateOpen: true, ageHours: between(rand, 1, HOUR_WINDOW),
    existing: report(rand, incident, place), incoming: report(rand, otherIncident(rand, incident, true), place),
  })],
  [0.05, (rand, incident, place) => {
    const [a, b] = twoWordings(rand, incident);
    return {
      label: 'none', kind: 'near_miss', note: 'same incident, older than 72 h', sameCaller: false, candidateOpen: true,
      ageHours: between(rand, HOUR_WINDOW + 1, 30 * 24), existing: report(rand, incident, place, a), incoming: report(rand, incident, place, b),
    };
  }],
  [0.04, (rand, incident, place) => ({
    label: 'none', kind: 'near_miss', note: 'same caller, closed case', sameCaller: true, candidateOpen: false,
    ageHours: between(rand, HOUR_WINDOW + 1, REPEAT_HOURS), existing: report(rand, incident, place), incoming: report(rand, incident, place),
  })],
  [0.03, (rand, incident, place) => ({
    label: 'none', kind: 'near_miss', note: 'same caller, older than 90 days', sameCaller: true, candidateOpen: true,
    ageHours: between(rand, REPEAT_HOURS + 1, 365 * 24), existing: report(rand, incident, place), incoming: report(rand, incident, place),
  })],
  [0.04, (rand, incident, place) => ({
    label: 'none', kind: 'near_miss', note: 'same caller and place, another problem', sameCaller: true, candidateOpen: true,
    ageHours: between(rand, 1, REPEAT_HOURS), existing: report(rand, incident, place), incoming: report(rand, otherIncident(rand, incident, true), place),
  })],
  [0.09, (rand, incident, place) => {
    const other = otherIncident(rand, incident, false);
    return {
      label: 'none', kind: 'unrelated', sameCaller: rand() < 0.3, candidateOpen: true, ageHours: between(rand, 1, HOUR_WINDOW),
      existing: report(rand, incident, place), incoming: report(rand, other, newPlace(rand, other.scope)),
    };
  }],
];

export interface GenerateOptions {
  seed: number;
  count: number;
}

/** `count` labelled pairs; the same seed and count give the same pairs. */
export function generatePairs({ seed, count }: GenerateOptions): Pair[] {
  const rand = seededRandom(seed);
  const total = BUILDERS.reduce((s, [w]) => s + w, 0);
  const pairs: Pair[] = [];
  for (let id = 1; id <= count; id++) {
    let r = rand() * total;
    let build = (BUILDERS[0] as [number, Builder])[1];
    for (const [w, b] of BUILDERS) {
      build = b;
      if ((r -= w) < 0) break;
    }
    const incident = pick(rand, INCIDENTS);
    const draft = build(rand, incident, newPlace(rand, incident.scope));
    pairs.push({ id, ...draft });
  }
  return pairs;
}
