import { describe, expect, it } from 'vitest';
import { arbitrationFindings, type ReturnEvent } from './returns.js';

const ev = (type: string, at: string, payload: Record<string, unknown> = {}): ReturnEvent => ({ type, createdAt: at, payload });

describe('arbitration findings', () => {
  it('rules on every unit that returned the case since the last arbitration', () => {
    const events = [
      ev('created', 't0'),
      ev('dispatched', 't1', { leadUnitId: 'A' }),
      ev('returned', 't2', { returnedByUnitId: 'A' }),
      ev('dispatched', 't3', { leadUnitId: 'B' }),
      ev('returned', 't4', { returnedByUnitId: 'B' }),
      // The supervisor sends it back to A: A was wrong to return it, B right.
      ev('arbitrated', 't5', { leadUnitId: 'A' }),
      ev('returned', 't6', { returnedByUnitId: 'A' }),
      // A returns it again; this time the supervisor sends it to C: A was right this time.
      ev('arbitrated', 't7', { leadUnitId: 'C' }),
    ];
    expect(arbitrationFindings(events)).toEqual([
      { at: 't5', unitId: 'A', returningUnitRight: false },
      { at: 't5', unitId: 'B', returningUnitRight: true },
      { at: 't7', unitId: 'A', returningUnitRight: true },
    ]);
  });

  it('counts a unit once per arbitration and finds nothing without an arbitration', () => {
    const twice = [ev('returned', 't1', { returnedByUnitId: 'A' }), ev('returned', 't2', { returnedByUnitId: 'A' }), ev('arbitrated', 't3', { leadUnitId: 'B' })];
    expect(arbitrationFindings(twice)).toEqual([{ at: 't3', unitId: 'A', returningUnitRight: true }]);
    expect(arbitrationFindings(twice.slice(0, 2))).toEqual([]);
    expect(arbitrationFindings([ev('returned', 't1', {}), ev('arbitrated', 't2', { leadUnitId: 'B' })])).toEqual([]);
  });
});
