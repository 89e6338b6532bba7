/**
 * Routing benchmark: train the router on one labelled CSV, evaluate on another.
 *
 *   npm run bench:routing -- --train <csv> --eval <csv> [--save-model <json>]
 *
 * Prints human-readable figures, then as its last line one JSON object
 * {"n","accuracy","macroF1","trainMs","predictUsMedian"} for scripts and CI to parse.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { routingModelToJson, trainRoutingModel } from '../../packages/core/src/triage/index.js';
import { readLabeledCsv } from './data.js';
import { evaluateModel } from './evaluate.js';

const usage = 'usage: bench:routing -- --train <csv> --eval <csv> [--save-model <json>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      eval: { type: 'string' },
      'save-model': { type: 'string' },
    },
  });
  if (!values.train || !values.eval) throw new Error(usage);

  const train = await readLabeledCsv(values.train);
  const evaluation = await readLabeledCsv(values.eval);
  console.log(`train: ${values.train} (${train.examples.length} rows, ${train.skipped} skipped)`);
  console.log(`eval:  ${values.eval} (${evaluation.examples.length} rows, ${evaluation.skipped} skipped)`);

  const started = performance.now();
  const model = trainRoutingModel({ examples: train.examples });
  const trainMs = performance.now() - started;

  const result = evaluateModel(model, evaluation.examples);
  const json = JSON.stringify(routingModelToJson(model));
  if (values['save-model']) await writeFile(values['save-model'], json);

  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  const { report } = result;
  console.log('');
  console.log('label                 precision  recall     f1   support');
  for (const c of report.perClass) {
    console.log(
      `${c.label.padEnd(22 - wideChars(c.label))}${c.precision.toFixed(3).padStart(9)}${c.recall.toFixed(3).padStart(8)}` +
        `${c.f1.toFixed(3).padStart(7)}${String(c.support).padStart(10)}`,
    );
  }
  console.log('');
  console.log(`accuracy          ${pct(report.accuracy)}`);
  console.log(`macro-F1          ${report.macroF1.toFixed(4)}`);
  console.log(`top-3 accuracy    ${pct(result.top3Accuracy)}`);
  console.log(`calibration ECE   ${result.ece.toFixed(4)} (temperature ${model.temperature.toFixed(4)})`);
  if (result.unknownLabels > 0) console.log(`unknown labels    ${result.unknownLabels} eval rows`);
  console.log(`training          ${trainMs.toFixed(0)} ms (${model.training.examples} texts, solver passes ${model.training.iterations.join('/')})`);
  console.log(
    `prediction        median ${result.predictUs.median.toFixed(1)} µs, p95 ${result.predictUs.p95.toFixed(1)} µs, max ${result.predictUs.max.toFixed(0)} µs`,
  );
  console.log(`model             ${model.tfidf.buckets.length} feature columns, JSON ${(json.length / 1e6).toFixed(1)} MB`);
  console.log(`peak RSS          ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  console.log(`node              ${process.version}`);
  console.log(
    JSON.stringify({
      n: report.n,
      accuracy: round(report.accuracy, 4),
      macroF1: round(report.macroF1, 4),
      trainMs: Math.round(trainMs),
      predictUsMedian: round(result.predictUs.median, 1),
    }),
  );
}

/** CJK characters take two terminal columns; pad by display width so the table lines up. */
function wideChars(text: string): number {
  let wide = 0;
  for (const ch of text) if (ch.codePointAt(0)! >= 0x2e80) wide++;
  return wide;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
