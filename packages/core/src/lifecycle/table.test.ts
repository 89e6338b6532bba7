import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../case-status.js';
import { ACTION_TYPES } from './actions.js';
import { allowedActions, decide } from './decide.js';
import { act, anybody, AS, caseIn, otherHandler, PARENT, readyFor, staff } from './fixtures.js';
import { findRule, TRANSITIONS } from './table.js';
import type { Actor, CaseState, Performer } from './types.js';

const PERFORMERS = Object.keys(AS) as Performer[];

const legal = TRANSITIONS.flatMap((rule) => rule.from.map((from) => ({ rule, from })));
const illegal = ACTION_TYPES.flatMap((action) =>
  CASE_STATUSES.filter((status) => findRule(action, status) === undefined).map((status) => ({ action, status })),
);

describe('the transition table', () => {
  it('has at most one rule per (action, status), so the lookup is unambiguous', () => {
    const seen = new Set<string>();
    for (const { rule, from } of legal) {
      const key = `${rule.action}@${from}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('uses every action and reaches every status', () => {
    expect(new Set(TRANSITIONS.map((r) => r.action))).toEqual(new Set(ACTION_TYPES));
    const reached = new Set<CaseStatus>(['received', ...TRANSITIONS.flatMap((r) => (r.alt ? [r.to, r.alt.to] : [r.to]))]);
    expect(reached).toEqual(new Set(CASE_STATUSES));
  });

  it('covers the whole status × action grid between legal and illegal pairs', () => {
    expect(legal.length + illegal.length).toBe(CASE_STATUSES.length * ACTION_TYPES.length);
  });
});

describe('every legal transition', () => {
  const cases = legal.flatMap(({ rule, from }) => rule.by.map((by) => ({ rule, from, by })));
  it.each(cases)('$rule.action from $from by $by', ({ rule, from, by }) => {
    const result = decide(readyFor(rule, from), act(rule.action), AS[by], PARENT);
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    expect([rule.to, rule.alt?.to]).toContain(result.toStatus);
    expect(result.event).toMatchObject({ type: rule.event, fromStatus: from, toStatus: result.toStatus });
  });
});

describe('every illegal (status × action) pair', () => {
  it.each(illegal)('$action from $status is ILLEGAL_TRANSITION', ({ action, status }) => {
    const state: CaseState = caseIn(status, { contacted: true, pendingExtension: { workingDays: 5, reason: 'x' } });
    const result = decide(state, act(action), anybody, PARENT);
    expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });
});

describe('every wrong actor', () => {
  const outsiders: Array<{ name: string; actor: Actor; party?: Performer }> = [
    ...PERFORMERS.map((party) => ({ name: party, actor: AS[party], party })),
    { name: 'official', actor: staff('official') },
    { name: 'admin', actor: staff('admin') },
  ];
  const cases = legal.flatMap(({ rule, from }) =>
    outsiders.filter((o) => o.party === undefined || !rule.by.includes(o.party)).map((o) => ({ rule, from, who: o.name, actor: o.actor })),
  );
  it.each(cases)('$rule.action from $from by $who is FORBIDDEN_ROLE', ({ rule, from, actor }) => {
    expect(decide(readyFor(rule, from), act(rule.action), actor, PARENT)).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  });

  const handlerRules = legal.filter(({ rule }) => rule.by.includes('lead_handler'));
  it.each(handlerRules)('$rule.action from $from by a handler of another unit is NOT_LEAD_UNIT', ({ rule, from }) => {
    expect(decide(readyFor(rule, from), act(rule.action), otherHandler)).toMatchObject({ ok: false, code: 'NOT_LEAD_UNIT' });
  });
});

describe('allowedActions', () => {
  // Every status under each combination of the flags that gate actions, for every kind of actor.
  const variants: Array<Partial<CaseState>> = [
    {},
    { contacted: true },
    { pendingExtension: { workingDays: 5, reason: 'x' }, contacted: true },
    { bounceCount: 1 },
    { bounceCount: 2, awaitingArbitration: true },
    { leadUnitId: null },
  ];
  const actors: Actor[] = [...Object.values(AS), otherHandler, staff('official'), staff('admin'), staff('operator', 'supervisor'), anybody];

  it('offers exactly the actions decide would accept with a valid body', () => {
    let offered = 0;
    for (const status of CASE_STATUSES) {
      for (const variant of variants) {
        const state = caseIn(status, variant);
        for (const actor of actors) {
          const allowed = new Set(allowedActions(state, actor));
          for (const type of ACTION_TYPES) {
            const ok = decide(state, act(type), actor, PARENT).ok;
            expect(allowed.has(type), `${type} on ${JSON.stringify(state)} by ${JSON.stringify(actor)}`).toBe(ok);
            if (ok) offered += 1;
          }
        }
      }
    }
    expect(offered).toBeGreaterThan(100);
  });

  it('gives a handler of the lead unit the department buttons', () => {
    expect(allowedActions(caseIn('dispatched'), AS.lead_handler)).toEqual(['accept', 'return']);
    expect(allowedActions(caseIn('in_progress', { contacted: true }), AS.lead_handler)).toEqual([
      'contact',
      'progress',
      'extension_request',
      'reply',
    ]);
    expect(allowedActions(caseIn('dispatched'), otherHandler)).toEqual([]);
  });
});
