import { DEFAULT_EMERGENCIES } from './default-emergencies.js';
import { ENGLISH_CUES, ENGLISH_TERMS } from './default-english.js';
import { DEFAULT_MODIFIERS } from './default-modifiers.js';
import { DEFAULT_URGENT } from './default-urgent.js';
import { urgencyLexiconSchema, type UrgencyLexicon, type UrgencyLexiconInput } from './lexicon.js';

type Categories = UrgencyLexiconInput['categories'];
type Modifiers = NonNullable<UrgencyLexiconInput['modifiers']>;

/** Each category with its English words after its Chinese ones. */
function withEnglishTerms(categories: Categories): Categories {
  return categories.map((category) => {
    const english = ENGLISH_TERMS[category.id];
    if (!english) return category;
    return {
      ...category,
      terms: [...category.terms, ...english.terms],
      excludes: [...(category.excludes ?? []), ...(english.excludes ?? [])],
      ...(category.context && english.context ? { context: { ...category.context, words: [...category.context.words, ...english.context] } } : {}),
    };
  });
}

function withEnglishCues(modifiers: Modifiers): Modifiers {
  const out: Modifiers = { ...modifiers };
  for (const [kind, english] of Object.entries(ENGLISH_CUES) as [keyof Modifiers, (typeof ENGLISH_CUES)[keyof Modifiers]][]) {
    const rule = out[kind];
    if (!rule || !english) continue;
    out[kind] = {
      ...rule,
      before: [...(rule.before ?? []), ...(english.before ?? [])],
      after: [...(rule.after ?? []), ...(english.after ?? [])],
      pseudo: [...(rule.pseudo ?? []), ...(english.pseudo ?? [])],
      overriddenBy: [...(rule.overriddenBy ?? []), ...(english.overriddenBy ?? [])],
    };
  }
  return out;
}

/**
 * The built-in lexicon (Chinese, with English words for the English form), the starting point a jurisdiction's admin edits. A fresh,
 * validated copy on each call, so editing one copy never changes another (or the built-in data).
 */
export function defaultUrgencyLexicon(): UrgencyLexicon {
  return urgencyLexiconSchema.parse({
    version: 1,
    categories: withEnglishTerms([...DEFAULT_EMERGENCIES, ...DEFAULT_URGENT]),
    modifiers: withEnglishCues(DEFAULT_MODIFIERS),
  });
}
