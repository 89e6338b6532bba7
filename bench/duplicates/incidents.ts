// Templates for generate-pairs.ts: incidents as different callers word them, the places they
// happen at, and the everyday variation of spoken Chinese (synonyms, fillers, number formats).
// `{p}` is where the caller names the place; `{f}` a floor and `{r}` a bus route.

/**
 * - building: happens in one building (a lift, a stairwell): a different building of the same
 *   community is a different incident.
 * - site: pinned to one street number (a shop, a burst main at a door): a distant number on the
 *   same road is a different incident.
 * - route: a bus route, named only in the text.
 */
export type Scope = 'building' | 'site' | 'route';

export interface Incident {
  key: string;
  scope: Scope;
  /** Three or four ways callers describe the same event; every one states the same facts. */
  wordings: readonly string[];
  /** How a caller names it in a follow-up ("催一下，{short}的事"). */
  short: string;
}

export const INCIDENTS: readonly Incident[] = [
  {
    key: 'lift', scope: 'building', short: '电梯坏了',
    wordings: ['{p}的电梯坏了，门打不开，一直停在{f}楼。', '{p}电梯出故障停在{f}楼不动了，物业说要等厂家。', '电梯停在{f}楼开不了门，{p}，老人上下楼很不方便。', '{p}电梯故障，按钮按了没反应，卡在{f}楼。'],
  },
  {
    key: 'stair-light', scope: 'building', short: '楼道灯不亮',
    wordings: ['{p}楼道灯全坏了，晚上上下楼一片漆黑。', '{p}的楼道照明不亮，老人晚上摔了一跤。', '楼道里的灯好久都不亮了，{p}，物业一直不来修。'],
  },
  {
    key: 'gas', scope: 'building', short: '燃气漏气',
    wordings: ['{p}楼道里有很重的燃气味，怀疑漏气了。', '{p}闻到煤气味，好像是管道漏气，请燃气公司赶紧来。', '燃气泄漏！{p}楼道里气味很浓，大家都不敢开火。'],
  },
  {
    key: 'heating', scope: 'building', short: '暖气不热',
    wordings: ['{p}暖气不热，屋里只有十几度。', '{p}供暖不达标，暖气片摸着是凉的。', '家里暖气一点都不热，{p}，老人孩子都冻感冒了。'],
  },
  {
    key: 'rooftop', scope: 'building', short: '楼顶违建',
    wordings: ['{p}楼顶有人私自搭建房子，正在施工。', '{p}顶楼住户在楼顶违章加盖，担心楼板承受不住。', '有人在楼顶搞违建，{p}，天天电钻响。'],
  },
  {
    key: 'charging', scope: 'building', short: '楼道充电',
    wordings: ['{p}有人在楼道里给电动车充电，电线从窗户拉下来，很危险。', '{p}楼道私拉电线充电，有火灾隐患。', '电动车停在楼道里充电，{p}，万一着火跑都跑不掉。'],
  },
  {
    key: 'fire-lane', scope: 'building', short: '消防通道被堵',
    wordings: ['{p}的消防通道被物业锁上了，还堆满杂物。', '{p}消防通道堵死了，里面全是杂物，着火了怎么办。', '物业把{p}的安全出口锁住了，杂物堆了一人多高。'],
  },
  {
    key: 'power', scope: 'building', short: '停电',
    wordings: ['{p}整栋楼停电了，电梯也不能用。', '{p}突然断电，到现在还没来电，冰箱里的东西都要坏了。', '没电了，{p}一整栋都没电，供电所电话打不通。'],
  },
  {
    key: 'dog', scope: 'building', short: '狗叫扰民',
    wordings: ['{p}有户人家养的狗天天半夜叫，整栋楼睡不好。', '{p}住户养犬扰民，狗每天夜里狂叫。', '楼里有条狗每天夜里叫个不停，{p}，沟通了也没用。'],
  },
  {
    key: 'pipe-leak', scope: 'building', short: '楼道水管漏水',
    wordings: ['{p}楼道里的水管漏水，地面全是水，墙皮都泡掉了。', '{p}水管破了往外渗水，楼梯上都是水。', '楼道水管漏了好几天，{p}，走路很滑。'],
  },
  {
    key: 'burst-main', scope: 'site', short: '水管爆裂',
    wordings: ['{p}门口地下水管爆了，水一直往外冒，路面都淹了。', '{p}附近自来水管破裂，大量跑水，请自来水公司抢修。', '{p}那里水管爆裂，水漫到马路上了。'],
  },
  {
    key: 'collapse', scope: 'site', short: '路面塌陷',
    wordings: ['{p}门口路面塌了一个大坑，车差点掉进去。', '{p}前面路面塌陷，坑很深，没有任何警示。', '路面塌陷了，就在{p}，晚上看不见很危险。'],
  },
  {
    key: 'fumes', scope: 'site', short: '油烟扰民',
    wordings: ['{p}一楼的烧烤店油烟直接往楼上排，窗户都不敢开。', '{p}烧烤店没装油烟净化器，油烟熏到楼上住户家里。', '楼下烧烤店油烟太大了，{p}，每天熏到半夜。'],
  },
  {
    key: 'bar', scope: 'site', short: '酒吧噪音',
    wordings: ['{p}的酒吧每天放音乐到凌晨，吵得睡不着。', '{p}酒吧夜间噪音扰民，音响声音特别大。', '酒吧半夜还在唱歌，{p}，周围居民都没法休息。'],
  },
  {
    key: 'stalls', scope: 'site', short: '占道经营',
    wordings: ['{p}门口全是摆摊的，把人行道占满了。', '{p}流动摊贩占道经营，行人只能走机动车道。', '小贩占道摆摊，{p}门口堵得走不动。'],
  },
  {
    key: 'manhole', scope: 'site', short: '井盖丢失',
    wordings: ['{p}门口有个井盖不见了，晚上很危险。', '{p}前面窨井盖丢失，已经有电动车掉进去了。', '井盖没了，就在{p}门口，一个大黑洞。'],
  },
  {
    key: 'night-work', scope: 'site', short: '工地夜间施工',
    wordings: ['{p}工地半夜还在施工，打桩声吵得睡不着。', '{p}的工地夜间施工噪音很大，凌晨两点还在干。', '工地晚上不停工，{p}，机器轰隆隆响了一整夜。'],
  },
  {
    key: 'garbage', scope: 'site', short: '垃圾没人清运',
    wordings: ['{p}垃圾站好几天没人清运，臭味很大。', '{p}的垃圾堆满了也没人收，苍蝇到处飞。', '垃圾没人清运，{p}，整条街都是臭味。'],
  },
  {
    key: 'wages', scope: 'site', short: '拖欠工资',
    wordings: ['我在{p}的公司上班，老板拖欠了我们三个月工资。', '{p}那家公司欠薪，十几个员工的工资都没发。', '公司拖欠工资不给，地址在{p}，老板电话也不接。'],
  },
  {
    key: 'school-fees', scope: 'site', short: '学校乱收费',
    wordings: ['{p}的学校要求每个学生交三百元资料费，没有收据。', '{p}学校乱收费，资料费每人三百，也不开票。', '孩子学校乱收资料费，{p}，一个学生三百块。'],
  },
  {
    key: 'bus', scope: 'route', short: '{r}路公交等不到车',
    wordings: ['{r}路公交车早高峰一个多小时没来一班，站台上挤满了人。', '{r}路公交班次太少，等了一个小时都没有车。', '等{r}路车等了一个多小时，早上上班都迟到了。'],
  },
  {
    key: 'bus-driver', scope: 'route', short: '{r}路司机开车看手机',
    wordings: ['{r}路公交司机开车一直看手机，很危险。', '坐{r}路车，司机边开车边玩手机，乘客提醒了也不听。', '{r}路公交车司机开车时玩手机，差点撞到人。'],
  },
];

