import { CALL_EVENTS, parseCtiUsers } from '@openline/core';
import { z } from 'zod';
import { decodeUtf8Body } from '../../plugins/text-input.js';

/** Numbers arrive as text in forms and sometimes as numbers in JSON. */
const text = (max: number) => z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().max(max));

/**
 * The text fields of Zammad's generic CTI parameters and their limits after trimming, one table
 * for the schema and for readCommonBody. `voicemail` / `recording_url` are not Zammad's: a PBX that
 * records voicemail may send its link (ADR 0022); either name is read.
 */
const TEXT_FIELDS = {
  from: 64, to: 64, call_id: 200, callId: 200, queue: 200, cause: 100, answeringNumber: 64, voicemail: 1000, recording_url: 1000,
} as const;
type TextField = keyof typeof TEXT_FIELDS;
const textShape = Object.fromEntries(Object.entries(TEXT_FIELDS).map(([field, max]) => [field, text(max).optional()])) as {
  [K in TextField]: z.ZodOptional<ReturnType<typeof text>>;
};

/**
 * Zammad's generic CTI parameters (ADR 0017), the same in JSON and form bodies. `call_id` and
 * `callId` are both accepted; `user` may be a name, a comma list, a JSON array or `user[]`.
 */
export const ctiEventBody = z.object({
  event: z.enum(CALL_EVENTS),
  direction: z.enum(['in', 'out']),
  ...textShape,
  user: z.union([z.string().max(2000), z.array(z.union([z.string().max(200), z.number()])).max(50)]).optional(),
});

type CtiBody = z.output<typeof ctiEventBody>;

const TEXT_LIMITS = Object.entries(TEXT_FIELDS) as Array<[TextField, number]>;
const EVENTS: ReadonlySet<unknown> = new Set(CALL_EVENTS);

/**
 * The body every bridge sends (strings within their limits, `user` as text or a list of names)
 * read to exactly what ctiEventBody makes of it, without zod: zod's parse was ~3 % of the
 * webhook's CPU per event (issue 10 §6, ADR 0058). Anything else (numbers, a field too long, a
 * wrong event) answers null and goes through zod, which reads it or words the refusal.
 */
export function readCommonBody(body: unknown): CtiBody | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const { event, direction, user } = b;
  if (!EVENTS.has(event) || (direction !== 'in' && direction !== 'out')) return null;
  const out: CtiBody = { event: event as CtiBody['event'], direction };
  for (const [key, max] of TEXT_LIMITS) {
    const value = b[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return null;
    const trimmed = value.trim();
    if (trimmed.length > max) return null;
    out[key] = trimmed;
  }
  if (user !== undefined) {
    const names = typeof user === 'string' ? user.length <= 2000 : Array.isArray(user) && user.length <= 50 && user.every((u) => typeof u === 'string' && u.length <= 200);
    if (!names) return null;
    out.user = user as CtiBody['user'];
  }
  return out;
}

export interface CtiEvent {
  event: (typeof CALL_EVENTS)[number];
  direction: 'in' | 'out';
  from: string;
  to: string;
  callId: string;
  users: string[];
  queue: string | null;
  cause: string | null;
  answeringNumber: string | null;
  /** The voicemail or recording link (`voicemail` or `recording_url`), if the PBX sent one. */
  voicemailUrl: string | null;
}

export type CtiParse = { ok: true; event: CtiEvent } | { ok: false; error: string };

/** Reads a parsed body into one event, or says (in Zammad's words where it has them) what is wrong. */
export function readCtiEvent(body: unknown): CtiParse {
  const common = readCommonBody(body);
  const parsed = common ? ({ success: true, data: common } as const) : ctiEventBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'body';
    if (field === 'direction') return { ok: false, error: 'Invalid direction!' };
    if (field === 'event') return { ok: false, error: 'Invalid event!' };
    return { ok: false, error: `Invalid ${field}: ${issue?.message ?? 'invalid'}` };
  }
  const b = parsed.data;
  const callId = b.call_id || b.callId;
  if (!callId) return { ok: false, error: 'Invalid call_id: required' };
  return {
    ok: true,
    event: {
      event: b.event, direction: b.direction, from: b.from ?? '', to: b.to ?? '', callId, users: parseCtiUsers(b.user),
      queue: b.queue || null, cause: b.cause || null, answeringNumber: b.answeringNumber || null,
      voicemailUrl: b.voicemail || b.recording_url || null,
    },
  };
}

/**
 * An application/x-www-form-urlencoded body as an object: `user[]=a&user[]=b` (or `user[0]=…`)
 * and repeated keys become arrays. Bytes that are not UTF-8 are refused like everywhere else
 * (ADR 0011). The object has no prototype, so no key can reach Object.prototype.
 */
export function parseFormBody(raw: Buffer): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [rawKey, value] of new URLSearchParams(decodeUtf8Body(raw))) {
    const listKey = /^(.+)\[\d*\]$/.exec(rawKey)?.[1];
    const key = listKey ?? rawKey;
    const prior = out[key];
    if (prior === undefined) out[key] = listKey ? [value] : value;
    else out[key] = Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}
