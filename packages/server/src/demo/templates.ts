import type { CaseType } from '@openline/core';
import type { CityDepartment, Company, DistrictDepartment } from './org-tree.js';

/**
 * Appeal templates for the demo, written for this repository in the register a 12345 operator
 * records in. Placeholders in braces are filled by the generator from the case's district,
 * street and compound and from the pools below, so 300 cases read as 300 different calls.
 * Contents never contain a caller's name or number: those live only in the sealed columns.
 */

/** Who owns a kind of appeal; district and street refs resolve to the case's own district. */
export type UnitRef =
  | { city: CityDepartment }
  | { district: DistrictDepartment }
  | { street: true }
  | { company: Company };

export interface AppealTemplate {
  key: string;
  type: CaseType;
  unit: UnitRef;
  /** Relative frequency among ordinary appeals. */
  weight: number;
  /** Share recorded as urgent (DESIGN §5: outages, safety hazards). */
  urgentShare?: number;
  /** Needs several departments or weeks: extensions and supervision notices show up here. */
  complex?: boolean;
  /** Local months in which the appeal makes sense (heating complaints in summer would not). */
  months?: readonly number[];
  /** Typical of what reaches the petition bureau director's SMS line. */
  petition?: boolean;
  texts: readonly string[];
  replies: readonly string[];
}

