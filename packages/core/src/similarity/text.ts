/**
 * Text similarity between two appeals, without a dictionary: both texts become sets of
 * character bigrams (the tokens of the search index, see search-tokens.ts) and single characters
 * (weighing less, see textTokens), each weighted by how informative it is, and the score blends the weighted cosine with the weighted overlap
 * coefficient (shared weight over the smaller text's weight). The blend keeps a short follow-up
 * ("幸福路停水了什么时候恢复") close to the long first report it repeats, which plain cosine would not.
 *
 * Weights: pass IDF weights (e.g. log(N / df) from the jurisdiction's index) when known;
 * otherwise every bigram weighs 1 except the boilerplate of appeals (反映, 希望, 处理, 小区, …),
 * which weighs GENERIC_WEIGHT, so two unrelated complaints that both "希望尽快处理" stay apart.
 */
import { chineseNumber } from './numerals.js';

export type BigramWeights = ReadonlyMap<string, number> | ((token: string) => number);

export const GENERIC_WEIGHT = 0.15;
/** Tokens of numbers written in Chinese numerals (see addSpelledNumbers): weightless. */
const NUMBER_PREFIX = 'n:';

/** Bigrams that occur in most appeals whatever the incident; they say little about sameness. */
const GENERIC_BIGRAMS = new Set(
  [
    '反映', '映问', '问题', '希望', '望尽', '尽快', '快处', '处理', '理一', '一下', '解决', '要求', '请求', '相关', '关部', '部门',
    '市民', '居民', '来电', '诉求', '投诉', '举报', '咨询', '现在', '目前', '已经', '没有', '一直', '我们', '我家', '你们', '他们',
    '这个', '那个', '什么', '时候', '么时', '情况', '严重', '影响', '生活', '小区', '附近', '今天', '昨天', '晚上', '上午', '下午',
    '一个', '多次', '很多', '非常', '请尽', '有关', '管理', '工作', '人员', '进行', '给予', '帮忙', '帮助', '能否', '是否', '可以',
    '不是', '不了', '了一', '天了', '了，', '的问', '题，', '谢谢',
  ],
);

export function defaultBigramWeight(token: string): number {
  if (token.startsWith('u:')) return UNIGRAM_WEIGHT;
  if (token.startsWith(NUMBER_PREFIX)) return 0;
  return GENERIC_BIGRAMS.has(token) ? GENERIC_WEIGHT : 1;
}

/** Characters too common to say anything on their own. */
const GENERIC_CHARS = new Set([...'的了是在有我你他她它们这那个不没也还就都很和与及或被把让给对到从向为着过吗呢吧啊呀请问题反映希望尽快处理一二三四五六七八九十天年月日号小区家里人上下去来说']);
export const UNIGRAM_WEIGHT = 0.4;

const isCjk = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const OTHER_WORD = /[\p{L}\p{N}]/u;
const isWordChar = (c: number, ch: string): boolean =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 128 && !isCjk(c) && OTHER_WORD.test(ch));

/**
 * The distinct tokens of a text: the search index's tokens (overlapping CJK bigrams, lower-cased
 * Latin/digit words; see search-tokens.ts) plus each CJK character on its own, prefixed 'u:' and
 * weighing less (UNIGRAM_WEIGHT): paraphrases share characters more than bigrams (井盖丢失 /
 * 窨井盖没了, 发黄 / 是黄的). One pass over UTF-16 code units, because the intake check
 * tokenizes every candidate of its window (a few µs each).
 */
export function textTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  let prevCjk = -2;
  let word = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c !== -1 && isCjk(c)) {
      if (word !== -1) {
        tokens.add(text.slice(word, i).toLowerCase());
        word = -1;
      }
      const ch = text[i] as string;
      if (prevCjk === i - 1) tokens.add(text.slice(i - 1, i + 1));
      else if (i + 1 >= n || !isCjk(text.charCodeAt(i + 1))) tokens.add(ch); // a lone CJK character, as searchTokens
      if (!GENERIC_CHARS.has(ch)) tokens.add(`u:${ch}`);
      prevCjk = i;
    } else if (c !== -1 && isWordChar(c, text[i] as string)) {
      if (word === -1) word = i;
    } else if (word !== -1) {
      tokens.add(text.slice(word, i).toLowerCase());
      word = -1;
    }
  }
  addSpelledNumbers(text, tokens);
  return tokens;
}

