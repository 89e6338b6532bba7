import {
  categoryAncestry, categorySubtree, checkCategoryPlacement, learnedCategorySuggestions, nestCategories, suggestCategories, type CategorySuggestion,
} from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { unlessTaken } from '../../lib/conflicts.js';
import { newId, nowIso } from '../../lib/ids.js';
import { referenceNotFound } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import type { CategoryTreeNode, CategoryView } from '@openline/core';
import { currentModel } from '../routing/model-store.js';
import { presentCategories } from './presenter.js';
import * as repo from './repository.js';
import { seedDefaultCategories } from './seed.js';

export interface NewCategory {
  parentId: string | null;
  code: string;
  name: string;
  description?: string | null | undefined;
  keywords?: string[] | undefined;
  sortOrder?: number | undefined;
}

export interface CategoryChanges {
  parentId?: string | null | undefined;
  name?: string | undefined;
  description?: string | null | undefined;
  keywords?: string[] | undefined;
  sortOrder?: number | undefined;
}

/** The jurisdiction's categories, flat, presented (level, keywords parsed). */
export async function categoriesOf(db: Kysely<DB>, jurisdictionId: string): Promise<CategoryView[]> {
  return presentCategories(await repo.findCategories(db, jurisdictionId));
}

/**
 * GET /api/v1/categories: the tree every staff member chooses from. Retired categories (and so
 * their subtrees) are left out unless asked for: the admin page and old cases' names need them.
 */
export async function categoryTree(ctx: AppContext, options: { jurisdictionId: string; includeRetired: boolean }): Promise<{ items: CategoryTreeNode[] }> {
  const all = await categoriesOf(ctx.db, options.jurisdictionId);
  const shown = options.includeRetired ? all : all.filter((c) => !c.retired);
  return { items: nestCategories(shown) };
}

export async function createCategory(ctx: AppContext, options: { user: SessionUser; ip: string; input: NewCategory }): Promise<CategoryView> {
  const { user, input } = options;
  assertRole(user, ['admin']);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const all = await categoriesOf(tx.db, user.jurisdictionId);
    assertPlacement(all, null, input.parentId);
    if (all.some((c) => c.code === input.code)) throw codeTaken();
    const at = nowIso();
    await unlessTaken(
      () =>
        repo.insertCategories(tx.db, [{
          id, jurisdiction_id: user.jurisdictionId, parent_id: input.parentId, code: input.code, name: input.name,
          description: input.description ?? null, keywords: JSON.stringify(input.keywords ?? []),
          sort_order: input.sortOrder ?? nextSortOrder(all, input.parentId), retired_at: null, created_at: at, updated_at: at,
        }]),
      codeTaken,
    );
    await audit(tx.db, user, options.ip, 'category.create', id, { code: input.code, name: input.name, parentId: input.parentId });
  });
  return findView(ctx.db, user.jurisdictionId, id);
}

/** Rename, move, re-describe, re-order; the code never changes (outside systems keep it). */
export async function updateCategory(ctx: AppContext, options: { user: SessionUser; ip: string; id: string; changes: CategoryChanges }): Promise<CategoryView> {
  const { user, changes } = options;
  assertRole(user, ['admin']);
  await inTransaction(ctx, async (tx) => {
    const all = await categoriesOf(tx.db, user.jurisdictionId);
    const before = findIn(all, options.id);
    if (changes.parentId !== undefined && changes.parentId !== before.parentId) assertPlacement(all, before.id, changes.parentId);
    await repo.updateCategory(tx.db, before.id, {
      ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.keywords !== undefined ? { keywords: JSON.stringify(changes.keywords) } : {}),
      ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
      updated_at: nowIso(),
    });
    const changed = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const was = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof CategoryView]]));
    await audit(tx.db, user, options.ip, changes.parentId !== undefined ? 'category.move' : 'category.update', before.id, { code: before.code, before: was, after: changed });
  });
  return findView(ctx.db, user.jurisdictionId, options.id);
}

/**
 * Retiring takes a category and everything below it out of the choices; cases and figures keep
 * naming them. Restoring brings the subtree back, under a parent that is itself in use.
 */
