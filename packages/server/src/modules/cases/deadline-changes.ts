import { computeDeadlines, extendDeadline, reminderAt, type CaseType, type DeadlineChange, type DeadlineKind, type Urgency } from '@openline/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import { loadDeadlinePolicy, loadWorkingCalendar } from '../calendar/load.js';
import type { Jurisdiction } from '../jurisdictions/repository.js';
import { cancelDeadlines, findActiveDeadlines, insertDeadlines, markDeadlineMet } from './deadline-repository.js';

/**
 * Applies the status machine's deadline instructions. A changed deadline is never edited in
 * place: the old row is cancelled and a new one inserted, so each row's reminder and overdue
 * notice still fire at most once, and history shows every deadline a unit was held to.
 */
export async function applyDeadlineChange(
  trx: Transaction<DB>,
  options: {
    jurisdiction: Jurisdiction;
    caseId: string;
    caseType: CaseType;
    urgency: Urgency;
    leadUnitId: string | null;
    change: DeadlineChange | undefined;
    met: DeadlineKind | undefined;
    at: Date;
  },
): Promise<void> {
  const { change, at, caseId } = options;
  const stamp = nowIso(at);
  if (options.met) await markDeadlineMet(trx, caseId, options.met, stamp);
  if (!change) return;
  const active = await findActiveDeadlines(trx, caseId);

  if (change.kind === 'stop') {
    await cancelDeadlines(trx, active.map((d) => d.id), stamp);
    return;
  }
  const calendar = await loadWorkingCalendar(trx, options.jurisdiction);
  if (change.kind === 'start') {
    await cancelDeadlines(trx, active.map((d) => d.id), stamp);
    const policy = await loadDeadlinePolicy(trx, options.jurisdiction.id);
    const due = computeDeadlines({ dispatchedAt: at, type: options.caseType, urgency: options.urgency, policy, calendar });
    const stages: Array<[DeadlineKind, Date]> = [['accept', due.acceptBy], ['contact', due.contactBy], ['resolve', due.resolveBy]];
    await insertDeadlines(
      trx,
      stages.map(([kind, dueAt]) => ({
        id: newId(),
        case_id: caseId,
        unit_id: options.leadUnitId,
        kind,
        clock: due.clocks[kind],
        starts_at: stamp,
        due_at: nowIso(dueAt),
        remind_at: nowIso(reminderAt(at, dueAt, calendar, 0.75, due.clocks[kind])),
        created_at: stamp,
      })),
    );
    return;
  }
  // extend: only the resolve deadline moves, counted from the old deadline (DESIGN §5).
  const resolve = active.find((d) => d.kind === 'resolve');
  if (!resolve) return;
  const dueAt = extendDeadline(new Date(resolve.due_at), change.workingDays, calendar);
  await cancelDeadlines(trx, [resolve.id], stamp);
  await insertDeadlines(trx, [
    {
      id: newId(),
      case_id: caseId,
      unit_id: resolve.unit_id,
      kind: 'resolve',
      clock: 'working',
      starts_at: resolve.starts_at,
      due_at: nowIso(dueAt),
      remind_at: nowIso(reminderAt(new Date(resolve.starts_at), dueAt, calendar, 0.75, 'working')),
      created_at: stamp,
    },
  ]);
}
