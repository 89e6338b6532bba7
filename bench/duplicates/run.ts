// Duplicate and repeat detection at intake (issue 4 §4): precision and recall of core's rules on
// the tuning pairs (pairs.json), the held-out pairs (heldout.json) and generated pairs, at the
// operator level (classifyCandidate) and the unattended level (autoApplyDecision); optionally a
// descriptive check on real posts (--appeals) and the intake check's latency at N cases.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/duplicates/run.ts --pairs-only [--verbose] [--appeals <csv>]…
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/duplicates/run.ts --cases 1000000 [--db postgres]
// The last line is one JSON object with every figure.
import { parseArgs } from 'node:util';
import { appealsCheck, type AppealsFigures } from './appeals.js';
import { describeMistake, evaluatePairs, loadPairs, type Pair, type SetFigures } from './evaluate.js';
import { generatePairs } from './generate-pairs.js';
import { measureLatency } from './latency.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    cases: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '50' },
    verbose: { type: 'boolean', default: false },
    'pairs-only': { type: 'boolean', default: false },
    generated: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261128' },
    appeals: { type: 'string', multiple: true, default: [] },
    'appeals-sample': { type: 'string', default: '20000' },
  },
});

const tuning = loadPairs(new URL('./pairs.json', import.meta.url));
const sets: [string, Pair[]][] = [
  ['tuning (pairs.json)', tuning],
  ['held-out (heldout.json)', loadPairs(new URL('./heldout.json', import.meta.url))],
  [`generated (seed ${values.seed})`, generatePairs({ seed: Number(values.seed), count: Number(values.generated) })],
];

const quality: Record<string, SetFigures> = {};
for (const [name, pairs] of sets) {
  const { figures, mistakes } = evaluatePairs(pairs);
  quality[name] = figures;
  if (values.verbose) for (const m of mistakes) console.log(`${name} ${describeMistake(m)}`);
}
console.table(Object.fromEntries(Object.entries(quality).map(([name, f]) => [name, {
  n: f.n,
  'repeat P/R': `${f.repeatPrecision} / ${f.repeatRecall}`,
  'same incident P/R': `${f.sameIncidentPrecision} / ${f.sameIncidentRecall}`,
  'auto attach ok/wrong': `${f.autoAttachCorrect} / ${f.autoAttachWrong}`,
  'auto merge ok/wrong': `${f.autoMergeCorrect} / ${f.autoMergeWrong}`,
  'auto: share of duplicates': f.autoRecall,
}])));

const appeals: AppealsFigures[] = [];
for (const file of values.appeals) {
  const figures = await appealsCheck(file, { sample: Number(values['appeals-sample']), seed: Number(values.seed) });
  console.log(figures);
  appeals.push(figures);
}

const latency = values['pairs-only']
  ? null
  : await measureLatency({ cases: Number(values.cases), db: String(values.db), runs: Number(values.runs) }, tuning);
console.log(JSON.stringify({ quality, appeals, latency }));
