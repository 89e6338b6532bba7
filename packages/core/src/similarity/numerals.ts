const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20, 二十三 → 23 (enough for buildings, units and floors). */
export function chineseNumber(text: string): number | null {
  if (text === '十') return 10;
  const ten = text.indexOf('十');
  if (ten === -1) {
    let n = 0;
    for (const ch of text) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  const hi = ten === 0 ? 1 : CN_DIGITS[text.slice(0, ten)];
  const loText = text.slice(ten + 1);
  const lo = loText === '' ? 0 : CN_DIGITS[loText];
  if (hi === undefined || lo === undefined) return null;
  return hi * 10 + lo;
}
