// A CPU profile of one router training on a kept city's examples (ADR 0068): where the time goes.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --cpu-prof --cpu-prof-dir DIR --import tsx bench/daily-jobs/profile.ts --city DIR [--max 10000]
import { parseArgs } from 'node:util';
import { trainWithHeldOut } from '../../packages/core/src/triage/index.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { labelledExamples } from '../../packages/server/src/modules/routing/examples.js';
import { readKept } from '../city/keep.js';

const { values } = parseArgs({ options: { city: { type: 'string' }, max: { type: 'string', default: '10000' } } });
if (!values.city) throw new Error('--city DIR');
const kept = readKept(values.city);
const database = openDatabase(kept.database);
const { examples } = await labelledExamples(database.db, kept.city.jurisdictionId, Number(values.max));
await database.close();
const c0 = process.cpuUsage();
const r = trainWithHeldOut(examples);
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ examples: examples.length, labels: r.model.labels.length, columns: r.model.tfidf.buckets.length, accuracy: r.accuracy, macroF1: r.macroF1, iterations: r.model.training.iterations.slice(0, 12), cpuS: (c.user + c.system) / 1e6, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
