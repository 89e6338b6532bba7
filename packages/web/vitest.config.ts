import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests for the console's pure logic (`*.test.ts`: API client, validation, URL state,
// formatting) and component tests of whole screens (`*.test.tsx`, in jsdom, each file opting in
// with `@vitest-environment jsdom`) against the real server, which the global setup starts on
// a fresh SQLite database. Run alone with `npx vitest run --project web`.
export default defineConfig({
  resolve: {
    alias: { '@openline/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'web',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    globalSetup: ['../server/test/support/web-component-server.ts'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 60_000,
  },
});
