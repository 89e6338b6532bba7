import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { rebuildFigures } from './rollup.js';

// `npm run rebuild-figures`: recompute the figures from every case's events (after a change of
// the rules in core/metrics, ADR 0012). Safe beside running workers: it holds the watermark.
const config = loadConfig();
const database = openDatabase(config.database);
try {
  await migrateToLatest(database.db);
  const result = await rebuildFigures({ db: database.db });
  console.log(result.ran ? `Figures rebuilt from ${result.cases} cases.` : 'A refresh was running; try again.');
} finally {
  await database.close();
}
