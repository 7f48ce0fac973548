/**
 * One contract, four stores: memory, the local file (the terminal's default), a real redis-server and a
 * real 3-master Redis Cluster, all started by the tests on loopback ports.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FileStore } from '../../src/adapters/store/file-store.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore, redisTarget, shardOf, SHARDS } from '../../src/adapters/store/redis-store.ts';
import { REMEMBERED_UPDATES, StoreUnavailableError, VIEW_SECONDS, type SessionStore, type UnitIndexEntry } from '../../src/core/store.ts';
import type { AuditEntry, AuditLog, RosterStore } from '../../src/core/staff-store.ts';
import { startRedisCluster, type TestCluster } from '../support/redis-cluster.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis-server.ts';
import { captureLog } from '../support/capture-log.ts';
import { creditCode } from '../support/staff.ts';
import { loadConfig } from '../../src/config.ts';
import { MEMORY, openStaffStores, openStore, storeReadiness } from '../../src/adapters/store/open-store.ts';
import { logRedisEvents } from '../../src/adapters/store/redis-health.ts';
import { AUDIT_KEPT, MemoryAuditLog, MemoryRosterStore, RedisAuditLog } from '../../src/adapters/store/staff-stores.ts';

const entry = (key: string, over: Partial<UnitIndexEntry> = {}): UnitIndexEntry => ({
  key,
  campaignId: 'changji-2024',
  area: 'fukang',
  unitName: '某某公司',
  status: 'started',
  updatedAt: Date.now(),
  counters: ['s:fukang:started'],
  ...over,
});

let redis: TestRedis;
let cluster: TestCluster;
let dir: string;
const opened: RedisStore[] = [];
beforeAll(async () => {
  [redis, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
  dir = mkdtempSync(join(tmpdir(), 'nsz-store-'));
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await Promise.all([redis?.stop(), cluster?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function redisStore(url = redis.url, retentionSeconds = 3600, now?: () => number): Promise<RedisStore> {
  const store = new RedisStore({ url, prefix: `t${opened.length}:`, retentionSeconds, ...(now ? { now } : {}) });
  await store.connect();
  opened.push(store);
  return store;
}
let files = 0;
const fileStore = async (retentionSeconds = 3600, now?: () => number) =>
  new FileStore(join(dir, `sessions-${++files}.json`), { retentionSeconds, ...(now ? { now } : {}) });

type Open = (retentionSeconds?: number, now?: () => number) => Promise<SessionStore>;
const stores: [string, Open][] = [
  ['memory', async (retentionSeconds = 3600, now) => new MemoryStore({ retentionSeconds, ...(now ? { now } : {}) })],
  ['file', fileStore],
  ['redis', (retentionSeconds, now) => redisStore(redis.url, retentionSeconds, now)],
  ['redis cluster', (retentionSeconds, now) => redisStore(cluster.url, retentionSeconds, now)],
];

describe.each(stores)('%s store', (name, open) => {
  it('loads nothing for a new key and saves from version 0', async () => {
    const store = await open();
    // Only the memory store forgets on exit: the unit is told the truth about resuming.
    expect(store.durable).toBe(name !== 'memory');
    expect(await store.load('tg:1')).toBeUndefined();
    expect(await store.save('tg:1', 0, 'first', { index: entry('tg:1') })).toBe('saved');
    expect(await store.load('tg:1')).toEqual({ version: 1, data: 'first', updates: [], prompts: [] });
  });

  it('refuses a save against a stale version (compare-and-set)', async () => {
    const store = await open();
    expect(await store.save('tg:2', 0, 'a')).toBe('saved');
    expect(await store.save('tg:2', 0, 'b')).toBe('conflict');
    expect(await store.save('tg:2', 1, 'c')).toBe('saved');
    expect(await store.save('tg:2', 1, 'd')).toBe('conflict');
    expect((await store.load('tg:2'))?.data).toBe('c');
  });

  it('lets exactly one of many concurrent writers win each version', async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.save('tg:3', 0, `w${i}`)));
    expect(results.filter((r) => r === 'saved')).toHaveLength(1);
  });

  it('records the update id in the same write: a second save of the same update is a duplicate', async () => {
    const store = await open();
    expect(await store.save('tg:4', 0, 'a', { updateId: '100' })).toBe('saved');
    // Even against the right version, and even from a writer that did not see the first save.
    expect(await store.save('tg:4', 1, 'b', { updateId: '100' })).toBe('duplicate');
    expect(await store.save('tg:4', 0, 'b', { updateId: '100' })).toBe('duplicate');
    expect(await store.save('tg:4', 1, 'b', { updateId: '101' })).toBe('saved');
    expect((await store.load('tg:4'))?.updates).toEqual(['100', '101']);
  });

  it('remembers the last 16 update ids only', async () => {
    const store = await open();
    for (let i = 0; i < 40; i++) expect(await store.save('tg:5', i, `d${i}`, { updateId: String(1000 + i) })).toBe('saved');
    const updates = (await store.load('tg:5'))?.updates ?? [];
    expect(updates).toHaveLength(REMEMBERED_UPDATES);
    expect(updates[0]).toBe('1024');
    expect(updates.at(-1)).toBe('1039');
  });

  it('remembers the last prompt a chat was shown (a store may keep a few more)', async () => {
    const store = await open();
    await store.save('tg:6', 0, 'x');
    await store.notePrompt('tg:6', { messageId: 5, questionId: 'q0', rev: 0 });
    expect((await store.load('tg:6'))?.prompts).toEqual([{ messageId: 5, questionId: 'q0', rev: 0 }]);
    for (let i = 1; i <= 6; i++) await store.notePrompt('tg:6', { messageId: i * 10, questionId: `q${i}`, rev: i });
    const prompts = (await store.load('tg:6'))?.prompts ?? [];
    expect(prompts.at(-1)).toEqual({ messageId: 60, questionId: 'q6', rev: 6 });
    expect(prompts.length).toBeLessThanOrEqual(4);
  });

  it('refuses a save for another incarnation of the session (one recreated after a forget)', async () => {
    const store = await open();
    expect(await store.save('tg:7', 0, 'a', { epoch: 'e1' })).toBe('saved');
    expect((await store.load('tg:7'))?.epoch).toBe('e1');
    await store.forget('tg:7', ['changji-2024']);
    expect(await store.save('tg:7', 0, 'b', { epoch: 'e2' })).toBe('saved');
    expect(await store.save('tg:7', 1, 'stale', { epoch: 'e1' })).toBe('conflict');
    expect(await store.save('tg:7', 1, 'c', { epoch: 'e2' })).toBe('saved');
    expect((await store.load('tg:7'))?.data).toBe('c');
  });

  it('takes a save that names no incarnation without refusing it, and the session keeps its own', async () => {
    const store = await open();
    expect(await store.save('tg:17', 0, 'a', { epoch: 'e1' })).toBe('saved');
    expect(await store.save('tg:17', 1, 'b')).toBe('saved');
    expect(await store.load('tg:17')).toMatchObject({ version: 2, data: 'b', epoch: 'e1' });
    expect(await store.save('tg:17', 2, 'c', { epoch: 'e2' })).toBe('conflict');
  });

  it('gives back the message id a save was bound to, and no field when there was none', async () => {
    const store = await open();
    await store.save('tg:8', 0, 'a', { messageId: 77 });
    expect((await store.load('tg:8'))?.messageId).toBe(77);
    await store.save('tg:8', 1, 'b');
    expect(await store.load('tg:8')).not.toHaveProperty('messageId');
    await store.save('tg:9', 0, 'c');
    expect(await store.load('tg:9')).not.toHaveProperty('epoch');
  });

  it('lists newest first whatever the order the units were saved in, and shows no counter left at zero', async () => {
    const store = await open();
    const t = Date.now();
    await store.save('tg:51', 0, 'old', { index: entry('tg:51', { updatedAt: t + 1000, counters: ['s:fukang:started'] }) });
    await store.save('tg:50', 0, 'new', { index: entry('tg:50', { updatedAt: t + 5000, counters: ['s:fukang:started'] }) });
    await store.save('tg:52', 0, 'mid', { index: entry('tg:52', { updatedAt: t + 3000, counters: ['s:fukang:started'] }) });
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:50', 'tg:52', 'tg:51']);
    for (const [i, key] of ['tg:50', 'tg:51', 'tg:52'].entries()) await store.save(key, 1, 'moved', { index: entry(key, { updatedAt: t + 6000 + i, counters: ['s:fukang:finished'] }) });
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:finished': 3 });
  });

  it('counts a unit once, however many turns it saves: before its first index entry, turns that keep its counters, turns without an entry', async () => {
    const store = await open();
    const t = Date.now();
    expect(await store.save('tg:90', 0, 'greeted')).toBe('saved'); // no campaign chosen yet: no index entry
    await store.save('tg:90', 1, 'a', { index: entry('tg:90', { updatedAt: t }) });
    await store.save('tg:90', 2, 'b', { index: entry('tg:90', { updatedAt: t + 1000 }) });
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    // A save without an entry changes no counter, and the next one with an entry takes back only what changed.
    await store.save('tg:90', 3, 'c');
    await store.save('tg:90', 4, 'd', { index: entry('tg:90', { updatedAt: t + 2000 }) });
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    await store.save('tg:90', 5, 'e', { index: entry('tg:90', { updatedAt: t + 3000, status: 'finished', counters: ['s:fukang:finished'] }) });
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:finished': 1 });
  });

  it('keeps every field of a unit\'s index entry (a unit that paused its reminders stays paused), and counts nothing for an entry without counters', async () => {
    const store = await open();
    const full = entry('tg:91', {
      creditCode: creditCode(91), unitType: 'enterprise', answered: 12, remaining: 3, stop: 'q_wages', verdict: 'pending', grade: 'B', missing: ['contract'], remindersPaused: true,
    });
    await store.save('tg:91', 0, 'a', { index: full });
    expect(await store.units('changji-2024', ['tg:91'])).toEqual([full]);
    expect(await store.listUnits('changji-2024')).toEqual([full]);
    const { counters: _none, ...bare } = entry('tg:92', { area: 'qitai', updatedAt: full.updatedAt - 1000 });
    await store.save('tg:92', 0, 'b', { index: bare });
    const [listed] = await store.units('changji-2024', ['tg:92']);
    expect(listed).toMatchObject(bare);
    expect(listed?.counters ?? []).toEqual([]);
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
  });

  it('lists no unit, no counter and prunes nothing for a campaign no unit has reached', async () => {
    const store = await open();
    await store.save('tg:93', 0, 'a', { index: entry('tg:93') });
    expect(await store.listUnits('no-such-campaign')).toEqual([]);
    expect(await store.units('no-such-campaign', ['tg:93'])).toEqual([undefined]);
    expect(await store.counters('no-such-campaign')).toEqual({});
    expect(await store.prune(['no-such-campaign'], Date.now())).toBe(0);
  });

  it('lists no unit inactive past the retention period, without a separate prune', async () => {
    let now = Date.now();
    const store = await open(60, () => now);
    await store.save('tg:80', 0, 'a', { index: entry('tg:80', { updatedAt: now }) });
    await store.save('tg:81', 0, 'b', { index: entry('tg:81', { updatedAt: now + 30_000 }) });
    now += 61_000;
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:81']);
  });

  it('closes twice without complaint', async () => {
    const store = await open();
    await store.save('tg:94', 0, 'a');
    await store.close();
    await store.close();
  });

  it('marks a chat unreachable, and a save clears the mark', async () => {
    const store = await open();
    await store.save('tg:20', 0, 'x');
    expect(await store.isUnreachable('tg:20')).toBe(false);
    await store.setUnreachable('tg:20', true);
    expect(await store.isUnreachable('tg:20')).toBe(true);
    expect(await store.unreachable()).toContain('tg:20');
    await store.setUnreachable('tg:20', false);
    expect(await store.isUnreachable('tg:20')).toBe(false);
    await store.setUnreachable('tg:20', true);
    expect(await store.save('tg:20', 1, 'y')).toBe('saved');
    expect(await store.isUnreachable('tg:20')).toBe(false);
  });

  it('keeps a staff index and counters per campaign, newest first, and forgets a unit entirely', async () => {
    const store = await open();
    const t = Date.now();
    await store.save('tg:10', 0, 'a', { index: entry('tg:10', { area: 'fukang', updatedAt: t + 1000, counters: ['s:fukang:started', 'q:fukang:staff'] }) });
    await store.save('tg:11', 0, 'b', { index: entry('tg:11', { area: 'qitai', updatedAt: t + 2000, status: 'finished', counters: ['s:qitai:finished'] }) });
    await store.save('tg:12', 0, 'c', { index: entry('tg:12', { area: 'fukang', updatedAt: t + 3000, counters: ['s:fukang:started', 'q:fukang:area'] }) });
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:12', 'tg:11', 'tg:10']);
    expect((await store.listUnits('changji-2024', ['fukang'])).map((e) => e.key)).toEqual(['tg:12', 'tg:10']);
    expect((await store.listUnits('changji-2024', ['qitai']))[0]?.status).toBe('finished');
    // A few units by key (the unreachable ones), without listing the rest.
    expect((await store.units('changji-2024', ['tg:11', 'tg:nobody', 'tg:10'])).map((e) => e?.area)).toEqual(['qitai', undefined, 'fukang']);
    expect(await store.units('other-campaign', ['tg:11'])).toEqual([undefined]);
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 2, 'q:fukang:staff': 1, 'q:fukang:area': 1, 's:qitai:finished': 1 });
    // A unit moves on: its old counters are taken back, its new ones added.
    await store.save('tg:10', 1, 'a2', { index: entry('tg:10', { area: 'fukang', updatedAt: t + 4000, status: 'finished', counters: ['s:fukang:finished'] }) });
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1, 's:fukang:finished': 1, 'q:fukang:area': 1, 's:qitai:finished': 1 });
    await store.notePrompt('tg:12', { messageId: 1, questionId: 'x', rev: 1 });
    await store.setUnreachable('tg:12', true);
    await store.forget('tg:12', ['changji-2024']);
    expect(await store.load('tg:12')).toBeUndefined();
    expect(await store.isUnreachable('tg:12')).toBe(false);
    expect((await store.listUnits('changji-2024', ['fukang'])).map((e) => e.key)).toEqual(['tg:10']);
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:finished': 1, 's:qitai:finished': 1 });
  });

  it('forgets what is left of a unit with no session (its index entry), and a unit never seen', async () => {
    let now = Date.now();
    const store = await open(60, () => now);
    await store.save('tg:30', 0, 'a', { index: entry('tg:30', { updatedAt: now }) });
    await store.forget('tg:30', ['changji-2024']);
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual([]);
    await store.forget('tg:never', ['changji-2024']);
    expect(await store.counters('changji-2024')).toEqual({});
  });

  it('prunes index entries whose units were inactive past the retention period', async () => {
    let now = Date.now();
    const store = await open(60, () => now);
    await store.save('tg:40', 0, 'a', { index: entry('tg:40', { updatedAt: now }) });
    await store.save('tg:41', 0, 'b', { index: entry('tg:41', { updatedAt: now + 30_000, area: 'qitai', counters: ['s:qitai:started'] }) });
    now += 61_000;
    expect(await store.prune(['changji-2024'], now)).toBe(1);
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:41']);
    expect(await store.counters('changji-2024')).toEqual({ 's:qitai:started': 1 });
  });

  it('keeps web resume codes (one session per code) and the last page, and forgets both with the unit', async () => {
    let now = Date.now();
    const store = await open(60, () => now);
    await store.save('web:a', 0, 'a');
    expect(await store.claimResumeCode('ABCD2345', 'web:a')).toBe(true);
    // The same claim again is fine; another session cannot take the code.
    expect(await store.claimResumeCode('ABCD2345', 'web:a')).toBe(true);
    expect(await store.claimResumeCode('ABCD2345', 'web:b')).toBe(false);
    expect(await store.resumeKey('ABCD2345')).toBe('web:a');
    expect(await store.resumeCode('web:a')).toBe('ABCD2345');
    expect(await store.resumeKey('ZZZZ9999')).toBeUndefined();
    expect(await store.loadView('web:a')).toBeUndefined();
    await store.saveView('web:a', '{"turn":"t1"}');
    expect(await store.loadView('web:a')).toBe('{"turn":"t1"}');
    // A turn keeps the code alive as long as the answers (the stores on this process's clock: past its first 60 s).
    now += 40_000;
    await store.saveView('web:a', '{"turn":"t2"}');
    now += 40_000;
    expect(await store.resumeKey('ABCD2345')).toBe('web:a');
    await store.forget('web:a', ['changji-2024']);
    expect(await store.resumeKey('ABCD2345')).toBeUndefined();
    expect(await store.resumeCode('web:a')).toBeUndefined();
    expect(await store.loadView('web:a')).toBeUndefined();
    // Once forgotten, the code is free again.
    expect(await store.claimResumeCode('ABCD2345', 'web:b')).toBe(true);
  });
});

describe.each(stores.slice(0, 2))('%s store on this process\'s clock (Redis expires keys on its own)', (_name, open) => {
  it('a session lives exactly the retention period after its last save', async () => {
    let now = 1_000_000;
    const store = await open(60, () => now);
    await store.save('tg:70', 0, 'a');
    now += 59_999;
    expect((await store.load('tg:70'))?.data).toBe('a');
    now += 1;
    expect(await store.load('tg:70')).toBeUndefined();
    // Gone means gone: saving again starts from version 0.
    expect(await store.save('tg:70', 1, 'b')).toBe('conflict');
    expect(await store.save('tg:70', 0, 'b')).toBe('saved');
  });

  it('a unit leaves the lists when its session expires, exactly the retention period after its last turn', async () => {
    let now = 1_000_000;
    const store = await open(60, () => now);
    await store.save('tg:71', 0, 'a', { index: entry('tg:71', { updatedAt: now }) });
    now += 59_999;
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:71']);
    now += 1;
    expect(await store.load('tg:71')).toBeUndefined();
    expect(await store.listUnits('changji-2024')).toEqual([]);
    expect(await store.counters('changji-2024')).toEqual({});
  });

  it('a resume code lapses with the retention period unless a page is shown, and is then free for another session', async () => {
    let now = 1_000_000;
    const store = await open(60, () => now);
    expect(await store.claimResumeCode('LAPS2345', 'web:a')).toBe(true);
    now += 59_999;
    expect(await store.resumeKey('LAPS2345')).toBe('web:a');
    expect(await store.claimResumeCode('LAPS2345', 'web:b')).toBe(false);
    now += 1;
    expect(await store.resumeKey('LAPS2345')).toBeUndefined();
    expect(await store.resumeCode('web:a')).toBeUndefined();
    expect(await store.claimResumeCode('LAPS2345', 'web:b')).toBe(true);
    expect(await store.resumeKey('LAPS2345')).toBe('web:b');
    // The page of a session without a code is kept, and renews no one else's code.
    await store.saveView('web:nocode', 'v');
    expect(await store.loadView('web:nocode')).toBe('v');
    now += 59_999;
    await store.saveView('web:a', 'v');
    now += 1;
    expect(await store.resumeKey('LAPS2345')).toBeUndefined();
  });

  it('keeps the last page a day', async () => {
    let now = 1_000_000;
    const store = await open(30 * 86_400, () => now);
    await store.saveView('web:v', 'page');
    now += VIEW_SECONDS * 1000 - 1;
    expect(await store.loadView('web:v')).toBe('page');
    now += 1;
    expect(await store.loadView('web:v')).toBeUndefined();
  });
});

describe('redis: keys and expiry', () => {
  it('keeps its keys under nsz: when no prefix is given, and closes twice without complaint', async () => {
    const store = new RedisStore({ url: redis.url, retentionSeconds: 3600 });
    await store.connect();
    await store.save('tg:prefix', 0, 'x');
    expect((await store.redis.keys('nsz:*')).length).toBeGreaterThan(0);
    await store.forget('tg:prefix', []);
    await store.close();
    // Closed means closed: the connection is gone, and a late command is refused as unavailable.
    await expect(store.load('tg:prefix')).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it('places a unit by FNV-1a (its published test vectors), so that every version finds the keys an earlier one wrote', () => {
    expect(['', 'a', 'foobar'].map(shardOf)).toEqual([0x811c9dc5 % SHARDS, 0xe40c292c % SHARDS, 0xbf9cf968 % SHARDS]);
  });

  it('takes one server\'s URL with a stray comma and spaces as that server; several URLs, or cluster, as Cluster seeds', async () => {
    const store = await redisStore(` ${redis.url} , `);
    expect(store.redis).toBeInstanceOf(Redis);
    expect(await store.save('tg:one', 0, 'x')).toBe('saved');
    expect(redisTarget(' redis://a:6380 , ', false)).toEqual({ url: 'redis://a:6380' });
    expect(redisTarget('redis://a:6380', true)).toEqual({ nodes: [{ host: 'a', port: 6380 }] });
    expect(redisTarget('redis://a:6380, redis://b', false)).toEqual({ nodes: [{ host: 'a', port: 6380 }, { host: 'b', port: 6379 }] });
  });

  it('takes Cluster seed nodes with spaces after the commas and a trailing comma', async () => {
    const store = await redisStore(`${cluster.url.split(',').join(', ')},`);
    expect(await store.save('tg:seeds', 0, 'x')).toBe('saved');
    expect((await store.load('tg:seeds'))?.data).toBe('x');
  });

  it('a page shown renews the resume code in Redis too, both ways (code → session, session → code)', async () => {
    const store = await redisStore();
    const prefix = `t${opened.indexOf(store)}:`;
    await store.claimResumeCode('RNEW2345', 'web:renew');
    const keys = [`${prefix}code:RNEW2345`, `${prefix}{${shardOf('web:renew')}}:r:web:renew`];
    // Most of the retention period gone by (Redis expires keys on its own clock: shortened by hand).
    for (const key of keys) expect(await store.redis.expire(key, 10)).toBe(1);
    await store.saveView('web:renew', 'page');
    for (const key of keys) expect(await store.redis.ttl(key)).toBeGreaterThan(3500);
    expect(await store.resumeKey('RNEW2345')).toBe('web:renew');
  });

  it('refuses update ids and epochs that cannot be stored, and drops counters that cannot', async () => {
    const store = await redisStore();
    await expect(store.save('tg:60', 0, 'a', { updateId: 'a,b' })).rejects.toThrow(/update id/);
    await expect(store.save('tg:60', 0, 'a', { epoch: 'e|1' })).rejects.toThrow(/epoch/);
    await expect(store.save('tg:60', 0, 'a', { updateId: 'x\ny' })).rejects.toThrow(/update id/);
    expect(await store.load('tg:60')).toBeUndefined();
    expect(await store.save('tg:60', 0, 'a', { updateId: 'u-1', epoch: 'e-1', index: entry('tg:60', { counters: ['s:fukang:started', 'bad,counter'] }) })).toBe('saved');
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
  });

  it('keeps a unit\'s keys under one hash tag, spread over the shards', async () => {
    const store = await redisStore();
    const prefix = `t${opened.indexOf(store)}:`;
    await store.save('tg:777', 0, 'x', { index: entry('tg:777') });
    await store.notePrompt('tg:777', { messageId: 1, questionId: 'a', rev: 1 });
    const keys = await store.redis.keys(`${prefix}*`);
    const tags = new Set(keys.map((k) => /\{[^}]+\}/.exec(k)?.[0]));
    expect(tags).toEqual(new Set([`{${shardOf('tg:777')}}`]));
    expect(new Set(Array.from({ length: 500 }, (_, i) => shardOf(`tg:${i}`))).size).toBe(SHARDS);
  });

  it('reads sessions and prompt lists written before the epoch and activity fields, and saves them on', async () => {
    const store = await redisStore();
    const tag = `t${opened.indexOf(store)}:{${shardOf('tg:old')}}`;
    await store.redis.set(`${tag}:s:tg:old`, '3|101,102|s:-:started,q:-:q2|0|\n{"old":true}');
    await store.redis.set(`${tag}:p:tg:old`, JSON.stringify([{ messageId: 7, questionId: 'q2', rev: 2 }]));
    expect(await store.load('tg:old')).toEqual({ version: 3, data: '{"old":true}', updates: ['101', '102'], prompts: [{ messageId: 7, questionId: 'q2', rev: 2 }] });
    expect(await store.save('tg:old', 3, 'new', { updateId: '102', epoch: 'e9' })).toBe('duplicate');
    expect(await store.save('tg:old', 3, 'new', { updateId: '103', epoch: 'e9', index: entry('tg:old', { counters: ['s:-:finished'] }) })).toBe('saved');
    expect(await store.load('tg:old')).toMatchObject({ version: 4, data: 'new', updates: ['101', '102', '103'], epoch: 'e9' });
    // The counters the old header named are taken back (never added in this test, hence -1).
    expect(await store.counters('changji-2024')).toEqual({ 's:-:started': -1, 'q:-:q2': -1, 's:-:finished': 1 });
    // A unit that adds one back brings that counter to zero: not shown.
    await store.save('tg:new', 0, 'x', { index: entry('tg:new', { counters: ['s:-:started'] }) });
    expect(await store.counters('changji-2024')).toEqual({ 'q:-:q2': -1, 's:-:finished': 1 });
    // A prompt list it cannot read is no prompt: the session loads all the same.
    const broken = `t${opened.indexOf(store)}:{${shardOf('tg:broken')}}`;
    await store.redis.set(`${broken}:s:tg:broken`, '1||||\nkept');
    await store.redis.set(`${broken}:p:tg:broken`, '[{"messageId":7,');
    expect(await store.load('tg:broken')).toEqual({ version: 1, data: 'kept', updates: [], prompts: [] });
  });

  it('writes a unit\'s activity score once per grain of time, not on every save', async () => {
    let now = 1_000_000_000_000;
    const store = await redisStore(redis.url, 400 * 86_400, () => now);
    const activity = `t${opened.indexOf(store)}:{${shardOf('tg:act')}}:a:changji-2024`;
    await store.save('tg:act', 0, 'a', { index: entry('tg:act', { updatedAt: now }) });
    await store.save('tg:act', 1, 'b', { index: entry('tg:act', { updatedAt: now + 60_000 }) });
    expect(Number(await store.redis.zscore(activity, 'tg:act'))).toBe(now);
    await store.save('tg:act', 2, 'c', { index: entry('tg:act', { updatedAt: now + 86_400_000 }) });
    expect(Number(await store.redis.zscore(activity, 'tg:act'))).toBe(now + 86_400_000);
    // Pruned only past the retention period and a grain's margin.
    now += 86_400_000 + 400 * 86_400_000;
    expect(await store.prune(['changji-2024'], now)).toBe(0);
    expect(await store.prune(['changji-2024'], now + 86_400_000 + 1)).toBe(1);
  });

  it('every save sets the session (and prompts) to expire after the retention period', async () => {
    const store = await redisStore();
    const prefix = `t${opened.indexOf(store)}:`;
    await store.save('tg:ttl', 0, 'x');
    await store.notePrompt('tg:ttl', { messageId: 1, questionId: 'a', rev: 1 });
    for (const kind of ['s', 'p']) {
      const ttl = await store.redis.ttl(`${prefix}{${shardOf('tg:ttl')}}:${kind}:tg:ttl`);
      expect(ttl).toBeGreaterThan(3500);
      expect(ttl).toBeLessThanOrEqual(3600);
    }
  });

  it('forget leaves no key of the chat behind', async () => {
    const store = await redisStore();
    const prefix = `t${opened.indexOf(store)}:`;
    await store.save('tg:gone', 0, 'x', { updateId: '9', index: entry('tg:gone') });
    await store.notePrompt('tg:gone', { messageId: 1, questionId: 'a', rev: 1 });
    await store.setUnreachable('tg:gone', true);
    await store.claimResumeCode('GONE2345', 'tg:gone');
    await store.saveView('tg:gone', 'page');
    await store.forget('tg:gone', ['changji-2024']);
    const left = await store.redis.keys(`${prefix}*`);
    // Only the shard's counters hash may remain (a shared total, now holding nothing of this unit).
    for (const key of left) expect(key).toMatch(/:c:changji-2024$/);
    const counters = await store.counters('changji-2024');
    expect(counters).toEqual({});
  });
});

describe('file store', () => {
  it('keeps sessions, the index, counters and unreachable marks across a reopen', async () => {
    const path = join(dir, 'reopen.json');
    const first = new FileStore(path, { retentionSeconds: 3600 });
    expect(first.durable).toBe(true);
    await first.save('term:local', 0, 'saved', { updateId: 'u1', index: entry('term:local') });
    await first.setUnreachable('tg:9', true);
    await first.claimResumeCode('KEEP2345', 'term:local');
    await first.close();
    const second = new FileStore(path, { retentionSeconds: 3600 });
    expect(await second.load('term:local')).toEqual({ version: 1, data: 'saved', updates: ['u1'], prompts: [] });
    expect((await second.listUnits('changji-2024')).map((e) => e.key)).toEqual(['term:local']);
    expect(await second.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    expect(await second.isUnreachable('tg:9')).toBe(true);
    expect(await second.resumeKey('KEEP2345')).toBe('term:local');
    // Compare-and-set and exactly-once hold across the reopen too.
    expect(await second.save('term:local', 0, 'stale')).toBe('conflict');
    expect(await second.save('term:local', 1, 'again', { updateId: 'u1' })).toBe('duplicate');
    await second.close();
  });

  it('writes the file for this user only, keeps message ids and epochs, and leaves expired sessions and codes out', async () => {
    const path = join(dir, 'nested', 'deeper', 'kept.json');
    let now = 1_000_000;
    const first = new FileStore(path, { retentionSeconds: 60, now: () => now });
    await first.save('tg:1', 0, 'old');
    await first.claimResumeCode('OLDC2345', 'web:old');
    now += 30_000;
    await first.save('tg:2', 0, 'kept', { messageId: 5, epoch: 'e-2' });
    now += 30_000;
    await first.setUnreachable('tg:3', true);
    await first.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(path, 'utf8')) as { sessions: { key: string }[]; codes: unknown[] };
    expect(written.sessions.map((x) => x.key)).toEqual(['tg:2']);
    expect(written.codes).toEqual([]);
    const second = new FileStore(path, { retentionSeconds: 60, now: () => now });
    expect(await second.load('tg:2')).toMatchObject({ data: 'kept', messageId: 5, epoch: 'e-2' });
    await second.close();
  });

  it('says the store is unavailable when the file cannot be written, and keeps nothing of that save', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const store = new FileStore(join(dir, 'ok.json'), { retentionSeconds: 3600 });
    await store.save('term:local', 0, 'first', { index: entry('term:local') });
    // Point the same store at a path whose parent is a file: every write now fails.
    Object.defineProperty(store, 'path', { value: join(blocker, 'sessions.json') });
    await expect(store.save('term:local', 1, 'second', { index: entry('term:local', { status: 'finished', counters: ['s:fukang:finished'] }) })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.load('term:local'))?.data).toBe('first');
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    expect((await store.listUnits('changji-2024'))[0]?.status).toBe('started');
    // A new unit's failed save leaves no session and no index entry; a marked chat stays marked.
    await store.setUnreachable('term:other', true).catch(() => undefined);
    await expect(store.save('term:other', 0, 'x', { index: entry('term:other', { counters: ['s:fukang:started'] }) })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.load('term:other')).toBeUndefined();
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['term:local']);
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    expect(await store.isUnreachable('term:other')).toBe(true);
    // Nor does a failed save mark a chat that was not marked, take back counters an entry never had, or fail
    // differently without an index entry.
    const { counters: _none, ...bare } = entry('term:third');
    await expect(store.save('term:third', 0, 'x', { index: bare })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.save('term:fourth', 0, 'x')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.isUnreachable('term:third')).toBe(false);
    expect(await store.isUnreachable('term:fourth')).toBe(false);
    expect(await store.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    // Once the file can be written again, the next save writes everything kept, and nothing of the failed ones.
    Object.defineProperty(store, 'path', { value: join(dir, 'ok.json') });
    expect(await store.save('term:other', 0, 'y')).toBe('saved');
    await store.close();
    const reopened = new FileStore(join(dir, 'ok.json'), { retentionSeconds: 3600 });
    expect(await reopened.load('term:local')).toMatchObject({ version: 1, data: 'first' });
    expect(await reopened.load('term:other')).toMatchObject({ version: 1, data: 'y' });
    expect(await reopened.load('term:third')).toBeUndefined();
    expect((await reopened.listUnits('changji-2024')).map((e) => e.key)).toEqual(['term:local']);
    await reopened.close();
  });

  it('reads a version 1 file (each session with its index entry beside it, no counters), and keeps it across later restarts', async () => {
    const path = join(dir, 'version-1.json');
    const t = Date.now();
    const v1Entry = (key: string, updatedAt: number) => ({ key, campaignId: 'changji-2024', area: 'fukang', unitName: '某某公司', status: 'started', updatedAt });
    writeFileSync(path, JSON.stringify({
      version: 1,
      sessions: [
        { key: 'term:old', version: 2, data: 'old', expiresAt: t + 3_600_000, index: v1Entry('term:old', t) },
        { key: 'tg:left', version: 1, data: 'left', expiresAt: t + 3_600_000, index: v1Entry('tg:left', t - 1000) },
      ],
      unreachable: ['tg:5'],
    }));
    const first = new FileStore(path, { retentionSeconds: 3600 });
    expect(await first.load('term:old')).toEqual({ version: 2, data: 'old', updates: [], prompts: [] });
    expect((await first.listUnits('changji-2024')).map((e) => e.key)).toEqual(['term:old', 'tg:left']);
    expect(await first.isUnreachable('tg:5')).toBe(true);
    // Entries without counters count nothing, neither when read nor when forgotten.
    expect(await first.counters('changji-2024')).toEqual({});
    await first.forget('tg:left', ['changji-2024']);
    expect(await first.counters('changji-2024')).toEqual({});
    expect(await first.save('term:old', 2, 'new', { index: entry('term:old', { updatedAt: t + 1000 }) })).toBe('saved');
    await first.close();
    // Written back as version 2; read and written again, then read a third time.
    const second = new FileStore(path, { retentionSeconds: 3600 });
    expect(await second.load('term:old')).toMatchObject({ version: 3, data: 'new' });
    expect(await second.save('tg:new', 0, 'x')).toBe('saved');
    await second.close();
    const third = new FileStore(path, { retentionSeconds: 3600 });
    expect((await third.listUnits('changji-2024')).map((e) => e.key)).toEqual(['term:old']);
    expect(await third.counters('changji-2024')).toEqual({ 's:fukang:started': 1 });
    expect(await third.load('tg:new')).toMatchObject({ data: 'x' });
    await third.close();
  });

  it('writes what a prune took out: the figures are the same after a restart', async () => {
    const path = join(dir, 'pruned.json');
    let now = 1_000_000;
    const first = new FileStore(path, { retentionSeconds: 60, now: () => now });
    await first.save('tg:1', 0, 'a', { index: entry('tg:1', { updatedAt: now }) });
    await first.save('tg:2', 0, 'b', { index: entry('tg:2', { updatedAt: now + 30_000, area: 'qitai', counters: ['s:qitai:started'] }) });
    now += 60_000;
    expect(await first.prune(['changji-2024'], now)).toBe(1);
    await first.close();
    const second = new FileStore(path, { retentionSeconds: 60, now: () => now });
    expect(await second.counters('changji-2024')).toEqual({ 's:qitai:started': 1 });
    expect((await second.units('changji-2024', ['tg:1', 'tg:2'])).map((e) => e?.key)).toEqual([undefined, 'tg:2']);
    await second.close();
  });

  it('refuses to start when the session file cannot be read (a folder in its place), instead of starting empty', () => {
    const path = join(dir, 'a-folder.json');
    mkdirSync(path);
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ name: 'SessionFileError', reason: 'inaccessible', code: 'EISDIR', message: `${path} cannot be read or written (EISDIR): a folder in its place, or no permission` }));
    // No lock left behind: once the folder is moved away, the store starts.
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses to start, naming the file and the system error, when a folder stands where its lock goes', () => {
    const path = join(dir, 'lock-is-a-folder.json');
    mkdirSync(`${path}.lock`);
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ name: 'SessionFileError', reason: 'inaccessible', path, code: 'EISDIR' }));
  });

  it('refuses to start, naming the file and the system error, when a file stands where its folder goes', () => {
    const path = join(dir, 'not-a-folder', 'sessions.json');
    writeFileSync(dirname(path), '');
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ name: 'SessionFileError', reason: 'inaccessible', path, code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/) }));
  });

  it.each([
    ["another program's JSON", JSON.stringify({ something: 'else' })],
    ['an empty file', ''],
    ['half a file', '{"version":1,"sessi'],
  ])('refuses to start on %s, saying why (and releases its lock)', (_label, contents) => {
    const path = join(dir, `foreign-${contents.length}.json`);
    writeFileSync(path, contents);
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ name: 'SessionFileError', reason: 'unreadable', message: `${path} is not a session file; move it away to start afresh` }));
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('lets one process at a time use a session file, and takes over a lock left by a process that died', async () => {
    const path = join(dir, 'locked.json');
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((resolve) => holder.once('spawn', resolve));
    writeFileSync(`${path}.lock`, String(holder.pid));
    expect(() => new FileStore(path, { retentionSeconds: 3600 })).toThrow(expect.objectContaining({ reason: 'busy', message: `${path} is in use by another process` }));
    await new Promise((resolve) => {
      holder.once('exit', resolve);
      holder.kill('SIGKILL');
    });
    const store = new FileStore(path, { retentionSeconds: 3600 });
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it.each([['no number', 'garbage'], ['0', '0'], ['this process', String(process.pid)]])('takes over a lock file naming %s', async (_label, holder) => {
    const path = join(dir, `lock-${holder.length}-${holder.slice(0, 3)}.json`);
    writeFileSync(`${path}.lock`, holder);
    const store = new FileStore(path, { retentionSeconds: 3600 });
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await store.close();
  });
});

/** A promise's outcome so far, to see what has settled before the event loop turns. */
function settled<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; error?: unknown } {
  const seen: { state: 'pending' | 'resolved' | 'rejected'; error?: unknown } = { state: 'pending' };
  promise.then(() => (seen.state = 'resolved'), (error: unknown) => Object.assign(seen, { state: 'rejected', error }));
  return seen;
}
const turnOfTheEventLoop = () => new Promise((resolve) => setImmediate(resolve));

