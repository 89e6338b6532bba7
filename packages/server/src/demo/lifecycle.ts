import type { CaseStatus } from '@openline/core';
import { DAY, HOUR, MINUTE, localHour, localTimeOfDay } from './clock.js';
import type { DemoRandom } from './random.js';

/**
 * Plans the history of one demo case along DESIGN §4: received → triaged → dispatched →
 * accepted (or returned and re-dispatched) → in progress → replied → return visit → closed,
 * plus the shortcuts (answered at intake) and side states (merged, invalid). The older a case,
 * the further along it is, so the demo looks like a hotline in steady state: last quarter's
 * work closed, this week's spread over every stage.
 */

export type StepActor = 'operator' | 'supervisor' | 'official' | 'system' | 'lead_unit';

export interface PlannedStep {
  type: string;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  at: Date;
  actor: StepActor;
  /** The unit acting (lead_unit actor) or receiving the case (dispatch). */
  unit?: string;
  reason?: string;
  payload?: Record<string, unknown>;
  /** For a merge: index of the parent case in the plan. */
  mergeInto?: number;
}

export interface LifecycleInput {
  receivedAt: Date;
  /** No event may be later than this (now − 1 min), so a fresh real appeal always sorts first. */
  limit: Date;
  kind: 'normal' | 'invalid' | 'merged';
  urgent: boolean;
  complex: boolean;
  consultation: boolean;
  leadUnit: string;
  /** Where a mis-dispatch goes before it is returned; none for tips, which go straight to the police. */
  wrongUnit: string | null;
  reply: string;
  /** Came in on the official's own line: the official may add an instruction (批示). */
  officialLine: boolean;
  /** How well the lead unit and the wrongly chosen unit work, 0–1 (performance.ts). */
  quality?: number;
  wrongQuality?: number;
  invalidReason?: string;
  mergeInto?: number;
}

type Target = Exclude<CaseStatus, 'merged' | 'invalid'>;

/** Where a case of this age typically stands; urgent cases move about three times faster. */
function pickTarget(random: DemoRandom, ageMs: number, urgent: boolean): Target {
  const hours = (ageMs / HOUR) * (urgent ? 3 : 1);
  if (hours < 1) return random.table({ received: 5, triaged: 2, dispatched: 2 });
  if (hours < 24) return random.table({ received: 1.5, triaged: 1, dispatched: 3, accepted: 2.5, in_progress: 1.5, returned: 1 });
  if (hours < 72) return random.table({ dispatched: 1, accepted: 2, in_progress: 4, returned: 0.5, replied: 1.5 });
  // The normal resolve deadline is 7 working days, so a week-old case is often still open.
  if (hours < 168) return random.table({ accepted: 0.5, in_progress: 4, replied: 3, visited: 1, closed: 1.5 });
  if (hours < 336) return random.table({ in_progress: 1.5, replied: 2, visited: 1, closed: 5.5 });
  if (hours < 720) return random.table({ in_progress: 0.3, replied: 0.4, visited: 0.3, closed: 9 });
  return 'closed';
}

interface Draft extends Omit<PlannedStep, 'at'> {
  delayMs: number;
}

