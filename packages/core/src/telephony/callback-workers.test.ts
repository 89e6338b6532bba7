import { describe, expect, it } from 'vitest';
import { callbackWorkers } from './callback-tasks.js';

const line = { ownerUserId: null, ownerUnitId: null, callbackUnitId: null, centreUnitId: 'centre' };

describe('callbackWorkers', () => {
  it('gives an owned line to its owner and the unit an admin named, else the owner\'s unit', () => {
    expect(callbackWorkers({ ...line, ownerUserId: 'mayor', ownerUnitId: 'office', callbackUnitId: 'desk' })).toEqual({ assigneeUserId: 'mayor', unitId: 'desk' });
    expect(callbackWorkers({ ...line, ownerUserId: 'mayor', ownerUnitId: 'office' })).toEqual({ assigneeUserId: 'mayor', unitId: 'office' });
  });

  it('gives a line nobody owns to the unit named for it, else to the hotline centre', () => {
    expect(callbackWorkers({ ...line, callbackUnitId: 'desk' })).toEqual({ assigneeUserId: null, unitId: 'desk' });
    expect(callbackWorkers(line)).toEqual({ assigneeUserId: null, unitId: 'centre' });
  });

  it('leaves an owner without a unit their own task, not the centre\'s', () => {
    expect(callbackWorkers({ ...line, ownerUserId: 'mayor' })).toEqual({ assigneeUserId: 'mayor', unitId: null });
  });

  it('has no one only where the jurisdiction has no centre and the line no owner', () => {
    expect(callbackWorkers({ ...line, centreUnitId: null })).toEqual({ assigneeUserId: null, unitId: null });
  });
});