export async function setCategoryRetired(ctx: AppContext, options: { user: SessionUser; ip: string; id: string; retired: boolean }): Promise<CategoryView> {
  const { user } = options;
  assertRole(user, ['admin']);
  await inTransaction(ctx, async (tx) => {
    const all = await categoriesOf(tx.db, user.jurisdictionId);
    const category = findIn(all, options.id);
    if (!options.retired && category.parentId !== null && findIn(all, category.parentId).retired) {
      throw new AppError('CATEGORY_RETIRED', 'Restore the parent category first');
    }
    const ids = categorySubtree(all, category.id);
    const at = nowIso();
    await repo.setRetired(tx.db, ids, options.retired ? at : null, at);
    await audit(tx.db, user, options.ip, options.retired ? 'category.retire' : 'category.restore', category.id, { code: category.code, categories: ids.length });
  });
  return findView(ctx.db, user.jurisdictionId, options.id);
}

/** Only a mistake nobody used can be deleted: no children, no case names it. Otherwise retire it. */
export async function deleteCategory(ctx: AppContext, options: { user: SessionUser; ip: string; id: string }): Promise<void> {
  const { user } = options;
  assertRole(user, ['admin']);
  await inTransaction(ctx, async (tx) => {
    const all = await categoriesOf(tx.db, user.jurisdictionId);
    const category = findIn(all, options.id);
    if (all.some((c) => c.parentId === category.id)) throw new AppError('CATEGORY_IN_USE', 'The category has sub-categories; retire it instead');
    if (await repo.categoryInUse(tx.db, user.jurisdictionId, category.id)) throw new AppError('CATEGORY_IN_USE', 'Cases use this category; retire it instead');
    await repo.deleteCategory(tx.db, category.id);
    await audit(tx.db, user, options.ip, 'category.delete', category.id, { code: category.code, name: category.name });
  });
}

/** An admin loads the default tree into a jurisdiction that has none (one from before categories). */
export async function loadDefaultCategories(ctx: AppContext, options: { user: SessionUser; ip: string }): Promise<{ items: CategoryTreeNode[] }> {
  const { user } = options;
  assertRole(user, ['admin']);
  await inTransaction(ctx, async (tx) => {
    if ((await repo.findCategories(tx.db, user.jurisdictionId)).length > 0) throw new AppError('CONFLICT', 'The jurisdiction already has categories');
    const count = await unlessTaken(() => seedDefaultCategories(tx.db, user.jurisdictionId), codeTaken);
    await audit(tx.db, user, options.ip, 'category.load_defaults', null, { categories: count });
  });
  return categoryTree(ctx, { jurisdictionId: user.jurisdictionId, includeRetired: true });
}

/** A category a case may be given: the jurisdiction's, and in use. `path` names the request field. */
export async function assertChoosableCategory(db: Kysely<DB>, jurisdictionId: string, id: string | null | undefined, path: string): Promise<void> {
  if (id === null || id === undefined) return;
  const category = (await categoriesOf(db, jurisdictionId)).find((c) => c.id === id);
  if (!category) throw referenceNotFound([{ kind: 'category', path }]);
  if (category.retired) throw new AppError('CATEGORY_RETIRED', 'This category is retired', [{ path, message: 'retired category' }]);
}

/** The ids a category filter covers: the category and its subtree (retired ones too: old cases). */
export async function categoryFilterIds(db: Kysely<DB>, jurisdictionId: string, id: string, path = 'categoryId'): Promise<string[]> {
  const all = await categoriesOf(db, jurisdictionId);
  if (!all.some((c) => c.id === id)) throw referenceNotFound([{ kind: 'category', path }]);
  return categorySubtree(all, id);
}

/**
 * Names for the categories of a page of cases, read once for the page: only those it names (the
 * whole tree, presented, cost a case list ~1 ms of the event loop at every request).
 */
export async function categoryNamesFor(
  db: Kysely<DB>,
  jurisdictionId: string,
  rows: ReadonlyArray<{ category_id: string | null }>,
): Promise<(row: { category_id: string | null }) => { categoryName: string | null }> {
  const ids = [...new Set(rows.flatMap((r) => (r.category_id === null ? [] : [r.category_id])))];
  if (ids.length === 0) return () => ({ categoryName: null });
  const names = new Map((await repo.findCategoryNames(db, jurisdictionId, ids)).map((c) => [c.id, c.name]));
  return (row) => ({ categoryName: row.category_id === null ? null : (names.get(row.category_id) ?? null) });
}

/** A case's category as its page shows it: with the names above it, retired or not. */
export async function caseCategoryView(
  db: Kysely<DB>,
  jurisdictionId: string,
  id: string | null,
): Promise<{ id: string; code: string; name: string; path: string[]; retired: boolean } | null> {
  if (id === null) return null;
  const all = await categoriesOf(db, jurisdictionId);
  const byId = new Map(all.map((c) => [c.id, c]));
  const category = byId.get(id);
  if (!category) return null;
  const path = categoryAncestry(all, id).map((a) => byId.get(a)?.name ?? '');
  return { id, code: category.code, name: category.name, path, retired: category.retired };
}

