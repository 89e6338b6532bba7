import { describe, expect, it } from 'vitest';
import { routingModelFromJson, routingModelToJson, trainRoutingModel, type LabeledText } from './index.js';

// Hand-written appeals for four categories; invented for these tests, not taken from any data set.
const training: LabeledText[] = [
  ...[
    '楼上邻居每天半夜跳舞，噪音太大，影响休息',
    '小区旁边的工地晚上十点以后还在施工，噪音扰民',
    '楼下烧烤店深夜喧哗，吵得孩子睡不着',
    '广场舞音响声音太大，每天晚上吵到九点多',
    '隔壁装修一大早就电钻作业，噪音严重扰民',
    '酒吧夜里音乐声很大，附近居民无法入睡',
    '夜间渣土车轰鸣声不断，请求管理噪音',
    '商铺门口大喇叭循环播放广告，噪音扰民',
    '楼上住户半夜拖动家具，声音很吵',
    '工地夜间打桩噪音大，严重影响居民休息',
    '小区里有人凌晨放鞭炮，噪音吵醒老人',
    'KTV深夜唱歌声音太大，投诉噪音扰民',
  ].map((body) => ({ body, label: '噪音扰民' })),
  ...[
    '我们小区从昨天开始停水，到现在还没有来水',
    '自来水水压太低，高层住户用不上水',
    '家里自来水发黄有异味，不敢饮用',
    '小区突然停水也没有提前通知，生活很不方便',
    '水管爆裂漏水，整栋楼都停水了',
    '供水公司说的停水时间已经过了，还是没有恢复供水',
    '自来水出水浑浊，请检查水质',
    '老旧小区供水管道老化，经常停水',
    '水表坏了，水费明显比以前高很多',
    '这几天一直断断续续停水，希望尽快恢复供水',
    '楼顶水箱不干净，自来水有沉淀物',
    '整个村子停水三天了，没有人来维修水管',
  ].map((body) => ({ body, label: '供水停水' })),
  ...[
    '路口红绿灯坏了，车辆通行很混乱',
    '公交车站取消以后，老人出行很不方便',
    '道路上有个大坑，电动车经过容易摔倒',
    '学校门口上下学时段交通拥堵严重',
    '这条路的路灯不亮，晚上开车很危险',
    '希望增加公交线路，方便居民上下班',
    '马路中间的隔离栏被撞坏了，存在安全隐患',
    '交叉路口没有斑马线，行人过马路很危险',
    '高速出口经常堵车，请优化交通信号',
    '道路施工占道，车辆只能绕行',
    '违章停车堵住了消防通道和道路',
    '公交车经常晚点，等车要一个小时',
  ].map((body) => ({ body, label: '道路交通' })),
  ...[
    '孩子上小学划片不合理，离家太远',
    '学校乱收补课费，家长负担很重',
    '幼儿园收费太高，希望增加公办幼儿园学位',
    '老师在校外办辅导班，要求学生参加',
    '学校食堂饭菜质量差，学生吃不饱',
    '中学课业负担太重，学生每天写作业到深夜',
    '外地户籍孩子入学难，需要哪些材料',
    '学校强制学生购买教辅资料',
    '希望延长学校课后托管服务时间',
    '教师工资拖欠，老师们意见很大',
    '学生校车超载，存在安全隐患',
    '孩子转学手续办理很麻烦，学校推来推去',
  ].map((body) => ({ body, label: '教育' })),
];

const unseen: LabeledText[] = [
  { body: '楼上邻居深夜唱歌，噪音很大，吵得睡不着', label: '噪音扰民' },
  { body: '工地晚上施工噪音太大了', label: '噪音扰民' },
  { body: '小区停水两天了，什么时候恢复供水', label: '供水停水' },
  { body: '自来水有异味，水质有问题', label: '供水停水' },
  { body: '路口红绿灯不亮，交通很混乱', label: '道路交通' },
  { body: '公交车太少，等车时间太长', label: '道路交通' },
  { body: '学校要求学生参加收费补课', label: '教育' },
  { title: '入学问题', body: '孩子上小学的学位怎么申请', label: '教育' },
];

