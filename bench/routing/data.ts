import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
// The router's sources, not @openline/core's build: the benchmark then measures the code in the
// work tree without a build step, which is what `npm run bench:routing` promises.
import type { LabeledText } from '../../packages/core/src/triage/index.js';

/**
 * Reads a CSV with a header row and at least the columns `title`, `body` and `label`; any other
 * columns (ids, users, times) are ignored. Rows with an empty label or text are skipped and
 * counted, so a malformed file is noticed rather than silently shrinking the evaluation.
 */
export async function readLabeledCsv(path: string): Promise<{ examples: LabeledText[]; skipped: number }> {
  const text = await readFile(path, 'utf8');
  const rows: unknown = parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
  if (!Array.isArray(rows)) throw new Error(`${path}: not a CSV table`);
  const examples: LabeledText[] = [];
  let skipped = 0;
  for (const row of rows as Record<string, string | undefined>[]) {
    const label = (row.label ?? '').trim();
    const title = (row.title ?? '').trim();
    const body = (row.body ?? '').trim();
    if (label === '' || (title === '' && body === '')) {
      skipped++;
      continue;
    }
    examples.push({ title, body, label });
  }
  if (examples.length === 0) {
    throw new Error(`${path}: no usable rows (need a header with title, body and label columns)`);
  }
  return { examples, skipped };
}
