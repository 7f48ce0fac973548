/**
 * The reminder ledger on a real redis-server, call by call (its Lua scripts are what keeps "at most one
 * reminder per unit per day" and "each outcome counted once" true across workers and crashes). The queue
 * and worker around it are tested end to end in reminders.test.ts.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReminderRun } from '../../src/app/reminder-service.ts';
import { ReminderRecords } from '../../src/adapters/queue/reminder-records.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';

let server: TestRedis;
let redis: Redis;
let runs = 0;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

const records = () => new ReminderRecords(redis, `rec${++runs}:`);
const run = (over: Partial<ReminderRun> = {}): ReminderRun => ({
  runId: 'm-AAAAAAAAAAAA',
  campaignId: 'changji-2024',
  reminderId: 'm-AAAAAAAAAAAA',
  kind: 'manual',
  skipPaused: false,
  recipients: ['tg:1', 'tg:2'],
  skipped: { finished: 3, paused: 1, unreachable: 2 },
  report: { chatId: 9001, staff: '王', scope: '阜康' },
  createdAt: 1_700_000_000_000,
  ...over,
});

describe('runs', () => {
  it('starts a run once, counting its skipped units as done, and keeps its units and meta for 30 days', async () => {
    const r = records();
    expect(await r.startRun(run())).toBe(true);
    expect(await r.startRun(run({ recipients: ['tg:9'] }))).toBe(false);
    expect(await r.runUnits('m-AAAAAAAAAAAA')).toEqual(['tg:1', 'tg:2']);
    const record = await r.run('m-AAAAAAAAAAAA');
    expect(record).toEqual({
      counts: { total: 8, done: 6, sent: 0, finished: 3, paused: 1, unreachable: 2, today: 0, blocked: 0, failed: 0, unknown: 0 },
      meta: { campaignId: 'changji-2024', kind: 'manual', reminderId: 'm-AAAAAAAAAAAA', skipPaused: false, createdAt: 1_700_000_000_000, report: { chatId: 9001, staff: '王', scope: '阜康' } },
      reported: false,
    });
    const keys = await redis.keys(`rec${runs}:{reminders}:run:*`);
    expect(keys.sort()).toEqual([`rec${runs}:{reminders}:run:m-AAAAAAAAAAAA`, `rec${runs}:{reminders}:run:m-AAAAAAAAAAAA:units`]);
    for (const key of keys) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(30 * 86_400 - 60);
      expect(ttl).toBeLessThanOrEqual(30 * 86_400);
    }
    expect(await r.run('m-BBBBBBBBBBBB')).toBeUndefined();
  });

  it('a scheduled run without a report or recipients: no units list, its meta without a report, complete at once', async () => {
    const r = records();
    expect(await r.startRun(run({ runId: 's-x', kind: 'scheduled', skipPaused: true, recipients: [], report: undefined as never, skipped: { finished: 0, paused: 0, unreachable: 0 } }))).toBe(true);
    expect(await r.runUnits('s-x')).toEqual([]);
    expect(await redis.exists(`rec${runs}:{reminders}:run:s-x:units`)).toBe(0);
    expect((await r.run('s-x'))?.meta).not.toHaveProperty('report');
    expect(await r.progress('s-x')).toEqual({ done: 0, total: 0, complete: true });
    // A run never started is not complete.
    expect(await r.progress('s-never')).toEqual({ done: 0, total: 0, complete: false });
  });
});

describe('claims and outcomes', () => {
  it('one run claims a unit once a day: again it sees its own mark, another run finds it taken; release gives it back', async () => {
    const r = records();
    expect(await r.claim('m-1', 'c', '2025-03-10', 'tg:1')).toBe('claimed');
    expect(await r.claim('m-1', 'c', '2025-03-10', 'tg:1')).toBe('sending');
    expect(await r.claim('m-2', 'c', '2025-03-10', 'tg:1')).toBe('taken');
    expect(await r.claim('m-2', 'c', '2025-03-11', 'tg:1')).toBe('claimed');
    expect(await r.claim('m-3', 'other', '2025-03-10', 'tg:1')).toBe('claimed');
    const dayTtl = await redis.ttl(`rec${runs}:{reminders}:day:c:2025-03-10`);
    expect(dayTtl).toBeGreaterThan(3 * 86_400 - 60);
    expect(dayTtl).toBeLessThanOrEqual(3 * 86_400);
    expect(await redis.ttl(`rec${runs}:{reminders}:run:m-1:out`)).toBeGreaterThan(29 * 86_400);
    // Released (the send certainly did not happen): the unit is free for the day again.
    await r.release('m-1', 'c', '2025-03-10', 'tg:1');
    expect(await r.claim('m-4', 'c', '2025-03-10', 'tg:1')).toBe('claimed');
    // A release by a run that does not hold the day changes nothing.
    await r.release('m-1', 'c', '2025-03-10', 'tg:1');
    expect(await r.claim('m-5', 'c', '2025-03-10', 'tg:1')).toBe('taken');
    // Nor does a release of a unit with an outcome already.
    await r.record('m-4', 'c', 'tg:1', 'sent');
    await r.release('m-4', 'c', '2025-03-10', 'tg:1');
    expect(await r.claim('m-4', 'c', '2025-03-10', 'tg:1')).toBe('sent');
    expect(await r.claim('m-5', 'c', '2025-03-10', 'tg:1')).toBe('taken');
  });

  it('records each unit\'s outcome once; a sent one counts for the unit and its area; the run completes with its last unit', async () => {
    const r = records();
    await r.startRun(run({ runId: 'm-R', skipped: { finished: 1, paused: 0, unreachable: 0 } }));
    expect(await r.claim('m-R', 'changji-2024', '2025-03-10', 'tg:1')).toBe('claimed');
    expect(await r.record('m-R', 'changji-2024', 'tg:1', 'sent', 'fukang')).toEqual({ done: 2, total: 3, complete: false });
    // Recorded already: neither counted again nor changed; a claim now returns the outcome.
    expect(await r.record('m-R', 'changji-2024', 'tg:1', 'failed', 'fukang')).toEqual({ done: 2, total: 3, complete: false });
    expect(await r.claim('m-R', 'changji-2024', '2025-03-10', 'tg:1')).toBe('sent');
    expect(await r.record('m-R', 'changji-2024', 'tg:2', 'sent')).toEqual({ done: 3, total: 3, complete: true });
    expect(await r.progress('m-R')).toEqual({ done: 3, total: 3, complete: true });
    expect((await r.run('m-R'))?.counts).toMatchObject({ sent: 2, failed: 0, finished: 1 });
    expect(await r.sentCounts('changji-2024')).toEqual({ 'tg:1': 1, 'tg:2': 1 });
    expect(await r.sentByArea('changji-2024')).toEqual({ fukang: 1, '': 1 });
    // Other outcomes count in the run only.
    await r.startRun(run({ runId: 'm-S', recipients: ['tg:1'], skipped: { finished: 0, paused: 0, unreachable: 0 } }));
    expect(await r.record('m-S', 'changji-2024', 'tg:1', 'blocked', 'fukang')).toEqual({ done: 1, total: 1, complete: true });
    expect(await r.sentCounts('changji-2024')).toEqual({ 'tg:1': 1, 'tg:2': 1 });
    expect((await r.run('m-S'))?.counts.blocked).toBe(1);
  });

  it('an outcome for a run never started still counts nothing as complete', async () => {
    const r = records();
    expect(await r.record('m-none', 'c', 'tg:1', 'sent')).toEqual({ done: 1, total: 0, complete: false });
  });
});

describe('reports and drafts', () => {
  it('a run\'s report is claimed by one caller only, until released', async () => {
    const r = records();
    await r.startRun(run({ runId: 'm-P' }));
    expect(await r.claimReport('m-P')).toBe(true);
    expect(await r.claimReport('m-P')).toBe(false);
    expect((await r.run('m-P'))?.reported).toBe(true);
    await r.releaseReport('m-P');
    expect((await r.run('m-P'))?.reported).toBe(false);
    expect(await r.claimReport('m-P')).toBe(true);
  });

  it('keeps a preview for its time to live, and drops it on request', async () => {
    const r = records();
    const draft = { runId: 'm-D', campaignId: 'changji-2024', staffTelegramId: 9001, area: 'fukang', stuckDays: 3, createdAt: 1 };
    await r.saveDraft(draft, 600);
    expect(await r.draft('m-D')).toEqual(draft);
    const ttl = await redis.ttl(`rec${runs}:{reminders}:draft:m-D`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    await r.dropDraft('m-D');
    expect(await r.draft('m-D')).toBeUndefined();
  });
});
