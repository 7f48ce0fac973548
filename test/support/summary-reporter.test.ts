/**
 * The closing line CI reads: vitest itself runs fixture files (a failing beforeAll, a failing file-level
 * beforeAll, a failing afterAll, a file that cannot load, plain pass/fail/skip) with our reporter.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('counts tests that never ran because a hook failed, and hook, import and teardown errors, as failed', () => {
  // A clean environment: the child is a vitest run of its own, not a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST'));
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--root', 'test/support/reporter-fixtures'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  const line = /tests: \d+ passed, \d+ failed, \d+ skipped/.exec(run.stdout)?.[0];
  // before-all: 1 passed, 2 failed, 1 skipped · top-before-all: 1 failed · after-all: 1 passed, 1 failed
  // plain: 1 passed, 1 failed, 1 skipped · broken: 1 failed
  expect(line, run.stdout + run.stderr).toBe('tests: 3 passed, 6 failed, 2 skipped');
  expect(run.status).not.toBe(0);
}, 60_000);
