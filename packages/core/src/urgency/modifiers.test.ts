import { describe, expect, it } from 'vitest';
import { detectUrgency } from './detect.js';

const fires = (text: string): boolean => detectUrgency(text).matches.length > 0;
const reasons = (text: string): string[] => detectUrgency(text).suppressed.map((s) => `${s.term}/${s.reason}`);

describe('negation', () => {
  it('binds a few characters before the term, within the clause', () => {
    expect(reasons('没有发生火灾')).toEqual(['火灾/negation']);
    expect(reasons('并没有起火')).toEqual(['起火/negation']);
    expect(fires('没有人管，楼道里着火了')).toBe(true);
    expect(fires('我没有钱交物业费所以他们不管楼下着火')).toBe(true);
  });

  it('ignores phrases that only look like negation', () => {
    expect(fires('没想到楼下着火了')).toBe(true);
    expect(detectUrgency('物业没人管停电的事').utilitiesOutage).toBe(true);
    expect(fires('未成年人打人了')).toBe(true);
  });

  it('does not cross into the next clause', () => {
    expect(fires('不是演习，真的着火了')).toBe(true);
  });
});

describe('past time', () => {
  it('cancels a term earlier in the same sentence', () => {
    expect(reasons('去年夏天我们整栋楼停水')).toContain('停水/past');
    expect(reasons('停电过一次，后来就好了')).toContain('停电/past');
  });

  it('is overridden by words saying the event goes on', () => {
    expect(detectUrgency('上个月开始停水至今').utilitiesOutage).toBe(true);
    expect(detectUrgency('上个月停水，到现在还没来水').utilitiesOutage).toBe(true);
    expect(detectUrgency('去年停过电，今天又停电了').utilitiesOutage).toBe(true);
  });

  it('treats yesterday as possibly ongoing, and a surname as no cue', () => {
    expect(detectUrgency('从昨天晚上停水到现在').utilitiesOutage).toBe(true);
    expect(detectUrgency('昨天停电了').utilitiesOutage).toBe(true);
    expect(detectUrgency('曾先生家停水').utilitiesOutage).toBe(true);
  });

  it('stops at the end of the sentence', () => {
    expect(detectUrgency('去年也这样。现在楼里又停电了').level).toBe('urgent');
  });
});

describe('future and planned events', () => {
  it('cancel an outage unless it has already begun', () => {
    expect(reasons('下周三计划停水')).toContain('停水/future');
    expect(detectUrgency('说好明天停水，结果停水了').utilitiesOutage).toBe(false);
    expect(detectUrgency('说好明天停水，现在已经停水了').utilitiesOutage).toBe(true);
  });

  it('never cancel a threat', () => {
    expect(detectUrgency('明天我就去跳楼').redirect?.number).toBe('110');
    expect(detectUrgency('他说明天要去砍人').redirect?.number).toBe('110');
  });
});

describe('hypotheticals', () => {
  it('cancel conditionals, prevention and risk in the same clause', () => {
    expect(reasons('如果楼道里的电动车着火了怎么办')).toEqual(['着火/hypothetical']);
    expect(reasons('着火的话应该往哪里跑')).toEqual(['着火/hypothetical']);
    expect(reasons('如何防止燃气泄漏')).toEqual(['燃气泄漏/hypothetical']);
  });

  it('leave a real emergency asking what to do alone', () => {
    expect(detectUrgency('家里着火了怎么办').redirect?.number).toBe('119');
    expect(detectUrgency('楼道里全是烟，可能着火了').redirect?.number).toBe('119');
  });

  it('do not cancel a conditional threat of suicide or a risk of collapse', () => {
    expect(detectUrgency('如果不给我解决我就去自杀').redirect?.number).toBe('110');
    expect(detectUrgency('再不修的话墙随时会倒').level).toBe('urgent');
  });
});

describe('hyperbole', () => {
  it('cancels complaint figures of speech only', () => {
    expect(reasons('被物业气得要跳楼')).toContain('要跳楼/hyperbole');
    expect(detectUrgency('被物业逼得想自杀').redirect?.number).toBe('110');
    expect(detectUrgency('老人热得晕倒了').redirect?.number).toBe('120');
  });
});

describe('exclusions', () => {
  it('cancel a term they overlap, even partly', () => {
    expect(reasons('烟囱冒烟了')).toEqual(['冒烟了/excluded']);
  });

  it('cancel only the occurrence they touch', () => {
    const result = detectUrgency('小区停水了，也没有停水通知');
    expect(result.level).toBe('urgent');
    expect(result.matches).toHaveLength(1);
    expect(result.suppressed.map((s) => s.reason)).toEqual(['excluded']);
  });
});

describe('spans', () => {
  it('index the original text after full-width, case folding and emoji', () => {
    const text = '🔥ＡＢ着火了';
    const [match] = detectUrgency(text).matches;
    expect(match?.span).toEqual([4, 6]);
    expect(text.slice(...(match?.span ?? [0, 0]))).toBe('着火');
  });

  it('treat full-width punctuation as boundaries', () => {
    expect(fires('不是演习！着火了')).toBe(true);
    expect(fires('不是演习：着火了')).toBe(true);
  });
});
