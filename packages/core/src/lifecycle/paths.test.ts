import { describe, expect, it } from 'vitest';
import type { CaseAction } from './actions.js';
import { decide } from './decide.js';
import { act, caseIn, citizen, leadHandler, operator, supervisor } from './fixtures.js';
import type { Actor, CaseEvent, CaseState, DecideContext } from './types.js';

/**
 * What the server does with a transition, reduced to the fields the machine reads back: write
 * the status and `changes`, append the event. Walking whole stories through it checks that each
 * step leaves the case ready for the next one.
 */
function walk(start: CaseState, steps: Array<[CaseAction, Actor, DecideContext?]>): { state: CaseState; events: CaseEvent[] } {
  let state = start;
  const events: CaseEvent[] = [];
  for (const [action, actor, context] of steps) {
    const result = decide(state, action, actor, context);
    if (!result.ok) throw new Error(`${action.type} on ${state.status}: ${result.code}`);
    const c = result.changes;
    state = {
      ...state,
      status: result.toStatus,
      leadUnitId: c.leadUnitId === undefined ? state.leadUnitId : c.leadUnitId,
      bounceCount: c.bounceCount ?? state.bounceCount,
      awaitingArbitration: c.awaitingArbitration ?? state.awaitingArbitration,
      pendingExtension: c.pendingExtension === undefined ? state.pendingExtension : c.pendingExtension,
      contacted: c.contactedAt === undefined ? state.contacted : c.contactedAt !== null,
    };
    events.push(result.event);
  }
  return { state, events };
}

const trail = (events: CaseEvent[]) => events.map((e) => `${e.fromStatus}>${e.type}>${e.toStatus}`);

describe('whole stories', () => {
  it('happy path: received → … → closed by a satisfied citizen', () => {
    const { state, events } = walk(caseIn('received'), [
      [act('triage'), operator],
      [act('dispatch', { leadUnitId: 'unit-water' }), operator],
      [act('accept'), leadHandler],
      [act('contact'), leadHandler],
      [act('progress'), leadHandler],
      [act('extension_request'), leadHandler],
      [act('extension_approve'), supervisor],
      [act('reply'), leadHandler],
      [act('visit', { solved: true, satisfaction: 'satisfied' }), citizen],
    ]);
    expect(state.status).toBe('closed');
    expect(trail(events)).toEqual([
      'received>triaged>triaged',
      'triaged>dispatched>dispatched',
      'dispatched>accepted>accepted',
      'accepted>contacted>in_progress',
      'in_progress>progress_noted>in_progress',
      'in_progress>extension_requested>in_progress',
      'in_progress>extension_approved>in_progress',
      'in_progress>replied>replied',
      'replied>visited>closed',
    ]);
  });

  it('an unsatisfied visit, a reopen, and a second round that must contact again', () => {
    const first = walk(caseIn('received'), [
      [act('dispatch', { leadUnitId: 'unit-water' }), operator],
      [act('accept'), leadHandler],
      [act('contact'), leadHandler],
      [act('reply'), leadHandler],
      [act('visit', { solved: false, satisfaction: 'unsatisfied' }), operator],
      [act('reopen'), supervisor],
    ]);
    expect(first.state).toMatchObject({ status: 'dispatched', leadUnitId: 'unit-water', contacted: false });
    const second = walk(first.state, [
      [act('accept'), leadHandler],
      [act('progress'), leadHandler],
    ]);
    expect(decide(second.state, act('reply'), leadHandler)).toMatchObject({ ok: false, code: 'CONTACT_REQUIRED' });
    const done = walk(second.state, [
      [act('contact'), leadHandler],
      [act('reply'), leadHandler],
      [act('visit', { solved: true, satisfaction: 'unsatisfied' }), supervisor],
      [act('close', {}), supervisor],
    ]);
    expect(done.state.status).toBe('closed');
  });

  it('return → return → supervisor arbitration → handled', () => {
    const bounced = walk(caseIn('triaged'), [
      [act('dispatch', { leadUnitId: 'unit-a' }), operator],
      [act('return'), leadHandler],
      [act('dispatch', { leadUnitId: 'unit-b' }), operator],
      [act('return'), leadHandler],
    ]);
    expect(bounced.state).toMatchObject({ status: 'returned', bounceCount: 2, awaitingArbitration: true, leadUnitId: null });
    expect(decide(bounced.state, act('dispatch'), operator)).toMatchObject({ code: 'AWAITING_ARBITRATION' });
    const settled = walk(bounced.state, [
      [act('arbitrate', { leadUnitId: 'unit-a', note: '职责清单明确属甲单位' }), supervisor],
      [act('accept'), leadHandler],
    ]);
    expect(settled.state).toMatchObject({ status: 'accepted', leadUnitId: 'unit-a', bounceCount: 2, awaitingArbitration: false });
  });

  it('answered at intake, then nothing more can happen to it', () => {
    const { state } = walk(caseIn('received'), [[act('answer_directly'), operator]]);
    expect(state.status).toBe('closed');
    expect(decide(state, act('reopen'), supervisor)).toMatchObject({ code: 'NO_LEAD_UNIT' });
  });

  it('invalidated by mistake and restored, then dispatched as usual', () => {
    const { state } = walk(caseIn('received'), [
      [act('invalidate'), operator],
      [act('restore'), supervisor],
      [act('dispatch'), operator],
    ]);
    expect(state.status).toBe('dispatched');
  });
});
