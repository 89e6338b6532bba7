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
    const words = [...new Set([c.name, ...c.keywords].map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 2))];
    const matched = words.filter((w) => haystack.includes(w));
    // A word inside a longer matched word of the same category adds nothing (噪音 within 施工噪音).
    const distinct = matched.filter((w) => !matched.some((o) => o !== w && o.includes(w)));
    const score = distinct.reduce((s, w) => s + [...w].length, 0);
    if (score > 0) scored.push({ categoryId: c.id, score, matched: distinct });
  }
  const total = scored.reduce((s, r) => s + r.score, 0);
  return scored
    .sort((a, b) => b.score - a.score || a.categoryId.localeCompare(b.categoryId))
    .slice(0, limit)
    .map((r) => ({ categoryId: r.categoryId, share: r.score / total, matched: r.matched }));
}
