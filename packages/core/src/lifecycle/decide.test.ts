import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../case-status.js';
import type { CaseAction } from './actions.js';
import { decide } from './decide.js';
import { act, caseIn, citizen, leadHandler, operator, PARENT, staff, supervisor } from './fixtures.js';
import type { Decision, Transition } from './types.js';

function ok(result: Decision): Transition {
  if (!result.ok) throw new Error(`expected a transition, got ${result.code}: ${result.message}`);
  return result;
}

const pending = { workingDays: 10, reason: '涉及多部门协调' };

describe('reasons', () => {
  it.each([
    ['return', caseIn('dispatched'), leadHandler, act('return', { reason: '' })],
    ['return (blank)', caseIn('dispatched'), leadHandler, act('return', { reason: '   ' })],
    ['reopen', caseIn('closed'), supervisor, act('reopen', { reason: '' })],
    ['invalidate', caseIn('received'), operator, act('invalidate', { reason: '' })],
    ['restore', caseIn('invalid'), supervisor, act('restore', { reason: '' })],
    ['extension_request', caseIn('in_progress'), leadHandler, act('extension_request', { workingDays: 5, reason: '' })],
    ['arbitrate', caseIn('returned', { awaitingArbitration: true }), supervisor, act('arbitrate', { leadUnitId: 'u', note: '' })],
    ['close without a visit', caseIn('replied'), supervisor, act('close', {})],
  ] as const)('%s needs one', (_name, state, actor, action) => {
    expect(decide(state, action, actor)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('a missing reason field is the same refusal as an empty one', () => {
    const action = { type: 'return', payload: {} } as unknown as CaseAction;
    expect(decide(caseIn('dispatched'), action, leadHandler)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('go to event.reason, trimmed, and not into the payload', () => {
    const result = ok(decide(caseIn('dispatched'), act('return', { reason: '  不属于本单位职责 ', suggestedUnitId: 'u2' }), leadHandler));
    expect(result.event.reason).toBe('不属于本单位职责');
    expect(result.event.payload).toEqual({ suggestedUnitId: 'u2', returnedByUnitId: 'unit-water', bounceCount: 1, toArbitration: false });
  });

  it('are optional when closing after a visit', () => {
    expect(ok(decide(caseIn('visited'), act('close', {}), supervisor)).event.reason).toBeNull();
  });
});

describe('bodies', () => {
  it('refuses a lead unit that is also a co-handler, naming the field', () => {
    const result = decide(caseIn('triaged'), act('dispatch', { leadUnitId: 'u1', coUnitIds: ['u1'] }), operator);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', details: [{ path: 'coUnitIds' }] });
  });
  it.each([0, 31, 2.5])('refuses an extension of %s working days', (workingDays) => {
    const result = decide(caseIn('in_progress'), act('extension_request', { workingDays, reason: 'x' }), leadHandler);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });
  it('refuses an unknown action from untyped input', () => {
    const action = { type: 'delete', payload: {} } as unknown as CaseAction;
    expect(decide(caseIn('received'), action, operator)).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });
  it('checks the state before the body: a bad body on an impossible act is still ILLEGAL_TRANSITION', () => {
    expect(decide(caseIn('closed'), act('return', { reason: '' }), leadHandler)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('dispatch and returns (首接负责)', () => {
  it('dispatch assigns the units and starts the deadlines', () => {
    const result = ok(decide(caseIn('received'), act('dispatch', { leadUnitId: 'u1', note: '请核查' }), operator));
    expect(result.toStatus).toBe('dispatched');
    expect(result.changes).toEqual({ leadUnitId: 'u1', coUnitIds: [], awaitingArbitration: false, contactedAt: null, deadlines: { kind: 'start' } });
    expect(result.event).toMatchObject({ type: 'dispatched', reason: null, payload: { leadUnitId: 'u1', note: '请核查' } });
  });

  it('the first return goes back to the pool', () => {
    const result = ok(decide(caseIn('dispatched'), act('return'), leadHandler));
    expect(result.toStatus).toBe('returned');
    expect(result.changes).toMatchObject({ bounceCount: 1, awaitingArbitration: false, leadUnitId: null, deadlines: { kind: 'stop' } });
  });

  it('the second return goes to a supervisor, keeping the count', () => {
    const result = ok(decide(caseIn('dispatched', { bounceCount: 1 }), act('return'), leadHandler));
    expect(result.toStatus).toBe('returned');
    expect(result.changes).toMatchObject({ bounceCount: 2, awaitingArbitration: true });
    expect(result.event.payload).toMatchObject({ toArbitration: true, bounceCount: 2 });
  });

  const disputed = caseIn('returned', { bounceCount: 2, awaitingArbitration: true });
  it.each(['dispatch', 'merge', 'invalidate'] as const)('an operator cannot %s a case awaiting arbitration', (type) => {
    expect(decide(disputed, act(type), operator, PARENT)).toMatchObject({ ok: false, code: 'AWAITING_ARBITRATION' });
  });
  it('nor can someone who is both operator and supervisor dispatch it: the ruling is `arbitrate`', () => {
    expect(decide(disputed, act('dispatch'), staff('operator', 'supervisor'))).toMatchObject({ code: 'AWAITING_ARBITRATION' });
  });
  it('a supervisor may still invalidate it', () => {
    expect(ok(decide(disputed, act('invalidate'), supervisor)).changes).toMatchObject({ awaitingArbitration: false });
  });

  it('arbitration assigns a unit, clears the flag and keeps the bounce count', () => {
    const result = ok(decide(disputed, act('arbitrate', { leadUnitId: 'u3', coUnitIds: ['u4'], note: '属住建局职责' }), supervisor));
    expect(result.toStatus).toBe('dispatched');
    expect(result.changes).toMatchObject({ leadUnitId: 'u3', coUnitIds: ['u4'], awaitingArbitration: false, deadlines: { kind: 'start' } });
    expect(result.changes.bounceCount).toBeUndefined();
    expect(result.event).toMatchObject({ type: 'arbitrated', reason: '属住建局职责', payload: { leadUnitId: 'u3', bounceCount: 2 } });
  });
  it('there is nothing to arbitrate after a first return', () => {
    expect(decide(caseIn('returned', { bounceCount: 1 }), act('arbitrate'), supervisor)).toMatchObject({ code: 'NOT_AWAITING_ARBITRATION' });
  });
  it('a return after arbitration goes straight back to the supervisor', () => {
    const result = ok(decide(caseIn('dispatched', { bounceCount: 2 }), act('return'), leadHandler));
    expect(result.changes).toMatchObject({ bounceCount: 3, awaitingArbitration: true });
  });
  it('a unit cannot return a case it has accepted', () => {
    expect(decide(caseIn('accepted'), act('return'), leadHandler)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('handling', () => {
  it('accepting meets the accept deadline', () => {
    expect(ok(decide(caseIn('dispatched'), act('accept'), leadHandler)).changes).toEqual({ deadlineMet: 'accept' });
  });
  it('the first contact stamps the case; later ones only log', () => {
    const first = ok(decide(caseIn('accepted'), act('contact'), leadHandler));
    expect(first.toStatus).toBe('in_progress');
    expect(first.changes).toEqual({ contactedAt: 'now', deadlineMet: 'contact' });
    const again = ok(decide(caseIn('in_progress', { contacted: true }), act('contact'), leadHandler));
    expect(again.changes).toEqual({});
    expect(again.event.payload).toMatchObject({ firstContact: false, method: 'phone' });
  });
  it('a reply needs a contact first', () => {
    expect(decide(caseIn('in_progress'), act('reply'), leadHandler)).toMatchObject({ ok: false, code: 'CONTACT_REQUIRED' });
    const result = ok(decide(caseIn('in_progress', { contacted: true }), act('reply'), leadHandler));
    expect(result.changes).toMatchObject({ repliedAt: 'now', replyText: '管道已修复，供水恢复。', deadlineMet: 'resolve' });
  });
});

describe('extensions', () => {
  const asking = caseIn('in_progress', { pendingExtension: pending });
  it('are requested while in progress, one at a time', () => {
    const result = ok(decide(caseIn('in_progress'), act('extension_request'), leadHandler));
    expect(result.changes).toEqual({ pendingExtension: { workingDays: 10, reason: '涉及多部门协调' } });
    expect(result.event).toMatchObject({ toStatus: 'in_progress', reason: '涉及多部门协调', payload: { workingDays: 10 } });
    expect(decide(asking, act('extension_request'), leadHandler)).toMatchObject({ code: 'EXTENSION_PENDING' });
    expect(decide(caseIn('accepted'), act('extension_request'), leadHandler)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
  it('approval moves the deadline by the days asked, or fewer, never more', () => {
    expect(ok(decide(asking, act('extension_approve'), supervisor)).changes).toEqual({
      pendingExtension: null,
      deadlines: { kind: 'extend', workingDays: 10 },
    });
    expect(ok(decide(asking, act('extension_approve', { workingDays: 5 }), supervisor)).changes.deadlines).toEqual({ kind: 'extend', workingDays: 5 });
    expect(decide(asking, act('extension_approve', { workingDays: 11 }), supervisor)).toMatchObject({ code: 'EXTENSION_EXCEEDS_REQUEST' });
  });
  it('rejection clears the request; nothing pending, nothing to rule on', () => {
    expect(ok(decide(asking, act('extension_reject', {}), supervisor)).changes).toEqual({ pendingExtension: null });
    expect(decide(caseIn('in_progress'), act('extension_approve'), supervisor)).toMatchObject({ code: 'NO_PENDING_EXTENSION' });
    expect(decide(caseIn('in_progress'), act('extension_reject'), supervisor)).toMatchObject({ code: 'NO_PENDING_EXTENSION' });
  });
  it('a reply withdraws a pending request', () => {
    const result = ok(decide({ ...asking, contacted: true }, act('reply'), leadHandler));
    expect(result.changes.pendingExtension).toBeNull();
    expect(result.event.payload).toMatchObject({ extensionWithdrawn: true });
  });
});

describe('return visits', () => {
  it.each([
    [true, 'satisfied', 'closed'],
    [true, 'basically_satisfied', 'closed'],
    [true, 'unsatisfied', 'visited'],
    [false, 'satisfied', 'visited'],
    [false, 'unsatisfied', 'visited'],
  ] as const)('solved=%s, %s → %s', (solved, satisfaction, to) => {
    const result = ok(decide(caseIn('replied'), act('visit', { solved, satisfaction }), operator));
    expect(result.toStatus).toBe(to);
    expect(result.autoClose).toBe(to === 'closed');
    expect(result.event).toMatchObject({ type: 'visited', fromStatus: 'replied', toStatus: to, payload: { autoClosed: to === 'closed' } });
    expect(result.changes.visit).toEqual({ solved, satisfaction, comment: null });
    expect(result.changes.closedAt).toBe(to === 'closed' ? 'now' : undefined);
  });
  it('the citizen may rate through the tracking page, with the same rules', () => {
    expect(ok(decide(caseIn('replied'), act('visit', { solved: true, satisfaction: 'satisfied', comment: '谢谢' }), citizen)).toStatus).toBe('closed');
    expect(decide(caseIn('visited'), act('visit'), citizen)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
  it('an unsatisfied case is closed by a supervisor', () => {
    expect(ok(decide(caseIn('visited'), act('close', {}), supervisor)).changes).toMatchObject({ closedAt: 'now', deadlines: { kind: 'stop' } });
    expect(decide(caseIn('visited'), act('close', {}), operator)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  });
});

describe('reopen and restore', () => {
  it.each(['visited', 'closed'] as const)('reopen from %s goes back to the same lead unit with new deadlines', (from) => {
    const result = ok(decide(caseIn(from), act('reopen'), supervisor));
    expect(result.toStatus).toBe('dispatched');
    expect(result.changes.leadUnitId).toBeUndefined();
    expect(result.changes).toMatchObject({ closedAt: null, visit: null, contactedAt: null, deadlines: { kind: 'start' } });
    expect(result.event).toMatchObject({ type: 'reopened', reason: '来电人反映问题未解决', payload: { leadUnitId: 'unit-water' } });
  });
  it('a case closed at intake has no department to go back to', () => {
    expect(decide(caseIn('closed', { leadUnitId: null }), act('reopen'), supervisor)).toMatchObject({ code: 'NO_LEAD_UNIT' });
  });
  it('an invalid case is restored to intake by a supervisor, never by the operator', () => {
    const result = ok(decide(caseIn('invalid'), act('restore'), supervisor));
    expect(result.toStatus).toBe('received');
    expect(result.changes).toMatchObject({ invalidReason: null, leadUnitId: null });
    expect(decide(caseIn('invalid'), act('restore'), operator)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(decide(caseIn('invalid'), act('reopen'), supervisor)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('merge', () => {
  const into = (status: CaseStatus, id = 'case-parent') => ({ parent: { id, status } });
  it('makes the case a child and carries its own children along', () => {
    const result = ok(decide(caseIn('received'), act('merge'), operator, into('in_progress')));
    expect(result.toStatus).toBe('merged');
    expect(result.changes).toMatchObject({ parentId: 'case-parent', reparentChildrenTo: 'case-parent', deadlines: { kind: 'stop' } });
    expect(result.event).toMatchObject({ type: 'merged', payload: { parentId: 'case-parent' } });
  });
  it('refuses merging into itself', () => {
    expect(decide(caseIn('received'), act('merge', { parentId: 'case-1' }), operator, into('received', 'case-1'))).toMatchObject({
      code: 'MERGE_INTO_SELF',
    });
  });
  it.each(['merged', 'closed', 'invalid'] as const)('refuses a parent that is %s', (status) => {
    expect(decide(caseIn('triaged'), act('merge'), operator, into(status))).toMatchObject({ code: 'MERGE_PARENT_NOT_OPEN' });
  });
  it('needs the parent loaded, and the right one', () => {
    expect(decide(caseIn('triaged'), act('merge'), operator)).toMatchObject({ code: 'MERGE_PARENT_REQUIRED' });
    expect(decide(caseIn('triaged'), act('merge'), operator, into('received', 'case-other'))).toMatchObject({ code: 'MERGE_PARENT_REQUIRED' });
  });
  it('once a department holds the case, only a supervisor merges it', () => {
    expect(decide(caseIn('accepted'), act('merge'), operator, PARENT)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(decide(caseIn('accepted'), act('merge'), supervisor, PARENT).ok).toBe(true);
  });
});

describe('answer directly and invalidate', () => {
  it('closing at intake records the answer and counts as direct resolution', () => {
    const result = ok(decide(caseIn('received'), act('answer_directly'), operator));
    expect(result.toStatus).toBe('closed');
    expect(result.changes).toMatchObject({ closedAt: 'now', closedAtIntake: true, replyText: expect.any(String) });
  });
  it('invalidating never deletes: it records the reason and stops the clock', () => {
    const result = ok(decide(caseIn('in_progress', { pendingExtension: pending }), act('invalidate'), supervisor));
    expect(result.toStatus).toBe('invalid');
    expect(result.changes).toEqual({
      invalidReason: '无实质诉求内容',
      pendingExtension: null,
      awaitingArbitration: false,
      deadlines: { kind: 'stop' },
    });
  });
});

describe('re-dispatch (改派)', () => {
  it.each(['dispatched', 'accepted', 'in_progress'] as const)('a supervisor moves a %s case to another unit, with fresh deadlines', (status) => {
    const result = ok(decide(caseIn(status, { pendingExtension: pending, contacted: true }), act('redispatch'), supervisor));
    expect(result.toStatus).toBe('dispatched');
    expect(result.event).toMatchObject({ type: 'redispatched', reason: '超期未办，改派住建局', payload: { leadUnitId: 'unit-housing', fromUnitId: 'unit-water' } });
    expect(result.changes).toMatchObject({ leadUnitId: 'unit-housing', contactedAt: null, pendingExtension: null, deadlines: { kind: 'start' } });
    // Not a refusal by the unit: the 首接负责 count is untouched.
    expect(result.changes.bounceCount).toBeUndefined();
  });
  it('is for supervisors only, and only while a unit holds the case', () => {
    expect(decide(caseIn('accepted'), act('redispatch'), operator)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(decide(caseIn('accepted'), act('redispatch'), leadHandler)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    for (const status of ['received', 'returned', 'replied', 'closed'] as const) {
      expect(decide(caseIn(status), act('redispatch'), supervisor)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    }
  });
  it('needs a reason and another unit', () => {
    expect(decide(caseIn('accepted'), act('redispatch', { leadUnitId: 'u2', reason: ' ' }), supervisor)).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(decide(caseIn('accepted'), act('redispatch', { leadUnitId: 'unit-water', reason: '改派' }), supervisor)).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [{ path: 'leadUnitId' }],
    });
  });
});
