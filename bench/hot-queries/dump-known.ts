// Writes known.json from the current sources: run after fixing queries, and review the diff.
//   node --import tsx bench/hot-queries/dump-known.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findingKey, scanSources } from './scan.js';

const root = fileURLToPath(new URL('../../packages/server/src', import.meta.url));
const keys = scanSources(root).findings.map(findingKey).sort();
writeFileSync(new URL('./known.json', import.meta.url), `${JSON.stringify(keys, null, 1)}\n`);
console.log(`${keys.length} known queries without a jurisdiction`);
