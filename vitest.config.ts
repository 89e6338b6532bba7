import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of @openline/core, so no build is needed first.
const alias = {
  '@openline/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
};

const serverSuite = (dialect: 'sqlite' | 'postgres') => ({
  resolve: { alias },
  test: {
    name: `server-${dialect}`,
    include: ['packages/server/test/**/*.test.ts'],
    provide: { dialect },
    globalSetup: ['packages/server/test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      'packages/web/vitest.config.ts',
      { resolve: { alias }, test: { name: 'core', include: ['packages/core/src/**/*.test.ts', 'bench/**/*.test.ts'] } },
      serverSuite('sqlite'),
      serverSuite('postgres'),
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/tests/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
