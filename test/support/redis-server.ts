/**
 * A real redis-server for tests, on a free loopback port, stopped by PID.
 * Ready when it says so on stdout (no sleeps).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll } from 'vitest';
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
 * mutant, and starting its servers each time cost more than the tests. A stopped server is put back as idle
 * and emptied (FLUSHALL) when taken again; a server a test killed is not reused. `npm test` never sets it:
 * each file has its own servers there. The pool is files in a folder that the global set-up
 * (test/support/reused-servers-teardown.ts) made before any worker started: vitest re-evaluates the test
 * modules on every rerun, so no module variable outlives one; taking an idle server is an atomic unlink.
 */
export const reuseServers = () => process.env.TEST_REUSE_REDIS === '1';

function poolDir(): string {
  const dir = process.env.TEST_REUSED_PID_DIR;
  if (!dir) throw new Error('TEST_REUSE_REDIS needs the global set-up test/support/reused-servers-teardown.ts');
  return dir;
}

/** Notes a server's PID so the global teardown kills it when the run ends. */
export function noteReused(child: ChildProcess): ChildProcess {
  writeFileSync(join(poolDir(), `pid-${child.pid}`), '');
  return child;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Takes an idle entry of this kind (`redis` or `cluster`): its fields (ports, PIDs), or undefined. */
export function takeIdle(kind: string): number[] | undefined {
  for (const name of readdirSync(poolDir())) {
    if (!name.startsWith(`idle-${kind}-`)) continue;
    try {
      rmSync(join(poolDir(), name)); // Unlinking is atomic: of two takers, one finds it gone.
    } catch {
      continue;
    }
    const fields = name.slice(`idle-${kind}-`.length).split('-').map(Number);
    const pids = fields.slice(fields.length / 2);
    if (pids.every(alive)) return fields;
  }
  return undefined;
}

/** Puts a server (or cluster) back as idle: `fields` are its ports, then its PIDs. */
export function putIdle(kind: string, fields: number[]): void {
  writeFileSync(join(poolDir(), `idle-${kind}-${fields.join('-')}`), '');
}

export async function flushAll(port: number): Promise<void> {
  await run('redis-cli', ['-p', String(port), 'flushall']);
}

async function reusedRedis(): Promise<TestRedis> {
  const idle = takeIdle('redis');
  let port: number;
  let pid: number;
  if (idle) {
    [port, pid] = idle as [number, number];
    await flushAll(port);
  } else {
    port = await freePort();
    pid = noteReused(await launch(port, undefined)).pid as number;
  }
  let killed = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return pid;
    },
    stop: async () => {
      if (!killed) putIdle('redis', [port, pid]);
    },
    kill: async () => {
      killed = true;
      await stopPid(pid);
    },
    restart: async () => {
      await stopPid(pid);
      pid = noteReused(await launch(port, undefined)).pid as number;
      killed = false;
    },
  };
}

/** SIGKILL by PID (a pooled server may have been started by an earlier run's module): waits until it is gone. */
async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let tries = 0; alive(pid) && tries < 10_000; tries++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * One redis-server for a test file (started before its tests, stopped after them), a fresh key prefix on
 * each call, and clean-ups run after each test, the last added first. Call at the file's top level.
 */
export function redisForFile(): { url(): string; prefix(base: string): string; afterTest(cleanup: () => Promise<unknown>): void } {
  let redis: TestRedis | undefined;
  let cleanups: (() => Promise<unknown>)[] = [];
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });
  return {
    url: () => {
      if (!redis) throw new Error('redisForFile: Redis is started in beforeAll');
      return redis.url;
    },
    prefix: (base) => `${base}${prefixes++}:`,
    afterTest: (cleanup) => void cleanups.push(cleanup),
  };
}
