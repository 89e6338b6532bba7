import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { listOrgUnits, updateOrgUnitAliases } from './repository.js';
import { createOrgUnit, type OrgUnitKind } from './service.js';

/**
 * Dispatchers, supervisors and admins work across the jurisdiction and need the whole tree
 * (to dispatch, to oversee); everyone else sees their own unit and its children.
 */
const WHOLE_TREE_ROLES = ['operator', 'admin'];

export async function listVisibleOrgUnits(
  ctx: AppContext,
  options: { user: SessionUser },
): Promise<Array<{ id: string; parentId: string | null; name: string; kind: string; aliases: string[] }>> {
  const { user } = options;
  // Supervisors arbitrate disputed returns by naming any unit, so they need the whole tree too.
  const wholeTree = user.roles.some((r) => WHOLE_TREE_ROLES.includes(r)) || user.roles.includes('supervisor');
  const rows = await listOrgUnits(ctx.db, { jurisdictionId: user.jurisdictionId, pathPrefix: wholeTree ? null : user.orgUnitPath });
  // The top of a subtree has a parent the user cannot see: present it as a root.
  const visible = new Set(rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, parentId: r.parentId && visible.has(r.parentId) ? r.parentId : null, name: r.name, kind: r.kind, aliases: parseAliases(r.aliases),
  }));
}

export async function addOrgUnit(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; input: { parentId: string; name: string; kind: OrgUnitKind } },
): Promise<{ id: string; parentId: string | null; name: string; kind: string }> {
  const { user, input } = options;
  assertRole(user, ['admin']);
  // createOrgUnit refuses a parent outside the jurisdiction (REFERENCE_NOT_FOUND on parentId).
  const unit = await inTransaction(ctx, async ({ db }) => {
    const created = await createOrgUnit(db, { jurisdictionId: user.jurisdictionId, parentId: input.parentId, name: input.name, kind: input.kind });
    await appendAudit(db, {
      jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'org.unit_create', targetType: 'org_unit', targetId: created.id, ip: options.ip,
      detail: { ...input },
    });
    return created;
  });
  return { id: unit.id, parentId: input.parentId, name: input.name, kind: input.kind };
}

/** Short names as residents write them (住建局, 城管); trimmed, each once, in the order given. */
export const aliasesSchema = z.array(z.string().trim().min(1).max(50)).max(20).transform((list) => [...new Set(list)]);

/** Stored by our own code as a JSON array; anything else reads as none rather than failing a page. */
export function parseAliases(json: string): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** An admin sets a unit's short names, which the SMS petition line matches (ADR 0029); audited. */
export async function changeOrgUnitAliases(ctx: AppContext, options: { user: SessionUser; ip: string; unitId: string; aliases: string[] }): Promise<{ id: string; aliases: string[] }> {
  const { user } = options;
  assertRole(user, ['admin']);
  await inTransaction(ctx, async ({ db }) => {
    const done = await updateOrgUnitAliases(db, { jurisdictionId: user.jurisdictionId, id: options.unitId, aliases: JSON.stringify(options.aliases) });
    if (!done) throw new AppError('NOT_FOUND', 'No such unit');
    await appendAudit(db, {
      jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'org.unit_aliases', targetType: 'org_unit', targetId: options.unitId, ip: options.ip,
      detail: { aliases: options.aliases },
    });
  });
  return { id: options.unitId, aliases: options.aliases };
}
