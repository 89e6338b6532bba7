/**
 * Cross-validation on the TRAINING file only, to choose the router's defaults without ever
 * looking at the evaluation file:
 *
 *   node --import tsx bench/routing/tune.ts --train <csv> [--folds 5] [--fold-seed 7] [--grid '<json array>']
 *
 * Each grid entry is a partial TrainingOptions (e.g. {"c":0.5,"features":{"maxN":4}}); every
 * entry is scored by stratified k-fold macro-F1 on the training file and printed one per line.
 * Near-duplicate texts are kept in one fold, as the evaluation split keeps them on one side.
 */
import { parseArgs } from 'node:util';
import {
  classificationReport,
  trainRoutingModel,
  type LabeledText,
  type TrainingOverrides,
} from '../../packages/core/src/triage/index.js';
import { seededRandom } from '../../packages/core/src/random.js';
import { readLabeledCsv } from './data.js';
import { nearDuplicateGroups } from './near-duplicates.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      folds: { type: 'string', default: '5' },
      grid: { type: 'string', default: '[{}]' },
      'fold-seed': { type: 'string', default: '7' },
      'weigh-groups': { type: 'boolean', default: false },
    },
  });
  if (!values.train) throw new Error('usage: tune.ts --train <csv> [--folds 5] [--grid <json>]');
  const { examples: raw } = await readLabeledCsv(values.train);
  const folds = Number(values.folds);
  const grid = JSON.parse(values.grid) as TrainingOverrides[];
  const groups = nearDuplicateGroups(raw);
  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  // --weigh-groups: a group of reposts counts as one example in training.
  const examples = values['weigh-groups'] ? raw.map((e, i) => ({ ...e, weight: 1 / sizes.get(groups[i]!)! })) : raw;
  const assignment = stratifiedFolds(examples, groups, folds, Number(values['fold-seed']));
  for (const trial of grid) {
    let f1 = 0;
    let accuracy = 0;
    let trainMs = 0;
    for (let fold = 0; fold < folds; fold++) {
      const fit = examples.filter((_, i) => assignment[i] !== fold);
      const held = examples.filter((_, i) => assignment[i] === fold);
      const started = performance.now();
      // Calibration never changes the ranking, so it is skipped to halve the run time (the SVM
      // then starts cold, which moves its solution only within the solver's tolerance).
      const model = trainRoutingModel({ examples: fit, options: { calibrationFraction: 0, ...trial } });
      trainMs += performance.now() - started;
      const index = new Map(model.labels.map((label, i) => [label, i]));
      const truth = held.map((e) => index.get(e.label) ?? 0);
      const predicted = held.map((e) => index.get(model.suggest(e, 1)[0]!.label)!);
      const report = classificationReport(model.labels, truth, predicted);
      f1 += report.macroF1 / folds;
      accuracy += report.accuracy / folds;
    }
    console.log(
      `macroF1 ${f1.toFixed(4)}  acc ${accuracy.toFixed(4)}  trainMs/fold ${(trainMs / folds).toFixed(0)}  ${JSON.stringify(trial)}`,
    );
  }
}

/**
 * Fold number per example: near-duplicate groups stay whole, and groups are dealt round-robin
 * within each label (a group's label is its first member's) after a seeded shuffle.
 */
function stratifiedFolds(examples: readonly LabeledText[], groups: Int32Array, folds: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const members = new Map<number, number[]>();
  groups.forEach((group, i) => members.set(group, [...(members.get(group) ?? []), i]));
  const byLabel = new Map<string, number[][]>();
  for (const rows of members.values()) {
    const label = examples[rows[0]!]!.label;
    byLabel.set(label, [...(byLabel.get(label) ?? []), rows]);
  }
  const out = new Int32Array(examples.length);
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel.get(label)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    list.forEach((rows, k) => rows.forEach((row) => (out[row] = k % folds)));
  }
  return out;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
