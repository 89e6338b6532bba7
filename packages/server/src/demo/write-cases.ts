import { nowIso } from '../lib/ids.js';
import type { TxContext } from '../lib/unit-of-work.js';
import type { Jurisdiction } from '../modules/jurisdictions/repository.js';
import { openCase } from '../modules/cases/open-case.js';
import { insertEvent } from '../modules/cases/repository.js';
import type { DemoCasePlan } from './generator.js';
import type { PlannedStep } from './lifecycle.js';
import type { DemoOrg } from './org-tree.js';
import { replayStep, type ReplayState } from './case-columns.js';
import { updateCaseState } from './repository.js';
import { HANDLER_UNIT, type DemoLineKey, type DemoStaff } from './staff.js';

export interface DemoWorld {
  jurisdiction: Jurisdiction;
  org: DemoOrg;
  staff: DemoStaff;
  lineIds: ReadonlyMap<DemoLineKey, string>;
}

function required<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo: nothing named ${String(key)}`);
  return value;
}

/**
 * Who an event is attributed to. The demo has one account per role, so only the handler's own
 * unit acts through the `handler` user; another department's acceptance or reply is a staff
 * act by an unnamed member of that unit (its id in the payload). Crediting it to `handler`
 * would show that user acting outside their unit, which the audit trail exists to catch.
 */
function actorOf(step: PlannedStep, world: DemoWorld): {
  actorKind: 'staff' | 'system';
  actorUserId: string | null;
  actorUnitId?: string;
} {
  const user = (username: string) => ({ actorKind: 'staff' as const, actorUserId: required(world.staff.idByUsername, username) });
  switch (step.actor) {
    case 'operator':
    case 'supervisor':
    case 'official':
      return user(step.actor);
    case 'system':
      return { actorKind: 'system', actorUserId: null };
    case 'lead_unit':
      if (step.unit === HANDLER_UNIT) return user('handler');
      return { actorKind: 'staff', actorUserId: null, actorUnitId: required(world.org.unitIdByName, step.unit ?? '') };
  }
}

/** Opens every planned case through the real intake service, then replays its history. */
export async function writeDemoCases(ctx: TxContext, world: DemoWorld, plans: readonly DemoCasePlan[]): Promise<void> {
  const trx = ctx.db;
  const opened: Array<{ id: string; caseNumber: string }> = [];
  const operatorId = required(world.staff.idByUsername, 'operator');
  for (const plan of plans) {
    const created = await openCase(
      ctx,
      {
        jurisdiction: world.jurisdiction,
        channel: plan.channel,
        type: plan.type,
        urgency: plan.urgency,
        content: plan.content,
        callerName: plan.caller.name,
        callerPhone: plan.caller.phone,
        address: plan.caller.address,
        lineId: plan.line ? required(world.lineIds, plan.line) : null,
        actor: plan.recordedBy === 'operator' ? { kind: 'staff', userId: operatorId } : { kind: 'citizen' },
        receivedAt: plan.receivedAt,
      },
    );
    opened.push({ id: created.id, caseNumber: created.caseNumber });

    let leadUnitId: string | null = null;
    const replay: ReplayState = { set: {}, bounceCount: 0 };
    for (const step of plan.steps) {
      const { actorUnitId, ...actor } = actorOf(step, world);
      const payload: Record<string, unknown> = { ...step.payload };
      if (actorUnitId) payload.actorUnitId = actorUnitId;
      let reason = step.reason ?? null;
      if (step.type === 'dispatched') {
        leadUnitId = required(world.org.unitIdByName, step.unit ?? '');
        payload.leadUnitId = leadUnitId;
      } else if (step.type === 'returned') {
        // A returned case is back with the hotline centre until it is dispatched again.
        leadUnitId = null;
      } else if (step.type === 'merged' && step.mergeInto !== undefined) {
        const parent = opened[step.mergeInto];
        if (!parent) throw new Error('demo: a case can only be merged into an earlier one');
        payload.parentId = parent.id;
        reason = `与工单${parent.caseNumber}反映同一问题，并单处理`;
      }
      await insertEvent(trx, {
        caseId: created.id,
        jurisdictionId: world.jurisdiction.id,
        type: step.type,
        ...actor,
        fromStatus: step.fromStatus,
        toStatus: step.toStatus,
        reason,
        payload,
        createdAt: nowIso(step.at),
      }, { silent: true });
      await replayStep(trx, {
        jurisdiction: world.jurisdiction, caseId: created.id, caseType: plan.type, urgency: plan.urgency, leadUnitId,
        step: { type: step.type, at: step.at, payload, reason }, state: replay,
      });
    }
    const last = plan.steps.at(-1);
    if (last) {
      await updateCaseState(trx, created.id, { status: plan.status, leadUnitId, updatedAt: nowIso(last.at), columns: replay.set });
    }
  }
}
