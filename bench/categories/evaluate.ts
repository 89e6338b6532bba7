import { categoryAtLevel, suggestCategories, type SeedCategory } from '../../packages/core/src/categories/index.js';
import type { LabeledText } from '../../packages/core/src/triage/index.js';

export interface FlatCategory {
  id: string;
  parentId: string | null;
  name: string;
  keywords: string[];
}

/** The seeded tree as the server stores it, with the codes as ids. */
export function flattenSeed(tree: readonly SeedCategory[]): FlatCategory[] {
  const out: FlatCategory[] = [];
  const walk = (list: readonly SeedCategory[], parentId: string | null): void => {
    for (const c of list) {
      out.push({ id: c.code, parentId, name: c.name, keywords: c.keywords });
      walk(c.children, c.code);
    }
  };
  walk(tree, null);
  return out;
}

export interface SuggestionScore {
  n: number;
  /** Share of texts for which any category was suggested. */
  coverage: number;
  /** Top-1 suggestion's top level maps to the text's label, over all texts (no suggestion is wrong). */
  accuracy: number;
  /** The same, over the texts that got a suggestion. */
  precision: number;
  /** The label among the top three suggestions' top levels. */
  top3: number;
}

/**
 * Scores the keyword suggestion against labelled texts whose labels are another scheme's top
 * level: `mapping` says which label each of our top-level codes stands for (none: never right).
 */
export function scoreSuggestions(categories: readonly FlatCategory[], examples: readonly LabeledText[], mapping: Readonly<Record<string, string>>): SuggestionScore {
  let covered = 0;
  let right = 0;
  let right3 = 0;
  for (const e of examples) {
    const suggested = suggestCategories(categories, `${e.title ?? ''} ${e.body}`, 3);
    if (suggested.length === 0) continue;
    covered++;
    const labels = suggested.map((s) => mapping[categoryAtLevel(categories, s.categoryId, 1) ?? ''] ?? null);
    if (labels[0] === e.label) right++;
    if (labels.includes(e.label)) right3++;
  }
  const n = examples.length;
  return { n, coverage: covered / n, accuracy: right / n, precision: covered === 0 ? 0 : right / covered, top3: right3 / n };
}
