import { defaultUrgencyLexicon } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture } from './support/fixtures.js';

describeDb(`the jurisdiction's urgency lexicon (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  it('starts from the built-in lexicon, takes an admin\'s edit, and detection follows it', async () => {
    const admin = await login(t.app, 'admin');
    const operator = await login(t.app, 'operator');
    const suggest = async (content: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/intake/suggest', headers: { cookie: operator }, payload: { content } })).json().urgency.level as string;
    const current = await t.app.inject({ method: 'GET', url: '/api/v1/admin/urgency-lexicon', headers: { cookie: admin } });
    expect(current.json().isDefault).toBe(true);
    expect(await suggest('小区里有野猪乱窜，见人就拱')).toBe('normal');

    const lexicon = defaultUrgencyLexicon();
    lexicon.categories.push({ id: 'wild_boar', label: '野猪进入居民区', level: 'urgent', utilitiesOutage: false, terms: ['野猪乱窜'], excludes: [], ignoreModifiers: [] });
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/urgency-lexicon', headers: { cookie: admin }, payload: { lexicon } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().isDefault).toBe(false);
    expect(await suggest('小区里有野猪乱窜，见人就拱')).toBe('urgent');

    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/urgency-lexicon', headers: { cookie: admin }, payload: { lexicon: { version: 1, categories: [] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const denied = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/urgency-lexicon', headers: { cookie: operator }, payload: { lexicon } });
    expect(denied.statusCode).toBe(403);
  });
});
