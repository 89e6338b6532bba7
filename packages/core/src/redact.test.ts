import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redact.js';

const ID = '110101199003026416'; // checksum-valid
const ID_X = '11010519491231002X'; // the GB 11643 worked example

describe('redactPersonalData: numbers on every channel', () => {
  it('masks a valid ID number to region and last four', () => {
    expect(redactPersonalData(`身份证号${ID}，小区门口噪音`)).toEqual({
      redacted: '身份证号110101********6416，小区门口噪音',
      found: ['id_number'],
    });
    expect(redactPersonalData(`证件 ${ID_X.toLowerCase()} 。`).redacted).toBe('证件 110105********002X 。');
  });

  it('masks mobiles with and without separators and +86', () => {
    for (const written of ['13812345678', '138 1234 5678', '138-1234-5678', '+8613812345678', '+86 138 1234 5678', '8613812345678']) {
      const r = redactPersonalData(`请回电${written}谢谢`);
      expect(r.redacted, written).toBe('请回电138****5678谢谢');
      expect(r.found).toEqual(['phone']);
    }
  });

  it('masks landlines with their area code', () => {
    expect(redactPersonalData('座机010-62345678').redacted).toBe('座机010****5678');
    expect(redactPersonalData('座机(0571)87654321').redacted).toBe('座机057****4321');
    expect(redactPersonalData('座机0755 8765 4321').redacted).toBe('座机075****4321');
    expect(redactPersonalData('座机01062345678').found).toEqual(['phone']);
  });

  it('leaves case numbers, amounts, dates, times and near-miss IDs alone', () => {
    const text = [
      '工单20261201-000123已办结',
      '欠薪12000元，押金3500.00元',
      '2026-12-01 10:30至2026年12月3日',
      '订单号202612011234567890', // 18 digits, not a valid ID
      '110101199003026417', // wrong check digit
      '138123456789', // 12 digits: not a mobile
      '门牌号0571', // too short for a landline
      '楼号12-3-501',
    ].join('；');
    expect(redactPersonalData(text)).toEqual({ redacted: text, found: [] });
  });

  it('reports each kind once, in a fixed order', () => {
    const r = redactPersonalData(`电话13812345678，又打13912345678，身份证${ID}`);
    expect(r.found).toEqual(['id_number', 'phone']);
    expect(r.redacted).toBe('电话138****5678，又打139****5678，身份证110101********6416');
  });
});

describe('redactPersonalData: name and address stated on an SMS-only line', () => {
  const sms = `姓名：张三丰，住址：北京市东城区景山街道12号院3-501，身份证${ID}，反映楼下餐馆油烟扰民`;

  it('masks the stated name and address there', () => {
    const r = redactPersonalData(sms, { smsOnlyLine: true });
    expect(r.redacted).toBe('姓名：张**，住址：北京市东城区****，身份证110101********6416，反映楼下餐馆油烟扰民');
    expect(r.found).toEqual(['id_number', 'name', 'address']);
  });

  it('understands 我叫 / 家住 / 地址是 and stops at a delimiter', () => {
    const r = redactPersonalData('我叫李四。家住朝阳区望京街道8号楼 地址是海淀区中关村大街1号，噪音', { smsOnlyLine: true });
    expect(r.redacted).toBe('我叫李*。家住朝阳区望京街**** 地址是海淀区中关村****，噪音');
  });

  it('keeps names and addresses elsewhere: other channels have fields for them', () => {
    expect(redactPersonalData(sms).redacted).toBe('姓名：张三丰，住址：北京市东城区景山街道12号院3-501，身份证110101********6416，反映楼下餐馆油烟扰民');
  });
});
