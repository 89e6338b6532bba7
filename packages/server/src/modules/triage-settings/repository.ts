// The triage word lists keep their own JSON format in the shared settings store.
export { readSetting, writeSetting } from '../settings/repository.js';

/** The urgency lexicon's setting name (settings/repository.ts keys it by jurisdiction). */
export const URGENCY_LEXICON = 'urgency_lexicon';
