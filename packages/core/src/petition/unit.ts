import { NOT_UNIT_PREFIX, UNIT_LABELS, labelRegex, skipJoiner } from './labels.js';
import type { Span } from './text.js';
import type { PetitionUnitCandidate } from './types.js';

/**
 * The unit petitioned, among the jurisdiction's org units. Senders write a unit's full name,
 * an alias the jurisdiction keeps, or a short form of their own: 市住建局 for
 * 市住房和城乡建设局, 区城管局, 市场监管局. A short form keeps the name's characters in order
 * and its last character (the kind: 局, 委, 院), so a mention is scored by the longest common
 * subsequence with each name: nearly all of the mention must be in the name (precision ≥ 0.8),
 * enough of the name must be in the mention (recall ≥ 0.3), and the best F-score wins.
 *
 * A message often names two units: the one it is addressed to and one it complains about
 * (市住建局：…市生态环境局来看过没处理). The addressee wins: a unit after 信访单位/反映单位/致/
 * 向/给, or at the very start of the message; otherwise the first unit named.
 */
export interface UnitMention extends Span {
  id: string;
  matched: string;
  score: number;
  addressed: boolean;
}

interface Key {
  id: string;
  text: string;
  exact: boolean;
  chars: ReadonlySet<string>;
}

function lcs(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      cur[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    }
    for (let j = 0; j <= b.length; j += 1) prev[j] = cur[j] ?? 0;
  }
  return prev[b.length] ?? 0;
}

/** How well `mention` names `key`: 0 when it does not, else an F-score in (0, 1]. */
export function unitMatchScore(mention: string, key: string, keyChars: ReadonlySet<string> = new Set(key)): number {
  if (mention === key) return 1;
  if (mention.length < 2 || mention[mention.length - 1] !== key[key.length - 1] || mention[0] === undefined) return 0;
  if (!keyChars.has(mention[0])) return 0;
  // Cheap bound before the LCS: characters absent from the name already cap the precision.
  let absent = 0;
  for (const ch of mention) if (!keyChars.has(ch)) absent += 1;
  if (absent > mention.length * 0.2) return 0;
  const common = lcs(mention, key);
  const precision = common / mention.length;
  const recall = common / key.length;
  if (common < 3 || precision < 0.8 || recall < 0.3) return 0;
  return (2 * precision * recall) / (precision + recall);
}

function keysOf(units: readonly PetitionUnitCandidate[]): Key[] {
  const keys: Key[] = [];
  for (const u of units) {
    const name = u.name.normalize('NFKC').replace(/\s+/g, '');
    if (name) keys.push({ id: u.id, text: name, exact: false, chars: new Set(name) });
    // Short forms end in the short kind: 卫健委 for …委员会, 和平街道(办) for …办事处, 燃气公司 for …有限公司.
    for (const [long, shorts] of SHORT_KINDS) {
      if (!name.endsWith(long)) continue;
      for (const short of shorts) {
        const text = name.slice(0, -long.length) + short;
        keys.push({ id: u.id, text, exact: false, chars: new Set(text) });
      }
    }
    for (const a of u.aliases) {
      const alias = a.normalize('NFKC').replace(/\s+/g, '');
      if (alias) keys.push({ id: u.id, text: alias, exact: true, chars: new Set(alias) });
    }
  }
  return keys;
}

const SHORT_KINDS: ReadonlyArray<[string, readonly string[]]> = [
  ['委员会', ['委', '委会']],
  ['办事处', ['办', '']],
  ['集团有限公司', ['集团', '公司']],
  ['有限责任公司', ['公司']],
  ['有限公司', ['公司']],
  ['人民政府', ['政府']],
  ['管理中心', ['中心']],
];

// 致/向/给 X, and a follow-up's 反映的是 X / 单位是 X.
const MAX_ENDS = 400;

function bestKey(window: string, keys: readonly Key[]): { id: string; score: number } | null {
  let best: { id: string; score: number } | null = null;
  for (const k of keys) {
    // Aliases (which may be short, like 住建) must be written exactly.
    const score = k.exact ? (window === k.text ? 1 : 0) : unitMatchScore(window, k.text, k.chars);
    if (score > 0 && (!best || score > best.score)) best = { id: k.id, score };
  }
  return best;
}

const ADDRESS_WORDS = /(?:致|向|给|请|恳请|尊敬的|(?:反映|投诉|信访)的?(?:单位)?是)\s*:?\s*$/u;

export function findUnitMentions(text: string, units: readonly PetitionUnitCandidate[]): UnitMention[] {
  const keys = keysOf(units);
  if (keys.length === 0) return [];
  const byLast = new Map<string, Key[]>();
  for (const k of keys) {
    const last = k.text[k.text.length - 1] ?? '';
    byLast.set(last, [...(byLast.get(last) ?? []), k]);
  }
  const maxLen = Math.max(...keys.map((k) => k.text.length)) + 2;
  const raw: UnitMention[] = [];
  // The same window is scored once (a long message repeating a unit name costs one scoring),
  // and only the first MAX_ENDS places that could end a unit name are tried: a petition names
  // its unit early, and a 4,000-character message must not cost seconds.
  const memo = new Map<string, { id: string; score: number } | null>();
  let ends = 0;
  for (let end = 1; end <= text.length && ends < MAX_ENDS; end += 1) {
    const candidates = byLast.get(text[end - 1] ?? '');
    if (!candidates) continue;
    ends += 1;
    let best: UnitMention | null = null;
    for (let start = end - 1; start >= Math.max(0, end - maxLen); start -= 1) {
      if (/[\s,;:。!?、\n()]/u.test(text[start] ?? '')) break;
      const window = text.slice(start, end);
      let hit = memo.get(window);
      if (hit === undefined) {
        hit = bestKey(window, candidates);
        memo.set(window, hit);
      }
      if (hit && (!best || hit.score > best.score || (hit.score === best.score && window.length > best.matched.length))) {
        best = { start, end, id: hit.id, matched: window, score: hit.score, addressed: false };
      }
    }
    if (best) raw.push(best);
  }
  // Keep the best of overlapping mentions.
  // Longest first: 市城管局 (a short form of 市城市管理局) over the alias 城管 inside it.
  raw.sort((a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score);
  const kept: UnitMention[] = [];
  for (const m of raw) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start);
  const labelled = labelledUnitStarts(text);
  for (const m of kept) {
    const before = text.slice(Math.max(0, m.start - 12), m.start);
    m.addressed =
      labelled.some((at) => at === m.start) ||
      ADDRESS_WORDS.test(before) ||
      (m.start <= 12 && /^\s*(?:尊敬的)?\s*$/u.test(text.slice(0, m.start)));
  }
  return kept;
}

/** Where a unit label's value starts (信访单位：市住建局), ignoring 工作单位 and the like. */
function labelledUnitStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(labelRegex(UNIT_LABELS))) {
    if (NOT_UNIT_PREFIX.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    out.push(skipJoiner(text, m.index + m[0].length));
  }
  return out;
}

export function pickUnit(mentions: readonly UnitMention[]): UnitMention | null {
  return mentions.find((m) => m.addressed) ?? mentions[0] ?? null;
}
