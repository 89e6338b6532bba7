import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, NOTIFYING_EVENT_TYPES, notificationKindForTemplate, notificationsForEvent, parseStaffRecipient } from './rules.js';

const U = '0b5e6a52-3f0c-4a55-9a8e-0c1f6b7d9e21';

describe('notification rules', () => {
  const followers = { kind: 'followed_update', audience: { kind: 'followers' } };

  it('tells the lead unit of a dispatch, an arbitration to it, a re-dispatch and a reopening, then the followers', () => {
    for (const type of ['dispatched', 'arbitrated', 'reopened', 'redispatched']) {
      expect(notificationsForEvent({ type, payload: {} })).toEqual([{ kind: 'dispatch', audience: { kind: 'lead_unit_handlers' } }, followers]);
    }
  });

  it("routes an official's 批示 to the lead unit and the answer to its author", () => {
    expect(notificationsForEvent({ type: 'instruction_given', payload: {} })[0]).toEqual({ kind: 'instruction', audience: { kind: 'lead_unit_handlers' } });
    expect(notificationsForEvent({ type: 'instruction_answered', payload: {} })[0]).toEqual({ kind: 'instruction_answered', audience: { kind: 'payload_user', field: 'authorUserId' } });
  });

  it('tells only followers of ordinary steps', () => {
    for (const type of ['accepted', 'contacted', 'progress_noted', 'replied', 'closed', 'urged', 'escalated']) expect(notificationsForEvent({ type, payload: {} })).toEqual([followers]);
  });

  it('asks supervisors only on a return that needs arbitration', () => {
    expect(notificationsForEvent({ type: 'returned', payload: { toArbitration: false } })).toEqual([followers]);
    expect(notificationsForEvent({ type: 'returned', payload: { toArbitration: true } })).toEqual([{ kind: 'arbitration', audience: { kind: 'case_supervisors' } }, followers]);
  });

  it('routes extension requests to supervisors and their ruling back to the unit', () => {
    expect(notificationsForEvent({ type: 'extension_requested', payload: {} })[0]?.audience.kind).toBe('case_supervisors');
    expect(notificationsForEvent({ type: 'extension_rejected', payload: {} })[0]).toEqual({ kind: 'extension_decision', audience: { kind: 'lead_unit_handlers' } });
  });

  it('stays silent for steps nobody needs to be told of', () => {
    for (const type of ['created', 'repeat_contact', 'vulnerabilities_changed', 'deadline_reminder', 'no_such_event']) expect(notificationsForEvent({ type, payload: {} })).toEqual([]);
    expect(NOTIFYING_EVENT_TYPES).toContain('dispatched');
  });

  it('maps staff message templates, skipping the ones an event already covers', () => {
    expect(notificationKindForTemplate('case_dispatched')).toBeNull();
    expect(notificationKindForTemplate('extension_requested')).toBeNull();
    expect(notificationKindForTemplate('case_urged')).toBe('urge');
    expect(notificationKindForTemplate('supervision_escalated')).toBe('escalation');
    expect(notificationKindForTemplate('supervision_notice')).toBe('supervision_notice');
    expect(notificationKindForTemplate('deadline_reminder')).toBe('deadline_reminder');
    expect(notificationKindForTemplate('something_new')).toBe('message');
    expect(NOTIFICATION_KINDS).toContain('message');
  });

  it('parses the outbox recipients of staff messages and refuses anything else', () => {
    expect(parseStaffRecipient(`unit:${U}`)).toEqual({ kind: 'unit', unitId: U });
    expect(parseStaffRecipient(`role:supervisor:${U}`)).toEqual({ kind: 'role', role: 'supervisor', jurisdictionId: U });
    expect(parseStaffRecipient(U)).toEqual({ kind: 'user', userId: U });
    expect(parseStaffRecipient(`user:${U}`)).toEqual({ kind: 'user', userId: U });
    for (const bad of ['unit:', 'unit:abc', 'user:abc', 'role:supervisor:', '13800001111', 'ops@example.org', '']) expect(parseStaffRecipient(bad)).toBeNull();
  });
});
