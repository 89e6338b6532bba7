// Knowledge-base retrieval quality (issue 12 §3): recall@1 and recall@3 of the demo articles
// against the caller phrasings in phrasings.ts.
//   npm run bench:kb
import { DEMO_ARTICLES } from '../../packages/server/src/demo/kb-articles.js';
import { evaluateRetrieval } from './evaluate.js';
import { PHRASINGS } from './phrasings.js';

const r = evaluateRetrieval(DEMO_ARTICLES, PHRASINGS);
console.log(`${r.articles} articles, ${r.phrasings} caller phrasings`);
console.log(`recall@1 ${r.recallAt1}  recall@3 ${r.recallAt3}  (${r.msPerQuery} ms per query)`);
console.log(`before (whole query as a phrase): at most ${r.phraseMatchRecall} of the phrasings could find their article`);
for (const m of r.misses) console.log(`miss: ${m.q} → expected ${m.expected}; got ${m.got.join(' | ') || '(nothing)'}`);
