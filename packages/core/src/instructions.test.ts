import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, statusCategory } from './case-status.js';
import { instructionRefusal } from './instructions.js';

describe('instructionRefusal', () => {
  it('allows an instruction while a unit works the case or its reply awaits the citizen', () => {
    for (const status of ['dispatched', 'accepted', 'in_progress', 'replied'] as const) {
      expect(instructionRefusal({ status, leadUnitId: 'u1' }), status).toBeNull();
    }
  });
  it('refuses before dispatch, when nobody could answer', () => {
    expect(instructionRefusal({ status: 'received', leadUnitId: null })).toBe('NO_LEAD_UNIT');
    expect(instructionRefusal({ status: 'dispatched', leadUnitId: null })).toBe('NO_LEAD_UNIT');
  });
  it('refuses on every finished or side status', () => {
    for (const status of CASE_STATUSES.filter((s) => ['done', 'side'].includes(statusCategory(s)))) {
      expect(instructionRefusal({ status, leadUnitId: 'u1' }), status).toBe('CASE_NOT_OPEN');
    }
  });
});