type StaffStores = { roster: RosterStore; audit: AuditLog };
const staffStores: [string, () => Promise<StaffStores>][] = [
  ['memory', async () => ({ roster: new MemoryRosterStore(), audit: new MemoryAuditLog() })],
  ...(['redis', 'redis cluster'] as const).map((name): [string, () => Promise<StaffStores>] => [
    name,
    async () => {
      const store = await redisStore(name === 'redis' ? redis.url : cluster.url);
      return openStaffStores(store, `t${opened.indexOf(store)}:`);
    },
  ]),
];
const rosterRow = (n: number, area = 'fukang') => ({ name: `第${n}号单位`, creditCode: creditCode(n), area, importedAt: 1_000, importedBy: '阜康市人社局 王' });
const tokens = () => {
  let n = 0;
  return () => `invite-${++n}`;
};

describe.each(staffStores)('%s roster and audit log', (_name, open) => {
  it('gives each roster unit an invitation that a re-import keeps, and finds the unit by it', async () => {
    const { roster } = await open();
    const draw = tokens();
    const first = await roster.upsert('changji-2024', [rosterRow(1), rosterRow(2, 'qitai')], draw);
    expect(first.map((e) => [e.creditCode, e.token, e.campaignId])).toEqual([[creditCode(1), 'invite-1', 'changji-2024'], [creditCode(2), 'invite-2', 'changji-2024']]);
    // Imported again (unit 2 has moved): same invitation; a new unit gets a new one.
    const again = await roster.upsert('changji-2024', [rosterRow(2, 'fukang'), rosterRow(3)], draw);
    expect(again.map((e) => e.token)).toEqual(['invite-2', 'invite-3']);
    expect(await roster.byToken('invite-2')).toMatchObject({ creditCode: creditCode(2), area: 'fukang', campaignId: 'changji-2024', name: '第2号单位' });
    expect(await roster.byToken('invite-1')).toMatchObject({ creditCode: creditCode(1) });
    expect(await roster.byToken('no-such-invitation')).toBeUndefined();
    expect((await roster.list('changji-2024')).map((e) => e.creditCode).sort()).toEqual([creditCode(1), creditCode(2), creditCode(3)].sort());
    expect(await roster.list('changji-2024', ['qitai'])).toEqual([]);
    expect(await roster.list('no-roster-yet')).toEqual([]);
  });

  it('counts roster units per area and those that started, once each, apart from other campaigns', async () => {
    const { roster } = await open();
    expect(await roster.counts('changji-2024')).toEqual({});
    // Unit 4 started in another campaign before this roster listed it: not started here.
    await roster.markStarted('other-campaign', creditCode(4));
    await roster.upsert('changji-2024', [rosterRow(1), rosterRow(2), rosterRow(3, 'qitai'), rosterRow(4)], tokens());
    expect(await roster.counts('changji-2024')).toEqual({ fukang: { expected: 3, started: 0 }, qitai: { expected: 1, started: 0 } });
    await roster.markStarted('changji-2024', creditCode(1));
    await roster.markStarted('changji-2024', creditCode(1));
    await roster.markStarted('changji-2024', creditCode(3));
    expect(await roster.counts('changji-2024')).toEqual({ fukang: { expected: 3, started: 1 }, qitai: { expected: 1, started: 1 } });
    // A unit that started before its roster came counts as started once listed.
    await roster.markStarted('other-campaign', creditCode(5));
    await roster.upsert('other-campaign', [rosterRow(5, 'qitai')], tokens());
    expect(await roster.counts('other-campaign')).toEqual({ qitai: { expected: 1, started: 1 } });
  });

  it('lists staff actions newest first, as many as asked, from an empty log', async () => {
    const { audit } = await open();
    expect(await audit.list()).toEqual([]);
    const actions: AuditEntry[] = [
      { at: 1, staff: '阜康市人社局 王', action: 'roster_import', count: 3 },
      { at: 2, staff: '州人社局 张', action: 'audit_export' },
    ];
    for (const a of actions) await audit.append(a);
    expect(await audit.list()).toEqual([actions[1], actions[0]]);
    expect(await audit.list(1)).toEqual([actions[1]]);
  });
});

