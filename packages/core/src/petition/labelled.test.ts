import { describe, expect, it } from 'vitest';
import { loadLabelledSet, scoreMessages, scoreThreads } from './fixtures.js';

/**
 * The parser on the labelled set (issue 11: field F1 ≥ 0.95 for the ID number, the name and
 * the unit). The figures per part are in docs/benchmarks.md (npm run bench:petition).
 */
const set = loadLabelledSet();

describe('petition parser on the labelled set', () => {
  it('has at least 150 messages, each part present', () => {
    expect(set.messages.length).toBeGreaterThanOrEqual(150);
    for (const part of ['dev', 'heldout', 'heldout2', 'heldout3'] as const) expect(set.messages.some((m) => m.part === part)).toBe(true);
  });
  it.each(['all', 'dev', 'heldout', 'heldout2', 'heldout3'] as const)('reaches F1 ≥ 0.95 for ID number, name and unit (%s)', (part) => {
    const score = scoreMessages(set, part);
    for (const field of ['idNumber', 'name', 'unit'] as const) {
      expect({ part, field, f1: score.fields[field].f1 >= 0.95 }).toEqual({ part, field, f1: true });
    }
  });
  it('says an ID number is wrong exactly when it is, with the right reason', () => {
    expect(scoreMessages(set, 'all').misses.filter((m) => m.field === 'idInvalid')).toEqual([]);
  });
  it('completes each follow-up thread by merging its messages', () => {
    expect(scoreThreads(set).allFieldsRight).toBe(1);
  });
});
