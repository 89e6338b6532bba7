// Starts the real, built Openline server (SQLite, demo data) once for the whole browser suite.
// Vitest runs this in its main process; tests reach the server through inject('baseUrl').
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_INSTALL_COMMAND, CHROMIUM_PATH } from './support/constants.js';
import { assertBuilt, startServer } from './support/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the server under test, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
    /** Path of the server's SQLite database file (for the "no plaintext personal data" check). */
    dbPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; the browser suite needs Debian's Chromium.\n` +
        `Install it with:  ${CHROMIUM_INSTALL_COMMAND}`,
    );
  }
  assertBuilt();
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('dbPath', server.dbPath);
  // The teardown fails the run when the server died during the tests or did not shut down gracefully.
  return server.stop;
}
