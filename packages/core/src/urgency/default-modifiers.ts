import type { UrgencyLexiconInput } from './lexicon.js';

/**
 * Cues that say a term is not an event happening now. Windows are in characters between the cue
 * and the term; a cue never reaches across a boundary of its scope. Each list says why it is
 * shaped the way it is, because every entry trades a miss against a false alarm.
 */
export const DEFAULT_MODIFIERS: NonNullable<UrgencyLexiconInput['modifiers']> = {
  // Negation binds tightly in Chinese (没有着火, 不是火灾, 没有发生火灾): three characters, same clause.
  // 差点/险些 ("almost") negate too. 别/不要 are left out on purpose: "别跳楼" is someone talking a
  // person down, which is still an emergency.
  negation: {
    before: ['没有', '没', '未', '并未', '尚未', '从未', '无', '不是', '并非', '并不是', '不存在', '排除', '差点', '差一点', '险些', '不想'],
    after: [],
    window: 3,
    scope: 'clause',
    pseudo: [
      '没人管', '没有人管', '没人理', '没人处理', '没法', '没办法', '没用', '没完', '没想到', '没多久', '没过多久', '没一会',
      '无人管', '无人理', '无人问津', '无人机', '无法', '无奈', '无论', '未成年', '未来',
    ],
    overriddenBy: [],
  },
  // Past time expressions put the event before "now" (上个月停水). 昨天 is deliberately not one:
  // people ring the day after an outage began because it has not ended. 过/后 right after the
  // term (停电过, 受伤后) mark a finished event. Ongoing words in the sentence win: 上个月开始停水至今.
  past: {
    before: [
      '去年', '前年', '上个月', '上月', '上周', '上星期', '上礼拜', '上次', '上回', '以前', '之前', '曾经', '过去',
      '那年', '那次', '当年', '小时候', '年前', '个月前', '前几年', '前些年', '前段时间', '前阵子', '历史上',
    ],
    after: ['过', '后', '之后', '以后'],
    window: 15,
    afterWindow: 1,
    scope: 'sentence',
    pseudo: ['过年前', '过去看', '过去处理', '赶过去', '跑过去', '后面', '后边', '后门', '后院', '后方', '过来'],
    overriddenBy: ['至今', '到现在', '现在还', '还没来', '还没恢复', '没恢复', '未恢复', '仍然', '依然', '依旧', '又', '再次', '持续', '正在', '此刻', '目前', '开始', '今天'],
  },
  // Planned or announced events (明天停水, 计划停电) are questions about a notice, not an outage now.
  future: {
    before: ['明天', '明早', '明晚', '后天', '下周', '下星期', '下个月', '下月', '明年', '将要', '即将', '将于', '计划', '预计', '以后', '今后', '过几天', '下次', '到时候'],
    after: [],
    window: 12,
    scope: 'sentence',
    pseudo: [],
    overriddenBy: ['已经', '现在', '正在', '目前', '此刻', '刚刚', '刚才'],
  },
  // Conditionals (如果着火了怎么办), prevention and drills (防止火灾, 消防演练), worries and risks
  // (担心起火, 容易引发火灾) and habits (经常发生车祸) describe no event in progress. 怎么办 alone is
  // not a cue: "家里着火了怎么办" is a person in a fire asking for help. Bare 可能 is not one either:
  // 可能着火了 is a present guess and must still raise the alarm; only 可能会 (a risk) is.
  hypothetical: {
    before: [
      '如果', '假如', '假设', '万一', '要是', '一旦', '若是', '倘若', '如何', '怎样', '预防', '防止', '防范', '避免', '以防',
      '演练', '演习', '模拟', '培训', '宣传', '知识', '讲座', '担心', '害怕', '恐怕', '生怕', '容易', '会不会', '是否会',
      '可能会', '可能引发', '可能导致', '可能造成', '会引发', '会导致', '会造成', '隐患', '经常', '常常', '老是', '总是', '频繁', '屡次',
    ],
    after: ['的话', '时怎么', '时该', '时应该', '时如何', '演练', '演习', '隐患', '风险', '的可能'],
    window: 10,
    afterWindow: 2,
    scope: 'clause',
    pseudo: [],
    overriddenBy: [],
  },
  // Complaint hyperbole: 熏得人呼吸困难, 吵得我想死, 气得要跳楼. Only verbs of annoyance: 热得晕倒
  // and 呛得喘不上气 may be real (heat stroke, smoke) and 逼得我想自杀 is a real signal.
  hyperbole: {
    before: ['气得', '吵得', '熏得', '臭得', '烦得', '急得', '憋得', '累得', '闹得', '折腾得', '折磨得'],
    after: [],
    window: 3,
    scope: 'clause',
    pseudo: [],
    overriddenBy: [],
  },
};
