// The screen-pop's caller history (issue 10 §2: ≤ 5 ms p99 at 10 M cases) on a city kept by
// `npm run bench:city -- --cases N [--db postgres] --keep DIR`, either database, through the
// app's own `readCallerHistory` and connection (on PostgreSQL its named prepared statement).
// Three passes over the same numbers: the first reads pages from disk, the others find them in
// the caches, as a hotline's own frequent callers do. Besides wall time it reports this process's
// CPU per lookup (on SQLite that is the query's own cost, as it runs in-process), because on a
// shared machine the wall-clock tail is mostly waiting for a core.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/caller-history/kept.ts --city DIR [--runs 2000] [--passes 3]
import { parseArgs } from 'node:util';
import { normalizePhone } from '@openline/core';
import { seededRandom } from '../../packages/core/src/random.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { readCallerHistory } from '../../packages/server/src/modules/callers/history.js';
import { readKept } from '../city/keep.js';

const { values } = parseArgs({ options: { city: { type: 'string' }, runs: { type: 'string', default: '2000' }, passes: { type: 'string', default: '3' } } });
if (!values.city) throw new Error('--city DIR (a city kept by bench:city --keep)');
const kept = readKept(values.city);
const runs = Number(values.runs);
const passes = Number(values.passes);
const pii = createPiiCipher(Buffer.from(kept.key, 'base64'));
const database = openDatabase(kept.database);
const ctx = { db: database.db, dialect: database.dialect, pii };
const jurisdictionId = kept.city.jurisdictionId;
const viewer = { roles: ['operator'], orgUnitKind: 'centre' };
const now = new Date();

const bidx = (phone: string): string => {
  const p = normalizePhone(phone);
  if (!p.ok) throw new Error(phone);
  return pii.blindIndex(p.e164);
};
// The generator's numbers: caller i is +86139 and i in eight digits; low i call most.
const phones = (seed: number, pick: (r: () => number) => string): string[] => {
  const r = seededRandom(seed);
  return Array.from({ length: runs }, () => pick(r));
};
const kinds = {
  'any caller': phones(1, (r) => `+86139${String(Math.floor(r() * kept.city.callers)).padStart(8, '0')}`),
  'top-20 callers': phones(2, (r) => `+86139${String(Math.floor(r() * 20)).padStart(8, '0')}`),
  'unknown number': phones(3, (r) => `+86137${String(Math.floor(r() * 1e8)).padStart(8, '0')}`),
};

const at = (xs: number[], p: number): number => Number(([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)] ?? 0).toFixed(2));
const table: Record<string, { runs: number; p50: number; p99: number; max: number; cpuP50: number; cpuP99: number; rows: number }> = {};
for (let pass = 1; pass <= passes; pass++) {
  for (const [kind, list] of Object.entries(kinds)) {
    const wall: number[] = [];
    const cpu: number[] = [];
    let rows = 0;
    for (const phone of list) {
      // The blind index is the route's work too (HMAC of the normalised number): inside the timing.
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const h = await readCallerHistory(ctx, { jurisdictionId, bidx: bidx(phone), viewer, now });
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      rows += h.openCases.length + h.closedCases.length + h.recentContacts.length;
    }
    table[`pass ${pass}: ${kind}`] = { runs: list.length, p50: at(wall, 0.5), p99: at(wall, 0.99), max: at(wall, 1), cpuP50: at(cpu, 0.5), cpuP99: at(cpu, 0.99), rows: Number((rows / list.length).toFixed(1)) };
  }
}
console.log(`${kept.database.kind}, ${kept.city.rows.cases} cases, ${kept.city.callers} callers, ${runs} lookups per kind and pass (ms; rows = cases and contacts shown per lookup)`);
console.table(table);
console.log(JSON.stringify({ db: kept.database.kind, cases: kept.city.rows.cases, table }));
await database.close();
