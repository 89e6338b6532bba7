import { isOpenStatus, type CaseStatus, type CaseType, type Channel, type Urgency } from '@openline/core';
import { randomAddress, randomMobile, randomName, type DemoCaller } from './callers.js';
import { DAY, HOUR, MINUTE, localHour, localMonth } from './clock.js';
import { planLifecycle, type PlannedStep } from './lifecycle.js';
import { DISTRICTS, districtDepartmentName, type DistrictPlace, type StreetPlace } from './org-tree.js';
import { unitQuality } from './performance.js';
import { DemoRandom } from './random.js';
import type { DemoLineKey } from './staff.js';
import { APPEAL_TEMPLATES, INVALID_CONTACTS, POOLS, TIP_TEMPLATES, type AppealTemplate, type UnitRef } from './templates.js';

/**
 * Turns a seed and a reference time into the demo's cases, with no I/O: the same (seed, now,
 * count) always yields the same plan, which seed.ts then writes through the real services.
 */
export const DEMO_SEED = 12345;

/** Three months back and the current one, so month-over-month figures have something to compare. */
const SPAN_MS = 120 * DAY;
/** A handful of cases from the last few hours, so the operator's list opens on live work. */
const FRESH_CASES = 4;
/** Appeals a day today relative to 120 days ago. */
const GROWTH = 3;

export interface DemoCasePlan {
  receivedAt: Date;
  channel: Channel;
  type: CaseType;
  urgency: Urgency;
  content: string;
  caller: DemoCaller;
  line: DemoLineKey | null;
  /** Phone calls are recorded by the operator; SMS, web and app contacts come from the citizen. */
  recordedBy: 'operator' | 'citizen';
  steps: PlannedStep[];
  status: CaseStatus;
}

interface Place {
  district: DistrictPlace;
  street: StreetPlace;
  community: string;
}

/** What a later duplicate copies from the case it repeats. */
interface Issue {
  template: AppealTemplate;
  place: Place;
  vars: Record<string, string>;
  text: string;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`demo template placeholder {${name}} has no value`);
    return value;
  });
}

function randomPlace(random: DemoRandom): Place {
  const district = random.weighted(DISTRICTS, (d) => d.weight);
  const street = random.pick(district.streets);
  return { district, street, community: random.pick(street.communities) };
}

function placeholderValues(random: DemoRandom, place: Place): Record<string, string> {
  const road = random.pick(place.district.roads);
  const otherRoads = place.district.roads.filter((r) => r !== road);
  return {
    district: place.district.name,
    street: place.street.name,
    community: place.community,
    road,
    road2: random.pick(otherRoads),
    school: random.pick(place.district.schools),
    building: random.pick(POOLS.building),
    floor: String(random.int(4, 9)),
    time: random.pick(POOLS.time),
    since: random.pick(POOLS.since),
    when: random.pick(POOLS.when),
    shop: random.pick(POOLS.shop),
    restaurant: random.pick(POOLS.restaurant),
    hospital: random.pick(POOLS.hospital),
    company: random.pick(POOLS.company),
    bus: random.pick(POOLS.bus),
    days: String(random.int(2, 15)),
    count: String(random.int(6, 40)),
    months: String(random.int(2, 8)),
    amount: String(random.int(3, 60)),
  };
}

export function resolveUnit(ref: UnitRef, place: Place): string {
  if ('city' in ref) return ref.city;
  if ('company' in ref) return ref.company;
  if ('district' in ref) return districtDepartmentName(place.district, ref.district);
  return place.street.name;
}

/**
 * The unit a case is wrongly sent to before being returned: the classic disputes of who owns
 * an issue — street versus district department, housing versus urban management.
 */
function wrongUnitFor(ref: UnitRef, place: Place): string {
  if ('district' in ref) return districtDepartmentName(place.district, ref.district === 'urban' ? 'housing' : 'urban');
  if ('street' in ref) return districtDepartmentName(place.district, 'urban');
  return place.street.name;
}

/**
 * Receive times over the span, few at night (the line is open, but people sleep). Daily volume
 * grows linearly towards today — the story of a platform residents are discovering — which
 * also puts enough cases into the last fortnight to show every open stage of the lifecycle.
 */
function receiveTimes(random: DemoRandom, limit: number, count: number): number[] {
  const times: number[] = [];
  const span = SPAN_MS - MINUTE;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const age = i < FRESH_CASES ? random.between(0, 3 * HOUR) : random.between(0, span);
      // Rejection sampling: keep an age with probability proportional to that day's volume.
      const volume = (GROWTH - (GROWTH - 1) * (age / span)) / GROWTH;
      const at = Math.floor(limit - age);
      if (random.chance(volume) && (localHour(at) >= 7 || random.chance(0.15))) {
        times.push(at);
        break;
      }
    }
  }
  return times.sort((a, b) => a - b);
}

function pickChannelAndLine(random: DemoRandom, template: AppealTemplate, place: Place): { channel: Channel; line: DemoLineKey | null } {
  const roll = random.next();
  const cityLevel = 'city' in template.unit || 'company' in template.unit;
  if (cityLevel && roll < 0.07) return { channel: 'phone', line: 'mayor' };
  if (!cityLevel && place.district.name === '东城区' && roll < 0.12) return { channel: 'phone', line: 'district_head' };
  if (template.petition && roll < 0.35) return { channel: 'sms', line: 'petition_sms' };
  const channel = random.table({ phone: 65, web: 15, app: 10, sms: 10 });
  return { channel, line: channel === 'phone' || channel === 'sms' ? 'hotline' : null };
}

