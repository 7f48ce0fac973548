/**
 * A real redis-server for tests, on a free loopback port, stopped by PID.
 * Ready when it says so on stdout (no sleeps).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = promisify(execFile);

export type TestRedis = { url: string; port: number; pid: number; stop(): Promise<void>; kill(): Promise<void>; restart(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string | undefined): Promise<ChildProcess> {
  // With a dir, every write is fsynced to an append-only file, so data survives a SIGKILL and restart.
  const persistence = dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'notice'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    child.once('error', (e) => reject(new Error(`redis-server could not start (is it installed? .ci/run installs it): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${log}`)));
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid as number, signal);
  });
}

/** Starts redis-server; `kill()` takes it down hard (to test "Redis down"), `restart()` brings it back on the same port. */
export async function startRedis(options: { persist?: boolean } = {}): Promise<TestRedis> {
  if (reuseServers() && !options.persist) return reusedRedis();
  const port = await freePort();
  const dir = options.persist ? mkdtempSync(join(tmpdir(), 'nsz-redis-')) : undefined;
  let child = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid as number;
    },
    stop: async () => {
      await stopChild(child, 'SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    kill: () => stopChild(child, 'SIGKILL'),
    restart: async () => {
      await stopChild(child, 'SIGKILL');
      child = await launch(port, dir);
    },
  };
}

/**
 * `TEST_REUSE_REDIS=1` (set by vitest.mutate.config.ts only): a mutation run reruns a test file for every
 * mutant, and starting its servers each time cost more than the tests. Stopped servers go back to a pool
 * and are emptied (FLUSHALL) when taken again; servers a test killed are not reused. `npm test` never
 * sets it: each file has its own servers there.
 */
export const reuseServers = () => process.env.TEST_REUSE_REDIS === '1';

const idle: ChildProcess[] = [];

/**
 * Pooled servers outlive the test files (and vitest's worker threads, which end without an exit event):
 * each is noted here by PID, and test/support/reused-servers-teardown.ts kills them when the run ends.
 */
export function noteReused(child: ChildProcess): ChildProcess {
  const dir = process.env.TEST_REUSED_PID_DIR;
  if (!dir) throw new Error('TEST_REUSE_REDIS needs the global set-up test/support/reused-servers-teardown.ts');
  writeFileSync(join(dir, String(child.pid)), '');
  return child;
}

export async function flushAll(port: number): Promise<void> {
  await run('redis-cli', ['-p', String(port), 'flushall']);
}

async function reusedRedis(): Promise<TestRedis> {
  let child = idle.pop();
  let port: number;
  if (child && child.exitCode === null && child.signalCode === null) {
    port = Number(child.spawnargs[child.spawnargs.indexOf('--port') + 1]);
    await flushAll(port);
  } else {
    port = await freePort();
    child = await launch(port, undefined);
  }
  child = noteReused(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child!.pid as number;
    },
    stop: async () => {
      if (child!.exitCode === null && child!.signalCode === null) idle.push(child!);
    },
    kill: () => stopChild(child!, 'SIGKILL'),
    restart: async () => {
      await stopChild(child!, 'SIGKILL');
      child = noteReused(await launch(port, undefined));
    },
  };
}
