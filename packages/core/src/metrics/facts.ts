import { localDate, type IsoDate } from '../calendar/local-time.js';
import { emptyCounts, type MetricCounts } from './rates.js';

/**
 * What one case contributes to the figures, derived from its history alone (DESIGN §6; the
 * rules are ADR 0012). Every count lands on one unit and one day, the day being the
 * jurisdiction's local calendar day of the instant that decides it:
 *
 * - dispatched: each `dispatched` or `arbitrated` event, to the unit it names, on its day;
 * - returns: each `returned` event, to the unit that returned it, on the day of the dispatch it
 *   answers — so returns / dispatches of a period is the share of that period's dispatches sent
 *   back, and never above 1;
 * - responseDue / respondedOnTime: each response (`contact`) deadline, to the unit it binds, on
 *   its due day; on time when a `contacted` event falls between the deadline's setting and its
 *   due instant (inclusive). A deadline withdrawn before it fell due without the citizen having
 *   been contacted (a return, a re-dispatch, a merge) is no promise broken and does not count;
 *   one withdrawn after it fell due still does, so withdrawing cannot hide a miss;
 * - visits / solved / satisfied: every `visited` event (a reopened case visited twice counts
 *   twice), to the lead unit at that moment, on its day;
 * - overdue: each `deadline_overdue` event, to the lead unit at that moment, on its day;
 * - closures (办结): each `replied` event, to the lead unit, on its day. On time when no resolve
 *   deadline was in force or the reply came at or before the one in force (set before the reply,
 *   not withdrawn before it: after an approved extension, the extended one). A late one adds
 *   overdueDays = ceil((reply − due) / 24 h) natural days, on the reply day. A deadline never met
 *   (still open, or withdrawn by a merge) adds no days: its lateness shows in `overdue`;
 * - reopened: each `reopened` event, to the unit that made the closure it undoes, on that
 *   closure's day — like returns, so reopened / closures of a period never exceeds 1 (a history
 *   with no reply before the reopening, which the lifecycle does not allow, counts none);
 * - extensions: each `extension_approved` event, to the lead unit, on its day;
 * - arbitrations: each `arbitrated` event, to the unit it assigns the case to, on its day;
 * - supervisionNotices: each supervision notice row, to the unit it was sent to, on its creation day.
 *
 * An invalidated case (spam, abuse) contributes nothing while it is invalid: it was never a
 * citizen's matter for a department to answer. A restored one counts again. A merged child
 * keeps what happened before the merge (its dispatches and returns happened); the merge
 * withdraws its open deadlines like any other withdrawal.
 */

export interface FactEvent {
  type: string;
  /** ISO-8601 instant. */
  createdAt: string;
  payload: Readonly<Record<string, unknown>>;
}

export interface FactDeadline {
  unitId: string | null;
  /** When it was set (the dispatch or reopening), ISO-8601. */
  createdAt: string;
  dueAt: string;
  cancelledAt: string | null;
}

export interface CaseHistory {
  /** The case's current status. */
  status: string;
  /** Every event of the case, oldest first. */
  events: readonly FactEvent[];
  /** The case's response (`contact`) deadline rows, cancelled ones included. */
  contactDeadlines: readonly FactDeadline[];
  /** The case's `resolve` deadline rows, cancelled ones included (an extension replaces one). */
  resolveDeadlines?: readonly FactDeadline[];
  /** The supervision notices issued on the case. */
  notices?: ReadonlyArray<{ unitId: string | null; createdAt: string }>;
}

export interface DayUnitCounts {
  day: IsoDate;
  unitId: string;
  counts: MetricCounts;
}

const SATISFIED = new Set(['satisfied', 'basically_satisfied']);

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const ms = (iso: string): number => Date.parse(iso);
const DAY_MS = 86_400_000;