describe('redis: roster and audit log', () => {
  it('keeps two deployments on one Redis apart by their key prefix: invitations and audit logs', async () => {
    const deployment = async () => {
      const store = await redisStore();
      return openStaffStores(store, `t${opened.indexOf(store)}:`);
    };
    const a = await deployment();
    const b = await deployment();
    await a.roster.upsert('changji-2024', [rosterRow(1)], () => 'invite-a');
    await b.roster.upsert('changji-2024', [rosterRow(1)], () => 'invite-b');
    expect(await b.roster.byToken('invite-a')).toBeUndefined();
    expect(await a.roster.byToken('invite-b')).toBeUndefined();
    expect(await a.roster.byToken('invite-a')).toMatchObject({ creditCode: creditCode(1) });
    await a.audit.append({ at: 1, staff: 'a', action: 'audit_export' });
    expect(await b.audit.list()).toEqual([]);
  });

  it('keeps the newest 100,000 staff actions', async () => {
    const store = await redisStore();
    const prefix = `t${opened.indexOf(store)}:`;
    const { audit } = openStaffStores(store, prefix);
    // A full log (written as the audit log writes it), then one more action.
    const old = JSON.stringify({ at: 0, staff: 'earlier', action: 'audit_export' });
    for (let i = 0; i < AUDIT_KEPT; i += 10_000) await store.redis.rpush(`${prefix}audit`, ...Array.from({ length: 10_000 }, () => old));
    await audit.append({ at: 1, staff: 'latest', action: 'roster_import', count: 1 });
    const kept = await audit.list(AUDIT_KEPT + 10);
    expect(kept).toHaveLength(AUDIT_KEPT);
    expect(kept[0]).toMatchObject({ staff: 'latest' });
  });
});