export const APPEAL_TEMPLATES: readonly AppealTemplate[] = [
  {
    key: 'noise_construction',
    type: 'complaint',
    unit: { district: 'urban' },
    weight: 10,
    texts: [
      '{district}{street}{community}旁边的工地{time}仍在施工，打桩机和渣土车噪音很大，周边居民无法休息，已经持续{days}天了，希望有关部门尽快查处。',
      '反映{road}与{road2}交叉口的道路施工夜间作业，{time}还在切割路面，噪音扰民，请核实是否办理了夜间施工许可。',
      '{community}对面新建楼盘{time}还在浇筑混凝土，灯光和噪音都很大，家里孩子第二天要上学，请城管部门管一管。',
    ],
    replies: [
      '经执法队员现场核查，该工地未办理夜间施工许可，已责令停止夜间作业并依法立案。',
      '已约谈施工单位负责人，要求严格遵守22时至次日6时禁止施工的规定，执法中队将加强夜间巡查。',
    ],
  },
  {
    key: 'noise_neighbourhood',
    type: 'complaint',
    unit: { street: true },
    weight: 6,
    texts: [
      '{community}楼下的{shop}每天用大功率音响招揽顾客，声音特别大，影响老人和孩子休息，希望管一管。',
      '{community}旁边的小广场每天{time}有人跳广场舞，音响开得很响，多次沟通无果，请协调解决。',
    ],
    replies: [
      '街道已联系商户负责人，要求其撤除外放音响，社区网格员将持续跟踪。',
      '社区已与广场舞队负责人沟通，约定控制音量并将活动时间调整至21时前，来电人表示认可。',
    ],
  },
  {
    key: 'water_outage',
    type: 'help',
    unit: { company: '示例市供水集团有限公司' },
    weight: 7,
    urgentShare: 0.35,
    texts: [
      '{district}{street}{community}从{since}开始停水，事先没有看到任何停水通知，家里有老人，生活很不方便，请问什么时候恢复供水？',
      '{community}{building}水压一直很低，{floor}楼以上基本没水，已经好几天了，希望供水部门尽快检修。',
      '{road}靠近{community}的路边水管爆裂，水流了一地，请尽快派人抢修。',
    ],
    replies: [
      '经查为小区二次供水加压泵故障，供水集团已当日抢修完毕，恢复正常供水。',
      '因{road}主管道抢修临时停水，现已恢复供水，并要求今后计划停水须提前24小时张贴通知。',
    ],
  },
  {
    key: 'heating',
    type: 'complaint',
    unit: { company: '示例市热力有限公司' },
    weight: 6,
    urgentShare: 0.2,
    months: [11, 12, 1, 2, 3],
    texts: [
      '{community}{building}家里暖气不热，室温只有十四五度，交了取暖费却达不到标准，请热力公司上门检查。',
      '{district}{street}{community}整栋楼供暖中断，{since}到现在暖气片都是凉的，家里有婴儿，请尽快处理。',
    ],
    replies: [
      '热力公司已上门排查，系楼内管道存气，已排气处理，室温恢复至18℃以上。',
      '经查为换热站循环泵故障，已抢修完毕并恢复供暖，热力公司将对受影响住户按规定减免费用。',
    ],
  },
  {
    key: 'road_damage',
    type: 'help',
    unit: { city: '市交通运输局' },
    weight: 5,
    urgentShare: 0.15,
    texts: [
      '{road}靠近{community}路段路面塌陷，出现一个大坑，晚上电动车经过很危险，已经有人摔倒，请尽快修补。',
      '{district}{road}人行道地砖松动破损多处，下雨天一踩一脚泥水，老人行走不便，希望维修。',
    ],
    replies: [
      '养护单位已对坑槽进行临时填补并设置警示标志，该路段已于本周内修复完毕。',
      '已安排养护单位更换破损地砖，目前已修复完毕。',
    ],
  },
  {
    key: 'illegal_parking',
    type: 'complaint',
    unit: { city: '市公安局' },
    weight: 5,
    texts: [
      '{road}{community}门口每天都有车辆违停在非机动车道上，早晚高峰严重拥堵，希望交警加强管理。',
      '{community}消防通道长期被私家车占用，万一发生火灾消防车根本进不来，物业不管，请相关部门处理。',
    ],
    replies: [
      '交警大队已加强该路段巡逻，对违停车辆依法处罚，并增设禁停标志。',
      '已联合社区和物业清理占用消防通道的车辆，并施划禁停标线。',
    ],
  },
  {
    key: 'property_management',
    type: 'complaint',
    unit: { district: 'housing' },
    weight: 8,
    complex: true,
    petition: true,
    texts: [
      '{community}物业公司服务差，电梯经常坏，楼道垃圾几天没人清理，业主多次反映都没有结果，请住建部门督促整改。',
      '{community}物业擅自上调物业费，没有召开业主大会，也没有公示收支情况，业主们意见很大。',
      '{community}{building}电梯停运已经{days}天，物业说在等配件，楼里很多老人上下楼困难。',
    ],
    replies: [
      '区住建局已约谈物业公司，责令限期整改电梯维保和保洁问题，社区将跟踪落实。',
      '经核查，物业公司调价未履行法定程序，已责令暂停执行并向业主公示收支情况。',
    ],
  },
  {
    key: 'wage_arrears',
    type: 'help',
    unit: { city: '市人力资源和社会保障局' },
    weight: 5,
    urgentShare: 0.1,
    complex: true,
    petition: true,
    texts: [
      '在{district}一处建筑工地打工，包工头拖欠我们{count}名工人{months}个月工资共约{amount}万元，多次讨要无果，请帮忙追讨。',
      '反映{company}拖欠员工{months}个月工资，公司说经营困难，但一直不给具体发放时间，请劳动监察部门介入。',
    ],
    replies: [
      '劳动保障监察大队已立案调查，督促用人单位制定工资支付计划，首期工资已发放。',
      '经协调，施工总承包单位已垫付拖欠的农民工工资，来电人已领取。',
    ],
  },
  {
    key: 'school_enrolment',
    type: 'consultation',
    unit: { city: '市教育局' },
    weight: 5,
    texts: [
      '孩子今年6岁，户籍在{district}但现在租住在{community}，请问小学入学应该在哪里报名，需要准备哪些材料？',
      '咨询{school}的招生片区，{community}是否在该校的划片范围内？',
      '随迁子女在本市上小学需要什么条件？居住证办理不满一年可以报名吗？',
    ],
    replies: [
      '已告知来电人按实际居住地所在片区报名，需准备户口簿、居住证明等材料，具体以区教育局招生公告为准。',
      '经与区教育局核实，该小区属于{school}招生片区，已回复来电人。',
    ],
  },
  {
    key: 'food_safety',
    type: 'complaint',
    unit: { city: '市市场监督管理局' },
    weight: 4,
    texts: [
      '在{road}一家{restaurant}吃饭后全家腹泻，怀疑食物不卫生，后厨环境很差，请市场监管部门检查。',
      '{community}附近的超市出售过期食品，{when}买的酸奶已过期{days}天，要求商家赔偿被拒绝。',
    ],
    replies: [
      '市场监管所已对该店进行现场检查，责令整改后厨卫生问题并依法立案调查。',
      '经调解，商家已按规定退款并赔偿，过期食品已全部下架。',
    ],
  },
  {
    key: 'dogs',
    type: 'complaint',
    unit: { street: true },
    weight: 3,
    texts: [
      '{community}有住户遛狗不拴绳，大型犬在小区里乱跑，孩子被吓哭了，还随地大小便，请加强管理。',
      '{community}{building}有住户养了好几条狗，每天半夜狂叫，严重影响休息，沟通多次没有改善。',
    ],
    replies: [
      '社区已联合物业上门宣传文明养犬规定，要求犬主出户拴绳并及时清理粪便。',
      '社区民警和网格员已上门调解，犬主承诺夜间将犬只关在室内并加装隔音设施。',
    ],
  },
  {
    key: 'garbage',
    type: 'complaint',
    unit: { district: 'urban' },
    weight: 6,
    texts: [
      '{community}垃圾桶满了好几天没人清运，天气热臭味很大，招苍蝇蚊子，请环卫部门尽快处理。',
      '{road}边上有人乱倒建筑垃圾，堆了很大一堆，占了半条人行道。',
    ],
    replies: [
      '环卫所已安排清运，并将该点位清运频次调整为每日两次。',
      '执法中队已清理建筑垃圾，并在该处加装监控，对偷倒行为依法查处。',
    ],
  },
  {
    key: 'street_lights',
    type: 'help',
    unit: { district: 'urban' },
    weight: 4,
    texts: [
      '{road}从{road2}路口到{community}一段路灯不亮已经{days}天了，晚上一片漆黑，行人很不安全。',
      '{community}门口的路灯白天一直亮着，晚上反而不亮，请安排检修。',
    ],
    replies: ['路灯维护单位已更换损坏的灯具和线路，该路段已恢复正常照明。'],
  },
  {
    key: 'street_vendors',
    type: 'complaint',
    unit: { district: 'urban' },
    weight: 3,
    texts: [
      '{road}{community}门口早晚有很多流动摊贩占道经营，油烟和垃圾多，还堵塞交通。',
      '{school}门口放学时段摊贩聚集，学生围着买零食，车辆通行很危险。',
    ],
    replies: ['执法中队已在该路段开展整治，引导摊贩进入{street}便民疏导点经营，并安排早晚定时巡查。'],
  },
  {
    key: 'cooking_fumes',
    type: 'complaint',
    unit: { city: '市生态环境局' },
    weight: 3,
    urgentShare: 0.1,
    texts: [
      '{community}楼下的{restaurant}油烟直排，没有安装净化设备，油烟直接飘进我家窗户，请环保部门查处。',
      '{district}{street}附近的厂房晚上排放废气，气味刺鼻，周边居民头疼恶心，怀疑偷排。',
    ],
    replies: [
      '执法人员已现场检查，责令该店限期安装油烟净化设施，逾期未整改将依法处罚。',
      '经夜间突击检查，该企业废气处理设施未正常运行，已立案查处并责令停产整改。',
    ],
  },
  {
    key: 'bus_service',
    type: 'suggestion',
    unit: { city: '市交通运输局' },
    weight: 3,
    texts: [
      '建议在{community}附近增设公交站点，目前最近的站点要走二十分钟，老人出行很不方便。',
      '{bus}路公交车经常不按时刻表发车，早高峰要等半个多小时，希望增加班次。',
    ],
    replies: [
      '交通运输局已将该建议纳入公交线网优化方案研究，拟于下季度调整线路。',
      '公交集团已在早高峰时段为该线路增加4个班次，并加强发车准点考核。',
    ],
  },
  {
    key: 'hospital_waiting',
    type: 'complaint',
    unit: { city: '市卫生健康委员会' },
    weight: 3,
    texts: [
      '在{hospital}看病排队时间太长，挂号后等了三个多小时，希望增加医生、优化就诊流程。',
      '{hospital}停车场收费不透明，看一次病停车费比挂号费还贵，请有关部门规范。',
    ],
    replies: ['市卫健委已要求该院增开高峰时段诊室并推行分时段预约，已向来电人说明。'],
  },
  {
    key: 'social_insurance',
    type: 'consultation',
    unit: { city: '市人力资源和社会保障局' },
    weight: 4,
    texts: [
      '咨询灵活就业人员如何在本市缴纳养老保险，网上怎么办理？',
      '社保卡丢了，请问在哪里补办，需要多长时间？',
      '咨询失业保险金的申领条件和办理流程。',
    ],
    replies: ['已向来电人说明办理渠道和所需材料，可通过“示例市人社”小程序在线办理。'],
  },
  {
    key: 'old_building_leak',
    type: 'help',
    unit: { district: 'housing' },
    weight: 3,
    complex: true,
    texts: [
      '{community}{building}楼顶防水层老化，一下雨顶楼就漏水，墙面发霉，申请维修资金一直没有结果。',
      '{community}是老旧小区，外墙瓷砖脱落砸坏了楼下的车，存在安全隐患，希望纳入改造计划。',
    ],
    replies: [
      '区住建局已协调物业启动维修资金应急使用程序，楼顶防水工程已完工。',
      '已对外墙进行排险处理，该小区已列入明年老旧小区改造计划。',
    ],
  },
  {
    key: 'expropriation',
    type: 'complaint',
    unit: { district: 'housing' },
    weight: 2,
    complex: true,
    petition: true,
    texts: ['反映{community}旧改项目征收补偿标准不一致，同一栋楼补偿款差距很大，要求公开补偿方案和评估报告。'],
    replies: ['区征收办已向来电人公开补偿方案和评估依据，并安排评估机构复核，结果已书面告知。'],
  },
  {
    key: 'elderly_care',
    type: 'help',
    unit: { city: '市民政局' },
    weight: 2,
    texts: [
      '家里老人八十多岁独居在{community}，行动不便，咨询能否申请居家养老上门服务。',
      '{street}的老年食堂停办了，社区老人吃饭成了问题，希望恢复。',
    ],
    replies: ['已协调{street}为老人办理居家养老服务评估，每周上门服务两次。'],
  },
  {
    key: 'praise',
    type: 'praise',
    unit: { street: true },
    weight: 2,
    texts: [
      '感谢{street}的工作人员，上次反映的{community}路灯问题两天就解决了，办事效率很高，特此表扬。',
      '表扬{community}社区的网格员，帮我们楼里独居老人联系了送餐服务，非常贴心。',
    ],
    replies: ['已将来电人的表扬转达至相关工作人员。'],
  },
];

