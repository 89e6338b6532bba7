import { instructionRefusal, isCaseStatus, type InstructionView } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess, insertEvent, type CaseAccessRow } from '../cases/repository.js';
import { mayAnswerInstruction, mayInstruct } from './policy.js';
import { findInstruction, insertInstruction, listInstructions, storeAnswer } from './repository.js';

/** Event types on the case's history (for the timeline and the notifications). */
export const INSTRUCTION_EVENTS = { given: 'instruction_given', answered: 'instruction_answered' } as const;

async function visibleCase(ctx: Pick<AppContext, 'db'>, user: SessionUser, caseId: string): Promise<CaseAccessRow> {
  const row = await findCaseForAccess(ctx.db, user.jurisdictionId, caseId);
  if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  return row;
}

/** A case's instructions with what the viewer may do about them. */
export async function caseInstructions(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string },
): Promise<{ items: InstructionView[]; mayInstruct: boolean; mayAnswer: boolean }> {
  const row = await visibleCase(ctx, options.user, options.caseId);
  const items = await listInstructions(ctx.db, row.id);
  const status = isCaseStatus(row.status) ? row.status : 'received';
  return {
    items,
    mayInstruct: mayInstruct(options.user, row) && instructionRefusal({ status, leadUnitId: row.lead_unit_id }) === null,
    mayAnswer: mayAnswerInstruction(options.user, row) && items.some((i) => i.answeredAt === null),
  };
}

/**
 * An official's instruction (批示): addressed to the unit leading the case now, which must answer
 * it. The instruction, its event on the case's history and the audit entry commit together.
 */
export async function giveInstruction(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string; text: string; ip: string },
): Promise<InstructionView> {
  const { user } = options;
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const row = await visibleCase(tx, user, options.caseId);
    if (!mayInstruct(user, row)) throw new AppError('FORBIDDEN', 'Only an official who oversees this case may give an instruction');
    const status = isCaseStatus(row.status) ? row.status : 'received';
    const refusal = instructionRefusal({ status, leadUnitId: row.lead_unit_id });
    const unitId = row.lead_unit_id;
    if (refusal !== null || unitId === null) {
      throw new AppError('INSTRUCTION_NOT_ALLOWED', refusal === 'CASE_NOT_OPEN' ? 'The case is no longer open' : 'No unit is working this case yet', [{ path: 'case', message: refusal ?? 'NO_LEAD_UNIT' }]);
    }
    const at = nowIso();
    await insertInstruction(tx.db, { id, jurisdictionId: row.jurisdiction_id, caseId: row.id, unitId, authorUserId: user.id, text: options.text, createdAt: at });
    await insertEvent(tx.db, {
      caseId: row.id, jurisdictionId: row.jurisdiction_id, type: INSTRUCTION_EVENTS.given, actorKind: 'staff', actorUserId: user.id, fromStatus: null, toStatus: null,
      payload: { instructionId: id, unitId, unitName: row.leadUnitName, text: options.text }, createdAt: at,
    });
    await appendAudit(tx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: user.id, action: 'case.instruct', targetType: 'case', targetId: row.id, ip: options.ip,
      detail: { instructionId: id, unitId },
    });
  });
  return presentOne(ctx, options.caseId, id);
}

/** The lead unit's answer to an open instruction; recorded once, with its event and audit entry. */
export async function answerInstruction(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string; instructionId: string; text: string; ip: string },
): Promise<InstructionView> {
  const { user } = options;
  await inTransaction(ctx, async (tx) => {
    const row = await visibleCase(tx, user, options.caseId);
    const instruction = await findInstruction(tx.db, row.id, options.instructionId);
    if (!instruction) throw new AppError('INSTRUCTION_NOT_FOUND', 'No such instruction on this case');
    if (!mayAnswerInstruction(user, row)) throw new AppError('FORBIDDEN', 'Only a handler of the unit leading this case may answer');
    const at = nowIso();
    if (!(await storeAnswer(tx.db, instruction.id, { userId: user.id, text: options.text, at }))) {
      throw new AppError('INSTRUCTION_ANSWERED', 'This instruction has already been answered');
    }
    await insertEvent(tx.db, {
      caseId: row.id, jurisdictionId: row.jurisdiction_id, type: INSTRUCTION_EVENTS.answered, actorKind: 'staff', actorUserId: user.id, fromStatus: null, toStatus: null,
      payload: { instructionId: instruction.id, authorUserId: instruction.author_user_id, text: options.text }, createdAt: at,
    });
    await appendAudit(tx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: user.id, action: 'case.instruction_answer', targetType: 'case', targetId: row.id, ip: options.ip,
      detail: { instructionId: instruction.id },
    });
  });
  return presentOne(ctx, options.caseId, options.instructionId);
}

async function presentOne(ctx: AppContext, caseId: string, id: string): Promise<InstructionView> {
  const found = (await listInstructions(ctx.db, caseId)).find((i) => i.id === id);
  if (!found) throw new AppError('INSTRUCTION_NOT_FOUND', 'No such instruction on this case');
  return found;
}
