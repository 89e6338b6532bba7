import { describe, expect, it } from 'vitest';
import { detectUrgency } from './detect.js';

describe('emergencies are redirected to the right number', () => {
  const cases: [text: string, category: string, number: string][] = [
    ['楼下饭店着火了，火很大', 'fire', '119'],
    ['我家对面楼起火了', 'fire', '119'],
    ['三楼窗户冒烟了，快来人', 'fire', '119'],
    ['小区发生火灾，有人被困', 'fire', '119'],
    ['楼道里的电动车自燃了', 'fire', '119'],
    ['厨房煤气泄漏了', 'gas_leak', '119'],
    ['楼道里燃气泄漏', 'gas_leak', '119'],
    ['一进门就闻到煤气味，很浓', 'gas_leak', '119'],
    ['邻居说他要跳楼', 'self_harm', '110'],
    ['我想自杀', 'self_harm', '110'],
    ['我真的不想活了', 'self_harm', '110'],
    ['他刚才喝了农药', 'self_harm', '110'],
    ['小区门口有人正在打人', 'violence', '110'],
    ['有人持刀在街上', 'violence', '110'],
    ['菜市场有人砍人', 'violence', '110'],
    ['刚才有人抢劫我的包', 'violence', '110'],
    ['老人在家昏迷了', 'medical', '120'],
    ['有人晕倒不省人事', 'medical', '120'],
    ['我爸突然呼吸困难', 'medical', '120'],
    ['路口车祸有人受伤', 'traffic_injury', '120'],
    ['被车撞倒在地，腿在流血', 'traffic_injury', '120'],
    ['高速上追尾了', 'traffic_accident', '122'],
  ];

  it.each(cases)('%s → %s, %s', (text, category, number) => {
    const result = detectUrgency(text);
    expect(result.level).toBe('emergency');
    expect(result.redirect).toMatchObject({ number, category });
    expect(result.redirect?.reason).toContain(number);
    expect(result.matches.some((m) => m.category === category)).toBe(true);
  });

  it('picks the first emergency in lexicon order when several match', () => {
    const result = detectUrgency('家里着火了，有人昏迷');
    expect(result.redirect?.number).toBe('119');
    expect(result.matches.map((m) => m.category)).toEqual(['fire', 'medical']);
  });

  it('reports where each match is, in text order', () => {
    const text = '邻居家着火了，有人晕倒';
    const result = detectUrgency(text);
    expect(result.matches.map((m) => [m.rule, text.slice(...m.span)])).toEqual([
      ['fire:着火', '着火'],
      ['medical:晕倒', '晕倒'],
    ]);
    expect(result.matches[0]).toMatchObject({ category: 'fire', level: 'emergency', term: '着火', span: [3, 5] });
  });
});

describe('urgent matters get the urgent deadlines, no redirect', () => {
  const cases: [text: string, category: string, outage: boolean][] = [
    ['我们整栋楼停水了', 'utility_outage_widespread', true],
    ['小区停电一上午了', 'utility_outage_widespread', true],
    ['全楼没暖气，老人冻得受不了', 'utility_outage_widespread', true],
    ['小区里好几栋停气', 'utility_outage_widespread', true],
    ['有人被困电梯', 'trapped', false],
    ['我妈困在电梯里出不来', 'trapped', false],
    ['老房子墙体开裂要塌了', 'collapse', false],
    ['地下室污水倒灌', 'sewage_flood', false],
    ['路口水管爆裂，到处是水', 'sewage_flood', false],
    ['孩子走丢了，在公园附近', 'missing_person', false],
    ['我家老人走失了', 'missing_person', false],
    ['人行道井盖丢失，很危险', 'public_hazard', false],
  ];

  it.each(cases)('%s → %s', (text, category, outage) => {
    const result = detectUrgency(text);
    expect(result.level).toBe('urgent');
    expect(result.redirect).toBeUndefined();
    expect(result.utilitiesOutage).toBe(outage);
    expect(result.matches.some((m) => m.category === category)).toBe(true);
  });

  it('a one-household outage keeps normal urgency but sets the outage flag', () => {
    const result = detectUrgency('我家停水了，其他邻居都有水');
    expect(result).toMatchObject({ level: 'normal', utilitiesOutage: true });
    expect(result.matches.map((m) => m.rule)).toEqual(['utility_outage:停水']);
  });

  it('shows a word shared by two categories once, at its higher level', () => {
    const result = detectUrgency('整栋楼停电');
    expect(result.matches.map((m) => m.rule)).toEqual(['utility_outage_widespread:停电']);
    expect(result.suppressed).toEqual([]);
  });

  it('an emergency outranks an urgent matter in the same text', () => {
    const result = detectUrgency('小区停电了，电梯里有人晕倒');
    expect(result.level).toBe('emergency');
    expect(result.redirect?.number).toBe('120');
    expect(result.utilitiesOutage).toBe(true);
  });
});

describe('plain appeals', () => {
  it('are normal with no matches', () => {
    expect(detectUrgency('楼下广场舞音乐太吵，晚上十点还在跳')).toEqual({
      level: 'normal',
      matches: [],
      utilitiesOutage: false,
      suppressed: [],
    });
    expect(detectUrgency('').level).toBe('normal');
  });
});
