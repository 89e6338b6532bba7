import type { RedirectNumber, UrgencyLexiconAnswer, UrgencyLexiconInput } from '@openline/core';
import { request } from './client';

/*
 * The urgency and emergency lexicon (admin). Core's zod schema is the authority and the server
 * validates with it; the console edits some fields and carries every other field through.
 */

export type { RedirectNumber } from '@openline/core';

// Kept here rather than imported from core: core's module also builds the lexicon's zod schema.
export const REDIRECT_NUMBERS = ['110', '119', '120', '122'] as const satisfies readonly RedirectNumber[];

/**
 * What the console edits and sends: the lexicon as submitted, optional lists may be left out.
 * The server answers the validated form (defaults filled in), which is one of these.
 */
export type UrgencyLexicon = UrgencyLexiconInput;
export type LexiconCategory = UrgencyLexicon['categories'][number];
export type LexiconAnswer = UrgencyLexiconAnswer;

export function fetchUrgencyLexicon(signal?: AbortSignal): Promise<LexiconAnswer> {
  return request<LexiconAnswer>('GET', '/api/v1/admin/urgency-lexicon', { signal });
}

/** 400 VALIDATION_FAILED with `details: [{path, message}]` when the lexicon does not compile. */
export function saveUrgencyLexicon(lexicon: UrgencyLexicon): Promise<LexiconAnswer> {
  return request<LexiconAnswer>('PUT', '/api/v1/admin/urgency-lexicon', { body: { lexicon } });
}
