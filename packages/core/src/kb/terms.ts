import { scanScripts } from '../search-tokens.js';
import { stripCallerSpeech } from './caller-speech.js';

/**
 * Matching terms of a text: character bigrams of each Chinese run (as the search index, ADR 0004),
 * single characters of the run (weaker: 子女入学 and 孩子上学 share only 子 and 学), and whole
 * lower-cased Latin/digit words. Caller speech is cut first (caller-speech.ts). Full-width forms
 * are folded (NFKC), so ＡＢＣ and ABC match.
 */
export interface Terms {
  bigrams: string[];
  unigrams: string[];
  words: string[];
}

export function textTerms(text: string): Terms {
  const folded = stripCallerSpeech(text.normalize('NFKC').toLowerCase());
  const terms: Terms = { bigrams: [], unigrams: [], words: [] };
  scanScripts(folded, {
    cjkRun: (run) => {
      terms.unigrams.push(...run);
      for (let i = 0; i + 1 < run.length; i++) terms.bigrams.push(`${run[i]}${run[i + 1]}`);
    },
    word: (word) => terms.words.push(word),
  });
  return terms;
}
