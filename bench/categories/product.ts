/**
 * The learned category suggestion (ADR 0045) through the product's own code, on real appeals read
 * at run time: the training rows become a jurisdiction's closed cases, each with the category of
 * ours its label stands for; the worker's trainer (`trainCategoryModel`) learns from them as it
 * would from a city's history; then every evaluation row is suggested by `suggestCategoriesFor`,
 * what the intake screen calls. Nothing of the data or the model enters the repository.
 *
 *   npm run bench:category-model -- [--db sqlite|postgres] [--train …/train.csv] [--eval …/test.csv]
 */
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { readLabeledCsv } from '../routing/data.js';
import { measureCategoryModel } from './product-bench.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    train: { type: 'string', default: '../shared/data/appeals-zh/train.csv' },
    eval: { type: 'string', default: '../shared/data/appeals-zh/test.csv' },
  },
});

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const train = await readLabeledCsv(String(values.train));
  const evaluation = await readLabeledCsv(String(values.eval));
  const r = await measureCategoryModel(database, train.examples, evaluation.examples);
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  console.log(`${r.dialect}: ${r.loaded} closed cases loaded in ${r.loadMs} ms; model v${r.version} trained in ${r.trainMs} ms, held-out accuracy ${pct(r.heldOutAccuracy ?? 0)}`);
  console.log(`suggestCategoriesFor on ${r.n} evaluation appeals: right top level first ${pct(r.top1)}, in the top 3 ${pct(r.top3)}`);
  console.log(`per suggestion: ${r.wallMsPerSuggestion.toFixed(2)} ms wall, ${r.cpuMsPerSuggestion.toFixed(2)} ms CPU`);
} finally {
  await database.close();
  await cleanup();
}