/** The resolve deadline in force at instant t: set by then and not withdrawn before; the latest set. */
function deadlineInForce(deadlines: readonly FactDeadline[], t: number): FactDeadline | undefined {
  return deadlines
    .filter((d) => ms(d.createdAt) <= t && (d.cancelledAt === null || ms(d.cancelledAt) >= t))
    .sort((a, b) => ms(b.createdAt) - ms(a.createdAt))[0];
}

export function caseFacts(history: CaseHistory, timeZone: string): DayUnitCounts[] {
  if (history.status === 'invalid') return [];
  const cells = new Map<string, DayUnitCounts>();
  const day = (iso: string): IsoDate => localDate(new Date(iso), timeZone);
  const add = (d: IsoDate, unitId: string | null, key: keyof MetricCounts, n = 1): void => {
    if (unitId === null || n === 0) return;
    const k = `${d}|${unitId}`;
    let cell = cells.get(k);
    if (!cell) {
      cell = { day: d, unitId, counts: emptyCounts() };
      cells.set(k, cell);
    }
    cell.counts[key] += n;
  };

  let lead: string | null = null;
  let lastDispatchDay: IsoDate | null = null;
  let lastClosure: { day: IsoDate; unitId: string | null } | null = null;
  for (const e of history.events) {
    switch (e.type) {
      // A supervisor's re-dispatch (改派, ADR 0024) hands the case to a new unit like a dispatch.
      case 'dispatched':
      case 'arbitrated':
      case 'redispatched':
        lead = str(e.payload.leadUnitId);
        lastDispatchDay = day(e.createdAt);
        add(lastDispatchDay, lead, 'dispatched');
        if (e.type === 'arbitrated') add(lastDispatchDay, lead, 'arbitrations');
        break;
      case 'replied': {
        const t = ms(e.createdAt);
        const d = day(e.createdAt);
        const deadline = deadlineInForce(history.resolveDeadlines ?? [], t);
        const late = deadline ? t - ms(deadline.dueAt) : 0;
        add(d, lead, 'closures');
        if (late <= 0) add(d, lead, 'closedOnTime');
        else add(d, lead, 'overdueDays', Math.ceil(late / DAY_MS));
        lastClosure = { day: d, unitId: lead };
        break;
      }
      case 'reopened':
        // Only a closure on record can be undone: keeps reopened ≤ closures in every cell.
        if (lastClosure) add(lastClosure.day, lastClosure.unitId, 'reopened');
        lastClosure = null;
        lead = str(e.payload.leadUnitId) ?? lead;
        break;
      case 'extension_approved':
        add(day(e.createdAt), lead, 'extensions');
        break;
      case 'returned':
        add(lastDispatchDay ?? day(e.createdAt), str(e.payload.returnedByUnitId) ?? lead, 'returns');
        lead = null;
        break;
      case 'restored':
        lead = null;
        break;
      case 'visited': {
        const d = day(e.createdAt);
        add(d, lead, 'visits');
        if (e.payload.solved === true) add(d, lead, 'solved');
        if (SATISFIED.has(String(e.payload.satisfaction))) add(d, lead, 'satisfied');
        break;
      }
      case 'deadline_overdue':
        add(day(e.createdAt), lead, 'overdue');
        break;
      default:
        break;
    }
  }

  const contacts = history.events.filter((e) => e.type === 'contacted').map((e) => ms(e.createdAt));
  for (const d of history.contactDeadlines) {
    const due = ms(d.dueAt);
    const onTime = contacts.some((t) => t >= ms(d.createdAt) && t <= due);
    const withdrawnEarly = d.cancelledAt !== null && ms(d.cancelledAt) < due && !onTime;
    if (withdrawnEarly) continue;
    add(day(d.dueAt), d.unitId, 'responseDue');
    if (onTime) add(day(d.dueAt), d.unitId, 'respondedOnTime');
  }
  for (const n of history.notices ?? []) add(day(n.createdAt), n.unitId, 'supervisionNotices');
  return [...cells.values()].sort((a, b) => (a.day + a.unitId).localeCompare(b.day + b.unitId));
}