/** Crime tips arrive only on the police chief's SMS tip line (DESIGN §1); reporters stay anonymous. */
export const TIP_TEMPLATES: readonly AppealTemplate[] = [
  {
    key: 'tip_gambling',
    type: 'report',
    unit: { city: '市公安局' },
    weight: 1,
    texts: ['举报{community}{building}一处出租屋内疑似有人聚众赌博，每天晚上进出人员很多，时常到凌晨。'],
    replies: ['公安机关已核查并依法处置，已向举报人反馈处理结果。'],
  },
  {
    key: 'tip_pyramid',
    type: 'report',
    unit: { city: '市公安局' },
    weight: 1,
    texts: ['举报{road}附近一处写字楼内疑似有传销组织，经常有外地年轻人被带进去上课，不让随便离开。'],
    replies: ['公安机关会同市场监管部门已开展调查，相关人员已被依法查处，已向举报人反馈。'],
  },
  {
    key: 'tip_fraud',
    type: 'report',
    unit: { city: '市公安局' },
    weight: 1,
    texts: ['举报有人在{community}附近向老人推销所谓“养老理财”，承诺高额回报，疑似非法集资。'],
    replies: ['经核查属实，公安机关已立案侦查并开展防范宣传，已向举报人反馈。'],
  },
];

