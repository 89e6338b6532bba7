import { describe, expect, it } from 'vitest';
import { petitionReport } from './report.js';

describe('bench:petition', () => {
  it('prints precision, recall and F1 per field for each part, and ends with JSON', () => {
    const lines = petitionReport({ misses: true, speedMs: 0 });
    expect(lines.filter((l) => l.startsWith('idNumber')).length).toBe(6);
    const last = JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, number>;
    expect(Object.keys(last)).toEqual(['unit', 'name', 'address', 'idNumber', 'demand']);
  });
});
