import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../case-status.js';
import {
  approximateCoordinate,
  attributeListSchema,
  checkAttributeAnswers,
  checkLocation,
  collectAttributeInput,
  formatW3cDateTime,
  open311CaseContent,
  open311Status,
  open311StatusNotes,
  parseW3cDateTime,
  requestWindow,
  type AttributeDefinition,
} from './index.js';

describe('open311 status', () => {
  it('is open until the case is closed or set aside', () => {
    expect(open311Status('received')).toBe('open');
    expect(open311Status('replied')).toBe('open');
    expect(open311Status('closed')).toBe('closed');
    expect(open311Status('invalid')).toBe('closed');
    expect(open311Status('merged')).toBe('closed');
  });
  it('has a note for every status', () => {
    for (const s of CASE_STATUSES) expect(open311StatusNotes(s).length).toBeGreaterThan(0);
  });
});

describe('W3C date-times', () => {
  it('reads Z, offsets, a decoded + and bare dates', () => {
    expect(parseW3cDateTime('2026-12-01T08:00:00Z')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(parseW3cDateTime('2026-12-01T08:00:00+08:00')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseW3cDateTime('2026-12-01T08:00:00 08:00')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseW3cDateTime('2026-12-01T08:00:00-0500')?.toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(parseW3cDateTime('2026-12-01T08:00:00.123Z')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(parseW3cDateTime('2026-12-01')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
  it('refuses what is not a date-time', () => {
    for (const bad of ['', 'yesterday', '2026-13-01', '2026-02-30', '2026-12-01T08:00:00', '2026-12-01T25:00:00Z', '1764547200', '2026-12-01T08:00Z+']) {
      expect(parseW3cDateTime(bad), bad).toBeNull();
    }
  });
  it('writes UTC without milliseconds', () => {
    expect(formatW3cDateTime('2026-12-01T08:00:00.456Z')).toBe('2026-12-01T08:00:00Z');
  });
});

describe('request window', () => {
  const now = new Date('2026-12-05T00:00:00Z');
  const day = 86_400_000;
  it('defaults to the last 90 days', () => {
    const w = requestWindow({ now });
    expect(w).toEqual({ ok: true, from: new Date(now.getTime() - 90 * day), to: now });
  });
  it('extends a lone start or end by 90 days', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(requestWindow({ now, start })).toEqual({ ok: true, from: start, to: new Date(start.getTime() + 90 * day) });
    expect(requestWindow({ now, end: start })).toEqual({ ok: true, from: new Date(start.getTime() - 90 * day), to: start });
  });
  it('refuses a reversed or longer span', () => {
    expect(requestWindow({ now, start: now, end: new Date(now.getTime() - 1) }).ok).toBe(false);
    expect(requestWindow({ now, start: new Date(now.getTime() - 91 * day), end: now }).ok).toBe(false);
    expect(requestWindow({ now, start: new Date(now.getTime() - 90 * day), end: now }).ok).toBe(true);
  });
});

const DEFS: AttributeDefinition[] = attributeListSchema.parse([
  { code: 'depth', description: '坑深（厘米）', datatype: 'number', required: true },
  { code: 'lane', description: '所在车道', datatype: 'singlevaluelist', required: false, values: [{ key: 'left', name: '左侧' }, { key: 'right', name: '右侧' }] },
  { code: 'hazards', description: '伴随情况', datatype: 'multivaluelist', required: false, values: [{ key: 'water', name: '积水' }, { key: 'night', name: '夜间无照明' }] },
  { code: 'seen', description: '发现时间', datatype: 'datetime', required: false },
]);

describe('attributes', () => {
  it('validates definitions: lists need values, codes differ', () => {
    expect(attributeListSchema.safeParse([{ code: 'a', description: 'q', datatype: 'singlevaluelist', required: false }]).success).toBe(false);
    expect(attributeListSchema.safeParse([{ code: 'a', description: 'q', datatype: 'string', required: false, values: [{ key: 'x', name: 'y' }] }]).success).toBe(false);
    expect(attributeListSchema.safeParse([{ code: 'a', description: 'q', datatype: 'string', required: false }, { code: 'a', description: 'r', datatype: 'text', required: true }]).success).toBe(false);
    expect(attributeListSchema.safeParse([{ code: 'Bad Code', description: 'q', datatype: 'string', required: false }]).success).toBe(false);
  });
  it('collects attribute[code] form fields and a JSON attribute object', () => {
    expect(collectAttributeInput({ 'attribute[depth]': '5', 'attribute[hazards]': ['water', 'night'], description: 'x', attributes: 'y' })).toEqual({ depth: '5', hazards: ['water', 'night'] });
    expect(collectAttributeInput({ attribute: { depth: '7', bad: 3 } })).toEqual({ depth: '7' });
  });
  it('accepts good answers, shows list names and ignores codes it does not define', () => {
    const r = checkAttributeAnswers(DEFS, { depth: '12.5', lane: 'left', hazards: ['water', 'night'], seen: '2026-12-01T08:00:00Z', fms_extra: 'x' });
    expect(r).toEqual({
      ok: true,
      answers: [
        { code: 'depth', question: '坑深（厘米）', values: ['12.5'], display: '12.5' },
        { code: 'lane', question: '所在车道', values: ['left'], display: '左侧' },
        { code: 'hazards', question: '伴随情况', values: ['water', 'night'], display: '积水、夜间无照明' },
        { code: 'seen', question: '发现时间', values: ['2026-12-01T08:00:00Z'], display: '2026-12-01T08:00:00Z' },
      ],
    });
  });
  it('names every wrong answer', () => {
    const r = checkAttributeAnswers(DEFS, { depth: 'deep', lane: ['left', 'right'], hazards: ['fire'], seen: 'today' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['depth', 'lane', 'hazards', 'seen']);
    const missing = checkAttributeAnswers(DEFS, { depth: '  ' });
    expect(missing).toEqual({ ok: false, errors: [{ code: 'depth', message: 'attribute[depth] is required' }] });
  });
});

describe('location', () => {
  it('takes coordinates, an address or an address id', () => {
    expect(checkLocation({ lat: '39.9042', long: '116.4074' })).toEqual({ ok: true, location: { lat: 39.9042, long: 116.4074, addressString: null, addressId: null } });
    expect(checkLocation({ addressString: ' 人民路 1 号 ' })).toMatchObject({ ok: true, location: { addressString: '人民路 1 号' } });
    expect(checkLocation({ addressId: '#NOTPINPOINTED#' }).ok).toBe(true);
  });
  it('refuses no location, half a coordinate, or one off the globe', () => {
    expect(checkLocation({}).ok).toBe(false);
    expect(checkLocation({ lat: '39.9', long: '' }).ok).toBe(false);
    expect(checkLocation({ lat: '91', long: '0' }).ok).toBe(false);
    expect(checkLocation({ lat: '1e2', long: '0' }).ok).toBe(false);
  });
  it('rounds public coordinates to about 100 m', () => {
    expect(approximateCoordinate(39.90423)).toBe('39.904');
    expect(approximateCoordinate(-0.0004)).toBe('0.000');
  });
});

describe('case content', () => {
  it('is the description, or the service name, with the answers below', () => {
    expect(open311CaseContent({ description: '路面有坑', serviceName: '道路破损', answers: [{ code: 'depth', question: '坑深', values: ['5'], display: '5' }] })).toBe('路面有坑\n坑深：5');
    expect(open311CaseContent({ description: ' ', serviceName: '道路破损', answers: [] })).toBe('道路破损');
  });
});
