import { attributeListSchema, categoryAncestry, type AttributeDefinition } from '@openline/core';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import type { CategoryView } from '@openline/core';
import { categoriesOf } from '../categories/service.js';
import { findAttributes, replaceAttributes } from './repository.js';

/** A category offered as an Open311 service, with its group (top-level name) and questions. */
export interface ServiceEntry {
  category: CategoryView;
  group: string;
  attributes: AttributeDefinition[];
}

/**
 * The jurisdiction's services: every category in use that has no sub-category in use (a
 * client files against the most precise kind; the level above is its `group`, named by the
 * top of the tree, as ADR 0026 planned). Retired categories are not offered.
 */
export async function servicesOf(ctx: AppContext, jurisdictionId: string): Promise<ServiceEntry[]> {
  const all = await categoriesOf(ctx.db, jurisdictionId);
  const live = all.filter((c) => !c.retired);
  const parents = new Set(live.map((c) => c.parentId));
  const leaves = live.filter((c) => !parents.has(c.id));
  const byId = new Map(all.map((c) => [c.id, c]));
  const definitions = await attributesByCategory(ctx, leaves.map((c) => c.id));
  return leaves.map((category) => ({
    category,
    group: byId.get(categoryAncestry(all, category.id)[0] ?? category.id)?.name ?? category.name,
    attributes: definitions.get(category.id) ?? [],
  }));
}

export async function findService(ctx: AppContext, jurisdictionId: string, code: string): Promise<ServiceEntry | undefined> {
  return (await servicesOf(ctx, jurisdictionId)).find((s) => s.category.code === code);
}

async function attributesByCategory(ctx: AppContext, categoryIds: readonly string[]): Promise<Map<string, AttributeDefinition[]>> {
  const out = new Map<string, AttributeDefinition[]>();
  for (const row of await findAttributes(ctx.db, categoryIds)) {
    const list = out.get(row.category_id) ?? [];
    list.push({
      code: row.code,
      description: row.description,
      datatype: row.datatype as AttributeDefinition['datatype'],
      required: row.required === 1,
      datatypeDescription: row.datatype_description,
      values: JSON.parse(row.values_json) as AttributeDefinition['values'],
    });
    out.set(row.category_id, list);
  }
  return out;
}

/** What a category asks Open311 reporters (admin page, GET). */
export async function categoryAttributes(ctx: AppContext, o: { user: SessionUser; categoryId: string }): Promise<{ items: AttributeDefinition[] }> {
  assertRole(o.user, ['admin']);
  await ownCategory(ctx, o.user.jurisdictionId, o.categoryId);
  return { items: (await attributesByCategory(ctx, [o.categoryId])).get(o.categoryId) ?? [] };
}

/**
 * Replaces what a category asks (audited with before and after). Answers already given stay
 * with their requests: each answer keeps its question's words (core AttributeAnswer).
 */
export async function setCategoryAttributes(
  ctx: AppContext,
  o: { user: SessionUser; ip: string; categoryId: string; attributes: z.input<typeof attributeListSchema> },
): Promise<{ items: AttributeDefinition[] }> {
  assertRole(o.user, ['admin']);
  const parsed = attributeListSchema.safeParse(o.attributes);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', parsed.error.issues.map((i) => ({ path: ['attributes', ...i.path].join('.'), message: i.message, issue: i.code })));
  }
  await ownCategory(ctx, o.user.jurisdictionId, o.categoryId);
  const before = (await attributesByCategory(ctx, [o.categoryId])).get(o.categoryId) ?? [];
  await inTransaction(ctx, async ({ db }) => {
    await replaceAttributes(db, o.categoryId, parsed.data.map((a, i) => ({
      id: newId(), category_id: o.categoryId, code: a.code, description: a.description, datatype: a.datatype, required: a.required ? 1 : 0,
      datatype_description: a.datatypeDescription, values_json: JSON.stringify(a.values), sort_order: i + 1,
    })));
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'category.attributes', targetType: 'category', targetId: o.categoryId, ip: o.ip,
      detail: { before: before.map((a) => a.code), after: parsed.data.map((a) => a.code) },
    });
  });
  return { items: parsed.data };
}

async function ownCategory(ctx: AppContext, jurisdictionId: string, id: string): Promise<void> {
  if (!(await categoriesOf(ctx.db, jurisdictionId)).some((c) => c.id === id)) throw new AppError('NOT_FOUND', 'No such category');
}
