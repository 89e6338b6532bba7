// Urgency and emergency detection (DESIGN §3): a lexicon as data, a one-pass matcher, and cues
// for negation, time and hypotheticals. Pure: runs in the browser while the operator types.
export {
  CompiledUrgencyLexicon,
  compileUrgencyLexicon,
  detectUrgency,
  type SuppressedUrgencyMatch,
  type UrgencyMatch,
  type UrgencyRedirect,
  type UrgencyResult,
} from './detect.js';
export { defaultUrgencyLexicon } from './default-lexicon.js';
export {
  REDIRECT_NUMBERS,
  urgencyCategorySchema,
  urgencyLexiconSchema,
  type RedirectNumber,
  type UrgencyCategory,
  type UrgencyLexicon,
  type UrgencyLexiconInput,
} from './lexicon.js';
export { MODIFIER_KINDS, type ModifierKind, type SuppressionReason } from './phrase-matcher.js';
