/** Runs the fixtures below with only the summary reporter (test/support/summary-reporter.test.ts drives it). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['*.fixture.ts'], reporters: ['../summary-reporter.ts'] },
});
