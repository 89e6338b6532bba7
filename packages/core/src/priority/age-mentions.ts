import type { Vulnerability } from './vulnerability-lexicon.js';

/**
 * Ages written out (我母亲82岁, 八十多岁的老人, 孩子才3周岁). 60 is the statutory start of old age
 * (《老年人权益保障法》); under 14 is the age the law treats as a young child (不满十四周岁).
 */
const ELDERLY_FROM = 60;
const CHILD_UNDER = 14;
const MAX_AGE = 130;

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 八十 → 80, 九十五 → 95, 一百零二 → 102; null for anything else. */
export function parseChineseNumber(text: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const char of text) {
    if (char in DIGITS) {
      digit = DIGITS[char] ?? 0;
    } else if (char === '十') {
      total += (digit ?? 1) * 10;
      digit = null;
    } else if (char === '百') {
      if (digit === null) return null;
      total += digit * 100;
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

// A digit or Chinese-numeral age, optionally 多 ("80-odd") and 周 (full years), then 岁.
const AGE = /(?<![\d.])(\d{1,3})\s*多?\s*周?岁|([零一二两三四五六七八九十百]{1,5})多?周?岁/g;

export interface AgeMention {
  flag: Vulnerability;
  start: number;
  end: number;
  text: string;
}

export function ageMentions(text: string): AgeMention[] {
  const found: AgeMention[] = [];
  for (const match of text.matchAll(AGE)) {
    const age = match[1] !== undefined ? Number(match[1]) : parseChineseNumber(match[2] ?? '');
    if (age === null || age > MAX_AGE) continue;
    const flag: Vulnerability | null = age >= ELDERLY_FROM ? 'elderly' : age < CHILD_UNDER ? 'child' : null;
    if (flag) found.push({ flag, start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return found;
}
