import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'common/**/*.test.ts',
      'renderer/**/*.test.ts',
      'db/**/*.test.ts',
      'electron/**/*.test.ts',
      'scripts/**/*.test.ts',
      'server/**/*.test.ts',
      '*.test.ts',
    ],
    environment: 'node',
    globalSetup: ['./vitest.tmpdir.ts'],
    testTimeout: 30_000,
    // Set-up such as starting the sync server on PGlite shares the cores with another file's tests.
    hookTimeout: 60_000,
    // One test file per core: Vitest keeps one core free by default, which leaves a 2-core CI machine a single
    // worker and the suite's work done one file after another.
    maxWorkers: availableParallelism(),
  },
});