/**
 * A number in Chinese numerals before a building, unit or house word (五号楼, 十二幢, 二单元).
 * Floors (七楼, 一楼 = the ground floor) are left out: they say where in a building, and two
 * buildings' lifts stuck at the same floor are still two incidents (bench/duplicates).
 */
const SPELLED_NUMBER = /([零〇一二三四五六七八九十]{1,3})(?=号楼|栋|幢|座|单元|号)/gu;

/**
 * Numbers written in Chinese numerals, as 'n:5' tokens that weigh nothing in the similarity and
 * only let numbersConflict see that 五号楼 and 5栋 agree. 两 is left out: it counts things (两栋楼
 * are two buildings), it does not name them.
 */
function addSpelledNumbers(text: string, tokens: Set<string>): void {
  for (const m of text.matchAll(SPELLED_NUMBER)) {
    const n = chineseNumber(m[1] as string);
    if (n !== null) tokens.add(`${NUMBER_PREFIX}${n}`);
  }
}

function weigher(weights: BigramWeights | undefined): (t: string) => number {
  if (!weights) return defaultBigramWeight;
  if (typeof weights === 'function') return (t) => (t.startsWith(NUMBER_PREFIX) ? 0 : weights(t));
  return (t) => weights.get(t) ?? defaultBigramWeight(t);
}

/**
 * Similarity in [0, 1] of two token sets (see textTokens). Pre-tokenize when one text is
 * compared with many candidates.
 */
export function tokenSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>, weights?: BigramWeights): number {
  if (a.size === 0 || b.size === 0) return 0;
  const w = weigher(weights);
  let wa = 0;
  let wb = 0;
  let sa = 0;
  let sb = 0;
  let shared = 0;
  let sharedSq = 0;
  for (const t of a) {
    const x = w(t);
    wa += x;
    sa += x * x;
    if (b.has(t)) {
      shared += x;
      sharedSq += x * x;
    }
  }
  for (const t of b) {
    const x = w(t);
    wb += x;
    sb += x * x;
  }
  if (sa === 0 || sb === 0) return 0;
  const cosine = sharedSq / Math.sqrt(sa * sb);
  const overlap = shared / Math.min(wa, wb);
  return Math.min(1, (cosine + overlap) / 2);
}

/** Similarity in [0, 1] of two appeal texts. */
export function textSimilarity(a: string, b: string, weights?: BigramWeights): number {
  return tokenSetSimilarity(textTokens(a), textTokens(b), weights);
}

/** The number words of a token set (108, 5, 3a; 五号楼 as 5): routes, buildings, counts. */
function numberWords(tokens: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) {
    if (t.startsWith(NUMBER_PREFIX)) out.add(t.slice(NUMBER_PREFIX.length));
    else if (!t.startsWith('u:') && /\d/u.test(t)) out.add(t);
  }
  return out;
}

/**
 * Both texts name numbers and none of them agree (108路 vs 36路, 5栋 vs 9栋): a sign of two
 * different incidents however alike the rest of the wording is. 五号楼 agrees with 5栋.
 */
export function numbersConflict(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const na = numberWords(a);
  const nb = numberWords(b);
  if (na.size === 0 || nb.size === 0) return false;
  for (const n of na) if (nb.has(n)) return false;
  return true;
}

/**
 * The bigrams of a token set that carry meaning (CJK pairs that are not boilerplate). A
 * candidate text that contains none of them shares only boilerplate and single characters with
 * the query, which stays far below every threshold of classifyCandidate; a caller scanning many
 * candidates may skip tokenizing those (String#includes is much cheaper than textTokens).
 */
export function informativeBigrams(tokens: ReadonlySet<string>, weights?: BigramWeights): string[] {
  const w = weigher(weights);
  const out: string[] = [];
  for (const t of tokens) if (t.length === 2 && isCjk(t.charCodeAt(0)) && isCjk(t.charCodeAt(1)) && w(t) >= 1) out.push(t);
  return out;
}

export function containsAny(text: string, needles: readonly string[]): boolean {
  for (const n of needles) if (text.includes(n)) return true;
  return false;
}
