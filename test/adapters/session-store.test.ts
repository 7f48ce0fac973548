/** One contract, three stores: memory, the local file (the terminal's default) and a real redis-server. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/adapters/file-store.ts';
import { MemoryStore } from '../../src/adapters/memory-store.ts';
import { RedisStore } from '../../src/adapters/redis-store.ts';
import { StoreUnavailableError, type SessionStore, type UnitIndexEntry } from '../../src/core/store.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';

const entry = (key: string, over: Partial<UnitIndexEntry> = {}): UnitIndexEntry => ({
  key,
  campaignId: 'changji-2024',
  area: 'fukang',
  unitName: '某某公司',
  status: 'started',
  updatedAt: Date.now(),
  ...over,
});

let redis: TestRedis;
let dir: string;
const opened: RedisStore[] = [];
beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'nsz-store-'));
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});
let files = 0;
const fileStore = async () => new FileStore(join(dir, `sessions-${++files}.json`), { retentionSeconds: 3600 });

async function redisStore(): Promise<RedisStore> {
  const store = new RedisStore({ url: redis.url, prefix: `t${opened.length}:`, retentionSeconds: 3600 });
  await store.connect();
  opened.push(store);
  return store;
}

const stores: [string, () => Promise<SessionStore>][] = [
  ['memory', async () => new MemoryStore({ retentionSeconds: 3600 })],
  ['file', fileStore],
  ['redis', redisStore],
];

describe.each(stores)('%s store', (_name, open) => {
  it('loads nothing for a new key and saves from version 0', async () => {
    const store = await open();
    expect(await store.load('tg:1')).toBeUndefined();
    expect(await store.save('tg:1', 0, 'first', entry('tg:1'))).toBe(true);
    expect(await store.load('tg:1')).toEqual({ version: 1, data: 'first' });
  });

  it('refuses a save against a stale version (compare-and-set)', async () => {
    const store = await open();
    expect(await store.save('tg:2', 0, 'a', entry('tg:2'))).toBe(true);
    expect(await store.save('tg:2', 0, 'b', entry('tg:2'))).toBe(false);
    expect(await store.save('tg:2', 1, 'c', entry('tg:2'))).toBe(true);
    expect(await store.save('tg:2', 1, 'd', entry('tg:2'))).toBe(false);
    expect(await store.load('tg:2')).toEqual({ version: 2, data: 'c' });
  });

  it('lets exactly one of many concurrent writers win each version', async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.save('tg:3', 0, `w${i}`, entry('tg:3'))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('claims an update id once', async () => {
    const store = await open();
    expect(await store.claimUpdate('u-1')).toBe(true);
    expect(await store.claimUpdate('u-1')).toBe(false);
    expect(await store.claimUpdate('u-2')).toBe(true);
  });

  it('marks a chat unreachable and clears the mark', async () => {
    const store = await open();
    expect(await store.isUnreachable('tg:20')).toBe(false);
    await store.setUnreachable('tg:20', true);
    expect(await store.isUnreachable('tg:20')).toBe(true);
    await store.setUnreachable('tg:20', false);
    expect(await store.isUnreachable('tg:20')).toBe(false);
  });

  it('keeps a staff index per campaign and area, newest first, and forgets a deleted unit', async () => {
    const store = await open();
    await store.save('tg:10', 0, JSON.stringify({ campaignId: 'changji-2024' }), entry('tg:10', { area: 'fukang', updatedAt: 1000 + Date.now() }));
    await store.save('tg:11', 0, JSON.stringify({ campaignId: 'changji-2024' }), entry('tg:11', { area: 'qitai', updatedAt: 2000 + Date.now(), status: 'finished' }));
    await store.save('tg:12', 0, JSON.stringify({ campaignId: 'changji-2024' }), entry('tg:12', { area: 'fukang', updatedAt: 3000 + Date.now() }));
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:12', 'tg:11', 'tg:10']);
    expect((await store.listUnits('changji-2024', ['fukang'])).map((e) => e.key)).toEqual(['tg:12', 'tg:10']);
    expect((await store.listUnits('changji-2024', ['qitai']))[0]?.status).toBe('finished');
    await store.delete('tg:12');
    expect(await store.load('tg:12')).toBeUndefined();
    expect((await store.listUnits('changji-2024', ['fukang'])).map((e) => e.key)).toEqual(['tg:10']);
  });
});

describe('retention', () => {
  it('memory: a session is gone once the retention period after its last save has passed', async () => {
    let now = 1_000_000;
    const store = new MemoryStore({ retentionSeconds: 60, now: () => now });
    await store.save('tg:1', 0, 'x', entry('tg:1'));
    now += 59_000;
    expect(await store.load('tg:1')).toBeDefined();
    await store.save('tg:1', 1, 'y', entry('tg:1')); // activity extends it
    now += 59_000;
    expect(await store.load('tg:1')).toEqual({ version: 2, data: 'y' });
    now += 2_000;
    expect(await store.load('tg:1')).toBeUndefined();
    expect(await store.listUnits('changji-2024')).toEqual([]);
  });

  it('redis: every save sets the session to expire after the retention period', async () => {
    const store = await redisStore();
    await store.save('tg:ttl', 0, 'x', entry('tg:ttl'));
    const prefix = `t${opened.indexOf(store)}:`; // as redisStore() named it
    const ttl = await store.redis.ttl(`${prefix}s:{tg:ttl}`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });
});

describe('file store', () => {
  it('keeps sessions, the index and unreachable marks across a reopen', async () => {
    const path = join(dir, 'reopen.json');
    const first = new FileStore(path, { retentionSeconds: 3600 });
    expect(first.durable).toBe(true);
    await first.save('term:local', 0, 'saved', entry('term:local'));
    await first.setUnreachable('tg:9', true);
    const second = new FileStore(path, { retentionSeconds: 3600 });
    expect(await second.load('term:local')).toEqual({ version: 1, data: 'saved' });
    expect((await second.listUnits('changji-2024')).map((e) => e.key)).toEqual(['term:local']);
    expect(await second.isUnreachable('tg:9')).toBe(true);
    // Compare-and-set holds across the reopen too.
    expect(await second.save('term:local', 0, 'stale', entry('term:local'))).toBe(false);
  });

  it('says the store is unavailable when the file cannot be written, and keeps nothing of that save', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const store = new FileStore(join(dir, 'ok.json'), { retentionSeconds: 3600 });
    await store.save('term:local', 0, 'first', entry('term:local'));
    // Point the same store at a path whose parent is a file: every write now fails.
    Object.defineProperty(store, 'path', { value: join(blocker, 'sessions.json') });
    await expect(store.save('term:local', 1, 'second', entry('term:local'))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.load('term:local')).toEqual({ version: 1, data: 'first' });
  });

  it.each([
    ['another program\'s JSON', JSON.stringify({ something: 'else' })],
    ['an empty file', ''],
    ['half a file', '{"version":1,"sessi'],
  ])('refuses to start on %s, saying why (and releases its lock)', (_label, contents) => {
    const path = join(dir, `foreign-${contents.length}.json`);
    writeFileSync(path, contents);
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ name: 'SessionFileError', reason: 'unreadable' }));
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('lets one process at a time use a session file, and takes over a lock left by a process that died', async () => {
    const path = join(dir, 'locked.json');
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((resolve) => holder.once('spawn', resolve));
    writeFileSync(`${path}.lock`, String(holder.pid));
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ reason: 'busy' }));
    await new Promise((resolve) => {
      holder.once('exit', resolve);
      holder.kill('SIGKILL');
    });
    const store = new FileStore(path, { retentionSeconds: 3600 });
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('redis store when Redis is down', () => {
  it('throws StoreUnavailableError quickly and recovers when Redis is back', async () => {
    const own = await startRedis();
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600, commandTimeoutMs: 500 });
    await store.connect();
    try {
      expect(await store.save('tg:1', 0, 'x', entry('tg:1'))).toBe(true);
      await own.kill();
      await expect(store.load('tg:1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await own.restart();
      // ioredis reconnects on its own; wait for the event rather than sleeping.
      if (store.redis.status !== 'ready') await new Promise((resolve) => store.redis.once('ready', resolve));
      expect(await store.load('tg:1')).toBeUndefined(); // the killed server kept nothing (no persistence)
      expect(await store.save('tg:1', 0, 'y', entry('tg:1'))).toBe(true);
    } finally {
      await store.close();
      await own.stop();
    }
  });
});
