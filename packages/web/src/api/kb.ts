import type { Article, ArticleList } from '@openline/core';
import { request, withQuery } from './client';

/* Knowledge base: answers an operator can read out during a call. Answers are core's API schemas (ADR 0042). */

/** [start, end) character ranges. */
export type Ranges = [number, number][];

export type { Article } from '@openline/core';

export function searchArticles(query: { q?: string; limit?: number }, signal?: AbortSignal): Promise<ArticleList> {
  return request<ArticleList>('GET', withQuery('/api/v1/kb/articles', query), { signal });
}

/* Admin: every article, expired ones included, and writing them. */

export interface ArticleInput {
  question: string;
  answer: string;
  tags: string[];
  /** ISO instants; null clears a bound (open-ended). */
  validFrom: string | null;
  validTo: string | null;
  ownerUnitId: string | null;
}

export function listAllArticles(signal?: AbortSignal): Promise<ArticleList> {
  return request<ArticleList>('GET', '/api/v1/admin/kb/articles', { signal });
}

export function createArticle(input: ArticleInput): Promise<Article> {
  return request<Article>('POST', '/api/v1/admin/kb/articles', { body: input });
}

export function updateArticle(id: string, input: Partial<ArticleInput>): Promise<Article> {
  return request<Article>('PATCH', `/api/v1/admin/kb/articles/${encodeURIComponent(id)}`, { body: input });
}
