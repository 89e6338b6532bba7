import { afterAll, beforeAll, expect, it } from 'vitest';
import { measureCategoryModel, type CategoryModelBench } from '../../../bench/categories/product-bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

// Invented appeals under two of the evaluation data's labels: enough to run the bench's path.
const TRANSPORT = ['公交车到站不停', '红绿灯坏了没人修', '路口天天堵车', '出租车拒载', '公交线路被取消', '地铁站出口太少'];
const HEALTH = ['医院挂号排队太久', '社区诊所不开门', '药店卖过期药', '医生态度很差', '疫苗预约不上', '住院押金太高'];
const examples = (texts: string[], label: string) => texts.flatMap((body) => ['', '，请尽快处理', '。谢谢'].map((tail) => ({ title: '', body: `${body}${tail}`, label })));

/**
 * `npm run bench:category-model` at a tiny size on the suite's database: the product's trainer
 * learns from filed cases and the intake suggestion then uses the model (the bench refuses to
 * score keyword suggestions), and the figures it prints are counted from real suggestions.
 */
describeDb(`category model benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let r: CategoryModelBench;
  beforeAll(async () => {
    t = await createTestContext();
    const evaluation = [{ title: '', body: '公交车站的红绿灯不亮', label: '交通运输' }, { title: '', body: '去医院看病挂不上号', label: '卫生计生' }];
    r = await measureCategoryModel(t.database, [...examples(TRANSPORT, '交通运输'), ...examples(HEALTH, '卫生计生')], evaluation);
  }, 120_000);
  afterAll(() => t.close());

  it('files every labelled appeal as a closed case, trains once and scores every evaluation text', () => {
    expect(r).toMatchObject({ loaded: 36, version: 1, n: 2 });
    expect(r.top1).toBe(1);
    expect(r.top3).toBe(1);
    expect(r.cpuMsPerSuggestion).toBeGreaterThan(0);
  });
});
