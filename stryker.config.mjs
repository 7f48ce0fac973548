// @ts-check
/**
 * `npm run mutate`: mutation testing of src/ with Stryker and its vitest runner. Not part of `npm test`
 * nor of .ci/run: a full run takes long on a 2-core machine (see the README, "Mutation testing").
 * `MUTATE=src/adapters,src/app npm run mutate` mutates those folders (or files) only, with its own report and incremental file.
 * Incremental: a rerun tests again only the mutants whose code or covering tests changed.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const folders = (process.env.MUTATE ?? 'src').split(',').map((f) => f.trim().replace(/\/+$/, '')).filter(Boolean);
/** `MUTATE_NAME` names the report folder of a run over a long list of files. */
const reports = `reports/mutation/${process.env.MUTATE_NAME ?? folders.join('+').replace(/\//g, '-')}`;
/** `MUTATE_TESTS=test/core/**,test/app/**`: only these test files try to kill the mutants (a quicker, weaker run). */
const testFiles = process.env.MUTATE_TESTS ? { testFiles: process.env.MUTATE_TESTS.split(',') } : {};

export default {
  mutate: [
    ...folders.map((f) => (f.endsWith('.ts') ? f : `${f}/**/*.ts`)),
    // Entry points and their wiring, run by the tests only in child processes (test/main.test.ts,
    // reminder-deploy, staff-password), where no mutant is ever active: they cannot be measured in-process.
    '!src/main.ts',
    '!src/run-telegram.ts',
    '!src/run-web.ts',
    '!src/web.ts',
    '!src/worker.ts',
    '!src/staff-password.ts',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  coverageAnalysis: 'perTest',
  ...testFiles,
  // A static mutant (module-level code, run once at import: zod schemas, constant tables) needs a fresh
  // environment and the whole suite for each: ignored, and counted as such in the report.
  ignoreStatic: true,
  appendPlugins: ['./stryker/ignore-log-calls.mjs'],
  ignorers: ['log-calls'],
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
  // Runs of several parts at once each have their own temp folder: none copies another's sandboxes or reports.
  ignorePatterns: ['.stryker-tmp*', 'reports'],
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
