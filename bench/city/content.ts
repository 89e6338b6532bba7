import type { Random } from '../../packages/core/src/random.js';

/**
 * The words of a city's appeals, combined into a pool of distinct texts. Real appeals repeat
 * themselves (the same outage, the same building site, reported by hundreds), so 10 M cases drawn
 * from a pool of some 100 k texts search like a real table: common words hit millions of rows,
 * a street name and a topic together hit hundreds, a rare phrase a handful.
 */
const DISTRICTS = ['东城', '西城', '朝阳', '海淀', '丰台', '石景山', '通州', '顺义', '昌平', '大兴', '房山', '门头沟'];
const PLACES = [
  '幸福路', '建设大街', '人民路', '解放路', '和平里', '光明小区', '阳光花园', '滨河路', '团结湖', '新华街', '东风路', '胜利巷',
  '花园小区', '金融街', '科技园', '体育馆路', '学院路', '火车站广场', '长安街', '工业园', '菜市场', '第一中学', '中心医院', '公交总站',
];
const TOPICS = [
  '小区停水', '夜间施工噪音扰民', '道路坑洼', '物业乱收费', '供暖温度不达标', '违章停车堵路', '拖欠工资', '油烟扰民', '路灯不亮',
  '垃圾清运不及时', '井盖缺失', '广场舞噪音', '占道经营', '电梯故障', '燃气异味', '下水道堵塞', '共享单车乱停', '楼道堆放杂物',
  '绿化带被毁', '公交车不按站停靠', '出租车拒载', '房屋漏水', '学校周边交通拥堵', '医保报销咨询', '社保转移咨询', '户口办理咨询',
  '暖气管道漏水', '私搭乱建', '黑车揽客', '餐馆无证经营', '宠物扰民', '空气污染', '河道污染', '停电', '网络信号差', '快递乱收费',
  '商家虚假宣传', '预付卡退费难', '装修噪音', '高空抛物',
];
const DETAILS = [
  '已持续三天', '反映多次未解决', '影响老人出行', '晚上十点以后仍在继续', '孩子无法休息', '周边居民意见很大', '希望尽快处理',
  '请相关部门核实', '存在安全隐患', '要求给予答复', '上周已经反映过', '物业不予理会', '多户居民受影响', '请派人现场查看',
];

export interface ContentPool {
  texts: string[];
}

/** `size` distinct appeal texts, seeded (the two databases get the same pool). */
export function contentPool(size: number, random: Random): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const seen = new Set<string>();
  const texts: string[] = [];
  // A few topics are far more common than the rest, as in a real hotline (squared pick).
  const topic = (): string => TOPICS[Math.floor(random() ** 2 * TOPICS.length)] as string;
  for (let tries = 0; texts.length < size && tries < size * 20; tries++) {
    const number = 1 + Math.floor(random() * 40);
    const text = `${pick(DISTRICTS)}区${pick(PLACES)}${number}号附近${topic()}，${pick(DETAILS)}，${pick(DETAILS)}。`;
    if (seen.has(text)) continue;
    seen.add(text);
    texts.push(text);
  }
  return texts;
}
