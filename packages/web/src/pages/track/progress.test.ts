import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '@openline/core';
import { MILESTONES, milestoneIndex } from './progress';

describe('milestoneIndex', () => {
  it('never moves backwards along the normal lifecycle', () => {
    const path = ['received', 'triaged', 'dispatched', 'accepted', 'in_progress', 'replied', 'visited', 'closed'] as const;
    const indexes = path.map((status) => milestoneIndex(status));
    expect(indexes).toEqual([...indexes].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(milestoneIndex('closed')).toBe(MILESTONES.length - 1);
  });

  it('puts a returned case back at intake while it is re-dispatched', () => {
    expect(milestoneIndex('returned')).toBe(0);
  });

  it('keeps side states off the line', () => {
    expect(milestoneIndex('merged')).toBeNull();
    expect(milestoneIndex('invalid')).toBeNull();
  });

  it('places every other status somewhere', () => {
    for (const status of CASE_STATUSES.filter((s) => s !== 'merged' && s !== 'invalid')) {
      expect(milestoneIndex(status), status).not.toBeNull();
    }
  });
});
