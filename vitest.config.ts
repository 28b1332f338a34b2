import { defineConfig } from 'vitest/config';

// Projects: unit tests beside the code (Node), renderer component tests (jsdom, per file),
// integration tests that run real containers against one shared registry per run (serial
// files), and end-to-end tests in Debian's Chromium through web mode.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'engine/**/*.test.ts',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
            'test/fixtures/**/*.test.ts',
          ],
          environment: 'node',
          // Some unit tests start a process (the layer check, tsx) or many (lock, event-log
          // writers): on a busy 2-core CI machine that can take seconds, which is not a failure.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          environment: 'node',
          // jsdom renders slowly on a busy CI machine; slow is not failed.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
