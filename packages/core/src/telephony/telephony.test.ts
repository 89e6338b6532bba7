import { describe, expect, it } from 'vitest';
import { causeKind, unansweredOutcome } from './causes.js';
import { foldCall, parseCtiUsers, type CallEventFact } from './fold.js';
import { lineNumberKey } from './line-number.js';

const t = (s: number): string => new Date(Date.UTC(2026, 11, 5, 8, 0, s)).toISOString();

describe('lineNumberKey', () => {
  it('writes one published number one way however the phone system spells it', () => {
    const keys = ['0000-88001234', '000088001234', '+86 0000 88001234', '+86 000 88001234', '008600088001234', '88001234'].map(lineNumberKey);
    expect(new Set(keys)).toEqual(new Set(['88001234']));
  });
  it('uses E.164 for real numbers and keeps short codes', () => {
    expect(lineNumberKey('010-12345678')).toBe(lineNumberKey('+86 10 1234 5678'));
    expect(lineNumberKey('13812345678')).toBe('+8613812345678');
    expect(lineNumberKey('12345')).toBe('12345');
    expect(lineNumberKey('0000-66002345')).not.toBe(lineNumberKey('0000-88001234'));
  });
});

describe('causes', () => {
  it('reads Zammad and FreeSWITCH names alike', () => {
    expect(causeKind('normalClearing')).toBe(causeKind('NORMAL_CLEARING'));
    expect(causeKind('busy')).toBe(causeKind('USER_BUSY'));
    expect(causeKind('cancel')).toBe(causeKind('ORIGINATOR_CANCEL'));
    expect(causeKind('noAnswer')).toBe(causeKind('NO_ANSWER'));
    expect(causeKind('whatever')).toBe('unknown');
  });
  it('tells abandoned from missed, busy and rejected', () => {
    expect(unansweredOutcome('cancel')).toBe('abandoned');
    expect(unansweredOutcome('ORIGINATOR_CANCEL')).toBe('abandoned');
    expect(unansweredOutcome('noAnswer')).toBe('missed');
    expect(unansweredOutcome('congestion')).toBe('missed');
    expect(unansweredOutcome('forwarded')).toBe('missed');
    expect(unansweredOutcome(undefined)).toBe('missed');
    expect(unansweredOutcome('USER_BUSY')).toBe('busy');
    expect(unansweredOutcome('CALL_REJECTED')).toBe('rejected');
  });
});

describe('foldCall', () => {
  const offer: CallEventFact = { event: 'newCall', at: t(0) };
  it('an answered call: wait to answer, talk to the end', () => {
    const s = foldCall([offer, { event: 'answer', at: t(12), user: 'alice' }, { event: 'hangup', at: t(72), cause: 'normalClearing' }]);
    expect(s).toMatchObject({ outcome: 'answered', waitSeconds: 12, talkSeconds: 60, answeredBy: 'alice', answeredAt: t(12), endedAt: t(72), cause: 'normalClearing' });
  });
  it('gives the same state in any order of arrival', () => {
    const events: CallEventFact[] = [offer, { event: 'answer', at: t(5), user: 'bob' }, { event: 'hangup', at: t(30), cause: 'NORMAL_CLEARING' }];
    const a = foldCall(events);
    expect(foldCall([...events].reverse())).toEqual(a);
    expect(foldCall([events[2] as CallEventFact, events[0] as CallEventFact, events[1] as CallEventFact])).toEqual(a);
  });
  it('an answer that arrives after the hangup does not make a missed call answered', () => {
    const s = foldCall([offer, { event: 'hangup', at: t(40), cause: 'noAnswer' }, { event: 'answer', at: t(41), user: 'carol' }]);
    expect(s).toMatchObject({ outcome: 'missed', answeredAt: null, lateAnswer: true, waitSeconds: 40, talkSeconds: 0 });
  });
  it('a hangup without answer: missed or abandoned by cause', () => {
    expect(foldCall([offer, { event: 'hangup', at: t(20), cause: 'cancel' }]).outcome).toBe('abandoned');
    expect(foldCall([offer, { event: 'hangup', at: t(20), cause: 'normalClearing' }]).outcome).toBe('missed');
    expect(foldCall([offer, { event: 'hangup', at: t(1), cause: 'busy' }]).outcome).toBe('busy');
  });
  it('voicemail picks up: voicemail, not answered', () => {
    expect(foldCall([offer, { event: 'answer', at: t(20), user: 'voicemail' }, { event: 'hangup', at: t(50) }]).outcome).toBe('voicemail');
    expect(foldCall([offer, { event: 'answer', at: t(20), answeringNumber: 'VoiceMail' }]).outcome).toBe('voicemail');
  });
  it('a blocked caller is rejected whatever follows', () => {
    const s = foldCall([{ ...offer, rejected: true }, { event: 'answer', at: t(2), user: 'x' }, { event: 'hangup', at: t(3), cause: 'normalClearing' }]);
    expect(s).toMatchObject({ outcome: 'rejected', answeredAt: null, talkSeconds: 0 });
  });
  it('a ringing call has no outcome yet; an answered one in progress has no talk time yet', () => {
    expect(foldCall([offer])).toMatchObject({ outcome: null, waitSeconds: null, talkSeconds: null });
    expect(foldCall([offer, { event: 'answer', at: t(3), user: 'a' }])).toMatchObject({ outcome: 'answered', waitSeconds: 3, talkSeconds: null });
  });
  it('a hangup that arrives first still counts from the earliest event', () => {
    expect(foldCall([{ event: 'hangup', at: t(10), cause: 'cancel' }])).toMatchObject({ outcome: 'abandoned', offeredAt: t(10), waitSeconds: 0 });
  });
  it('refuses an empty call', () => {
    expect(() => foldCall([])).toThrow();
  });
});

describe('parseCtiUsers', () => {
  it('reads a name, a comma list, a JSON array and a form array', () => {
    expect(parseCtiUsers('Alice')).toEqual(['Alice']);
    expect(parseCtiUsers('Alice, Bob ,')).toEqual(['Alice', 'Bob']);
    expect(parseCtiUsers('["Alice","Bob"]')).toEqual(['Alice', 'Bob']);
    expect(parseCtiUsers(['Alice', 'Bob'])).toEqual(['Alice', 'Bob']);
    expect(parseCtiUsers(undefined)).toEqual([]);
    expect(parseCtiUsers({ a: 1 })).toEqual([]);
    expect(parseCtiUsers(Array.from({ length: 50 }, (_, i) => `u${i}`))).toHaveLength(20);
  });
});
