import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: e2e suites spawn processes and servers of their own.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'node' } },
      // The helper's end-to-end suite again, against the single-file executable (issue 10).
      {
        extends: true,
        test: {
          name: 'executable',
          include: ['test/e2e/helper-*.test.ts'],
          env: { IAMRA_HELPER_RUNNER: 'executable' },
          globalSetup: ['test/support/build-executable.ts'],
        },
      },
    ],
  },
});
