import {
  CONTACT_GROUPS,
  FREQUENT_CALLER,
  PRIORITY_BANDS,
  URGENCIES,
  addDays,
  caseAgeWorkingDays,
  contactGroup,
  frequentDuring,
  isOpenStatus,
  isVulnerability,
  monthDays,
  normalizeVulnerabilities,
  priorityBand,
  priorityScore,
  summarizeBy,
  zonedInstant,
  type CaseStatus,
  type FairnessCase,
  type Urgency,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { caseListScope } from '../cases/policy.js';
import { findTimeZone } from '../returns-report/repository.js';
import * as repo from './repository.js';

/** Slack for the priority check: age grows 2 points a working day, so a minute is < 0.01. */
const CHECK_SLACK_MS = 60_000;
const CHECK_TOLERANCE = 0.01;
const MAX_EXAMPLES = 20;

export type Summary = ReturnType<typeof summarizeBy<string>>[number];

export interface FairnessResult {
  month: string;
  cases: number;
  byBand: Summary[];
  byUrgency: Summary[];
  byContacts: Summary[];
  /** frequent / others (FREQUENT_CALLER). */
  byCaller: Summary[];
  frequentCallerRule: { overContacts: number; days: number };
  check: { checked: number; violations: number; caseNumbers: string[] };
}

/**
 * The fairness report of the cases received in a local month (DESIGN §7). The check: each case's
 * stored priority may not exceed what core's `priorityScore` gives for its urgency, its distinct
 * callers (its own and its merged cases'), its confirmed flags and its age at its last activity
 * (now, for an open case, which the daily refresh ages). Repeat contacts by one person cannot
 * raise that ceiling, so a priority that counted them — an extra caller is worth ≥ 1.4 points
 * up to 27 callers — lies above it and the case is named. Cases of the caller's case-list scope
 * (by lead unit when the scope is a subtree).
 */
export async function fairnessReport(ctx: AppContext, options: { user: SessionUser; month: string }): Promise<FairnessResult> {
  const { user, month } = options;
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  const timezone = await findTimeZone(ctx.db, user.jurisdictionId);
  const days = monthDays(month);
  const m: repo.MonthCases = {
    jurisdictionId: user.jurisdictionId,
    start: zonedInstant(days.from, 0, timezone).toISOString(),
    end: zonedInstant(addDays(days.to, 1), 0, timezone).toISOString(),
    unitPath: scope.kind === 'units' ? scope.unitPath : null,
  };
  const since = new Date(Date.parse(m.start) - FREQUENT_CALLER.days * 86_400_000).toISOString();
  const [cases, firsts, callers, flags, activity, contactTimes, calendar] = await Promise.all([
    repo.listMonthCases(ctx.db, m),
    repo.listFirstTimes(ctx.db, m),
    repo.listCaseCallers(ctx.db, m),
    repo.listCaseFlags(ctx.db, m),
    repo.listLastActivity(ctx.db, m),
    repo.listCallerContactTimes(ctx.db, m, since),
    loadWorkingCalendar(ctx.db, { id: user.jurisdictionId, timezone }),
  ]);
  const first = new Map(firsts.map((f) => [`${f.case_id}|${f.type}`, Date.parse(f.first)]));
  const callersOf = group(callers, (r) => r.target, (r) => r.callerKey);
  const flagsOf = group(flags, (r) => r.target, (r) => r.flag);
  const lastOf = new Map<string, number>();
  for (const a of activity) lastOf.set(a.target, Math.max(lastOf.get(a.target) ?? 0, Date.parse(a.last)));
  const timesOf = group(contactTimes, (r) => r.callerKey ?? '', (r) => Date.parse(r.receivedAt));
  const now = Date.now();

  const rows: FairnessCase[] = [];
  const violations: string[] = [];
  for (const c of cases) {
    const created = Date.parse(c.created_at);
    const keys = callersOf.get(c.id) ?? [];
    const wait = (type: string): number | null => {
      const at = first.get(`${c.id}|${type}`);
      return at === undefined ? null : Math.max(0, at - created);
    };
    rows.push({
      priority: c.priority,
      urgency: c.urgency,
      callerContacts: c.caller_phone_bidx === null ? 1 : Math.max(1, keys.filter((k) => k === c.caller_phone_bidx).length),
      frequentCaller: c.caller_phone_bidx !== null && frequentDuring(timesOf.get(c.caller_phone_bidx) ?? [], Date.parse(m.start), Date.parse(m.end)),
      dispatchWaitMs: wait('dispatched'),
      contactWaitMs: wait('contacted'),
    });
    const lastComputed = isOpenStatus(c.status as CaseStatus) ? now : Math.max(created, lastOf.get(c.id) ?? created);
    const ceiling = priorityScore({
      urgency: c.urgency as Urgency,
      contacts: keys.map((callerKey) => ({ callerKey })),
      vulnerabilities: normalizeVulnerabilities((flagsOf.get(c.id) ?? []).filter(isVulnerability)),
      ageWorkingDays: caseAgeWorkingDays(new Date(created), new Date(lastComputed + CHECK_SLACK_MS), calendar),
    }).score;
    if (c.priority > ceiling + CHECK_TOLERANCE) violations.push(c.case_number);
  }
  violations.sort();
  return {
    month,
    cases: rows.length,
    byBand: summarizeBy(rows, PRIORITY_BANDS.map((b) => b.band), (r) => priorityBand(r.priority)),
    byUrgency: summarizeBy(rows, URGENCIES, (r) => r.urgency as Urgency),
    byContacts: summarizeBy(rows, CONTACT_GROUPS, (r) => contactGroup(r.callerContacts)),
    byCaller: summarizeBy(rows, ['frequent', 'others'] as const, (r) => (r.frequentCaller ? 'frequent' : 'others')),
    frequentCallerRule: { ...FREQUENT_CALLER },
    check: { checked: rows.length, violations: violations.length, caseNumbers: violations.slice(0, MAX_EXAMPLES) },
  };
}

function group<R, V>(rows: readonly R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(value(r));
    else out.set(key(r), [value(r)]);
  }
  return out;
}
