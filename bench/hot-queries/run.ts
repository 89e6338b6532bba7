// Lists the server's queries on hot tables that do not carry the jurisdiction (ADR 0033).
//   npm run check:hot-queries
import { fileURLToPath } from 'node:url';
import { scanSources } from './scan.js';

const root = fileURLToPath(new URL('../../packages/server/src', import.meta.url));
const { findings, hotQueries, childTableQueries } = scanSources(root);
for (const kind of ['scan', 'key'] as const) {
  const list = findings.filter((f) => f.kind === kind);
  console.log(`\n${kind === 'scan' ? 'Sets of rows' : 'One row by its id'} without a jurisdiction (${list.length}):`);
  for (const f of list) console.log(`  ${f.file}:${f.line}  ${f.verb}('${f.table}')  in ${f.fn}`);
}
console.log(`\n${findings.length} of ${hotQueries} queries on hot tables lack a jurisdiction; ${childTableQueries} queries on child tables (case_events, …) are keyed by case or call only.`);
console.log(JSON.stringify({ hotQueries, lacking: findings.length, scans: findings.filter((f) => f.kind === 'scan').length, keys: findings.filter((f) => f.kind === 'key').length, childTableQueries }));
