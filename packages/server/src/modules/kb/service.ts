import { highlightRanges, rankArticles, termRanges, type Article } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { rankingIndex } from './ranking-index.js';
import { findArticles, insertArticle, updateArticle, type ArticleRow } from './repository.js';

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export const articleInputSchema = z
  .object({
    question: z.string().trim().min(2).max(500),
    answer: z.string().trim().min(2).max(10_000),
    tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
    validFrom: instant.nullable().optional(),
    validTo: instant.nullable().optional(),
    ownerUnitId: z.string().uuid().nullable().optional(),
  })
  .refine((a) => !a.validFrom || !a.validTo || a.validFrom < a.validTo, { message: 'validTo must be after validFrom', path: ['validTo'] });
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** Highlights the terms that matched; a query that matched only by single characters, as typed. */
function highlights(text: string, query: string, matched: readonly string[]): Array<[number, number]> {
  return matched.length > 0 ? termRanges(text, matched) : highlightRanges(text, query);
}

function present(row: ArticleRow, query?: { text: string; matched: readonly string[] }): Article {
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    tags: z.array(z.string()).parse(JSON.parse(row.tags)),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    ownerUnitId: row.owner_unit_id,
    ownerUnitName: row.ownerUnitName,
    updatedAt: row.updated_at,
    ...(query ? { highlights: { question: highlights(row.question, query.text, query.matched), answer: highlights(row.answer, query.text, query.matched) } } : {}),
  };
}

/** Ranked candidates read back per search: enough to fill the page when a few have expired. */
const CANDIDATES = 200;

/**
 * What an operator finds during a call: only articles valid now (an expired answer is worse
 * than none), best match first, with highlights. The query is the caller's words as typed: each
 * term counts on its own (core's rankArticles, ADR 0025), so a whole sentence finds its article.
 */
export async function searchArticles(ctx: AppContext, options: { user: SessionUser; query: string | undefined; limit: number }): Promise<Article[]> {
  const { user } = options;
  const now = nowIso();
  if (!options.query) {
    return (await findArticles(ctx.db, { jurisdictionId: user.jurisdictionId, validAt: now })).slice(0, options.limit).map((r) => present(r));
  }
  const index = await rankingIndex(ctx.db, user.jurisdictionId);
  const ranked = rankArticles(index, options.query, CANDIDATES);
  const rows = await findArticles(ctx.db, { jurisdictionId: user.jurisdictionId, ids: ranked.map((r) => r.id), validAt: now });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const text = options.query;
  return ranked
    .flatMap((r) => {
      const row = byId.get(r.id);
      return row ? [present(row, { text, matched: r.matched })] : [];
    })
    .slice(0, options.limit);
}

/** The admin list shows every article, expired and future ones included. */
export async function listAllArticles(ctx: AppContext, options: { user: SessionUser }): Promise<Article[]> {
  assertRole(options.user, ['admin']);
  return (await findArticles(ctx.db, { jurisdictionId: options.user.jurisdictionId })).map((r) => present(r));
}

async function assertOwnerUnit(ctx: AppContext, user: SessionUser, unitId: string | null | undefined): Promise<void> {
  await assertReferences(ctx.db, user.jurisdictionId, [{ kind: 'unit', path: 'ownerUnitId', id: unitId }]);
}

export async function createArticle(ctx: AppContext, options: { user: SessionUser; ip: string; input: ArticleInput }): Promise<Article> {
  const { user, input } = options;
  assertRole(user, ['admin']);
  await assertOwnerUnit(ctx, user, input.ownerUnitId);
  const id = newId();
  const now = nowIso();
  await inTransaction(ctx, async ({ db: trx }) => {
    await insertArticle(trx, {
      id, jurisdiction_id: user.jurisdictionId, question: input.question, answer: input.answer, tags: JSON.stringify(input.tags),
      valid_from: input.validFrom ?? null, valid_to: input.validTo ?? null, owner_unit_id: input.ownerUnitId ?? null,
      created_by: user.id, created_at: now, updated_at: now,
    });
    await appendAudit(trx, { jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'kb.create', targetType: 'kb_article', targetId: id, ip: options.ip });
  });
  const [row] = await findArticles(ctx.db, { jurisdictionId: user.jurisdictionId, ids: [id] });
  if (!row) throw new AppError('NOT_FOUND', 'No such article');
  return present(row);
}

export async function editArticle(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; articleId: string; input: Partial<ArticleInput> },
): Promise<Article> {
  const { user, input } = options;
  assertRole(user, ['admin']);
  const [before] = await findArticles(ctx.db, { jurisdictionId: user.jurisdictionId, ids: [options.articleId] });
  if (!before) throw new AppError('NOT_FOUND', 'No such article');
  await assertOwnerUnit(ctx, user, input.ownerUnitId);
  const merged = {
    question: input.question ?? before.question,
    answer: input.answer ?? before.answer,
    tags: input.tags ?? (JSON.parse(before.tags) as string[]),
  };
  const validFrom = input.validFrom !== undefined ? input.validFrom : before.valid_from;
  const validTo = input.validTo !== undefined ? input.validTo : before.valid_to;
  if (validFrom && validTo && validFrom >= validTo) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'validTo', message: 'validTo must be after validFrom' }]);
  }
  await inTransaction(ctx, async ({ db: trx }) => {
    await updateArticle(trx, before.id, {
      question: merged.question, answer: merged.answer, tags: JSON.stringify(merged.tags), valid_from: validFrom, valid_to: validTo,
      ...(input.ownerUnitId !== undefined && { owner_unit_id: input.ownerUnitId }),
      updated_at: nowIso(),
    });
    await appendAudit(trx, { jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'kb.update', targetType: 'kb_article', targetId: before.id, ip: options.ip, detail: { changed: Object.keys(input) } });
  });
  const [row] = await findArticles(ctx.db, { jurisdictionId: user.jurisdictionId, ids: [before.id] });
  if (!row) throw new AppError('NOT_FOUND', 'No such article');
  return present(row);
}
