import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` (Node and jsdom, fast) and `e2e` (the built extension in real Chromium and
// Firefox; `npm run build` first). `npm test` runs both.
export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  test: {
    reporters: ['default', './tests/support/count-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
