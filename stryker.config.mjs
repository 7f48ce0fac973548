// @ts-check
/**
 * `npm run mutate`: mutation testing of src/ with Stryker and its vitest runner. Not part of `npm test`
 * nor of .ci/run: a full run takes long on a 2-core machine (see the README, "Mutation testing").
 * `MUTATE=src/adapters npm run mutate` mutates one folder only, with its own report and incremental file.
 * Incremental: a rerun tests again only the mutants whose code or covering tests changed.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const folder = (process.env.MUTATE ?? 'src').replace(/\/+$/, '');
const reports = `reports/mutation/${folder.replace(/\//g, '-')}`;

export default {
  mutate: [
    `${folder}/**/*.ts`,
    // Wiring only, run by the tests in a child process (test/main.test.ts), where no mutant is active.
    '!src/main.ts',
    '!src/run-telegram.ts',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  // Our tsconfig has no `extends` nor `references` to rewrite in the sandbox; Stryker's rewriter needs the
  // TypeScript 5 API, which TypeScript 7 no longer has, so point it at no file.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
