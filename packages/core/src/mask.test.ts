import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('masks mobile numbers in national or E.164 form the same way', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });
  it('masks landlines and short numbers without revealing most digits', () => {
    expect(maskPhone('+861012345678')).toBe('101****5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('12')).toBe('**');
  });
  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName('  ')).toBe('');
  });
  it('keeps the district/street part of an address', () => {
    expect(maskAddress('东城区和平街道幸福里小区3栋2单元')).toBe('东城区和平街****');
    expect(maskAddress('解放路')).toBe('解放****');
  });
  it('keeps the region prefix and check digit of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110**************X');
  });
});
