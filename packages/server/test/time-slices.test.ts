import { routingModelToJson, trainWithHeldOut, trainWithHeldOutSteps, type LabeledText } from '@openline/core';
import { describe, expect, it } from 'vitest';
import { runInTimeSlices } from '../src/lib/time-slices.js';

const texts: Record<string, string[]> = {
  water: ['小区停水三天了', '自来水水压太低', '水管爆裂漏水', '停水没有通知'],
  roads: ['路灯不亮很危险', '道路坑洼积水', '人行道砖块松动', '路面塌陷'],
  noise: ['夜间施工噪音扰民', '广场舞音响太吵', '工地凌晨还在施工', '酒吧噪音'],
};
const examples: LabeledText[] = Object.entries(texts).flatMap(([label, bodies]) =>
  Array.from({ length: 12 }, (_, i) => ({ body: `${bodies[i % bodies.length]}，第${i}次反映`, label })),
);

describe('training in time slices (ADR 0068)', () => {
  it('gives the event loop turns while training, and trains the same model as one synchronous call', async () => {
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // A zero-length slice: every step gives the loop a turn, so the test needs no clock.
    const sliced = await runInTimeSlices(trainWithHeldOutSteps(examples), 0);
    ticking = false;
    const whole = trainWithHeldOut(examples);
    expect(turns).toBeGreaterThan(10);
    expect(routingModelToJson(sliced.model)).toEqual(routingModelToJson(whole.model));
    expect({ ...sliced, model: null }).toEqual({ ...whole, model: null });
  });
});