function fullPath(random: DemoRandom, input: LifecycleInput, initialTarget: Target, ageMs: number): Draft[] {
  let target = initialTarget;
  const pace = input.urgent ? 0.25 : 1;
  const span = (min: number, max: number): number => random.between(min, max) * pace;
  const path: Draft[] = [
    { type: 'triaged', fromStatus: 'received', toStatus: 'triaged', actor: 'operator', delayMs: random.between(1, 5) * MINUTE },
  ];
  // About one case in twelve is first sent to the wrong unit and pushed back (退单) with a reason.
  // A sloppy unit pushes back more of what it gets; that is its 退单率.
  const q = input.quality ?? 0.65;
  const misdispatched = input.wrongUnit !== null && (target === 'returned' || random.chance(0.02 + 0.2 * (1 - (input.wrongQuality ?? 0.65))));
  if (target === 'returned' && !misdispatched) target = 'dispatched';
  if (misdispatched && input.wrongUnit !== null) {
    path.push(
      { type: 'dispatched', fromStatus: 'triaged', toStatus: 'dispatched', actor: 'operator', unit: input.wrongUnit, delayMs: span(2, 20) * MINUTE },
      {
        type: 'returned',
        fromStatus: 'dispatched',
        toStatus: 'returned',
        actor: 'lead_unit',
        unit: input.wrongUnit,
        reason: `经核实，该事项不属于本单位职责范围，建议改派${input.leadUnit}。`,
        delayMs: span(30, 240) * MINUTE,
      },
    );
  }
  path.push(
    {
      type: 'dispatched',
      fromStatus: misdispatched ? 'returned' : 'triaged',
      toStatus: 'dispatched',
      actor: 'operator',
      unit: input.leadUnit,
      delayMs: span(2, 30) * MINUTE,
    },
  );
  if (input.officialLine && random.chance(0.4)) {
    path.push({
      type: 'instructed',
      fromStatus: 'dispatched',
      toStatus: 'dispatched',
      actor: 'official',
      payload: { instruction: `请${input.leadUnit}高度重视，抓紧办理，按时答复来电群众。` },
      delayMs: random.between(1, 6) * HOUR,
    });
  }
  path.push(
    { type: 'accepted', fromStatus: 'dispatched', toStatus: 'accepted', actor: 'lead_unit', unit: input.leadUnit, delayMs: span(10, 120) * MINUTE },
    {
      type: 'contacted',
      fromStatus: 'accepted',
      toStatus: 'in_progress',
      actor: 'lead_unit',
      unit: input.leadUnit,
      payload: { method: 'phone' },
      // The response deadline is one working day: a poor unit often calls back too late.
      delayMs: input.urgent ? random.between(10, 90) * MINUTE : random.between(1, 8 + 60 * (1 - q)) * HOUR,
    },
  );
  if (input.complex && random.chance(0.5)) {
    path.push(
      {
        type: 'extension_requested',
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        actor: 'lead_unit',
        unit: input.leadUnit,
        reason: '涉及多个部门协调，需延期办理',
        payload: { workingDays: 15 },
        delayMs: random.between(2, 5) * DAY,
      },
      { type: 'extension_approved', fromStatus: 'in_progress', toStatus: 'in_progress', actor: 'supervisor', delayMs: random.between(1, 8) * HOUR },
    );
  }
  // A case still in progress after five days has missed the 7-working-day resolve deadline's
  // comfort zone: the hotline centre sends a supervision notice (督办单).
  if (target === 'in_progress' && ageMs > 5 * DAY && random.chance(0.6)) {
    path.push({
      type: 'supervision_notice',
      fromStatus: 'in_progress',
      toStatus: 'in_progress',
      actor: 'supervisor',
      reason: '办理时限临近，请加快办理并及时答复来电人',
      delayMs: random.between(3, 5) * DAY,
    });
  }
  const satisfaction = random.table({ satisfied: 25 + 65 * q, basically_satisfied: 10 + 10 * q, unsatisfied: 2 + 70 * (1 - q) });
  // A poor unit lets the 7-working-day resolve deadline pass (the sweep's 超期 mark) before replying.
  const replyDays = random.between(1, 6 + 10 * (1 - q));
  if (!input.urgent && replyDays > 8) {
    path.push({
      type: 'deadline_overdue', fromStatus: 'in_progress', toStatus: 'in_progress', actor: 'system', payload: { deadline: 'resolve' }, delayMs: 8 * DAY,
    });
  }
  path.push(
    {
      type: 'replied',
      fromStatus: 'in_progress',
      toStatus: 'replied',
      actor: 'lead_unit',
      unit: input.leadUnit,
      payload: { text: input.reply },
      delayMs: input.urgent ? random.between(2, 20) * HOUR : (replyDays > 8 ? replyDays - 8 : replyDays) * DAY,
    },
    {
      type: 'visited',
      fromStatus: 'replied',
      toStatus: 'visited',
      actor: 'supervisor',
      payload: { solved: satisfaction === 'unsatisfied' ? random.chance(0.3) : random.chance(0.55 + 0.45 * q), satisfaction },
      delayMs: random.between(1, 48) * HOUR,
    },
    { type: 'closed', fromStatus: 'visited', toStatus: 'closed', actor: 'system', delayMs: random.between(1, 30) * MINUTE },
  );
  let end = -1;
  path.forEach((step, i) => {
    if (step.toStatus === target) end = i;
  });
  return path.slice(0, end + 1);
}

function drafts(random: DemoRandom, input: LifecycleInput): Draft[] {
  const ageMs = input.limit.getTime() - input.receivedAt.getTime();
  if (input.kind === 'invalid') {
    return [
      {
        type: 'invalidated',
        fromStatus: 'received',
        toStatus: 'invalid',
        actor: 'operator',
        reason: input.invalidReason ?? '无实质诉求内容',
        delayMs: random.between(1, 10) * MINUTE,
      },
    ];
  }
  if (input.kind === 'merged') {
    const step: Draft = { type: 'merged', fromStatus: 'received', toStatus: 'merged', actor: 'operator', delayMs: random.between(2, 15) * MINUTE };
    if (input.mergeInto !== undefined) step.mergeInto = input.mergeInto;
    return [step];
  }
  // Most questions are answered from the knowledge base while the caller is still on the line.
  if (input.consultation && ageMs > 15 * MINUTE && random.chance(0.7)) {
    return [
      {
        type: 'answered_directly',
        fromStatus: 'received',
        toStatus: 'closed',
        actor: 'operator',
        payload: { text: input.reply },
        delayMs: random.between(3, 10) * MINUTE,
      },
    ];
  }
  return fullPath(random, input, pickTarget(random, ageMs, input.urgent), ageMs);
}

/**
 * When a step can happen: operators and the system work around the clock, departments and
 * supervisors in the daytime (urgent cases excepted: a burst main is repaired at night), and
 * the official reads cases until late. A step due outside those hours waits for the morning.
 */
function whenPossible(random: DemoRandom, actor: StepActor, urgent: boolean, due: number): number {
  if (actor === 'operator' || actor === 'system' || (urgent && actor === 'lead_unit')) return due;
  const [opens, closes] = actor === 'official' ? [8, 22] : [8, 20];
  const hour = localHour(due);
  if (hour >= opens && hour < closes) return due;
  return localTimeOfDay(due, opens, hour >= closes) + random.between(0, 150) * MINUTE;
}

/**
 * Timestamps: each step after the previous one. A history that would run past `limit` is cut
 * there: a case received this morning simply has not got further yet.
 */
export function planLifecycle(random: DemoRandom, input: LifecycleInput): PlannedStep[] {
  const steps: PlannedStep[] = [];
  let at = input.receivedAt.getTime();
  for (const { delayMs, ...step } of drafts(random, input)) {
    at = Math.floor(whenPossible(random, step.actor, input.urgent, at + Math.max(1000, delayMs)));
    if (at > input.limit.getTime()) break;
    steps.push({ ...step, at: new Date(at) });
  }
  return steps;
}
