/**
 * The category tree a new jurisdiction starts with (and the demo city uses): written for
 * Openline from the matters a Chinese 12345 hotline commonly hears, not taken from any published
 * scheme. Admins rename, move, add and retire from here. Keywords feed the suggestion at intake
 * (suggest.ts), so each leaf lists the words callers actually use.
 */
export interface SeedCategory {
  code: string;
  name: string;
  keywords: string[];
  children: SeedCategory[];
}

type Row = [code: string, name: string, keywords: string, children?: Row[]];

const TREE: Row[] = [
  ['urban', '城市管理', '城管', [
    ['urban-appearance', '市容环卫', '市容', [
      ['street-vending', '占道经营', '摆摊 占道 流动摊贩 马路市场 夜市 出店经营'],
      ['garbage', '垃圾清运', '垃圾 清运 垃圾桶 环卫 保洁 垃圾分类'],
      ['outdoor-ads', '户外广告', '广告牌 招牌 小广告 横幅 牛皮癣'],
    ]],
    ['illegal-building', '违法建设', '违建 违法建设', [
      ['illegal-extension', '违章搭建', '违章搭建 私搭乱建 加盖 阳台外扩 圈地 顶楼搭建'],
      ['construction-permit', '施工管理', '施工许可 夜间施工 工地 渣土'],
    ]],
    ['parking', '停车秩序', '停车', [
      ['illegal-parking', '乱停乱放', '乱停 乱放 占道停车 堵路 共享单车 停在人行道'],
      ['parking-fee', '停车收费', '停车费 停车收费 停车场'],
    ]],
    ['greening', '园林绿化', '绿化', [
      ['tree-pruning', '树木修剪', '树枝 修剪 倒伏 枯树 砍树 毁绿'],
      ['parks', '公园广场', '公园 广场 健身器材 广场舞'],
    ]],
  ]],
  ['utilities', '公用事业', '', [
    ['water', '供水', '自来水', [
      ['water-outage', '停水', '停水 没有水 断水 没水'],
      ['water-quality', '水质', '水质 水黄 浑浊 有异味的水'],
      ['water-pressure', '水压', '水压 水压低 水流很小'],
    ]],
    ['power', '供电', '供电', [
      ['power-outage', '停电', '停电 断电 没电 跳闸'],
      ['power-line', '电力设施', '电线 电线杆 变压器 电缆 线路老化'],
    ]],
    ['gas', '燃气', '燃气 天然气', [
      ['gas-supply', '燃气供应', '停气 燃气开户 通气 燃气表'],
      ['gas-fee', '燃气收费', '燃气费 气费 燃气收费'],
    ]],
    ['heating', '供暖', '供暖 暖气 采暖', [
      ['heating-temperature', '室温不达标', '暖气不热 室温 温度不够 冷得很'],
      ['heating-fee', '供暖收费', '取暖费 供暖费 采暖费'],
    ]],
    ['drainage', '排水', '排水', [
      ['sewer-blockage', '管道堵塞', '下水道 堵塞 化粪池 污水外溢 返水'],
      ['waterlogging', '道路积水', '积水 内涝 雨水井 淹水'],
    ]],
  ]],
  ['housing', '住房与物业', '住房', [
    ['property-management', '物业管理', '物业 业委会', [
      ['property-service', '物业服务', '物业服务 物业不作为 保安 小区卫生 门禁'],
      ['property-fee', '物业收费', '物业费 公摊 维修基金'],
      ['elevator', '电梯', '电梯 电梯故障 困梯 加装电梯'],
    ]],
    ['housing-security', '住房保障', '保障房', [
      ['public-rental', '公租房', '公租房 廉租房 保障性住房'],
      ['renovation', '旧改与棚改', '棚户区 棚改 老旧小区 改造 拆迁安置'],
    ]],
    ['real-estate', '房地产', '开发商 楼盘', [
      ['delayed-delivery', '延期交房', '交房 延期交房 烂尾'],
      ['property-title', '办证难', '房产证 不动产证 办证 产权证 网签'],
      ['housing-quality', '房屋质量', '漏水 渗水 裂缝 墙体开裂 房屋质量'],
      ['renting', '房屋租赁', '租房 房东 押金 中介 租赁'],
    ]],
  ]],
  ['environment', '生态环境', '环保 污染', [
    ['noise', '噪声', '噪音 噪声 扰民', [
      ['construction-noise', '施工噪声', '施工噪音 夜间施工 打桩 机器轰鸣'],
      ['business-noise', '社会生活噪声', '音响 KTV 酒吧 喇叭 广场舞音乐'],
    ]],
    ['air', '大气', '空气', [
      ['dust', '扬尘', '扬尘 灰尘 粉尘 渣土车'],
      ['fumes', '油烟', '油烟 烧烤 餐馆排烟'],
      ['odour', '废气异味', '废气 异味 臭味 刺鼻 焚烧 烧垃圾'],
    ]],
    ['water-pollution', '水污染', '水污染', [
      ['river-pollution', '河湖污染', '河道 黑臭 河水 水库 湖'],
      ['sewage-discharge', '污水排放', '排污 污水直排 偷排'],
    ]],
  ]],
  ['transport', '交通出行', '交通', [
    ['public-transit', '公共交通', '公交', [
      ['bus-routes', '公交线路', '公交线路 公交站 增设线路 公交车站 班次'],
      ['bus-service', '公交服务', '司机 不停站 拒载 公交卡 态度恶劣'],
      ['metro', '轨道交通', '地铁 轻轨 城铁'],
    ]],
    ['taxi', '出租车与网约车', '出租车 的士', [
      ['taxi-service', '出租车服务', '出租车 绕路 不打表 拼客'],
      ['ride-hailing', '网约车', '网约车 滴滴 顺风车'],
    ]],
    ['roads', '道路设施', '道路', [
      ['road-damage', '道路破损', '路面 坑洼 破损 井盖 塌陷'],
      ['traffic-signals', '信号灯与标线', '红绿灯 信号灯 斑马线 标线 交通标志'],
      ['streetlights', '路灯', '路灯 不亮 照明'],
    ]],
    ['vehicles', '车辆与驾驶', '驾驶证 车管所', [
      ['vehicle-registration', '车辆登记', '上牌 过户 年检 车辆登记'],
      ['traffic-fines', '交通违法处理', '罚单 违章 扣分 电子眼'],
    ]],
  ]],
  ['labour', '劳动和社会保障', '人社', [
    ['wages', '劳动报酬', '工资', [
      ['wage-arrears', '拖欠工资', '拖欠工资 欠薪 工资不发 讨薪'],
      ['migrant-wages', '农民工工资', '农民工 包工头 工地工资'],
    ]],
    ['labour-relations', '劳动关系', '劳动', [
      ['employment-contract', '劳动合同', '劳动合同 试用期 加班费 社保未缴'],
      ['dismissal', '辞退与仲裁', '辞退 开除 解除合同 劳动仲裁 经济补偿'],
    ]],
    ['social-insurance', '社会保险', '社保', [
      ['pension', '养老保险', '养老保险 退休金 养老金 退休'],
      ['medical-insurance', '医疗保险', '医保 医疗保险 报销'],
      ['unemployment-insurance', '失业与工伤保险', '失业金 失业保险 工伤'],
    ]],
    ['employment', '就业创业', '就业', [
      ['job-services', '就业服务', '招聘 就业 找工作 人才引进'],
      ['skills-training', '职业培训', '职业培训 技能培训 职业资格'],
    ]],
  ]],
  ['education', '教育', '学校', [
    ['admissions', '入学招生', '招生', [
      ['school-zoning', '入学划片', '划片 学区 入学 学位'],
      ['school-transfer', '转学插班', '转学 插班 借读'],
    ]],
    ['education-fees', '教育收费', '收费', [
      ['school-fees', '学校收费', '乱收费 补课费 资料费 学费'],
      ['tutoring', '校外培训', '培训机构 校外培训 补习班 退费'],
    ]],
    ['school-management', '学校管理', '老师', [
      ['teacher-conduct', '师德师风', '体罚 师德 有偿补课 老师'],
      ['school-safety', '校园安全', '校园 校车 霸凌 学生安全'],
      ['school-canteen', '学校食堂', '食堂 午餐 营养餐'],
    ]],
    ['preschool', '学前教育', '幼儿园 托育', []],
  ]],
  ['health', '卫生健康', '卫生', [
    ['medical-services', '医疗服务', '医院', [
      ['hospital-service', '就医服务', '挂号 看病 排队 医生态度 住院'],
      ['medical-dispute', '医疗纠纷', '医疗事故 误诊 医疗纠纷'],
      ['medical-fees', '医疗收费', '医疗费 乱收费 药费 检查费'],
    ]],
    ['public-health', '公共卫生', '疾控', [
      ['vaccination', '疫苗接种', '疫苗 接种 打针'],
      ['infectious-disease', '传染病防控', '传染病 疫情 核酸 消杀'],
    ]],
    ['maternity', '生育服务', '生育', [
      ['birth-registration', '生育登记', '生育登记 准生证 出生证明'],
      ['childbirth-benefits', '生育待遇', '生育津贴 产假 生育保险'],
    ]],
  ]],
  ['market', '市场监管', '市场监管', [
    ['food-safety', '食品安全', '食品', [
      ['food-hygiene', '餐饮卫生', '餐馆 卫生 变质 吃坏肚子 苍蝇'],
      ['unlicensed-food', '无证经营', '无证 黑作坊 小作坊'],
    ]],
    ['consumer-rights', '消费维权', '消费者 维权', [
      ['refunds', '退款退费', '退款 退费 不退钱'],
      ['prepaid-cards', '预付卡', '预付卡 会员卡 充值卡 健身房 跑路'],
      ['false-advertising', '虚假宣传', '虚假宣传 假货 欺诈'],
    ]],
    ['prices', '价格监管', '价格', [
      ['price-gouging', '哄抬价格', '哄抬 涨价 价格欺诈 明码标价'],
    ]],
  ]],
  ['civil-affairs', '民政与社区', '民政', [
    ['elderly-care', '养老服务', '老人 养老', [
      ['care-homes', '养老机构', '养老院 敬老院 护理院'],
      ['elderly-allowance', '老年补贴', '高龄补贴 老年补贴 尊老金'],
    ]],
    ['social-assistance', '社会救助', '救助', [
      ['subsistence', '低保', '低保 特困 五保'],
      ['disability', '残疾人服务', '残疾 残疾证 轮椅 盲道'],
    ]],
    ['community', '社区事务', '社区 居委会 村委会', [
      ['neighbour-disputes', '邻里纠纷', '邻居 邻里 纠纷 楼上'],
      ['pets', '宠物管理', '养狗 遛狗 狗叫 宠物 流浪狗 流浪猫'],
    ]],
  ]],
  ['public-safety', '公共安全', '安全', [
    ['fire-safety', '消防安全', '消防', [
      ['fire-passages', '消防通道', '消防通道 堵塞通道 楼道堆物'],
      ['ev-charging', '电动车充电', '电动车 飞线充电 充电桩 楼道充电'],
    ]],
    ['work-safety', '安全生产', '安全生产 安全隐患', [
      ['hazards', '安全隐患', '隐患 危险 塌方 高空坠物'],
      ['hazardous-goods', '危险品', '危化品 液化气罐 烟花爆竹'],
    ]],
  ]],
  ['government-services', '政务服务', '政务', [
    ['service-efficiency', '办事效率', '办事', [
      ['approvals', '审批办理', '审批 办理 材料 跑了好几趟 窗口'],
      ['staff-conduct', '工作作风', '态度差 推诿 不作为 吃拿卡要'],
    ]],
    ['civil-registration', '户籍证件', '户口 证件', [
      ['hukou', '户口迁移', '落户 户口迁移 迁户口 户籍'],
      ['residence-permit', '居住证', '居住证 暂住证'],
      ['id-documents', '身份证件', '身份证 护照 港澳通行证'],
    ]],
    ['policy-enquiry', '政策咨询', '政策 咨询', []],
  ]],
  ['rural', '农业农村', '农村', [
    ['land', '农村土地', '土地', [
      ['land-acquisition', '征地补偿', '征地 征收 补偿款 拆迁补偿'],
      ['land-contract', '土地承包', '承包地 土地流转 宅基地'],
    ]],
    ['agriculture', '农业生产', '农业', [
      ['farm-subsidies', '惠农补贴', '种粮补贴 惠农 农机补贴'],
      ['farm-inputs', '农资', '种子 化肥 农药'],
    ]],
    ['village-infrastructure', '农村基础设施', '村里', [
      ['village-roads', '村道', '村道 通村公路 村路'],
      ['rural-water', '农村饮水', '饮水 水井 人畜饮水'],
    ]],
  ]],
];

function toSeed(row: Row): SeedCategory {
  const [code, name, keywords, children = []] = row;
  return { code, name, keywords: keywords.split(' ').filter(Boolean), children: children.map(toSeed) };
}

/** A fresh copy of the default tree (callers may change it). */
export function defaultCategoryTree(): SeedCategory[] {
  return TREE.map(toSeed);
}
