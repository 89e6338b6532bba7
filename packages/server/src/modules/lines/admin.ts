import { serviceHoursSchema, type AdminLine, type LineInput } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import { unlessTaken } from '../../lib/conflicts.js';
import type { AppContext } from '../../lib/app-context.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { createLine } from '../org/service.js';
import { lineNumberTaken, listAllLines, updateLineRow } from './repository.js';

export async function listLinesForAdmin(ctx: AppContext, options: { user: SessionUser; lineId?: string }): Promise<AdminLine[]> {
  assertRole(options.user, ['admin']);
  const rows = await listAllLines(ctx.db, options.user.jurisdictionId, options.lineId);
  return rows.map((r) => ({
    ...r, isPublic: r.isPublic === 1, acceptsVoice: r.acceptsVoice === 1, acceptsSms: r.acceptsSms === 1, serviceHours: serviceHoursSchema.parse(JSON.parse(r.serviceHours)),
  }));
}

/** The official who owns a line must be one of this jurisdiction's staff (the directory shows their name). */
const ownerReference = (input: Partial<LineInput>) => [{ kind: 'user' as const, path: 'ownerUserId', id: input.ownerUserId }];

const numberConflict = (): AppError => new AppError('CONFLICT', 'Another line has this number', [{ path: 'number', message: 'taken' }]);

async function assertNumberFree(ctx: AppContext, user: SessionUser, number: string, exceptId?: string): Promise<void> {
  if (await lineNumberTaken(ctx.db, user.jurisdictionId, number, exceptId)) throw numberConflict();
}

export async function addLine(ctx: AppContext, options: { user: SessionUser; ip: string; input: LineInput }): Promise<AdminLine> {
  const { user, input } = options;
  assertRole(user, ['admin']);
  await assertReferences(ctx.db, user.jurisdictionId, ownerReference(input));
  const id = await inTransaction(ctx, async (tx) => {
    await assertNumberFree(tx, user, input.number);
    // Two admins adding one number at once: the second meets the unique index, answered 409.
    const created = await unlessTaken(
      () => createLine(tx.db, { ...input, ownerUserId: input.ownerUserId ?? null, jurisdictionId: user.jurisdictionId }),
      numberConflict,
    );
    await appendAudit(tx.db, { jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'line.create', targetType: 'line', targetId: created.id, ip: options.ip, detail: { number: input.number, mode: input.mode, acceptsVoice: input.acceptsVoice, acceptsSms: input.acceptsSms } });
    return created.id;
  });

  const [line] = await listLinesForAdmin(ctx, { user, lineId: id });
  if (!line) throw new AppError('NOT_FOUND', 'No such line');
  return line;
}

export async function changeLine(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; lineId: string; input: Partial<LineInput> },
): Promise<AdminLine> {
  const { user, input } = options;
  const [before] = await listLinesForAdmin(ctx, { user, lineId: options.lineId });
  if (!before) throw new AppError('NOT_FOUND', 'No such line');
  await assertReferences(ctx.db, user.jurisdictionId, ownerReference(input));
  await inTransaction(ctx, async (tx) => {
    if (input.number) await assertNumberFree(tx, user, input.number, before.id);
    await unlessTaken(() => updateLineRow(tx.db, before.id, {
      ...(input.number !== undefined && { number: input.number }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.mode !== undefined && { mode: input.mode }),
      ...(input.ownerTitle !== undefined && { owner_title: input.ownerTitle }),
      ...(input.ownerUserId !== undefined && { owner_user_id: input.ownerUserId }),
      ...(input.isPublic !== undefined && { is_public: input.isPublic ? 1 : 0 }),
      ...(input.serviceHours !== undefined && { service_hours: JSON.stringify(input.serviceHours) }),
      ...(input.acceptsVoice !== undefined && { accepts_voice: input.acceptsVoice ? 1 : 0 }),
      ...(input.acceptsSms !== undefined && { accepts_sms: input.acceptsSms ? 1 : 0 }),
    }), numberConflict);
    await appendAudit(tx.db, { jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'line.update', targetType: 'line', targetId: before.id, ip: options.ip, detail: { changed: Object.keys(input) } });
  });

  const [after] = await listLinesForAdmin(ctx, { user, lineId: before.id });
  if (!after) throw new AppError('NOT_FOUND', 'No such line');
  return after;
}
