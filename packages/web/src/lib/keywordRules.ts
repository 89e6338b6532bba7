import type { KeywordRule } from '../api/routing';

/** The server's limits on a cold-start keyword (characters). */
export const KEYWORD_MIN = 2;
export const KEYWORD_MAX = 20;

export type KeywordProblem =
  | { kind: 'noUnit'; row: number }
  | { kind: 'noKeywords'; row: number }
  | { kind: 'badKeyword'; row: number; keyword: string }
  | { kind: 'duplicateUnit'; row: number };

/** Rows being edited: a unit may still be unpicked. */
export interface KeywordRow {
  key: string;
  unitId: string | null;
  keywords: string[];
}

export function keywordProblems(rows: readonly KeywordRow[]): KeywordProblem[] {
  const problems: KeywordProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const n = index + 1;
    if (row.unitId === null) problems.push({ kind: 'noUnit', row: n });
    else if (seen.has(row.unitId)) problems.push({ kind: 'duplicateUnit', row: n });
    else seen.add(row.unitId);
    if (row.keywords.length === 0) problems.push({ kind: 'noKeywords', row: n });
    for (const keyword of row.keywords) {
      const length = [...keyword.trim()].length;
      if (length < KEYWORD_MIN || length > KEYWORD_MAX) problems.push({ kind: 'badKeyword', row: n, keyword });
    }
  });
  return problems;
}

/** The rows as the API's rules; call only when `keywordProblems` found none. */
export function toRules(rows: readonly KeywordRow[]): KeywordRule[] {
  return rows.flatMap((row) => (row.unitId === null ? [] : [{ unitId: row.unitId, keywords: row.keywords.map((k) => k.trim()) }]));
}
