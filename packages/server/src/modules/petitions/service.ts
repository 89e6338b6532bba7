import { checkIdNumber, type ParsedPetition, type PetitionDetail, type PetitionSummary, type RevealedPetition } from '@openline/core';
import { z } from 'zod';
import { sendIntakeReply } from '../../channels/sms/replies.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { storedParse, type PetitionProblem } from './fields.js';
import { caseIdOf, openPetitionCase } from './intake.js';
import { presentPetitionDetail, presentPetitionSummary, revealPetition, type PetitionLookups } from './presenter.js';
import { findPetition, lineNames, listPetitions, settlePetition, unitNames, type PendingPetitionRow } from './repository.js';
import type { Db } from './db.js';

/** Operators take the petition line's incomplete messages by phone; admins oversee them (like held SMS). */
const ROLES = ['operator', 'admin'] as const;
const LIST_LIMIT = 200;

async function lookups(db: Db, jurisdictionId: string, rows: readonly PendingPetitionRow[]): Promise<PetitionLookups> {
  const unique = (values: Array<string | null>): string[] => [...new Set(values.filter((v): v is string => v !== null))];
  const [lines, units, cases] = await Promise.all([
    lineNames(db, unique(rows.map((r) => r.line_id))),
    unitNames(db, unique(rows.map((r) => r.unit_id))),
    caseNumbers(db, jurisdictionId, unique(rows.map((r) => r.case_id))),
  ]);
  return { lines: new Map(lines.map((l) => [l.id, l])), units: new Map(units.map((u) => [u.id, u.name])), cases };
}

/** The petitions' cases are their jurisdiction's: named, the read stays in one partition (ADR 0033). */
async function caseNumbers(db: Db, jurisdictionId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('cases').select(['id', 'case_number']).where('jurisdiction_id', '=', jurisdictionId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.case_number]));
}

/** Waiting petitions oldest first (the order they are owed an answer), or settled ones newest first. */
export async function listPendingPetitions(ctx: AppContext, o: { user: SessionUser; status: PendingPetitionRow['status'] }): Promise<{ items: PetitionSummary[] }> {
  assertRole(o.user, ROLES);
  const rows = await listPetitions(ctx.db, { jurisdictionId: o.user.jurisdictionId, status: o.status, limit: LIST_LIMIT });
  const look = await lookups(ctx.db, o.user.jurisdictionId, rows);
  return { items: rows.map((r) => presentPetitionSummary(r, o.user, ctx.pii, look)) };
}

async function petitionOrThrow(ctx: AppContext, user: SessionUser, id: string): Promise<PendingPetitionRow> {
  const row = await findPetition(ctx.db, user.jurisdictionId, id);
  if (!row) throw new AppError('NOT_FOUND', 'No pending petition has this id');
  return row;
}

export async function getPendingPetition(ctx: AppContext, o: { user: SessionUser; id: string }): Promise<PetitionDetail> {
  assertRole(o.user, ROLES);
  const row = await petitionOrThrow(ctx, o.user, o.id);
  return presentPetitionDetail(row, o.user, ctx.pii, await lookups(ctx.db, row.jurisdiction_id, [row]));
}

/** The sealed fields and messages in full, for the operator calling the sender back; the reason is audited. */
export async function revealPendingPetition(ctx: AppContext, o: { user: SessionUser; id: string; reason: string; ip: string }): Promise<RevealedPetition> {
  assertRole(o.user, ROLES);
  const row = await petitionOrThrow(ctx, o.user, o.id);
  const revealed = revealPetition(row, o.user, ctx.pii, await lookups(ctx.db, row.jurisdiction_id, [row]));
  await appendAudit(ctx.db, {
    jurisdictionId: row.jurisdiction_id, actorUserId: o.user.id, action: revealed ? 'pii.reveal' : 'pii.reveal_refused', targetType: 'pending_petition', targetId: row.id, ip: o.ip,
    detail: { reason: o.reason, fields: ['from', 'name', 'address', 'idNumber', 'demand', 'text'] },
  });
  if (!revealed) throw new AppError('FORBIDDEN', "Your role may not see this sender's identity");
  return revealed;
}

export const completePetitionInput = z.object({
  unitId: z.string().uuid().optional(),
  name: z.string().trim().min(1).max(50).optional(),
  address: z.string().trim().min(2).max(200).optional(),
  idNumber: z.string().trim().min(15).max(18).optional(),
  demand: z.string().trim().min(2).max(2000).optional(),
});
export type CompletePetitionInput = z.infer<typeof completePetitionInput>;

