import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests for the console's pure logic (API client, validation, URL state, formatting).
// Run alone with `npx vitest run --config packages/web/vitest.config.ts`, or list this file
// in the root vitest.config.ts projects.
export default defineConfig({
  resolve: {
    alias: { '@openline/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'web',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts'],
  },
});
