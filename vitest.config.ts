import { defineConfig } from 'vitest/config';

const shared = {
  exclude: ['node_modules/**', 'dist/**'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // Two cores: e2e suites spawn processes and servers of their own.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'node', include: ['**/*.test.ts'] } },
      // The helper's end-to-end suite again, against the single-file executable (issue 10).
      {
        test: {
          ...shared,
          name: 'executable',
          include: ['test/e2e/helper-*.test.ts'],
          env: { IAMRA_HELPER_RUNNER: 'executable' },
          globalSetup: ['test/support/build-executable.ts'],
        },
      },
    ],
  },
});