describe('redis store when Redis is down', () => {
  it('throws StoreUnavailableError at once, without a word on the console, and recovers when Redis is back', async () => {
    const own = await startRedis();
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600, commandTimeoutMs: 500 });
    const { roster, audit } = openStaffStores(store, 'down:');
    await store.connect();
    const consoleErrors = vi.spyOn(console, 'error');
    try {
      expect(await store.save('tg:1', 0, 'x')).toBe('saved');
      let attempts = 0;
      const secondAttempt = new Promise<void>((resolve) => store.redis.on('reconnecting', () => ++attempts === 2 && resolve()));
      await own.kill();
      await secondAttempt; // the first reconnect attempt has failed
      // Nothing waits for Redis to come back: the user hears "try again" before any I/O.
      const load = settled(store.load('tg:1'));
      const save = settled(store.save('tg:1', 1, 'lost'));
      await turnOfTheEventLoop();
      expect(load).toMatchObject({ state: 'rejected', error: expect.any(StoreUnavailableError) });
      expect(save).toMatchObject({ state: 'rejected', error: expect.any(StoreUnavailableError) });
      // Staff are told the same.
      await expect(audit.append({ at: 1, staff: 'clerk', action: 'audit_export' })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(roster.list('changji-2024')).rejects.toBeInstanceOf(StoreUnavailableError);
      // The failed attempt was an 'error' event that only the store itself listens to here: nothing printed.
      expect(consoleErrors.mock.calls.flat().join(' ')).not.toMatch(/ioredis/);
      await own.restart();
      // ioredis reconnects on its own; wait for the event rather than sleeping.
      if (store.redis.status !== 'ready') await new Promise((resolve) => store.redis.once('ready', resolve));
      expect(await store.load('tg:1')).toBeUndefined(); // the killed server kept nothing (no persistence)
      expect(await store.save('tg:1', 0, 'y')).toBe('saved');
    } finally {
      consoleErrors.mockRestore();
      await store.close();
      await own.stop();
    }
  });

  it('says unavailable after the command timeout (2 s by default) when Redis hangs instead of going away', async () => {
    const own = await startRedis();
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600 });
    // Also if the test times out: SIGKILL ends a stopped server, then the store closes at once.
    onTestFinished(async () => {
      await own.kill();
      await store.close();
    });
    await store.connect();
    expect(await store.save('tg:hang', 0, 'x')).toBe('saved');
    process.kill(own.pid, 'SIGSTOP');
    await expect(store.load('tg:hang')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('logs an outage once (its first error and first reconnect attempt, then debug lines) and its end with their counts; readiness names the state meanwhile', async () => {
    const own = await startRedis();
    const log = captureLog('debug');
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600 });
    logRedisEvents(store.redis, log.logger);
    await store.connect();
    const ready = storeReadiness(store);
    try {
      expect(await ready?.()).toBe(true);
      let errors = 0;
      let attempts = 0;
      const twoFailed = new Promise<void>((resolve) => store.redis.on('error', () => ++errors === 2 && resolve()));
      store.redis.on('reconnecting', () => attempts++);
      await own.kill();
      await twoFailed;
      expect(['connecting', 'reconnecting']).toContain(await ready?.());
      const back = new Promise((resolve) => store.redis.once('ready', resolve));
      await own.restart();
      await back;
      expect(await ready?.()).toBe(true);
      const lines = log.entries().filter((e) => e.component === 'redis');
      expect(lines.filter((e) => e.level === 'error')).toEqual([expect.objectContaining({ msg: 'redis error' })]);
      expect(lines.filter((e) => e.msg === 'redis error' && e.level === 'debug')).toHaveLength(errors - 1);
      // Reconnect attempts back off from 200 ms (to at most 2 s); the first is the one warning.
      const reconnecting = lines.filter((e) => 'attempt' in e);
      expect(reconnecting.slice(0, 2)).toEqual([
        expect.objectContaining({ level: 'warn', msg: 'redis connection lost; reconnecting', attempt: 1, delayMs: 200 }),
        expect.objectContaining({ level: 'debug', msg: 'redis reconnecting', attempt: 2, delayMs: 400 }),
      ]);
      expect(reconnecting.filter((e) => e.level === 'warn')).toHaveLength(1);
      expect(lines.find((e) => e.msg === 'redis reconnected')).toMatchObject({ level: 'info', attempts, errors });
    } finally {
      await store.close();
      await own.stop();
    }
  });
});

