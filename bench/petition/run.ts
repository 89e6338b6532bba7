/**
 * SMS petition parser quality (issue 11 §1): field-level precision, recall and F1 of core's
 * parsePetitionMessage on the labelled set (packages/core/src/petition/fixtures/labelled.json),
 * for the dev part (rules were tuned on it), the two held-out parts, all, and follow-up threads.
 *
 *   npm run bench:petition [-- --misses]
 *
 * The last line is one JSON object with the F1 per field of the whole set, for scripts.
 */
import { parseArgs } from 'node:util';
import { petitionReport } from './report.js';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false } } });
for (const line of petitionReport({ misses: values.misses, speedMs: 2000 })) console.log(line);
