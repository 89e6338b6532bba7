import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server in development; override to point the console at another instance.
const apiTarget = process.env.OPENLINE_API_URL ?? 'http://localhost:8080';
const proxy = Object.fromEntries(
  ['/api', '/healthz', '/openapi.json', '/docs'].map((path) => [path, { target: apiTarget }]),
);

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Compile core from source so the console never needs a prior `tsc -b packages/core`.
    alias: {
      '@openline/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
    },
  },
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // Core is pure domain code (DESIGN §8) but its package.json does not say so. Saying it
        // here lets a page that needs only case statuses skip the phone-number metadata and zod.
        moduleSideEffects: [{ test: /[\\/]packages[\\/]core[\\/]src[\\/]/, sideEffects: false }],
      },
      output: {
        // entriesAware names chunks after every page that shares them ("antd~index~AppealPage~…");
        // the group name plus the content hash is enough and keeps URLs short.
        chunkFileNames: (chunk) => `assets/${chunk.name.replace(/~.*/, '')}-[hash].js`,
        // Vendor code changes far less often than ours, so it lives in chunks of its own that stay
        // cached across deployments. `entriesAware` splits a group by which pages use it: the
        // appeal form does not download the case table. Pages are split by React.lazy (routes.tsx).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/, priority: 30 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/, priority: 20 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component)[\\/]/, priority: 10, entriesAware: true },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0, entriesAware: true },
          ],
        },
      },
    },
  },
});