/** A community with the road number its gate is on (addresses name either or both). */
export const COMMUNITIES: readonly { name: string; road: string; no: number }[] = [
  { name: '顺心苑', road: '春晓路', no: 18 },
  { name: '金色家园', road: '文化路', no: 102 },
  { name: '紫荆花园', road: '人民路', no: 7 },
  { name: '东湖小区', road: '东湖路', no: 66 },
  { name: '福安新村', road: '胜利街', no: 240 },
  { name: '碧水湾', road: '解放大道', no: 1288 },
  { name: '华府公寓', road: '中山路', no: 9 },
  { name: '育才社区', road: '育才路', no: 31 },
  { name: '丰收里', road: '光华巷', no: 5 },
  { name: '观澜大厦', road: '滨河路', no: 77 },
];

export const ROADS: readonly string[] = ['长安街', '建国路', '朝阳北路', '西环路', '新民巷', '工农街', '青年大道', '和平路'];

export const DISTRICTS: readonly string[] = ['测试市朝阳区', '测试市', '朝阳区', ''];

/** Everyday swaps callers make; each applies to a text with some probability. */
export const SYNONYMS: readonly (readonly [string, string])[] = [
  ['坏了', '出毛病了'], ['停电', '断电'], ['噪音', '噪声'], ['赶紧', '尽快'], ['物业', '物业公司'],
  ['燃气', '天然气'], ['垃圾', '生活垃圾'], ['晚上', '夜里'], ['一直', '始终'],
  ['很危险', '特别危险'], ['吵得睡不着', '根本没法睡觉'], ['门口', '大门口'], ['老人', '老年人'],
];

export const PREFIXES: readonly string[] = ['', '', '', '您好，', '你好，我想反映个事，', '我是这里的住户，', '麻烦问一下，', '喂，'];
export const SUFFIXES: readonly string[] = ['', '', '', '希望尽快处理。', '请相关部门管一管。', '谢谢。', '这个问题已经影响到大家的正常生活了。', '已经好几天了。'];
export const FOLLOW_UPS: readonly string[] = [
  '我上周反映过{short}的事，到现在还没人处理。', '催一下，{p}{short}的事怎么样了？', '{short}还是没解决，{p}，之前打过电话了。',
  '之前投诉的{short}，有结果了吗？', '又来电了，{p}{short}，一直没人管。',
];
