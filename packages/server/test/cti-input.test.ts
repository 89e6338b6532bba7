import { describe, expect, it } from 'vitest';
import { ctiEventBody, parseFormBody, readCommonBody, readCtiEvent } from '../src/modules/telephony/cti-input.js';

// readCommonBody skips zod for the bodies bridges send (issue 10 §6, ADR 0058): whatever it
// reads must be exactly what zod makes of it, and whatever it does not read is left to zod.
const bodies: unknown[] = [
  { event: 'newCall', direction: 'in', from: '13800138000', to: '0000-88001234', call_id: 'c1', user: ['op1', 'op2'] },
  { event: 'answer', direction: 'in', callId: ' c2 ', user: 'op1,op2', answeringNumber: ' 801 ', queue: 'q' },
  { event: 'hangup', direction: 'out', call_id: 'c3', cause: 'normalClearing', voicemail: 'https://pbx/vm/1', recording_url: 'x', extra: 'ignored' },
  parseFormBody(Buffer.from('event=newCall&direction=in&from=anonymous&to=88001234&call_id=c4&user%5B%5D=a&user%5B%5D=b')),
  { event: 'newCall', direction: 'in', from: 13800138000, call_id: 'c5' },
  { event: 'newCall', direction: 'in', from: 'x'.repeat(65), call_id: 'c6' },
  { event: 'newCall', direction: 'in', from: `  ${'x'.repeat(64)}  `, call_id: 'c7' },
  { event: 'newCall', direction: 'sideways', call_id: 'c8' },
  { event: 'ring', direction: 'in', call_id: 'c9' },
  { event: 'answer', direction: 'in', call_id: 'c10', user: ['a', 7] },
  { event: 'answer', direction: 'in', call_id: 'c11', user: Array.from({ length: 51 }, () => 'a') },
  { event: 'answer', direction: 'in', call_id: 'c12', user: 'u'.repeat(2001) },
  { event: 'answer', direction: 'in', call_id: 'c13', user: null },
  { event: 'hangup', direction: 'in', call_id: 'c14', cause: null },
  { event: 'hangup', direction: 'in' },
  [{ event: 'hangup' }],
  'event=hangup',
  null,
];

describe('CTI body reading', () => {
  it('reads the common bodies as zod does, and leaves every other body to zod', () => {
    let read = 0;
    for (const body of bodies) {
      const common = readCommonBody(body);
      const zod = ctiEventBody.safeParse(body);
      if (common === null) continue;
      read++;
      expect(zod.success, JSON.stringify(body)).toBe(true);
      expect(common).toEqual(zod.data);
    }
    expect(read).toBe(6);
  });

  it('answers the same event or refusal with and without the common path', () => {
    expect(readCtiEvent(bodies[1])).toEqual({
      ok: true,
      event: { event: 'answer', direction: 'in', from: '', to: '', callId: 'c2', users: ['op1', 'op2'], queue: 'q', cause: null, answeringNumber: '801', voicemailUrl: null },
    });
    expect(readCtiEvent(bodies[4])).toMatchObject({ ok: true, event: { from: '13800138000' } });
    expect(readCtiEvent(bodies[5])).toMatchObject({ ok: false });
    expect(readCtiEvent(bodies[7])).toEqual({ ok: false, error: 'Invalid direction!' });
    expect(readCtiEvent(bodies[8])).toEqual({ ok: false, error: 'Invalid event!' });
    expect(readCtiEvent(bodies[14])).toEqual({ ok: false, error: 'Invalid call_id: required' });
  });
});