export interface SuggestedCategory extends CategorySuggestion {
  code: string;
  name: string;
}

export interface CategorySuggestions {
  /** 'model': the jurisdiction's learned model (ADR 0045); 'keywords': its categories' words. */
  source: 'model' | 'keywords';
  modelVersion: number | null;
  items: SuggestedCategory[];
}

/**
 * A leaf added up to this long before the model was trained (or since) is offered by its words:
 * its first cases take weeks to close and teach the model. An older leaf the model does not know
 * has simply never been used, and the model's silence about it is the history speaking.
 */
const NEWCOMER_DAYS = 30;

/**
 * The category suggestion for the text being taken down: the jurisdiction's learned model once
 * it has one (trained on its own categorised cases, ADR 0045), else the keyword match over the
 * categories in use (ADR 0026). Either way only categories still choosable are offered; new
 * leaves the model has never seen are offered by their words, first (see learnedCategorySuggestions).
 */
export async function suggestCategoriesFor(db: Kysely<DB>, jurisdictionId: string, text: string, limit = 3): Promise<CategorySuggestions> {
  const rows = await repo.findCategories(db, jurisdictionId);
  const active = presentCategories(rows).filter((c) => !c.retired);
  const byId = new Map(active.map((c) => [c.id, c]));
  const present = (list: readonly CategorySuggestion[]): SuggestedCategory[] =>
    list.map((s) => {
      const c = byId.get(s.categoryId) as CategoryView;
      return { ...s, share: Number(s.share.toFixed(4)), code: c.code, name: c.name };
    });
  const current = await currentModel(db, 'category_models', jurisdictionId);
  if (current) {
    const ranked = current.model.suggest({ body: text });
    const known = new Set(current.model.labels);
    const parents = new Set(active.map((c) => c.parentId));
    // Young enough that no closed case could have taught the model yet (see NEWCOMER_DAYS).
    const since = new Date(Date.parse(current.trainedAt) - NEWCOMER_DAYS * 86_400_000).toISOString();
    const young = new Set(rows.filter((r) => String(r.created_at) >= since).map((r) => r.id));
    const newcomers = active.filter((c) => !known.has(c.id) && !parents.has(c.id) && young.has(c.id));
    return { source: 'model', modelVersion: current.version, items: present(learnedCategorySuggestions(ranked, active, text, { limit, newcomers })) };
  }
  return { source: 'keywords', modelVersion: null, items: present(suggestCategories(active, text, limit)) };
}

function assertPlacement(all: readonly CategoryView[], id: string | null, parentId: string | null): void {
  const refusal = checkCategoryPlacement(all, id, parentId);
  if (refusal === 'CATEGORY_PARENT_NOT_FOUND') throw referenceNotFound([{ kind: 'category', path: 'parentId' }]);
  if (refusal === 'CATEGORY_TOO_DEEP') throw new AppError('CATEGORY_TOO_DEEP', 'Categories go three levels deep at most', [{ path: 'parentId', message: 'too deep' }]);
  if (refusal === 'CATEGORY_CYCLE') throw new AppError('CATEGORY_CYCLE', 'A category cannot move under itself', [{ path: 'parentId', message: 'cycle' }]);
  if (parentId !== null && all.find((c) => c.id === parentId)?.retired) {
    throw new AppError('CATEGORY_RETIRED', 'The parent category is retired', [{ path: 'parentId', message: 'retired category' }]);
  }
}

function findIn(all: readonly CategoryView[], id: string): CategoryView {
  const found = all.find((c) => c.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'No such category');
  return found;
}

async function findView(db: Kysely<DB>, jurisdictionId: string, id: string): Promise<CategoryView> {
  return findIn(await categoriesOf(db, jurisdictionId), id);
}

function nextSortOrder(all: readonly CategoryView[], parentId: string | null): number {
  const siblings = all.filter((c) => c.parentId === parentId);
  return siblings.length === 0 ? 0 : Math.max(...siblings.map((c) => c.sortOrder)) + 1;
}

const codeTaken = (): AppError => new AppError('CONFLICT', 'This code is taken', [{ path: 'code', message: 'taken' }]);

async function audit(db: Kysely<DB>, user: SessionUser, ip: string, action: string, id: string | null, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(db, {
    jurisdictionId: user.jurisdictionId, actorUserId: user.id, action, ip, detail,
    ...(id !== null ? { targetType: 'category', targetId: id } : {}),
  });
}
