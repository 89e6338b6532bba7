/**
 * Search tokens for Chinese text without a dictionary. Chinese has no spaces, and a query for a
 * two-character word (扰民, 停水) must match inside longer runs; SQLite's trigram tokenizer cannot
 * match under three characters. So text is indexed as overlapping character bigrams of each
 * CJK run (噪音扰民 → 噪音 音扰 扰民) plus whole lower-cased Latin/digit words, and a query is
 * tokenized the same way and searched as a phrase (consecutive tokens), on SQLite FTS5 and
 * PostgreSQL tsvector alike.
 */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Splits text into runs of CJK characters and Latin/digit words, in order; everything else
 * separates them. The one scanner behind the search index and the knowledge base's terms.
 */
export function scanScripts(text: string, on: { cjkRun: (chars: string[]) => void; word: (word: string) => void }): void {
  let run: string[] = [];
  let word = '';
  const flushRun = (): void => {
    if (run.length > 0) on.cjkRun(run);
    run = [];
  };
  const flushWord = (): void => {
    if (word) on.word(word);
    word = '';
  };
  for (const ch of text) {
    if (CJK.test(ch)) {
      flushWord();
      run.push(ch);
    } else if (WORD.test(ch)) {
      flushRun();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
}

export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  scanScripts(text, {
    cjkRun: (run) => {
      if (run.length === 1) tokens.push(run[0] ?? '');
      for (let i = 0; i + 1 < run.length; i++) tokens.push(`${run[i]}${run[i + 1]}`);
    },
    word: (word) => tokens.push(word.toLowerCase()),
  });
  return tokens;
}

/** Where the query's pieces occur in the text, for highlighting: [start, end) in UTF-16 units. */
export function highlightRanges(text: string, query: string): Array<[number, number]> {
  const pieces = query
    .split(/[\s,，、;；]+/u)
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.length > 0);
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const piece of pieces) {
    for (let at = lower.indexOf(piece); at !== -1; at = lower.indexOf(piece, at + piece.length)) {
      ranges.push([at, at + piece.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