/** The parser's own rule (core checkIdNumber): 18 characters with the GB 11643 check character, or the legacy 15 digits. */
function validIdNumber(value: string): string | null {
  const checked = checkIdNumber(value, { legacy15: true });
  return checked.ok ? checked.id : null;
}

/**
 * What the operator heard on the phone, over what the messages said: every field must end up
 * present and valid, or nothing changes and the answer names each gap (VALIDATION_FAILED).
 */
function completedFields(stored: ParsedPetition, input: CompletePetitionInput, unitName: string | undefined): ParsedPetition {
  const idNumber = input.idNumber !== undefined ? validIdNumber(input.idNumber) : stored.idNumber;
  const storedIdBad = input.idNumber === undefined && stored.invalid.some((p: PetitionProblem) => p.field === 'idNumber');
  const merged: ParsedPetition = {
    unit: input.unitId ? { id: input.unitId, matched: unitName ?? '' } : stored.unit,
    name: input.name ?? stored.name,
    address: input.address ?? stored.address,
    idNumber,
    demand: input.demand ?? stored.demand,
    invalid: [],
  };
  const details: ErrorDetail[] = [];
  if (!merged.unit) details.push({ path: 'unitId', message: 'missing' });
  if (!merged.name) details.push({ path: 'name', message: 'missing' });
  if (!merged.address) details.push({ path: 'address', message: 'missing' });
  if (input.idNumber !== undefined && idNumber === null) details.push({ path: 'idNumber', message: 'invalid ID number' });
  else if (!merged.idNumber || storedIdBad) details.push({ path: 'idNumber', message: storedIdBad ? 'invalid ID number' : 'missing' });
  if (!merged.demand) details.push({ path: 'demand', message: 'missing' });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'The petition is still incomplete', details);
  return merged;
}

/**
 * An operator completes a waiting petition from a phone call with the sender: the case opens
 * through unattended intake like a completed SMS petition, the sender gets the usual reply with
 * its number and tracking code, and the audit log names who completed which fields.
 */
export async function completePendingPetition(
  ctx: AppContext,
  o: { user: SessionUser; id: string; input: CompletePetitionInput; ip: string; publicBaseUrl?: string | undefined },
): Promise<{ id: string; outcome: 'redirected' | 'attached' | 'merged' | 'opened'; caseId: string | null; caseNumber: string | null }> {
  assertRole(o.user, ROLES);
  const row = await petitionOrThrow(ctx, o.user, o.id);
  if (row.status !== 'pending') throw new AppError('CONFLICT', 'This petition is no longer pending');
  await assertReferences(ctx.db, o.user.jurisdictionId, [{ kind: 'unit', path: 'unitId', id: o.input.unitId }]);
  const jurisdiction = await findJurisdiction(ctx.db, row.jurisdiction_id);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'The jurisdiction is missing');
  const unitName = o.input.unitId ? (await unitNames(ctx.db, [o.input.unitId]))[0]?.name : undefined;
  const parsed = completedFields(storedParse(ctx.pii, row), o.input, unitName);
  const fromE164 = ctx.pii.decrypt(row.sender_enc);
  const line = { id: row.line_id, mode: 'sms_only' };
  const texts = ctx.pii.decrypt(row.text_enc);
  // What the operator took down on the phone joins the citizen's words, so the case says the whole demand.
  const content = o.input.demand && !texts.includes(o.input.demand) ? `${texts}\n${o.input.demand}` : texts;

  const outcome = await inTransaction(ctx, async (tx) => {
    const taken = await openPetitionCase(tx, { jurisdiction, line, fromE164, ip: o.ip, parsed, content });
    if (!(await settlePetition(tx.db, { id: row.id, status: 'opened', caseId: caseIdOf(taken), userId: o.user.id, at: nowIso() }))) {
      throw new AppError('CONFLICT', 'Someone else settled this petition just now');
    }
    await sendIntakeReply(tx, { jurisdiction, line, fromE164, outcome: taken, publicBaseUrl: o.publicBaseUrl });
    await appendAudit(tx.db, {
      jurisdictionId: jurisdiction.id, actorUserId: o.user.id, action: 'petition.completed', targetType: 'pending_petition', targetId: row.id, ip: o.ip,
      detail: { outcome: taken.kind, completedFields: Object.keys(o.input), caseId: caseIdOf(taken) },
    });
    return taken;
  });
  const caseId = caseIdOf(outcome);
  const caseNumber = caseId ? ((await caseNumbers(ctx.db, jurisdiction.id, [caseId])).get(caseId) ?? null) : null;
  return { id: row.id, outcome: outcome.kind, caseId, caseNumber };
}