/** A few people call again and again (DESIGN §7); their appeals get no special treatment. */
function frequentCallers(random: DemoRandom): Array<{ caller: DemoCaller; place: Place }> {
  return [0, 1, 2].map(() => {
    const place = randomPlace(random);
    const caller: DemoCaller = {
      name: randomName(random),
      phone: randomMobile(random),
      address: randomAddress(random, { district: place.district.name, street: place.street.name, community: place.community }),
    };
    return { caller, place };
  });
}

/** Status of a planned case at a moment of its history. */
function statusAt(plan: DemoCasePlan, at: number): CaseStatus {
  let status: CaseStatus = 'received';
  for (const step of plan.steps) if (step.at.getTime() <= at) status = step.toStatus;
  return status;
}

/**
 * An earlier case (within three days) a new contact can repeat: an actual problem, still open
 * when the new contact arrives, since a repeat about an open case is merged into it (DESIGN §7).
 */
function findRepeatedIssue(issues: ReadonlyArray<Issue | null>, plans: readonly DemoCasePlan[], at: number): number | null {
  for (let j = plans.length - 1; j >= 0; j--) {
    const plan = plans[j];
    const issue = issues[j];
    if (!plan || at - plan.receivedAt.getTime() > 3 * DAY) break;
    if (!issue || issue.template.type === 'consultation' || issue.template.type === 'praise') continue;
    if (isOpenStatus(statusAt(plan, at))) return j;
  }
  return null;
}

export function planDemoCases(options: { now: Date; count: number; seed?: number }): DemoCasePlan[] {
  const random = new DemoRandom(options.seed ?? DEMO_SEED);
  const limit = new Date(options.now.getTime() - MINUTE);
  const times = receiveTimes(random, limit.getTime(), options.count);
  const regulars = frequentCallers(random);
  const issues: Array<Issue | null> = [];
  const plans: DemoCasePlan[] = [];

  for (const time of times) {
    const receivedAt = new Date(time);
    const roll = random.next();

    if (roll < 0.03) {
      const contact = random.pick(INVALID_CONTACTS);
      issues.push(null);
      const steps = planLifecycle(random, {
        receivedAt, limit, kind: 'invalid', urgent: false, complex: false, consultation: false,
        leadUnit: '', wrongUnit: null, reply: '', officialLine: false, invalidReason: contact.reason,
      });
      plans.push({
        receivedAt, channel: contact.channel, type: 'consultation', urgency: 'normal', content: contact.content,
        caller: { phone: randomMobile(random) }, line: 'hotline', recordedBy: contact.channel === 'phone' ? 'operator' : 'citizen',
        steps, status: steps.at(-1)?.toStatus ?? 'received',
      });
      continue;
    }

    const repeatOf = roll < 0.07 ? findRepeatedIssue(issues, plans, time) : null;
    const isTip = roll >= 0.07 && roll < 0.09;
    const regular = !isTip && repeatOf === null && random.chance(0.04) ? random.pick(regulars) : null;

    let issue: Issue;
    const parent = repeatOf === null ? null : issues[repeatOf];
    if (parent) {
      // Same problem, same place, reported by another caller: merged into the first case.
      issue = parent;
    } else {
      const month = localMonth(time);
      const candidates = isTip ? TIP_TEMPLATES : APPEAL_TEMPLATES.filter((t) => !t.months || t.months.includes(month));
      const template = random.weighted(candidates, (t) => t.weight);
      const place = regular?.place ?? randomPlace(random);
      const vars = placeholderValues(random, place);
      issue = { template, place, vars, text: fill(random.pick(template.texts), vars) };
    }
    issues.push(parent ? null : issue);

    const { template, place, vars, text } = issue;
    const { channel, line } = isTip ? { channel: 'sms' as const, line: 'police_tip' as const } : pickChannelAndLine(random, template, place);
    const urgent = random.chance(template.urgentShare ?? 0);
    const caller: DemoCaller = regular?.caller ?? { phone: randomMobile(random) };
    // Tip reporters give no name or address; their identity must stay protected (DESIGN §1).
    if (!regular && !isTip) {
      if (random.chance(0.9)) caller.name = randomName(random);
      if (random.chance(0.6)) {
        caller.address = randomAddress(random, { district: place.district.name, street: place.street.name, community: place.community });
      }
    }
    const steps = planLifecycle(random, {
      receivedAt,
      limit,
      kind: parent ? 'merged' : 'normal',
      urgent,
      complex: template.complex ?? false,
      consultation: template.type === 'consultation',
      leadUnit: resolveUnit(template.unit, place),
      wrongUnit: isTip ? null : wrongUnitFor(template.unit, place),
      reply: fill(random.pick(template.replies), vars),
      officialLine: line === 'mayor',
      quality: unitQuality(resolveUnit(template.unit, place), 1 - (limit.getTime() - time) / SPAN_MS),
      wrongQuality: unitQuality(wrongUnitFor(template.unit, place), 1 - (limit.getTime() - time) / SPAN_MS),
      ...(parent && repeatOf !== null ? { mergeInto: repeatOf } : {}),
    });
    plans.push({
      receivedAt,
      channel,
      type: template.type,
      urgency: urgent ? 'urgent' : 'normal',
      content: text,
      caller,
      line,
      recordedBy: channel === 'phone' ? 'operator' : 'citizen',
      steps,
      status: steps.at(-1)?.toStatus ?? 'received',
    });
  }
  return plans;
}
