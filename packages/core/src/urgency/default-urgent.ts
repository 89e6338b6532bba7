import type { UrgencyLexiconInput } from './lexicon.js';

type CategoryInput = UrgencyLexiconInput['categories'][number];

/** Outage words, shared by the widespread (urgent) and the single-household (normal) category. */
const OUTAGE_TERMS = [
  '停水', '断水', '没水了', '没有水了', '水停了', '不来水', '停电', '断电', '没电了', '没有电了', '电停了',
  '停气', '燃气停了', '没有燃气', '没燃气', '停暖', '没暖气', '没有暖气', '暖气停了', '不供暖', '停止供暖', '供暖中断',
];

/** 停电动车 (parking an e-bike), 手机没电了, 停水通知 (a notice, not an outage). */
const OUTAGE_EXCLUDES = [
  '停电动车', '停电瓶车', '停电车', '停水泥', '手机没电', '电动车没电', '电瓶没电', '车没电',
  '停水通知', '停电通知', '停气通知', '停水公告', '停电公告', '断电保护',
];

/**
 * Words that make an outage affect many households (DESIGN §5 urgent vs. one flat). The window is
 * short because appeals open with an address (阳光小区3号楼2单元502停水) that names a 小区 without
 * meaning all of it; a miss here still leaves the outage flag and its 24-hour rule.
 */
const WIDESPREAD = [
  '整栋', '整幢', '整个楼', '整楼', '全楼', '楼里', '全小区', '小区', '片区', '一片', '整条街', '一条街', '全村', '村里',
  '多户', '多家', '家家户户', '所有住户', '全体住户', '好几户', '几十户', '上百户', '几百户', '大面积', '好几栋', '几栋楼',
  '整个单元', '周边',
];

/**
 * Urgent: a work order with the urgent deadlines (contact within 2 h, resolve within 24 h).
 * An outage for one household stays `normal` but sets `utilitiesOutage`, which already brings
 * the 24-hour resolution rule.
 */
export const DEFAULT_URGENT: CategoryInput[] = [
  {
    id: 'trapped',
    label: '人员被困',
    level: 'urgent',
    terms: ['被困电梯', '困在电梯', '电梯困人', '电梯里困', '关在电梯', '卡在电梯', '电梯里出不来', '被困在', '困在屋里', '被锁在'],
  },
  {
    // A risk of collapse is the urgency itself, so 可能会塌 or 随时要倒 still counts.
    id: 'collapse',
    label: '房屋墙体倒塌风险',
    level: 'urgent',
    terms: ['要塌', '快塌', '倒塌', '坍塌', '塌了', '塌方', '塌陷', '墙体开裂', '开裂要塌', '摇摇欲坠', '随时会倒', '外墙脱落'],
    ignoreModifiers: ['future', 'hypothetical'],
  },
  {
    id: 'public_hazard',
    label: '公共安全隐患',
    level: 'urgent',
    terms: ['高空坠物', '井盖丢失', '井盖没了', '井盖被偷', '没有井盖', '电线掉落', '电线掉下来', '电线断了', '漏电', '树倒了', '大树倒'],
    excludes: ['漏电保护'],
  },
  {
    id: 'sewage_flood',
    label: '污水倒灌内涝',
    level: 'urgent',
    terms: [
      '污水倒灌', '粪水倒灌', '倒灌', '污水外溢', '污水漫', '污水冒出来', '化粪池满溢', '化粪池冒', '下水道反水', '下水道返水',
      '反水了', '返水了', '被淹了', '淹了', '内涝', '水管爆裂', '爆管', '水管爆了', '跑水',
    ],
  },
  {
    // DESIGN lists a lost child or elder as urgent; a jurisdiction that hands these straight to
    // 110 can make this category an emergency with a redirect.
    id: 'missing_person',
    label: '老人儿童走失',
    level: 'urgent',
    terms: [
      '孩子走丢', '小孩走丢', '孩子丢了', '小孩丢了', '孩子不见了', '小孩不见了', '找不到孩子', '找不到小孩',
      '老人走失', '老人走丢', '老人不见了', '找不到老人', '走失', '走丢了',
    ],
    excludes: ['狗走丢', '猫走丢', '狗走失', '猫走失', '宠物走失', '宠物走丢'],
  },
  {
    id: 'utility_outage_widespread',
    label: '大面积停水停电停气停暖',
    level: 'urgent',
    utilitiesOutage: true,
    terms: OUTAGE_TERMS,
    excludes: OUTAGE_EXCLUDES,
    context: { words: WIDESPREAD, window: 6, scope: 'clause' },
  },
  {
    id: 'utility_outage',
    label: '停水停电停气停暖',
    level: 'normal',
    utilitiesOutage: true,
    terms: OUTAGE_TERMS,
    excludes: OUTAGE_EXCLUDES,
  },
];