/** Contacts that are not appeals; recorded, never deleted, marked invalid with a reason (DESIGN §4). */
export const INVALID_CONTACTS: ReadonlyArray<{ content: string; reason: string; channel: 'phone' | 'sms' }> = [
  { content: '来电人接通后未说明具体诉求，询问多次无应答后挂断。', reason: '无实质诉求内容', channel: 'phone' },
  { content: '短信内容为商业广告推销信息。', reason: '广告推销信息', channel: 'sms' },
  { content: '来电人反复拨打，通话中辱骂话务员，未提出具体诉求。', reason: '骚扰来电，无实质诉求', channel: 'phone' },
  { content: '来电人称拨错号码。', reason: '误拨', channel: 'phone' },
];

/** Pools for the placeholders that do not come from the place tree. */
export const POOLS = {
  time: ['晚上十一点以后', '凌晨一两点', '中午午休时间', '晚上十点过后', '周末一大早六点'],
  since: ['昨天早上', '今天凌晨', '前天下午', '昨天晚上八点'],
  when: ['上周六', '前天', '昨天'],
  shop: ['手机店', '服装店', '水果店', '超市', '美容美发店'],
  restaurant: ['烧烤店', '小餐馆', '快餐店', '麻辣烫店', '火锅店'],
  hospital: ['市第一人民医院', '市中医院', '市妇幼保健院', '市第三人民医院'],
  company: ['一家物流公司', '一家装修公司', '一家餐饮连锁企业', '一家电子厂'],
  bus: ['3', '15', '27', '106', '211'],
  building: ['1栋', '3栋', '5号楼', '7栋', '12号楼', '18栋'],
} as const;
