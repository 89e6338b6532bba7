/** What the suggestion needs of a category. */
export interface SuggestableCategory {
  id: string;
  name: string;
  keywords: readonly string[];
}

export interface CategorySuggestion {
  categoryId: string;
  /** Share of the matched weight, not a calibrated probability. */
  share: number;
  /** The words found in the text, for the operator to see why. */
  matched: string[];
}

/**
 * Suggests categories from the words an admin gave each one, and its own name: a category scores
 * the summed length of the distinct words found in the text, since a longer word (违章建筑) is
 * more specific than a short one (建筑). Plain substring matching, like the routing keywords:
 * Chinese has no spaces, and the lists are short. English words match case-insensitively.
 */
export function suggestCategories(categories: readonly SuggestableCategory[], text: string, limit = 3): CategorySuggestion[] {
  const haystack = text.toLowerCase();
  const scored: Array<{ categoryId: string; score: number; matched: string[] }> = [];
  for (const c of categories) {
    const matched = wordsFound(c, haystack);
    const score = matched.reduce((s, w) => s + [...w].length, 0);
    if (score > 0) scored.push({ categoryId: c.id, score, matched });
  }
  const total = scored.reduce((s, r) => s + r.score, 0);
  return scored
    .sort((a, b) => b.score - a.score || a.categoryId.localeCompare(b.categoryId))
    .slice(0, limit)
    .map((r) => ({ categoryId: r.categoryId, share: r.score / total, matched: r.matched }));
}

/** A category's words (and name) found in lower-cased text, a word inside a longer found one dropped. */
function wordsFound(c: SuggestableCategory, haystack: string): string[] {
  const words = [...new Set([c.name, ...c.keywords].map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 2))];
  const matched = words.filter((w) => haystack.includes(w));
  // A word inside a longer matched word of the same category adds nothing (噪音 within 施工噪音).
  return matched.filter((w) => !matched.some((o) => o !== w && o.includes(w)));
}

/**
 * The learned model's ranking (ADR 0045) as suggestions: only categories still choosable (a
 * model trained before a category was retired or deleted may still name it), its calibrated
 * probability as the share, and the category's own words found in the text, so the operator
 * still sees why when there are any. `newcomers` are categories the model has never seen (added
 * since it was trained, or with no cases yet): their keyword matches come first — an admin who
 * just added 楼顶异响 with its words expects it offered — and the model fills the rest.
 */
export function learnedCategorySuggestions(
  ranked: ReadonlyArray<{ label: string; probability: number }>,
  choosable: readonly SuggestableCategory[],
  text: string,
  options: { limit?: number; newcomers?: readonly SuggestableCategory[] } = {},
): CategorySuggestion[] {
  const limit = options.limit ?? 3;
  const out = suggestCategories(options.newcomers ?? [], text, limit);
  const byId = new Map(choosable.map((c) => [c.id, c]));
  const haystack = text.toLowerCase();
  for (const r of ranked) {
    if (out.length >= limit) break;
    const c = byId.get(r.label);
    if (!c || out.some((o) => o.categoryId === c.id)) continue;
    out.push({ categoryId: c.id, share: r.probability, matched: wordsFound(c, haystack) });
  }
  return out;
}
