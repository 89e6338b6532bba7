import type { ErrorDetail } from '../api/client';
import type { LexiconCategory, RedirectNumber, UrgencyLexicon } from '../api/lexicon';
import type { Urgency } from '@openline/core';

/** What the category editor changes; every other field of the category is kept as loaded. */
export interface CategoryEdit {
  level: Urgency;
  terms: string[];
  excludes: string[];
  redirectNumber: RedirectNumber | null;
  redirectReason: string;
}

export function editOf(category: LexiconCategory): CategoryEdit {
  return {
    level: category.level,
    terms: category.terms,
    excludes: category.excludes ?? [],
    redirectNumber: category.redirect?.number ?? null,
    redirectReason: category.redirect?.reason ?? '',
  };
}

export function withEdit(category: LexiconCategory, edit: CategoryEdit): LexiconCategory {
  const { redirect: _dropped, ...rest } = category;
  const next: LexiconCategory = { ...rest, level: edit.level, terms: edit.terms.map((w) => w.trim()), excludes: edit.excludes.map((w) => w.trim()) };
  return edit.redirectNumber === null ? next : { ...next, redirect: { number: edit.redirectNumber, reason: edit.redirectReason.trim() } };
}

export function replaceCategory(lexicon: UrgencyLexicon, index: number, category: LexiconCategory): UrgencyLexicon {
  return { ...lexicon, categories: lexicon.categories.map((c, i) => (i === index ? category : c)) };
}

/** Parses the raw JSON view; an Error carries the parser's message. Shape is left to the server. */
export function parseLexicon(text: string): UrgencyLexicon {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { categories?: unknown }).categories)) {
    throw new Error('"categories" must be a list');
  }
  return value as UrgencyLexicon;
}

/** "categories.3.terms.2" → "火灾 › terms › 2", so an admin sees which category is wrong. */
export function describeDetailPath(lexicon: UrgencyLexicon | null, path: ErrorDetail['path']): string {
  const parts = (Array.isArray(path) ? path.map(String) : path.split('.')).filter((p) => p !== 'body' && p !== 'lexicon');
  const shown: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const index = Number(parts[i + 1]);
    const category = part === 'categories' && Number.isInteger(index) ? lexicon?.categories[index] : undefined;
    if (category) {
      shown.push(`${category.label}（${category.id}）`);
      i++;
    } else shown.push(part);
  }
  return shown.join(' › ');
}
