import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSetting, saveSetting, type JurisdictionSetting } from '../src/modules/settings/repository.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const WEIGHTS: JurisdictionSetting<{ a: number; b: number }> = {
  name: 'test_weights',
  schema: z.object({ a: z.number().int().min(0), b: z.number().int().min(0) }),
  defaults: () => ({ a: 1, b: 2 }),
};

/** The one typed store behind the escalation tiers, the caller-flag handler and the ranking weights. */
describeDb(`typed jurisdiction settings (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(async () => t.close());

  it('answers the defaults until a value is saved, then the value and when; per jurisdiction', async () => {
    expect(await loadSetting(t.ctx.db, WEIGHTS, f.jurisdiction.id)).toEqual({ value: { a: 1, b: 2 }, updatedAt: null });
    await saveSetting(t.ctx.db, WEIGHTS, f.jurisdiction.id, { a: 5, b: 0 }, '2026-12-05T10:00:00.000Z');
    await saveSetting(t.ctx.db, WEIGHTS, f.jurisdiction.id, { a: 7, b: 3 }, '2026-12-05T11:00:00.000Z');
    const loaded = await loadSetting(t.ctx.db, WEIGHTS, f.jurisdiction.id);
    expect(loaded.value).toEqual({ a: 7, b: 3 });
    expect(new Date(loaded.updatedAt ?? '').toISOString()).toBe('2026-12-05T11:00:00.000Z');
    expect(await loadSetting(t.ctx.db, WEIGHTS, 'another-jurisdiction')).toEqual({ value: { a: 1, b: 2 }, updatedAt: null });
  });

  it('falls back to the defaults when the stored value no longer parses, rather than failing its readers', async () => {
    const key = `${WEIGHTS.name}:${f.jurisdiction.id}`;
    for (const value of ['{"a":-1,"b":2}', 'not json']) {
      await t.ctx.db.updateTable('settings').set({ value }).where('key', '=', key).execute();
      expect(await loadSetting(t.ctx.db, WEIGHTS, f.jurisdiction.id)).toEqual({ value: { a: 1, b: 2 }, updatedAt: null });
    }
  });
});
