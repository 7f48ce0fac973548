/**
 * The suite as `npm run mutate` runs it (Stryker switches mutants inside this process only).
 * Left out: tests that drive `src/main.ts` in a child process, where no mutant is ever active, so they
 * cannot kill one and only slow every run down; the exhaustive search over the campaigns' data
 * (campaign-reach), far too slow to repeat per mutant; and tests of the test support itself.
 * Timeouts are longer than in `npm test`: instrumented code runs slower.
 */
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      'test/main.test.ts',
      'test/crash.test.ts',
      'test/adapters/terminal.test.ts',
      'test/adapters/two-processes.test.ts',
      'test/support/**',
      'test/env-example.test.ts',
      'test/core/campaign-reach.test.ts',
    ],
    // One module graph for all files: a mutant run re-imports nothing (static mutants are ignored anyway).
    isolate: false,
    // Servers started by a test file go back to a pool when it stops them (test/support/redis-server.ts).
    env: { TEST_REUSE_REDIS: '1' },
    globalSetup: ['test/support/reused-servers-teardown.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
