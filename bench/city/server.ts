// One Openline server process over a generated city, as bench:city times it through HTTP.
// Env: CITY_DATABASE (DatabaseConfig JSON), CITY_KEY (base64). Prints `ready <url>` once it
// listens; stops on SIGTERM. Its RSS is read by the parent from /proc (VmRSS, VmHWM). For the
// bench alone it adds a Server-Timing header to every answer and GET /bench/gc, the garbage
// collections so far (server-timing.ts).
// As main.ts: V8's settings first (ADR 0081), so the source server collects as the product does.
import '../../packages/server/src/v8-flags.js';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { buildApp } from '../../packages/server/src/app.js';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { startLiveBus } from '../../packages/server/src/modules/live/start.js';
import { registerServerTiming, trackCpu, watchGc } from './server-timing.js';

const gc = watchGc();
const config = JSON.parse(process.env.CITY_DATABASE ?? 'null') as DatabaseConfig;
const database = openDatabase(config);
// As main.ts does at start-up: fresh planner statistics on SQLite.
await database.optimize();
// As main.ts: the live bus first (on PostgreSQL its listening connection also keeps the session cache, ADR 0078).
const quiet = { warn: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) };
const bus = await startLiveBus(config, database, quiet);
const app = await buildApp({
  config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, publicRateLimits: false, sessionCache: process.env.SESSION_CACHE !== '0' },
  database,
  pii: createPiiCipher(Buffer.from(process.env.CITY_KEY ?? '', 'base64')),
});
registerServerTiming(app);
app.get('/bench/gc', async () => gc());
const url = await app.listen({ port: 0, host: '127.0.0.1' });
trackCpu(app);
process.stdout.write(`ready ${url}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => bus.close()).then(() => database.close()).then(() => process.exit(0));
});
