/**
 * Varied public appeals, as a surge brings them: many topics and places, one phone each (the
 * per-phone limit is off in the bench, but the processing must not see one caller's repeats
 * everywhere), about one in eight an urgent matter, and no emergencies (those are answered 422).
 */
const TOPICS = [
  '小区停水两天了，一直没有通知什么时候恢复供水。', '夜间施工噪音扰民，晚上十一点还在打桩。', '道路坑洼很深，电动车经过容易摔倒。',
  '物业乱收费，停车费一年涨了三次。', '供暖温度不达标，家里只有十六度。', '违章停车堵住了消防通道和小区出口。',
  '单位拖欠工资三个月，老板联系不上。', '楼下饭店油烟扰民，窗户都不敢开。', '路灯不亮已经一周，晚上出行很不安全。',
  '垃圾清运不及时，垃圾桶满了气味很大。', '停电了，整栋楼几百户都没有电，电梯也停了。', '公交站台雨棚破损，下雨天没法等车。',
];
const PLACES = ['幸福里小区', '明珠花园', '锦江小区', '和平街道', '光明路', '建设大街', '东风新村', '阳光家园'];

export function appealBodies(n: number, seed = 1): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + seed * 1_000_003;
    const place = `${PLACES[k % PLACES.length]}${(k % 40) + 1}号楼`;
    return JSON.stringify({
      name: `居民${k % 5000}`,
      phone: `+861${String(3_000_000_000 + (k % 999_999_999)).padStart(10, '0')}`,
      content: `${place}：${TOPICS[k % TOPICS.length]}（第${k}号反映）`,
      address: `测试市${place}`,
    });
  });
}
