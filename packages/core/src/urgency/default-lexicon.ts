import { DEFAULT_EMERGENCIES } from './default-emergencies.js';
import { DEFAULT_MODIFIERS } from './default-modifiers.js';
import { DEFAULT_URGENT } from './default-urgent.js';
import { urgencyLexiconSchema, type UrgencyLexicon } from './lexicon.js';

/**
 * The built-in Chinese lexicon, the starting point a jurisdiction's admin edits. A fresh,
 * validated copy on each call, so editing one copy never changes another (or the built-in data).
 */
export function defaultUrgencyLexicon(): UrgencyLexicon {
  return urgencyLexiconSchema.parse({
    version: 1,
    categories: [...DEFAULT_EMERGENCIES, ...DEFAULT_URGENT],
    modifiers: DEFAULT_MODIFIERS,
  });
}
