/**
 * How well the category suggestion at intake (core `suggestCategories`, keyword match over the
 * default tree) finds the top-level category of real appeals, and, for comparison, what the
 * router's learned model (core triage) reaches on the same labels when trained on labelled
 * history. Reads the evaluation data at run time; nothing of it enters the repository.
 *
 *   node --import tsx bench/categories/run.ts [--train ../shared/data/appeals-zh/train.csv] [--eval ../shared/data/appeals-zh/test.csv]
 *
 * The data's labels are another scheme's top level: see mapping.ts. `bench:category-model` runs the
 * learned model through the product's own training and suggestion code.
 */
import { parseArgs } from 'node:util';
import { defaultCategoryTree } from '../../packages/core/src/categories/index.js';
import { trainRoutingModel } from '../../packages/core/src/triage/index.js';
import { evaluateModel } from '../routing/evaluate.js';
import { readLabeledCsv } from '../routing/data.js';
import { flattenSeed, scoreSuggestions } from './evaluate.js';
import { LABEL_OF_OURS } from './mapping.js';


const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/appeals-zh/train.csv' },
    eval: { type: 'string', default: '../shared/data/appeals-zh/test.csv' },
  },
});

const evaluation = await readLabeledCsv(String(values.eval));
const keyword = scoreSuggestions(flattenSeed(defaultCategoryTree()), evaluation.examples, LABEL_OF_OURS);
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
console.log(`eval: ${values.eval} (${evaluation.examples.length} rows)`);
console.log(`keyword suggestion: coverage ${pct(keyword.coverage)}, top-1 ${pct(keyword.accuracy)} (${pct(keyword.precision)} of those suggested), top-3 ${pct(keyword.top3)}`);

const train = await readLabeledCsv(String(values.train));
const started = performance.now();
const model = trainRoutingModel({ examples: train.examples });
const learned = evaluateModel(model, evaluation.examples);
const { accuracy, macroF1 } = learned.report;
console.log(`learned model on ${train.examples.length} labelled rows: accuracy ${pct(accuracy)}, macro-F1 ${pct(macroF1)}, top-3 ${pct(learned.top3Accuracy)} (trained in ${Math.round(performance.now() - started)} ms)`);
console.log(JSON.stringify({ n: keyword.n, keyword, learned: { accuracy, macroF1, top3: learned.top3Accuracy } }));
