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
import { loadLabelledSet, scoreMessages, scoreThreads, type SetScore } from '../../packages/core/src/petition/fixtures.js';
import { PETITION_FIELDS, parsePetitionMessage } from '../../packages/core/src/petition/index.js';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false } } });
const set = loadLabelledSet();

function print(title: string, s: SetScore): void {
  console.log(`\n${title} (${s.n} ${title.startsWith('threads') ? 'threads' : 'messages'})`);
  console.log('field       precision  recall     F1     tp  fp  fn');
  for (const f of PETITION_FIELDS) {
    const r = s.fields[f];
    console.log(
      `${f.padEnd(10)}${r.precision.toFixed(3).padStart(10)}${r.recall.toFixed(3).padStart(8)}${r.f1.toFixed(3).padStart(7)}` +
        `${String(r.tp).padStart(7)}${String(r.fp).padStart(4)}${String(r.fn).padStart(4)}`,
    );
  }
  console.log(`invalid-ID verdict right ${(100 * s.invalidAccuracy).toFixed(1)} %; every field right ${(100 * s.allFieldsRight).toFixed(1)} %`);
  if (values.misses) for (const m of s.misses) console.log(`  miss ${m.id} ${m.field}: expected ${m.expected ?? '∅'} got ${m.got ?? '∅'}`);
}

const dev = scoreMessages(set, 'dev');
const heldout = scoreMessages(set, 'heldout');
const heldout2 = scoreMessages(set, 'heldout2');
const all = scoreMessages(set, 'all');
print('dev', dev);
print('held-out (written before tuning)', heldout);
print('held-out 2 (written after tuning)', heldout2);
print('all', all);
print('threads (parsed and merged)', scoreThreads(set));

const started = performance.now();
let parses = 0;
while (performance.now() - started < 1000) {
  for (const m of set.messages) parsePetitionMessage(m.text, set.units);
  parses += set.messages.length;
}
const elapsed = performance.now() - started;
console.log(`\nspeed ${((elapsed * 1000) / parses).toFixed(0)} µs per message (${set.units.length} units, ${parses} parses)`);
console.log(JSON.stringify(Object.fromEntries(PETITION_FIELDS.map((f) => [f, Number(all.fields[f].f1.toFixed(4))]))));
