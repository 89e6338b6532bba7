import { describe, expect, it } from 'vitest';
import { autoApplyDecision, compareAddresses, parseAddress, samePlace, textSimilarity } from './index.js';

const road = (address: string): Pick<ReturnType<typeof parseAddress>, 'road' | 'roadNumber'> => {
  const { road: r, roadNumber } = parseAddress(address, ['示例市']);
  return { road: r, roadNumber };
};

describe('roads with numbers in their names', () => {
  it('reads an ordinal road, and not the house number into it', () => {
    expect(road('示例市第3大街20号')).toEqual({ road: '第3大街', roadNumber: '第3大街20号' });
    expect(road('示例市第15大街20号')).toEqual({ road: '第15大街', roadNumber: '第15大街20号' });
    // Written in numerals it is the same road as in digits.
    expect(road('示例市第十五大街20号')).toEqual({ road: '第15大街', roadNumber: '第15大街20号' });
  });

  it('reads a number after the name, in digits or numerals', () => {
    expect(road('经3路5号')).toEqual({ road: '经3路', roadNumber: '经3路5号' });
    expect(road('纬二路5号')).toEqual({ road: '纬2路', roadNumber: '纬2路5号' });
    expect(road('建设一路12号').roadNumber).toBe('建设1路12号');
    expect(road('建设二路12号').roadNumber).toBe('建设2路12号');
    expect(road('建设路12号').roadNumber).toBe('建设路12号');
  });

  it('reads a numbered road', () => {
    expect(road('3号路8号')).toEqual({ road: '3号路', roadNumber: '3号路8号' });
    expect(road('三号路8号').roadNumber).toBe('3号路8号');
    expect(road('育才3号路8号').roadNumber).toBe('育才3号路8号');
  });

  it('normalises full-width digits like ASCII ones', () => {
    expect(road('示例市第３大街２０号')).toEqual(road('示例市第3大街20号'));
    expect(road('经３路５号')).toEqual(road('经3路5号'));
  });

  it('keeps names without numbers, and names made of numerals, as they were', () => {
    expect(road('北京东路8号')).toEqual({ road: '北京东路', roadNumber: '北京东路8号' });
    expect(road('五一路8号').roadNumber).toBe('五一路8号');
    expect(road('幸福路88号阳光小区3号楼').roadNumber).toBe('幸福路88号');
    expect(parseAddress('第3大街20号阳光小区3号楼2单元')).toMatchObject({ roadNumber: '第3大街20号', community: '阳光小区', building: '3', unit: '2' });
    // A road without a house number.
    expect(parseAddress('经3路阳光小区').road).toBe('经3路');
  });

  it('tells numbered roads apart and matches the same one', () => {
    expect(samePlace('示例市第3大街20号', '示例市第15大街20号', ['示例市'])).toBe('different');
    expect(samePlace('第十五大街20号', '第15大街20号')).toBe('address');
    expect(samePlace('经3路5号', '经三路5号')).toBe('address');
    expect(samePlace('建设一路12号', '建设二路12号')).toBe('different');
    expect(samePlace('3号路8号', '4号路8号')).toBe('different');
    expect(samePlace('幸福路20号', '和平路20号')).toBe('different');
  });
});

describe('an unattended merge of the same text on numbered roads', () => {
  const text = '我家停水两天了，一直没人来修，请尽快处理。';
  const decide = (a: string, b: string): ReturnType<typeof autoApplyDecision> =>
    autoApplyDecision({
      textSimilarity: textSimilarity(text, text),
      sameCaller: false,
      place: compareAddresses(parseAddress(a, ['示例市']), parseAddress(b, ['示例市'])),
      ageMs: 3_600_000,
      candidateOpen: true,
    });

  it('does not merge different streets, and still merges the same street and number', () => {
    expect(decide('示例市第15大街20号', '示例市第3大街20号')).toBeNull();
    expect(decide('示例市第３大街20号', '示例市第3大街20号')).toBe('merge');
    expect(decide('示例市第15大街20号', '示例市第十五大街20号')).toBe('merge');
    expect(decide('示例市和平路20号', '示例市幸福路20号')).toBeNull();
  });
});
