import { describe, expect, it } from 'vitest';
import {
  ACTION_TYPES,
  CASE_STATUSES,
  CDR_REJECT_CODES,
  CASE_TYPES,
  CHANNELS,
  CONTACT_METHODS,
  DENIAL_CODES,
  SUPERVISION_DENIAL_CODES,
  SUPERVISION_EVENTS,
  FIGURE_FACTS,
  ROLES,
  SATISFACTION_LEVELS,
  TRANSITIONS,
  URGENCIES,
  VULNERABILITIES,
} from '@openline/core';
import { LINE_MODES, WEEKDAYS } from '../api/lines';
import { ORG_UNIT_KINDS } from '../api/org';
import { en } from './en';
import { CONTACT_METHOD_CHOICES, SATISFACTION_CHOICES } from './labels';
import { zhCN } from './zh-CN';

// The typecheck already forces en to have zh-CN's shape; these tests tie both to core's codes,
// so a status or channel added in core without a translation fails here rather than on screen.
describe('messages cover every domain code', () => {
  it.each([
    ['status', CASE_STATUSES],
    ['statusForCitizen', CASE_STATUSES],
    ['channel', CHANNELS],
    ['caseType', CASE_TYPES],
    ['urgency', URGENCIES],
    ['vulnerability', VULNERABILITIES],
    ['roles', ROLES],
    ['action', ACTION_TYPES],
    ['satisfaction', SATISFACTION_LEVELS],
    ['contactMethod', CONTACT_METHODS],
    ['orgKind', ORG_UNIT_KINDS],
    ['lineMode', LINE_MODES],
    ['lineModeExplain', LINE_MODES],
    ['weekday', WEEKDAYS],
    ['figureFact', FIGURE_FACTS],
  ] as const)('%s', (group, codes) => {
    for (const messages of [zhCN, en]) {
      expect(Object.keys(messages[group]).sort()).toEqual([...codes].sort());
    }
  });

  it('names every event the status machine, the sweeper, the flag editor and repeat contacts write', () => {
    // contact_attached: a repeat contact joins an open case; supervision_notice: the 督办 step of
    // imported and demo histories. Both reached the timeline as raw codes before.
    const extra = ['created', 'deadline_reminder', 'deadline_overdue', 'vulnerabilities_changed', 'contact_attached', 'supervision_notice', 'category_changed', 'instruction_given', 'instruction_answered', 'co_progress_noted', 'co_share_given', 'attachment_added', 'merged_caller_rated', ...SUPERVISION_EVENTS];
    const written = new Set([...extra, ...TRANSITIONS.map((rule) => rule.event)]);
    for (const messages of [zhCN, en]) {
      expect(Object.keys(messages.event).sort()).toEqual([...written].sort());
    }
  });

  it('offers the lifecycle choices in core\'s order', () => {
    expect(SATISFACTION_CHOICES).toEqual([...SATISFACTION_LEVELS]);
    expect(CONTACT_METHOD_CHOICES).toEqual([...CONTACT_METHODS]);
  });

  it('translates every refusal of the status machine', () => {
    for (const code of [...DENIAL_CODES, ...SUPERVISION_DENIAL_CODES]) expect(Object.keys(zhCN.errors), code).toContain(code);
  });

  it('explains every reason a call-record row is refused', () => {
    for (const messages of [zhCN, en]) {
      expect(Object.keys(messages.telephony.cdr.reasons).sort()).toEqual([...CDR_REJECT_CODES].sort());
    }
  });

  it('has no empty strings', () => {
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') expect(value.trim(), path).not.toBe('');
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(zhCN, 'zh-CN');
    walk(en, 'en');
  });
});
