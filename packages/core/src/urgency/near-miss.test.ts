import { describe, expect, it } from 'vitest';
import { detectUrgency } from './detect.js';
import type { SuppressionReason } from './phrase-matcher.js';

/**
 * Sentences that look alarming to a naive keyword search but are ordinary appeals. Each one must
 * come out normal, with no redirect and no outage. Where a term was found and then cancelled,
 * the expected reason is given, so a passing test proves the rule worked rather than luck.
 */
const NEAR_MISSES: [text: string, cancelledBy: SuppressionReason | null][] = [
  // Words containing 火, 停, 电, 气 that are not the event (no term ever matches)
  ['消防通道被占用，车辆乱停', null],
  // Objects knocked over by traffic are repairs, not casualties.
  ['小区门口公交站牌被撞倒，一直没人修。', null],
  ['路边护栏被车撞坏了好几天', 'excluded'],
  ['希望街道来做一次防火检查', null],
  ['楼下火锅店油烟太大', null],
  ['火车站出租车拒载', null],
  ['领导对群众发火，态度恶劣', null],
  ['燃气费怎么在网上交', null],
  ['小区门口乱停车，堵住了路', null],
  ['电梯广告声音太吵', null],
  ['老小区没有电梯，希望加装', null],
  ['汽车轮胎漏气了，路上有钉子', null],
  ['去年停过电，现在好了', null],
  // Compounds that contain a term and mean something else
  ['楼道堆放杂物，存在火灾隐患', 'excluded'],
  ['楼道里停电动车太危险', 'excluded'],
  ['手机没电了，刚才通话断了', 'excluded'],
  ['商场搞跳楼价甩卖，噪音很大', 'excluded'],
  ['看到自杀式袭击新闻，很害怕', 'excluded'],
  ['办个证跑了五趟，想死的心都有了', 'excluded'],
  ['楼下烧烤冒烟了，呛得睡不着', 'excluded'],
  ['厂房烟囱冒浓烟，污染空气', 'excluded'],
  ['燃气泄漏报警器坏了，想换一个', 'excluded'],
  ['我们这里是中风险地区吗', 'excluded'],
  ['家里的狗走丢了，能帮忙发个通知吗', 'excluded'],
  ['停水通知贴在哪里可以看到', 'excluded'],
  ['漏电保护器老是跳闸', 'excluded'],
  // Negation
  ['没有着火，只是有点焦味', 'negation'],
  ['不是火灾，是邻居在烧纸', 'negation'],
  ['小区并未停水，是我家水管坏了', 'negation'],
  ['出了点小事故，没人受伤，车撞坏了', 'negation'],
  ['天太热差点晕倒，公交站没有遮阳棚', 'negation'],
  // Past
  ['上个月停水三天，物业没给说法', 'past'],
  ['去年小区停电的时候电梯坏了', 'past'],
  ['以前这里发生过火灾', 'past'],
  ['前年车祸受伤后的理赔一直没办好', 'past'],
  // Future and planned events
  ['明天计划停电吗？几点恢复', 'future'],
  ['以后停水能不能提前通知', 'future'],
  // Hypothetical, prevention, drills, risk, habit
  ['如果着火了怎么办', 'hypothetical'],
  ['消防通道被占，万一着火消防车进不来', 'hypothetical'],
  ['电动车在楼道充电容易引发火灾', 'hypothetical'],
  ['社区组织消防演练，模拟起火疏散', 'hypothetical'],
  ['电梯困人应急演练什么时候举行', 'hypothetical'],
  ['这个路口经常发生车祸，建议装红绿灯', 'hypothetical'],
  ['担心老旧电线会导致火灾', 'hypothetical'],
  ['停电的话冰箱里的药怎么办', 'hypothetical'],
  // Complaint hyperbole
  ['垃圾站臭味熏得人呼吸困难', 'hyperbole'],
  ['楼上装修吵得我想死', 'hyperbole'],
];

describe('near misses do not fire', () => {
  it('has plenty of them', () => {
    expect(NEAR_MISSES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(NEAR_MISSES)('%s', (text, cancelledBy) => {
    const result = detectUrgency(text);
    expect(result.matches).toEqual([]);
    expect(result).toMatchObject({ level: 'normal', utilitiesOutage: false });
    expect(result.redirect).toBeUndefined();
    if (cancelledBy === null) expect(result.suppressed).toEqual([]);
    else expect(result.suppressed.map((s) => s.reason)).toContain(cancelledBy);
  });
});
