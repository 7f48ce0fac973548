/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped", that any CI can read.
 * A failing hook counts: tests that did not run because a beforeAll failed are failed, not skipped (a
 * Redis that cannot start is a failure), and a suite or file whose own hook, import or collection failed
 * with no failed test to show for it counts once. Errors outside any test count too.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The parts of vitest's reported tasks the count reads (a structural type, so a test can build them). */
export type TaskLike = { state(): string; errors(): readonly unknown[] };
export type TestLike = { result(): { state: string }; options: { mode: string }; parent: ParentLike };
export type ParentLike = TaskLike & { type: string; parent?: ParentLike; children: { allTests(): Iterable<TestLike>; allSuites(): Iterable<ParentLike> } };
export type Counts = { passed: number; failed: number; skipped: number };

const ancestors = function* (test: TestLike): Generator<ParentLike> {
  for (let p: ParentLike | undefined = test.parent; p; p = p.type === 'module' ? undefined : p.parent) yield p;
};

export function countResults(modules: Iterable<ParentLike>, unhandledErrors = 0): Counts {
  const counts: Counts = { passed: 0, failed: unhandledErrors, skipped: 0 };
  for (const module of modules) {
    const failedTests = new Set<TestLike>();
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed' || (test.options.mode === 'run' && [...ancestors(test)].some((p) => p.state() === 'failed'))) {
        // Meant to run, did not pass: failed itself, or never ran because a hook above it failed.
        counts.failed++;
        failedTests.add(test);
      } else counts.skipped++;
    }
    // An error of the file or a suite itself (afterAll, import, collection) that no failed test shows.
    for (const task of [module, ...module.children.allSuites()]) {
      if (task.errors().length > 0 && ![...task.children.allTests()].some((test) => failedTests.has(test))) counts.failed++;
    }
  }
  return counts;
}

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): void {
    const counts = countResults(testModules, unhandledErrors.length);
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