describe('trainRoutingModel', () => {
  const model = trainRoutingModel({ examples: training, options: { seed: 1 } });

  it('learns the label set in a fixed order', () => {
    expect(model.labels).toEqual(['供水停水', '噪音扰民', '教育', '道路交通']);
  });

  it('routes unseen appeals to the right category', () => {
    for (const text of unseen) expect(model.suggest(text)[0]?.label, text.body).toBe(text.label);
  });

  it('returns every label once, best first, with probabilities summing to 1', () => {
    const suggestions = model.suggest({ body: '晚上施工太吵，而且小区还停水了' });
    expect(suggestions.map((s) => s.label).sort()).toEqual([...model.labels].sort());
    const total = suggestions.reduce((sum, s) => sum + s.probability, 0);
    expect(total).toBeCloseTo(1, 12);
    for (let i = 1; i < suggestions.length; i++) {
      expect(suggestions[i]!.probability).toBeLessThanOrEqual(suggestions[i - 1]!.probability);
      expect(suggestions[i]!.score).toBeLessThanOrEqual(suggestions[i - 1]!.score);
    }
    for (const s of suggestions) expect(s.probability).toBeGreaterThan(0);
    expect(model.suggest({ body: '停水' }, 2)).toHaveLength(2);
  });

  it('is less sure about an ambiguous text than a clear one', () => {
    const clear = model.suggest({ body: '小区停水了，自来水一直没有恢复供水' })[0]!;
    const vague = model.suggest({ body: '请有关部门尽快处理一下' })[0]!;
    expect(clear.probability).toBeGreaterThan(vague.probability);
  });

  it('falls back to the intercepts for text made only of unseen characters', () => {
    const suggestions = model.suggest({ body: '𠀀𠀁' });
    expect(suggestions).toHaveLength(4);
    expect(suggestions.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 12);
  });

  it('trains deterministically for a seed', () => {
    const again = trainRoutingModel({ examples: training, options: { seed: 1 } });
    expect(again.weights).toEqual(model.weights);
    expect(again.intercepts).toEqual(model.intercepts);
    expect(again.temperature).toBe(model.temperature);
    expect(JSON.stringify(routingModelToJson(again))).toBe(JSON.stringify(routingModelToJson(model)));
  });

  it('gives identical predictions after a JSON round trip', () => {
    const restored = routingModelFromJson(JSON.parse(JSON.stringify(routingModelToJson(model))));
    expect(restored.labels).toEqual(model.labels);
    for (const text of [...unseen, ...training.slice(0, 10)]) {
      expect(restored.suggest(text)).toEqual(model.suggest(text));
    }
  });

  it('rejects a corrupted model', () => {
    const json = routingModelToJson(model);
    expect(() => routingModelFromJson({ ...json, format: 'other' })).toThrow();
    expect(() => routingModelFromJson({ ...json, weights: json.idf })).toThrow(/weights/);
    expect(() => routingModelFromJson({ ...json, temperature: -1 })).toThrow();
  });

  it('routes correctly with the plain options too (no relevance weighting, no balancing)', () => {
    const plain = trainRoutingModel({
      examples: training,
      options: { relevanceWeighting: false, classWeight: 'none', calibrationFraction: 0, features: { titleWeight: 0 } },
    });
    expect(plain.temperature).toBe(1);
    for (const text of unseen) expect(plain.suggest(text)[0]?.label, text.body).toBe(text.label);
  });

  it('counts example weights and rejects non-positive ones', () => {
    const heavy = trainRoutingModel({ examples: training.map((e) => ({ ...e, weight: 2 })), options: { seed: 1 } });
    expect(heavy.weights).not.toEqual(model.weights);
    expect(() => trainRoutingModel({ examples: [...training, { body: '停水', label: '供水停水', weight: 0 }] })).toThrow(
      /weights/,
    );
  });

  it('refuses to train on a single label', () => {
    expect(() => trainRoutingModel({ examples: training.slice(0, 5) })).toThrow(/two labels/);
  });
});