describe('opening the store from the configuration', () => {
  it('memory for :memory:, a file by default, Redis with REDIS_URL; readiness and staff stores to match', async () => {
    const memory = await openStore(loadConfig({ SESSION_FILE: MEMORY }));
    expect(memory).toBeInstanceOf(MemoryStore);
    expect(memory.durable).toBe(false);
    expect(storeReadiness(memory)).toBeUndefined();
    expect(openStaffStores(memory, 'x:').roster).toBeInstanceOf(MemoryRosterStore);
    const file = await openStore(loadConfig({ SESSION_FILE: join(dir, 'opened.json'), SESSION_RETENTION_DAYS: '2', NIANSHEN_NOW: '2025-03-10T09:00:00+08:00' }));
    expect(file).toBeInstanceOf(FileStore);
    await file.save('tg:1', 0, 'x', { index: entry('tg:1', { updatedAt: new Date('2025-03-10T09:00:00+08:00').getTime() - 2 * 86_400_000 + 1000 }) });
    // Its clock is NIANSHEN_NOW's, its retention SESSION_RETENTION_DAYS': one second short of two days, the unit is kept.
    expect((await file.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:1']);
    await file.close();
    const viaRedis = await openStore(loadConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'opened:' }));
    try {
      expect(viaRedis).toBeInstanceOf(RedisStore);
      await viaRedis.save('tg:1', 0, 'x');
      expect((await (viaRedis as RedisStore).redis.keys('opened:*')).length).toBeGreaterThan(0);
      expect(await storeReadiness(viaRedis)?.()).toBe(true);
      expect(openStaffStores(viaRedis, 'opened:').audit).toBeInstanceOf(RedisAuditLog);
    } finally {
      await viaRedis.close();
    }
  });

  it.each([['in memory', MEMORY], ['in a file', 'aged.json']])('%s: ages units on the configured clock (NIANSHEN_NOW) by SESSION_RETENTION_DAYS', async (_label, file) => {
    const now = new Date('2025-03-10T09:00:00+08:00').getTime();
    const store = await openStore(loadConfig({ SESSION_FILE: file === MEMORY ? MEMORY : join(dir, file), SESSION_RETENTION_DAYS: '2', NIANSHEN_NOW: '2025-03-10T09:00:00+08:00' }));
    await store.save('tg:kept', 0, 'x', { index: entry('tg:kept', { updatedAt: now - 2 * 86_400_000 + 1000 }) });
    await store.save('tg:gone', 0, 'x', { index: entry('tg:gone', { updatedAt: now - 2 * 86_400_000 - 1000 }) });
    // One second short of two days is kept, one second past is not.
    expect((await store.listUnits('changji-2024')).map((e) => e.key)).toEqual(['tg:kept']);
    await store.close();
  });

  it('says plainly when Redis cannot be reached, and leaves no connection open', async () => {
    const port = await freePort();
    await expect(openStore(loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}` }))).rejects.toThrow(/^Cannot reach Redis at REDIS_URL/);
  });
});
