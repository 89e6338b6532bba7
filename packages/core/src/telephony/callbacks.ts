/**
 * Callbacks within 1 h (DESIGN §6: 接通率 counts them as answered). A missed inbound call is
 * called back when the same line reached the same number — an outbound call from the line to the
 * caller (same blind index) that was answered — no later than 1 h after the missed call ended.
 *
 * Only an answered callback counts: ringing a caller and hanging up at once must not repair a
 * line's figure. One callback covers every call the person missed on that line in the hour
 * before it (they were reached about all of them). Anonymous callers cannot be called back.
 */
export const CALLBACK_WINDOW_MS = 60 * 60 * 1000;

export interface MissedCallRef {
  id: string;
  lineId: string;
  /** The caller's blind index; null for a withheld number. */
  callerKey: string | null;
  /** When the missed call ended (ISO-8601). */
  endedAt: string;
}

export interface CallbackRef {
  lineId: string;
  callerKey: string | null;
  /** When the outbound call was placed (ISO-8601). */
  at: string;
}

/** The ids of the missed calls that were called back in time. */
export function calledBackWithin(missed: readonly MissedCallRef[], callbacks: readonly CallbackRef[], windowMs: number = CALLBACK_WINDOW_MS): Set<string> {
  const times = new Map<string, number[]>();
  for (const c of callbacks) {
    if (c.callerKey === null) continue;
    const key = `${c.lineId}\u0000${c.callerKey}`;
    const list = times.get(key) ?? [];
    list.push(Date.parse(c.at));
    times.set(key, list);
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  const out = new Set<string>();
  for (const m of missed) {
    if (m.callerKey === null) continue;
    const list = times.get(`${m.lineId}\u0000${m.callerKey}`);
    if (!list) continue;
    const end = Date.parse(m.endedAt);
    const first = firstAtOrAfter(list, end);
    if (first !== undefined && first - end <= windowMs) out.add(m.id);
  }
  return out;
}

/** The first time in a sorted list not before `t` (binary search: a busy line has many callbacks). */
function firstAtOrAfter(sorted: readonly number[], t: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}
