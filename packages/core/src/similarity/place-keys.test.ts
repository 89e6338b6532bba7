import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { compareAddresses, parseAddress, placeKeys } from './index.js';

// Addresses as callers type them: with or without city and district, road numbers, communities
// strong and weak, buildings in digits or numerals, units, rooms, punctuation.
const PARTS = {
  prefix: ['', '测试市', '测试市朝阳区', '北京市海淀区', '和平街道'],
  road: ['', '幸福路88号', '幸福路8号', '建设大街12号', '光明路88号', '人民大道1号'],
  community: ['', '阳光小区', '明珠花园', '天河湾', '锦江小区', '东风新村'],
  building: ['', '3号楼', '三栋', '3栋', '5幢', '十二号楼', '12#', '五号楼'],
  unit: ['', '2单元', '二单元', '1单元'],
  room: ['', '501', '1202室', '东门'],
};

function randomAddress(rand: () => number): string {
  const pick = (xs: readonly string[]): string => xs[Math.floor(rand() * xs.length)] as string;
  const sep = pick(['', '', ' ', '，']);
  return [pick(PARTS.prefix), pick(PARTS.road), pick(PARTS.community), pick(PARTS.building), pick(PARTS.unit), pick(PARTS.room)].join(sep);
}

describe('placeKeys', () => {
  it('share a key exactly when compareAddresses says the same address', () => {
    const rand = seededRandom(37);
    const places = Array.from({ length: 300 }, () => parseAddress(randomAddress(rand), ['测试市']));
    const keys = places.map((p) => new Set(placeKeys(p)));
    let same = 0;
    const wrong: string[] = [];
    for (const [i, a] of places.entries()) {
      for (const [j, b] of places.entries()) {
        const shared = [...(keys[j] ?? [])].some((k) => keys[i]?.has(k));
        const match = compareAddresses(a, b) === 'address';
        if (match) same++;
        if (shared !== match) wrong.push(`${a.normalised} / ${b.normalised}: ${match}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    // The generated pairs include plenty of both answers.
    expect(same).toBeGreaterThan(places.length);
    expect(same).toBeLessThan(places.length * places.length / 4);
  });

  it('has no keys for an unknown place', () => {
    expect(placeKeys(null)).toEqual([]);
    expect(placeKeys(parseAddress(''))).toEqual([]);
    expect(placeKeys(parseAddress('阳光小区3号楼501'))).toContain('c:阳光小区#3');
  });
});
