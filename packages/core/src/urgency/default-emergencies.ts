import type { UrgencyLexiconInput } from './lexicon.js';

type CategoryInput = UrgencyLexiconInput['categories'][number];

/**
 * Emergencies: the caller is told to ring the number now and the contact records the redirect
 * instead of opening a work order (DESIGN §3). Order is precedence: a fire with someone
 * unconscious is a 119 call first, because the fire brigade clears the danger and 120 follows.
 *
 * Terms are whole phrases (火灾, 冒烟了), never single characters, so 消防通道, 火锅, 火车站 and
 * 发火 never match in the first place; `excludes` lists the longer words that contain a term but
 * mean something else.
 */
export const DEFAULT_EMERGENCIES: CategoryInput[] = [
  {
    id: 'fire',
    label: '火情',
    level: 'emergency',
    redirect: { number: '119', reason: '发生火情请立即拨打119火警电话，并尽快撤离到安全地带，不要乘坐电梯。' },
    terms: ['着火', '起火', '失火', '火灾', '冒烟了', '冒浓烟', '浓烟', '烧起来了', '烧着了', '火很大', '火势', '火苗', '自燃', '爆炸了', '发生爆炸'],
    excludes: [
      '火灾隐患', '火灾风险', '火灾报警', '火灾险', '火灾自动', '火灾探测', '着火点', '起火点', '起火原因', '失火原因',
      '烟囱冒烟', '烟囱冒浓烟', '排放浓烟', '排浓烟', '排气管冒烟', '烧烤冒烟', '炒菜冒烟',
    ],
  },
  {
    // 119 rather than the gas company's line: it is the same everywhere, answers at once, and the
    // fire brigade handles hazardous leaks. The local 燃气抢修 number varies by city, so it goes in
    // the reason text, which each jurisdiction edits.
    id: 'gas_leak',
    label: '燃气泄漏',
    level: 'emergency',
    redirect: {
      number: '119',
      reason: '燃气泄漏请勿开关电器、勿用明火和手机，开窗通风、关闭总阀并撤离到室外后拨打119，也可拨打当地燃气公司抢修电话。',
    },
    terms: [
      '煤气泄漏', '燃气泄漏', '天然气泄漏', '液化气泄漏', '煤气泄露', '燃气泄露', '天然气泄露',
      '煤气漏气', '燃气漏气', '天然气漏气', '漏煤气', '漏燃气', '漏天然气', '煤气味', '燃气味', '天然气味', '液化气味',
    ],
    excludes: ['泄漏报警', '泄露报警', '泄漏检测', '漏气检测'],
  },
  {
    id: 'violence',
    label: '暴力侵害',
    level: 'emergency',
    redirect: { number: '110', reason: '正在发生的暴力侵害或治安危险请立即拨打110报警，先确保自身安全。' },
    terms: ['正在打人', '打人了', '有人打架', '打架了', '打起来了', '持刀', '拿刀', '砍人', '捅人', '行凶', '抢劫', '抢东西', '绑架', '杀人', '家暴', '非礼'],
    excludes: ['杀人游戏'],
    // A threat for tomorrow (明天就去砍人) is still a threat.
    ignoreModifiers: ['future'],
  },
  {
    // 110 first: police can find and reach the person; the reason asks for 120 if already hurt.
    id: 'self_harm',
    label: '自杀自伤',
    level: 'emergency',
    redirect: {
      number: '110',
      reason: '有人扬言或正在自杀、自伤，请立即拨打110（已经受伤请同时拨打120），尽量稳定其情绪，不要让其独处。',
    },
    terms: [
      '要跳楼', '想跳楼', '跳楼', '要自杀', '想自杀', '自杀', '不想活了', '活不下去', '轻生', '寻短见', '想不开',
      '割腕', '喝农药', '喝了农药', '吃安眠药', '吃了安眠药', '服毒', '吞药', '上吊', '跳河', '跳江', '寻死', '想死', '结束生命',
    ],
    // 自杀式袭击 is news about an attack, not a person at risk; 跳楼价 is a sale; 想死的心都有了
    // is the stock phrase for exasperation (I could scream), not a plan.
    excludes: ['跳楼价', '跳楼甩卖', '跳楼大甩卖', '自杀式', '自杀性', '想死你', '想死的心'],
    // "不解决我就跳楼" is a conditional threat and "明天就去跳楼" a future one; both are exactly
    // what must be escalated, so only negation, past time and hyperbole cancel these terms.
    ignoreModifiers: ['future', 'hypothetical'],
  },
  {
    id: 'medical',
    label: '急症',
    level: 'emergency',
    redirect: { number: '120', reason: '突发急症或意外伤害请立即拨打120急救电话，说清地址和病人情况。' },
    terms: [
      '昏迷', '晕倒', '不省人事', '呼吸困难', '喘不上气', '没有呼吸了', '没呼吸了', '停止呼吸', '没有心跳', '心跳停止',
      '心脏骤停', '心脏病发作', '抽搐', '口吐白沫', '大出血', '血流不止', '休克', '中风', '触电', '溺水',
      '煤气中毒', '一氧化碳中毒', '食物中毒', '农药中毒',
    ],
    excludes: ['中风险'],
  },
  {
    // An injury counts only next to a traffic word; 车祸 alone (a dispute over a past accident) does not.
    // Nothing here may fire on objects: 站牌被撞倒 or 护栏被撞 is a repair, not a casualty.
    id: 'traffic_injury',
    label: '交通事故有人受伤',
    level: 'emergency',
    redirect: { number: '120', reason: '交通事故有人受伤请立即拨打120，同时拨打122交通事故报警，注意设置警示、防止二次事故。' },
    terms: ['受伤', '伤者', '伤员', '流血', '骨折', '撞伤', '轧伤', '被车撞', '倒地不起', '动不了'],
    excludes: ['被车撞坏', '被车撞断', '被车撞倒'],
    context: {
      words: ['车祸', '撞车', '交通事故', '车撞', '被车', '撞人', '撞了人', '追尾', '翻车', '肇事'],
      window: 12,
      scope: 'sentence',
    },
  },
  {
    id: 'traffic_accident',
    label: '交通事故',
    level: 'emergency',
    redirect: { number: '122', reason: '发生交通事故请拨打122交通事故报警电话，有人受伤请同时拨打120。' },
    terms: ['出车祸', '发生车祸', '车祸了', '撞车了', '追尾了', '翻车了', '车祸现场', '交通事故现场', '发生交通事故'],
    excludes: ['交通事故认定', '事故认定'],
  },
];
