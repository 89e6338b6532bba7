import type { Urgency } from '@openline/core';
import { request } from './client';

/*
 * The urgency and emergency lexicon (admin). Core's zod schema is the authority and the server
 * validates with it; the console edits the fields below and carries every other field through.
 */

export const REDIRECT_NUMBERS = ['110', '119', '120', '122'] as const;
export type RedirectNumber = (typeof REDIRECT_NUMBERS)[number];

export interface LexiconCategory {
  id: string;
  label: string;
  level: Urgency;
  terms: string[];
  excludes?: string[];
  utilitiesOutage?: boolean;
  ignoreModifiers?: string[];
  redirect?: { number: RedirectNumber; reason: string };
  context?: { words: string[]; window: number; scope?: string };
}

export interface UrgencyLexicon {
  version: number;
  categories: LexiconCategory[];
  modifiers: Record<string, unknown>;
}

export interface LexiconAnswer {
  lexicon: UrgencyLexicon;
  /** True while the jurisdiction still uses the built-in lexicon. */
  isDefault: boolean;
}

export function fetchUrgencyLexicon(signal?: AbortSignal): Promise<LexiconAnswer> {
  return request<LexiconAnswer>('GET', '/api/v1/admin/urgency-lexicon', { signal });
}

/** 400 VALIDATION_FAILED with `details: [{path, message}]` when the lexicon does not compile. */
export function saveUrgencyLexicon(lexicon: UrgencyLexicon): Promise<LexiconAnswer> {
  return request<LexiconAnswer>('PUT', '/api/v1/admin/urgency-lexicon', { body: { lexicon } });
}
