import { publicAppealInput } from '@openline/core';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { publicAppealValidator, readPublicAppeal } from '../src/modules/appeals/appeal-input.js';

// readPublicAppeal skips zod for the bodies the public form sends (issue 13 §1, ADR 0067): what it
// reads must be exactly what core's schema makes of it, and what it does not read is left to zod.
const ok = { name: '张三', phone: '13812345678', content: '路灯坏了一周了。' };
const bodies: unknown[] = [
  ok,
  { ...ok, name: '  张三 ', phone: ' +8613812345678 ', content: '\t路灯坏了一周了。\n', address: '  幸福里3号楼 ' },
  { ...ok, address: '', confirmNotEmergency: true },
  { ...ok, confirmNotEmergency: false, extra: 'ignored', __proto__x: 1 },
  { ...ok, phone: '010-6512 3456' },
  { ...ok, name: 'x'.repeat(50), content: 'y'.repeat(4000), address: 'z'.repeat(200) },
  { ...ok, name: ` ${'x'.repeat(50)} `, content: ` ${'y'.repeat(5)} ` },
  // Left to zod:
  { ...ok, name: 'x'.repeat(51) },
  { ...ok, name: '   ' },
  { ...ok, content: '路灯坏' },
  { ...ok, content: 'y'.repeat(4001) },
  { ...ok, address: 'z'.repeat(201) },
  { ...ok, address: null },
  { ...ok, address: 7 },
  { ...ok, phone: '1' },
  { ...ok, phone: 13812345678 },
  { ...ok, confirmNotEmergency: 'yes' },
  { ...ok, categoryId: '0b7e7a52-5a2b-4c1e-9f7d-2a1c3b4d5e6f' },
  { ...ok, categoryId: 'not-a-uuid' },
  { name: '张三', content: '路灯坏了一周了。' },
  { ...ok, name: undefined },
  [ok],
  'name=张三',
  null,
  42,
];

describe('public appeal body reading', () => {
  it('reads the common bodies exactly as core\'s schema does, and leaves every other body to zod', () => {
    let read = 0;
    for (const body of bodies) {
      const fast = readPublicAppeal(body);
      const zod = publicAppealInput.safeParse(body);
      if (fast === null) continue;
      read++;
      expect(zod.success, JSON.stringify(body)).toBe(true);
      expect(fast).toStrictEqual(zod.data);
    }
    expect(read).toBe(7);
  });

  it('answers through the route\'s validator what the app\'s zod validator answers: the value, or the same issues', () => {
    const route = { schema: publicAppealInput, method: 'POST', url: '/api/v1/public/appeals', httpPart: 'body' };
    const validate = publicAppealValidator(route);
    const zod = validatorCompiler(route);
    for (const body of bodies) expect(validate(body), JSON.stringify(body)).toStrictEqual(zod(body));
  });
});
