// The real server for the console's component tests (packages/web, `*.test.tsx`): a fresh,
// migrated SQLite database with the small test jurisdiction, the whole app listening on a free
// local port, and a signed-in session per role. A component test sends its requests here
// through `fetch`, so a page is tested against the server's actual answers, not hand-written ones.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../src/app.js';
import { createPiiCipher } from '../../src/crypto/pii.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { login, seedFixture } from './fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 */
    webServerUrl: string;
    /** Cookie header of a signed-in admin of the test jurisdiction. */
    adminCookie: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-web-test-'));
  const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'test.db') });
  await migrateToLatest(database.db);
  const pii = createPiiCipher(randomBytes(32));
  const app = await buildApp({ config: { logLevel: 'silent', webDist: path.join(dir, 'no-web'), trustProxy: false }, database, pii });
  await seedFixture({ db: database.db, dialect: database.dialect, pii });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  project.provide('webServerUrl', url);
  project.provide('adminCookie', await login(app, 'admin'));
  return async () => {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
