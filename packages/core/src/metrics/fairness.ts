/**
 * The fairness report (DESIGN §7): how long cases waited, by priority and by how persistently
 * their caller got in touch. Priority must follow urgency, people affected, vulnerability and
 * age, never the number of contacts by one person; the report shows the waits side by side and
 * checks every case's stored priority against what those four facts allow (ADR 0014).
 */

/**
 * Priority bands over the score of core/priority with its default weights: P0 emergency level
 * (≥ 400), P1 urgent level (≥ 200), P2 a normal case with a large incident or several
 * aggravating facts (≥ 50), P3 one of them (≥ 20: a vulnerable person, 4 callers, 10 working
 * days of age), P4 the rest.
 */
export const PRIORITY_BANDS = [
  { band: 'P0', from: 400 },
  { band: 'P1', from: 200 },
  { band: 'P2', from: 50 },
  { band: 'P3', from: 20 },
  { band: 'P4', from: Number.NEGATIVE_INFINITY },
] as const;
export type PriorityBand = (typeof PRIORITY_BANDS)[number]['band'];

export function priorityBand(score: number): PriorityBand {
  return PRIORITY_BANDS.find((b) => score >= b.from)?.band ?? 'P4';
}

/** How many times the case's own caller got in touch about it (their first contact included). */
export const CONTACT_GROUPS = ['1', '2-3', '4+'] as const;
export type ContactGroup = (typeof CONTACT_GROUPS)[number];

export function contactGroup(contacts: number): ContactGroup {
  return contacts >= 4 ? '4+' : contacts >= 2 ? '2-3' : '1';
}

/**
 * A frequent caller (DESIGN §7 "over N contacts in M days"): more than 5 contacts, about
 * anything, in the 30 days up to and including the moment in question. A month of weekly calls
 * is persistence; more than that is what a centre watches for. The codebase had no definition.
 */
export const FREQUENT_CALLER = { overContacts: 5, days: 30 } as const;

/**
 * Whether the caller was frequent at any moment of [startMs, endMs): at one of their contacts in
 * it, they had made more than the rule's contacts in the days up to it. The report counts every
 * case of such a caller in the month apart, earlier cases of the month included.
 */
export function frequentDuring(contactTimesMs: readonly number[], startMs: number, endMs: number, rule: { overContacts: number; days: number } = FREQUENT_CALLER): boolean {
  return contactTimesMs.some((t) => t >= startMs && t < endMs && isFrequentCaller(contactTimesMs, t, rule));
}

/** Whether a caller with contacts at these instants (ms) is frequent at `atMs`. */
export function isFrequentCaller(contactTimesMs: readonly number[], atMs: number, rule: { overContacts: number; days: number } = FREQUENT_CALLER): boolean {
  const since = atMs - rule.days * 86_400_000;
  return contactTimesMs.filter((t) => t > since && t <= atMs).length > rule.overContacts;
}

/**
 * The nearest-rank quantile (p in (0, 1]) of the values: always a wait some case really had,
 * and the same on any database. Null for no values.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1;
  return sorted[index] ?? null;
}

export interface FairnessCase {
  priority: number;
  urgency: string;
  /** Contacts by the case's own caller on it and on the cases merged into it; 1 when unknown. */
  callerContacts: number;
  frequentCaller: boolean;
  /** Received → first dispatch, ms; null when never dispatched. */
  dispatchWaitMs: number | null;
  /** Received → first contact of the citizen by the handling unit, ms; null when none yet. */
  contactWaitMs: number | null;
}

export interface WaitSummary {
  cases: number;
  dispatched: number;
  dispatchMedianMinutes: number | null;
  dispatchP90Minutes: number | null;
  contacted: number;
  contactMedianMinutes: number | null;
  contactP90Minutes: number | null;
  averagePriority: number | null;
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);

export function summarizeWaits(cases: readonly FairnessCase[]): WaitSummary {
  const dispatch = cases.flatMap((c) => (c.dispatchWaitMs === null ? [] : [c.dispatchWaitMs]));
  const contact = cases.flatMap((c) => (c.contactWaitMs === null ? [] : [c.contactWaitMs]));
  const total = cases.reduce((sum, c) => sum + c.priority, 0);
  return {
    cases: cases.length,
    dispatched: dispatch.length,
    dispatchMedianMinutes: minutes(quantile(dispatch, 0.5)),
    dispatchP90Minutes: minutes(quantile(dispatch, 0.9)),
    contacted: contact.length,
    contactMedianMinutes: minutes(quantile(contact, 0.5)),
    contactP90Minutes: minutes(quantile(contact, 0.9)),
    averagePriority: cases.length === 0 ? null : Math.round((total / cases.length) * 100) / 100,
  };
}

/** The cases grouped by a key, in the order of `keys` (every key listed, empty ones too). */
export function summarizeBy<K extends string>(cases: readonly FairnessCase[], keys: readonly K[], keyOf: (c: FairnessCase) => K): Array<{ key: K } & WaitSummary> {
  return keys.map((key) => ({ key, ...summarizeWaits(cases.filter((c) => keyOf(c) === key)) }));
}
