import { describe, expect, it } from 'vitest';
import { defaultLineChannels, smsAlternatives, type SmsLineChoice } from './line-channels.js';

describe('line channels', () => {
  it('defaults follow the mode: texts for SMS-only and tip lines, calls for the others', () => {
    expect(defaultLineChannels('sms_only')).toEqual({ voice: false, sms: true });
    expect(defaultLineChannels('tip')).toEqual({ voice: false, sms: true });
    expect(defaultLineChannels('staffed')).toEqual({ voice: true, sms: false });
    expect(defaultLineChannels('direct')).toEqual({ voice: true, sms: false });
  });

  const line = (name: string, mode: SmsLineChoice['mode'], acceptsSms: boolean, isPublic = true): SmsLineChoice => ({ name, number: name, mode, isPublic, acceptsSms });

  it('points a misdirected text at public lines that read texts, tip lines last', () => {
    const lines = [line('mayor', 'staffed', false), line('hotline', 'staffed', true), line('petition', 'sms_only', true), line('tip', 'tip', true), line('internal', 'sms_only', true, false)];
    expect(smsAlternatives(lines).map((l) => l.name)).toEqual(['hotline', 'petition']);
    expect(smsAlternatives([line('mayor', 'staffed', false), line('tip', 'tip', true)]).map((l) => l.name)).toEqual(['tip']);
    expect(smsAlternatives([line('mayor', 'staffed', false)])).toEqual([]);
  });
});
