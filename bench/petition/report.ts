import { loadLabelledSet, scoreMessages, scoreThreads, type SetScore } from '../../packages/core/src/petition/fixtures.js';
import { PETITION_FIELDS, parsePetitionMessage } from '../../packages/core/src/petition/index.js';

export interface PetitionReportOptions {
  /** Print each miss (message id, field, expected, got). */
  misses: boolean;
  /** How long to time parsing for the µs-per-message figure. */
  speedMs: number;
}

/** The lines `npm run bench:petition` prints; the last is JSON with the F1 per field of the whole set. */
export function petitionReport(options: PetitionReportOptions): string[] {
  const set = loadLabelledSet();
  const out: string[] = [];
  const print = (title: string, s: SetScore, noun: string) => {
    out.push('', `${title} (${s.n} ${noun})`, 'field       precision  recall     F1     tp  fp  fn');
    for (const f of PETITION_FIELDS) {
      const r = s.fields[f];
      out.push(
        `${f.padEnd(10)}${r.precision.toFixed(3).padStart(10)}${r.recall.toFixed(3).padStart(8)}${r.f1.toFixed(3).padStart(7)}` +
          `${String(r.tp).padStart(7)}${String(r.fp).padStart(4)}${String(r.fn).padStart(4)}`,
      );
    }
    out.push(`invalid-ID verdict right ${(100 * s.invalidAccuracy).toFixed(1)} %; every field right ${(100 * s.allFieldsRight).toFixed(1)} %`);
    if (options.misses) for (const m of s.misses) out.push(`  miss ${m.id} ${m.field}: expected ${m.expected ?? '∅'} got ${m.got ?? '∅'}`);
  };
  const all = scoreMessages(set, 'all');
  print('dev (rules tuned on it)', scoreMessages(set, 'dev'), 'messages');
  print('held-out (written before tuning)', scoreMessages(set, 'heldout'), 'messages');
  print('held-out 2 (written after tuning)', scoreMessages(set, 'heldout2'), 'messages');
  print('held-out 3 (written last, never tuned on)', scoreMessages(set, 'heldout3'), 'messages');
  print('all', all, 'messages');
  print('threads (parsed and merged)', scoreThreads(set), 'threads');

  const started = performance.now();
  let parses = 0;
  do {
    for (const m of set.messages) parsePetitionMessage(m.text, set.units);
    parses += set.messages.length;
  } while (performance.now() - started < options.speedMs);
  const elapsed = performance.now() - started;
  out.push('', `speed ${((elapsed * 1000) / parses).toFixed(0)} µs per message (${set.units.length} units, ${parses} parses)`);
  out.push(JSON.stringify(Object.fromEntries(PETITION_FIELDS.map((f) => [f, Number(all.fields[f].f1.toFixed(4))]))));
  return out;
}
