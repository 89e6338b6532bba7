import { describe, expect, it } from 'vitest';
import { ACTION_SCHEMAS, ACTION_TYPES, MAX_EXTENSION_WORKING_DAYS, type ActionType } from '@openline/core';
import { ACTION_FIELDS, buildActionBody, fieldOfDetail, MAX_EXTENSION_DAYS, type FieldKind } from './fields';

// A plausible value of each kind, as the form would hold it.
const SAMPLE: Record<FieldKind, unknown> = {
  textarea: '  已电话联系诉求人  ',
  unit: 'unit-a',
  units: ['unit-b'],
  workingDays: 3,
  contactMethod: 'phone',
  solved: true,
  satisfaction: 'satisfied',
  parentCase: 'case-parent',
};

function filled(action: ActionType, which: 'all' | 'required') {
  return Object.fromEntries(
    ACTION_FIELDS[action].filter((f) => which === 'all' || f.required).map((f) => [f.name, SAMPLE[f.kind]]),
  );
}

describe.each(ACTION_TYPES)('the %s form', (action) => {
  const schema = ACTION_SCHEMAS[action];

  it('sends a body the server accepts when only the required fields are filled', () => {
    expect(schema.safeParse(buildActionBody(action, filled(action, 'required'))).success).toBe(true);
  });

  it('asks only for fields the server knows (none is silently dropped)', () => {
    const parsed = schema.safeParse(buildActionBody(action, filled(action, 'all')));
    expect(parsed.success).toBe(true);
    for (const field of ACTION_FIELDS[action]) expect(parsed.data, field.name).toHaveProperty(field.name);
  });

  it('marks as required exactly what the server requires', () => {
    for (const field of ACTION_FIELDS[action]) {
      const values = filled(action, 'all');
      delete values[field.name];
      expect(schema.safeParse(buildActionBody(action, values)).success, field.name).toBe(!field.required);
    }
  });
});

it('caps extensions where core does', () => {
  expect(MAX_EXTENSION_DAYS).toBe(MAX_EXTENSION_WORKING_DAYS);
});

describe('buildActionBody', () => {
  it('trims text and leaves out what is empty', () => {
    expect(buildActionBody('dispatch', { leadUnitId: 'u1', coUnitIds: [], note: '   ' })).toEqual({ leadUnitId: 'u1' });
    expect(buildActionBody('return', { reason: ' 不属于本单位职责 ' })).toEqual({ reason: '不属于本单位职责' });
  });

  it('keeps false, which is an answer and not a blank', () => {
    expect(buildActionBody('visit', { solved: false, satisfaction: 'unsatisfied' })).toEqual({ solved: false, satisfaction: 'unsatisfied' });
  });
});

describe('fieldOfDetail', () => {
  it('finds the field whatever form the path takes', () => {
    expect(fieldOfDetail('return', 'reason')).toBe('reason');
    expect(fieldOfDetail('return', 'body.reason')).toBe('reason');
    expect(fieldOfDetail('dispatch', ['body', 'coUnitIds', 0])).toBe('coUnitIds');
    expect(fieldOfDetail('accept', 'reason')).toBeNull();
  });
});
