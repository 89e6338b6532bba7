import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId, uuidV7Time } from '../src/lib/ids.js';
import { createJurisdiction, createOrgUnit } from '../src/modules/org/service.js';
import { newTrackingCode } from '../src/modules/cases/tracking.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

// RFC 9562: version 7 in the 13th hex digit, the variant (10xx) in the 17th.
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId: UUIDv7 (ADR 0074)', () => {
  it('is an RFC 9562 version 7 UUID that the routes’ uuid() checks accept', () => {
    const id = newId();
    expect(id).toMatch(V7);
    expect(z.string().uuid().safeParse(id).success).toBe(true);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('carries the time it was made', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(uuidV7Time(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Time(id)).toBeLessThanOrEqual(after);
  });

  it('is unique and strictly increasing across many ids, most made within the same millisecond', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.findIndex((id, i) => i > 0 && !(ids[i - 1]! < id))).toBe(-1);
    expect(ids.every((id) => V7.test(id))).toBe(true);
  });

  it('keeps random bits: ids of the same millisecond differ beyond the counter', () => {
    const tails = new Set(Array.from({ length: 1000 }, () => newId().slice(-8)));
    expect(tails.size).toBeGreaterThan(990);
  });

  it('is not how tracking codes are made: those carry only a clock of 4.66 h and 80 random bits (ADR 0077)', () => {
    const code = newTrackingCode();
    expect(code).not.toMatch(V7);
    expect(new Set(Array.from({ length: 1000 }, () => newTrackingCode().slice(4))).size).toBe(1000);
  });
});

describeDb(`ids in the database: creation order (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('rows read back in id order come in the order they were created', async () => {
    const j = await createJurisdiction(t.ctx.db, { code: 'ids-v7', name: 'ids', timezone: 'Asia/Shanghai' });
    expect(j.id).toMatch(V7);
    const city = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: null, name: '市', kind: 'city' });
    const made = [city.id];
    for (let i = 0; i < 40; i++) made.push((await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: city.id, name: `部门${i}`, kind: 'department' })).id);
    const rows = await t.ctx.db.selectFrom('org_units').select('id').where('jurisdiction_id', '=', j.id).orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(made);
    for (const id of made) expect(id).toMatch(V7);
  });
});
