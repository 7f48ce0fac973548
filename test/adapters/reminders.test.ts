/**
 * Reminders through the real BullMQ queue and worker, on a real redis-server (and a 3-master Redis Cluster),
 * sending with telegraf's client to the Bot API emulator. Throughput under Telegram's flood control is in
 * reminders-flood.test.ts (left out of mutation runs: a thousand sends per mutant).
 * Nothing of ours is mocked; the clock is injected, so "days before the deadline" and "night" are dates.
 */
import { once } from 'node:events';
import type { Job } from 'bullmq';
import { Cluster, type Redis, type RedisOptions } from 'ioredis';
import { TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { newRunId } from '../../src/app/reminder-service.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { StaffService } from '../../src/app/staff-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { bullConnection, openReminders } from '../../src/adapters/queue/open-reminders.ts';
import { reportJobId, schedulerId, unitJobId, type ReminderJob } from '../../src/adapters/queue/reminder-queue.ts';
import type { RunRecord } from '../../src/adapters/queue/reminder-records.ts';
import { certainlyNotSent, limiterFor, reportText } from '../../src/adapters/queue/reminder-worker.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore, shardOf } from '../../src/adapters/store/redis-store.ts';
import { loadConfig } from '../../src/config.ts';
import { StoreUnavailableError } from '../../src/core/store.ts';
import { captureLog } from '../support/capture-log.ts';
import { freePort } from '../support/redis-server.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import { startRedisCluster, type TestCluster } from '../support/redis-cluster.ts';
import { reminderHarness } from '../support/reminder-harness.ts';
import { seedUnits, telegramUnits } from '../support/reminders.ts';

const { campaign, DAY7, STAFF_CHAT, ALL_AREAS, REPORT, at, emulator, setup, manualRun, reportOf, messagesTo, until } = reminderHarness();
type Setup = Awaited<ReturnType<typeof setup>>;

/** The next job of this rig's worker matching `match` to complete, or to fail (an attempt), with its return value or error. */
function settled(s: Setup, match: (job: Job<ReminderJob>) => boolean): Promise<{ state: 'completed' | 'failed'; job: Job<ReminderJob>; value: unknown }> {
  const w = s.rig.worker?.worker;
  if (!w) return Promise.reject(new Error('no worker in this rig'));
  return new Promise((resolve) => {
    const off = () => {
      w.off('completed', completed);
      w.off('failed', failed);
    };
    const completed = (job: Job<ReminderJob>, value: unknown) => {
      if (!match(job)) return;
      off();
      resolve({ state: 'completed', job, value });
    };
    const failed = (job: Job<ReminderJob> | undefined, error: Error) => {
      if (!job || !match(job)) return;
      off();
      resolve({ state: 'failed', job, value: error });
    };
    w.on('completed', completed);
    w.on('failed', failed);
  });
}
const unitOf = (key: string) => (job: Job<ReminderJob>) => job.data.kind === 'unit' && job.data.unitKey === key;
const reportFor = (runId: string) => (job: Job<ReminderJob>) => job.data.kind === 'report' && job.data.runId === runId;
const sendsTo = (emu: { calls: readonly { method: string; params: Record<string, unknown>; at: number }[] }, chat: number) => emu.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chat);

describe('failures', () => {
  it('403: the unit is marked unreachable and not retried; other errors are retried, then reported failed', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { attempts: 5, backoffMs: 20 });
    await seedUnits(s.store, campaign, [...telegramUnits(120_001, 3), { key: 'tg:120004', status: 'finished' }], DAY7);
    emu.failFor(120_001, { code: 403 });
    emu.failFor(120_002, { code: 500 });
    const { run } = await manualRun(s);
    await emu.waitFor(() => reportOf(emu) !== '', 20_000);
    const sends = (chat: number) => emu.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chat).length;
    expect(sends(120_001)).toBe(1);
    expect(await s.store.isUnreachable('tg:120001')).toBe(true);
    expect(sends(120_002)).toBe(5);
    expect(emu.sent(120_003)).toHaveLength(1);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ total: 4, done: 4, sent: 1, finished: 1, blocked: 1, failed: 1 });
    expect(reportOf(emu)).toContain('已发送 1 个');
    expect(reportOf(emu)).toContain('失败 2 个（已屏蔽机器人 1、多次重试仍失败 1、发送中断结果不明 0）');
    // The next run knows the blocked unit is unreachable: it is skipped, not tried.
    const next = await s.rig.service.manualRun(campaign, newRunId(), { areas: ALL_AREAS }, { chatId: STAFF_CHAT, staff: '测试员', scope: '' });
    expect(next.skipped.unreachable).toBe(1);
    expect(next.recipients).not.toContain('tg:120001');
  });
});

describe('at most one reminder per unit', () => {
  it('the same confirm twice, and two staff members’ runs on the same day: one message per unit', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu);
    await seedUnits(s.store, campaign, telegramUnits(130_001, 20), DAY7);
    const runId = newRunId();
    const [a, b] = await Promise.all([manualRun(s, runId), manualRun(s, runId)]);
    expect([a.started, b.started].sort()).toEqual(['exists', 'started']);
    await emu.waitFor(() => reportOf(emu) !== '', 20_000);
    // Another staff member's own run, the same day: every unit was reminded today already.
    const other = await manualRun(s);
    await emu.waitFor(() => emu.sent(STAFF_CHAT).filter((m) => m.text?.startsWith(REPORT)).length === 2, 20_000);
    expect(messagesTo(emu, 130_001, 20).every((n) => n === 1)).toBe(true);
    expect((await s.rig.records.run(other.run.runId))?.counts).toMatchObject({ sent: 0, today: 20, done: 20 });
    // The next day, it may go out again.
    s.clock.now = at('2025-04-24T10:00:00');
    await manualRun(s);
    await emu.waitFor(() => emu.sent(STAFF_CHAT).filter((m) => m.text?.startsWith(REPORT)).length === 3, 20_000);
    expect(messagesTo(emu, 130_001, 20).every((n) => n === 2)).toBe(true);
    expect(Object.values(await s.rig.queue.sentCounts(campaign.id))).toEqual(Array(20).fill(2));
  });

  it('feeds the staff figures: reminders sent per unit', async () => {
    const emu = await emulator();
    const s = await setup(emu);
    await seedUnits(s.store, campaign, telegramUnits(135_001, 4), DAY7);
    await manualRun(s);
    await emu.waitFor(() => reportOf(emu) !== '', 20_000);
    const directory = new StaffDirectory([{ name: '阜康 王芳', telegramIds: [1], areas: ['fukang'] }], [campaign]);
    const staff = new StaffService({ directory, campaigns: [campaign], store: s.store, roster: new MemoryRosterStore(), audit: new MemoryAuditLog(), reminders: s.rig.queue, clock: () => s.clock.now });
    const scope = staff.scope(1);
    expect(scope).toBeDefined();
    const stats = await staff.stats(scope!);
    expect(stats.remindersSent).toBe(4);
    expect((await staff.rows(scope!)).map((r) => r.remindersSent)).toEqual([1, 1, 1, 1]);
  });
});

describe('scheduled reminders', () => {
  it('upserts one daily scheduler per campaign at its time, in Asia/Shanghai', async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    await s.rig.queue.ensureSchedulers([campaign]);
    await s.rig.queue.ensureSchedulers([campaign]);
    const schedulers = await s.rig.queue.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: schedulerId(campaign.id), pattern: '0 10 * * *', tz: 'Asia/Shanghai' });
    // The next firing is 10:00 in Shanghai (02:00 UTC).
    expect(new Date(schedulers[0]?.next as number).getUTCHours()).toBe(2);
    expect(new Date(schedulers[0]?.next as number).getUTCMinutes()).toBe(0);
  });

  it('keeps no scheduler for a campaign without a written review’s deadline (Wenshui), and drops one it had', async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    const wenshui = findCampaign('wenshui-2022') as Campaign;
    await s.rig.queue.ensureSchedulers([campaign, { ...campaign, id: wenshui.id }]);
    expect((await s.rig.queue.queue.getJobSchedulers()).map((j) => j.key).sort()).toEqual([schedulerId(campaign.id), schedulerId(wenshui.id)].sort());
    await s.rig.queue.ensureSchedulers([campaign, wenshui]);
    expect((await s.rig.queue.queue.getJobSchedulers()).map((j) => j.key)).toEqual([schedulerId(campaign.id)]);
  });

  it('fires on reminder days in the daytime only, skips finished, paused and unreachable units, and once a day', { timeout: 40_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu);
    await seedUnits(s.store, campaign, [
      ...telegramUnits(140_001, 3),
      { key: 'tg:140004', status: 'finished' },
      { key: 'tg:140005', paused: true },
      { key: 'tg:140006' },
    ], DAY7);
    await s.store.setUnreachable('tg:140006', true);
    const fire = async (now: Date) => {
      s.clock.now = now;
      const done = s.rig.completed('scheduled');
      await s.rig.queue.queue.add('scheduled', { kind: 'scheduled', campaignId: campaign.id });
      return (await done).returnvalue as string;
    };
    const reminded = () => [140_001, 140_002, 140_003, 140_004, 140_005, 140_006].map((c) => emu.sent(c).length);

    // Not a reminder day, and a reminder day at night: nothing.
    expect(await fire(at('2025-04-24T10:00:00'))).toBe('not_a_reminder_day');
    expect(await fire(at('2025-04-23T21:30:00'))).toBe('night');
    expect(reminded()).toEqual([0, 0, 0, 0, 0, 0]);

    // Seven days before: the three unfinished, reachable, unpaused units.
    const report = s.rig.completed('report', (job) => job.data.kind === 'report' && job.data.runId === `s-${campaign.id}-2025-04-23-d7`);
    expect(await fire(DAY7)).toBe('started');
    await report;
    expect(reminded()).toEqual([1, 1, 1, 0, 0, 0]);
    const run = await s.rig.records.run(`s-${campaign.id}-2025-04-23-d7`);
    expect(run?.counts).toMatchObject({ total: 6, sent: 3, finished: 1, paused: 1, unreachable: 1 });
    expect(run?.reported).toBe(true);
    // Scheduled runs are logged, not sent to anyone.
    expect(emu.sent(STAFF_CHAT)).toHaveLength(0);

    // The scheduler firing twice the same day: the same run, nothing sent again.
    expect(await fire(at('2025-04-23T10:05:00'))).toBe('exists');
    expect(reminded()).toEqual([1, 1, 1, 0, 0, 0]);

    // Three days before: again, once.
    const again = s.rig.completed('report', (job) => job.data.kind === 'report' && job.data.runId === `s-${campaign.id}-2025-04-27-d3`);
    expect(await fire(at('2025-04-27T10:00:00'))).toBe('started');
    await again;
    expect(reminded()).toEqual([2, 2, 2, 0, 0, 0]);
    // The text is personal: each unit's own name and its own days left.
    expect(emu.sent(140_002).at(-1)?.text).toContain('单位140002有限公司');
    expect(emu.sent(140_002).at(-1)?.text).toContain('还有 3 天');
  });

  it('holds a reminder due at night until 08:00, then sends it', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu);
    await seedUnits(s.store, campaign, telegramUnits(150_001, 3), DAY7);
    s.clock.now = at('2025-04-23T22:30:00');
    await manualRun(s);
    await until(async () => (await s.rig.queue.queue.getDelayedCount()) === 3);
    const delayed = await s.rig.queue.queue.getDelayed();
    const scores = await Promise.all(delayed.map((job) => s.store.redis.zscore(`{${s.prefix}bull}:reminders:delayed`, job.id as string)));
    // BullMQ keeps the time a delayed job is due in its score (shifted left by 12 bits): 9.5 hours on, 08:00 local.
    for (const score of scores) expect(Math.floor(Number(score) / 4096) - Date.now()).toBeGreaterThan(9.4 * 3_600_000);
    for (const score of scores) expect(Math.floor(Number(score) / 4096) - Date.now()).toBeLessThanOrEqual(9.5 * 3_600_000);
    expect(messagesTo(emu, 150_001, 3)).toEqual([0, 0, 0]);
    // Morning: the jobs are due (promoted here rather than waiting for the real clock).
    s.clock.now = at('2025-04-24T08:00:00');
    for (const job of delayed) await job.promote();
    await emu.waitFor(() => reportOf(emu) !== '', 20_000);
    expect(messagesTo(emu, 150_001, 3)).toEqual([1, 1, 1]);
    expect(emu.sent(150_001)[0]?.text).toContain('还有 6 天');
  });
});

describe('on a 3-master Redis Cluster', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster.stop();
  });

  it('runs the queue under a hash-tag prefix: every unit once, a scheduled run, the report', { timeout: 40_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { url: cluster.url, cluster: true });
    await seedUnits(s.store, campaign, telegramUnits(160_001, 40), DAY7);
    const { run } = await manualRun(s);
    await emu.waitFor(() => reportOf(emu) !== '', 30_000);
    expect(messagesTo(emu, 160_001, 40).every((n) => n === 1)).toBe(true);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ sent: 40, done: 40 });
    // The scheduled job on the next reminder day reaches them again.
    s.clock.now = at('2025-04-27T10:00:00');
    const report = s.rig.completed('report', (job) => job.data.kind === 'report' && job.data.runId === `s-${campaign.id}-2025-04-27-d3`);
    await s.rig.queue.queue.add('scheduled', { kind: 'scheduled', campaignId: campaign.id });
    await report;
    expect(messagesTo(emu, 160_001, 40).every((n) => n === 2)).toBe(true);
  });

  it('connects BullMQ to a Cluster for REDIS_CLUSTER or several URLs, to one server otherwise, retrying every 200 ms more up to 2 s', async () => {
    const [first] = cluster.url.split(',');
    const single = bullConnection(first as string, false);
    const listed = bullConnection(cluster.url, false);
    const flagged = bullConnection(first as string, true);
    // A list written with spaces, or ending in a comma, is read by its URLs alone.
    const trailing = bullConnection(`${cluster.url.replaceAll(',', ', ')}, `, false);
    try {
      expect(single).not.toBeInstanceOf(Cluster);
      expect(trailing).toBeInstanceOf(Cluster);
      expect(listed).toBeInstanceOf(Cluster);
      expect(flagged).toBeInstanceOf(Cluster);
      const options = (single as Redis).options;
      expect(options.maxRetriesPerRequest).toBeNull();
      expect([1, 3, 20].map((n) => options.retryStrategy?.(n))).toEqual([200, 600, 2000]);
      const clusterOptions = (listed as Cluster).options;
      expect(clusterOptions.redisOptions?.maxRetriesPerRequest).toBeNull();
      expect([1, 3, 20].map((n) => clusterOptions.clusterRetryStrategy?.(n))).toEqual([200, 600, 2000]);
      expect([1, 3, 20].map((n) => (clusterOptions.redisOptions as RedisOptions | undefined)?.retryStrategy?.(n))).toEqual([200, 600, 2000]);
    } finally {
      for (const c of [single, listed, flagged, trailing]) c.disconnect();
    }
  });
});

describe('the worker’s rules, on their own', () => {
  it('keeps the limiter’s windows at about a tenth of a second: 2 per 80 ms at 25/s, 1 per 200 ms at 5/s', () => {
    expect(limiterFor(25)).toEqual({ max: 2, duration: 80 });
    expect(limiterFor(5)).toEqual({ max: 1, duration: 200 });
  });

  it('counts a send certainly not made only for Telegram’s refusals and connections never made (up to four causes deep)', () => {
    const coded = (code: unknown, options?: ErrorOptions) => Object.assign(new Error('request failed', options), { code });
    expect(certainlyNotSent(new TelegramError({ error_code: 500, description: 'Internal Server Error' }))).toBe(true);
    expect(certainlyNotSent(coded('ECONNREFUSED'))).toBe(true);
    expect(certainlyNotSent(new Error('fetch failed', { cause: new Error('connect', { cause: coded('ENOTFOUND') }) }))).toBe(true);
    // A reset or a timeout mid-request: it may have gone out.
    expect(certainlyNotSent(new Error('socket hang up'))).toBe(false);
    expect(certainlyNotSent(coded('ECONNRESET'))).toBe(false);
    expect(certainlyNotSent(coded(111))).toBe(false);
    // A cause that is not an Error, or one nested deeper than four, is not looked into.
    expect(certainlyNotSent(new Error('wrapped', { cause: { code: 'ECONNREFUSED' } }))).toBe(false);
    let deep: Error = coded('ECONNREFUSED');
    for (let i = 0; i < 3; i++) deep = new Error(`wrap ${i}`, { cause: deep });
    expect(certainlyNotSent(deep)).toBe(true);
    expect(certainlyNotSent(new Error('wrap 3', { cause: deep }))).toBe(false);
  });

  it('reports sent, skipped and failed units with their parts, and no scope when the run has no one to report to', () => {
    const counts = { total: 36, done: 36, sent: 1, finished: 2, unreachable: 3, paused: 4, today: 5, blocked: 6, failed: 7, unknown: 8 };
    const meta = { campaignId: campaign.id, kind: 'manual' as const, reminderId: 'r1', skipPaused: true, createdAt: 0 };
    const run: RunRecord = { counts, meta: { ...meta, report: { chatId: STAFF_CHAT, staff: '测试员', scope: '阜康市' } }, reported: false };
    const text = reportText(run);
    expect(text.split('\n')[0]).toBe(`${REPORT}阜康市`);
    expect(text).toContain('已发送 1 个');
    expect(text).toContain('跳过 14 个（已完成 2、无法联系 3、已暂停 4、今天已收到过提醒 5）');
    expect(text).toContain('失败 21 个（已屏蔽机器人 6、多次重试仍失败 7、发送中断结果不明 8）');
    expect(reportText({ counts, meta, reported: false }).split('\n')[0]).toBe(REPORT);
  });

  it('names jobs by campaign, reminder and unit (BullMQ refuses `:` in an id), and a report by its run', () => {
    expect(unitJobId('changji-2024', 'd7', 'tg:123')).toBe('changji-2024|d7|tg.123');
    expect(reportJobId('r-1')).toBe('report|r-1');
  });
});

describe('the queue’s jobs', () => {
  it('adds each unit once however often a run is started, a report once, and a daily job per campaign, each kept as long as it must be', async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    await seedUnits(s.store, campaign, telegramUnits(182_001, 2), DAY7);
    const { run } = await manualRun(s);
    await s.rig.queue.start(run);
    const waiting = await s.rig.queue.queue.getWaiting();
    expect(waiting.map((j) => j.id).sort()).toEqual(['tg:182001', 'tg:182002'].map((u) => unitJobId(campaign.id, run.reminderId, u)));
    for (const job of waiting) {
      expect(job.name).toBe('unit');
      expect(job.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 2 * 86_400, count: 50_000 }, removeOnFail: { age: 14 * 86_400 } });
    }
    await s.rig.queue.enqueueReport(run.runId);
    await s.rig.queue.enqueueReport(run.runId);
    const report = await s.rig.queue.queue.getJob(reportJobId(run.runId));
    expect(report?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 14 * 86_400 } });
    expect(await s.rig.queue.queue.getWaitingCount()).toBe(3);
    // The scheduler's next job: the campaign's daily job.
    await s.rig.queue.ensureSchedulers([campaign]);
    const [daily, ...more] = await s.rig.queue.queue.getDelayed();
    expect(more).toHaveLength(0);
    expect(daily?.name).toBe('scheduled');
    expect(daily?.data).toEqual({ kind: 'scheduled', campaignId: campaign.id });
    expect(daily?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 14 * 86_400 } });
    // A queue error is only noted: nothing throws for want of a listener.
    expect(() => s.rig.queue.queue.emit('error', new Error('boom'))).not.toThrow();
  });

  it('keeps a /remind preview until it is confirmed or dropped', async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    const draft = { runId: newRunId(), campaignId: campaign.id, staffTelegramId: STAFF_CHAT, createdAt: DAY7.getTime() };
    await s.rig.queue.saveDraft(draft, 600);
    expect(await s.rig.queue.draft(draft.runId)).toEqual(draft);
    await s.rig.queue.dropDraft(draft.runId);
    expect(await s.rig.queue.draft(draft.runId)).toBeUndefined();
  });
});

describe('each unit checked afresh when its job runs', () => {
  it('a unit gone, unreachable or finished since the run began is not sent; one whose send was cut off, or that has its outcome, is not sent again', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { attempts: 1 });
    await seedUnits(s.store, campaign, telegramUnits(183_001, 5), DAY7);
    const planned = await s.rig.service.manualRun(campaign, newRunId(), { areas: ALL_AREAS }, { chatId: STAFF_CHAT, staff: '测试员', scope: '' });
    const run = { ...planned, recipients: [...planned.recipients, 'tg:183009'] };
    // Since the run was planned: 183002 blocked the bot, 183003's send was cut off by a crash, 183004 was sent,
    // 183005 finished its review.
    await s.store.setUnreachable('tg:183002', true);
    const outcomes = `${s.prefix}{reminders}:run:${run.runId}:out`;
    await s.store.redis.hset(outcomes, 'tg:183003', 'sending', 'tg:183004', 'sent');
    await seedUnits(s.store, campaign, [{ key: 'tg:183005', status: 'finished', version: 1 }], DAY7);
    const keys = ['tg:183001', 'tg:183002', 'tg:183003', 'tg:183004', 'tg:183005', 'tg:183009'];
    const jobs = keys.map((k) => settled(s, unitOf(k)));
    await s.rig.queue.start(run);
    const results = await Promise.all(jobs);
    expect(results.map((r) => [r.state, r.value])).toEqual([['completed', 'sent'], ['completed', 'unreachable'], ['completed', 'unknown'], ['completed', 'sent'], ['completed', 'finished'], ['completed', 'unreachable']]);
    expect(messagesTo(emu, 183_001, 5)).toEqual([1, 0, 0, 0, 0]);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ total: 6, done: 5, sent: 1, unreachable: 2, unknown: 1, finished: 1 });
  });

  it('a unit whose standing the store cannot read (whether it blocked the bot) is tried again, then counted failed and never sent; its job fails with the store’s error', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { attempts: 2, backoffMs: 10 });
    // Two units in different shards: reading the first one's shard fails (its unreachable set holds a string,
    // so Redis answers WRONGTYPE, as it would answer an error while away), the second one's does not.
    const [broken, fine] = telegramUnits(185_001, 40).filter((u, i, all) => all.findIndex((v) => shardOf(v.key) === shardOf(u.key)) === i);
    if (!broken || !fine) throw new Error('no two units in different shards');
    await seedUnits(s.store, campaign, [broken, fine], DAY7);
    const run = await s.rig.service.manualRun(campaign, newRunId(), { areas: ALL_AREAS }, { chatId: STAFF_CHAT, staff: '测试员', scope: '' });
    expect(run.recipients.sort()).toEqual([broken.key, fine.key].sort());
    await s.store.redis.set(`${s.prefix}{${shardOf(broken.key)}}:x`, 'not a set');
    const firstTry = settled(s, unitOf(broken.key));
    const sent = settled(s, unitOf(fine.key));
    await s.rig.queue.start(run);
    const first = await firstTry;
    // The first try fails with the store's error (Redis's own answer as its cause) and is tried again.
    expect(first.state).toBe('failed');
    expect(first.value).toBeInstanceOf(StoreUnavailableError);
    expect(String((first.value as Error).cause)).toContain('WRONGTYPE');
    const last = await settled(s, unitOf(broken.key));
    expect(last.state).toBe('failed');
    expect(last.value).toBeInstanceOf(StoreUnavailableError);
    expect(await sent).toMatchObject({ state: 'completed', value: 'sent' });
    await until(async () => (await s.rig.records.run(run.runId))?.counts.done === 2);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ total: 2, done: 2, sent: 1, failed: 1 });
    expect(sendsTo(emu, Number(broken.key.slice(3)))).toHaveLength(0);
    expect(sendsTo(emu, Number(fine.key.slice(3)))).toHaveLength(1);
  });

  it('a unit of a campaign no longer served counts failed; the report of a run with nothing to send follows at once, or is only logged', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { attempts: 1 });
    const base = { reminderId: 'r', kind: 'manual' as const, skipPaused: true, skipped: { finished: 0, paused: 0, unreachable: 0 }, createdAt: DAY7.getTime() };
    const gone = { ...base, runId: newRunId(), campaignId: 'gone-2020', recipients: ['tg:184001'], report: { chatId: STAFF_CHAT, staff: '测试员', scope: '旧活动' } };
    const unit = settled(s, unitOf('tg:184001'));
    const goneReport = settled(s, reportFor(gone.runId));
    await s.rig.queue.start(gone);
    expect(await unit).toMatchObject({ state: 'completed', value: 'failed' });
    expect(await goneReport).toMatchObject({ state: 'completed', value: 'sent' });
    expect(reportOf(emu)).toContain('多次重试仍失败 1');
    // Reported once: another report job for the same run sends nothing.
    const again = settled(s, (job) => job.data.kind === 'report' && job.id !== reportJobId(gone.runId));
    await s.rig.queue.queue.add('report', { kind: 'report', runId: gone.runId });
    expect(await again).toMatchObject({ state: 'completed', value: 'reported before' });
    // Nothing to send: complete at once, its report follows (sent, or only logged for a run without a chat to report to).
    const empty = { ...base, runId: newRunId(), campaignId: campaign.id, recipients: [], skipped: { finished: 2, paused: 0, unreachable: 0 }, report: { chatId: 880_002, staff: '测试员', scope: '空' } };
    const emptyReport = settled(s, reportFor(empty.runId));
    await s.rig.queue.start(empty);
    expect(await emptyReport).toMatchObject({ state: 'completed', value: 'sent' });
    expect(emu.sent(880_002)[0]?.text).toContain('跳过 2 个');
    for (const [report, paused] of [[undefined, 1], [{ staff: '网页用户', scope: '' }, 1], [undefined, 0]] as const) {
      const quiet = { ...base, runId: newRunId(), campaignId: campaign.id, recipients: [], skipped: { finished: 0, paused, unreachable: 0 }, ...(report ? { report } : {}) };
      const logged = settled(s, reportFor(quiet.runId));
      await s.rig.queue.start(quiet);
      expect(await logged).toMatchObject({ state: 'completed', value: 'logged' });
    }
    // Jobs about nothing known.
    const unknown = settled(s, (job) => job.data.kind === 'scheduled');
    await s.rig.queue.queue.add('scheduled', { kind: 'scheduled', campaignId: 'gone-2020' });
    expect(await unknown).toMatchObject({ state: 'completed', value: 'unknown campaign' });
    const noRun = settled(s, reportFor('no-such-run'));
    await s.rig.queue.queue.add('report', { kind: 'report', runId: 'no-such-run' });
    expect(await noRun).toMatchObject({ state: 'completed', value: 'no run' });
  });
});

describe('sending failures, one by one', () => {
  /** The next sendMessage to `chat` fails so, and only that one. */
  const failOnce = (emu: Awaited<ReturnType<typeof emulator>>, chat: number, failure: Parameters<Awaited<ReturnType<typeof emulator>>['failFor']>[1]) => {
    const remove = emu.failFor(chat, failure);
    const stop = emu.onCall((call) => {
      if (call.method !== 'sendMessage' || Number(call.params.chat_id) !== chat) return;
      remove();
      stop();
    });
  };
  const reportRun = (chatId: number) => ({ runId: newRunId(), campaignId: campaign.id, reminderId: 'r', kind: 'manual' as const, skipPaused: true, recipients: [], skipped: { finished: 1, paused: 0, unreachable: 0 }, createdAt: DAY7.getTime(), report: { chatId, staff: '测试员', scope: '' } });

  it('429 on a reminder: the queue waits retry_after and the job goes back without using its try', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { attempts: 1 });
    await seedUnits(s.store, campaign, telegramUnits(185_001, 1), DAY7);
    failOnce(emu, 185_001, { code: 429, retryAfter: 2 });
    const job = settled(s, unitOf('tg:185001'));
    const { run } = await manualRun(s);
    expect(await job).toMatchObject({ state: 'completed', value: 'sent' });
    const [refused, accepted] = sendsTo(emu, 185_001);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(1900);
    expect(emu.sent(185_001)).toHaveLength(1);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ sent: 1, failed: 0 });
  });

  it('a report: 429 waits and goes back without using a try, other refusals are tried again, 403 gives up', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu);
    const limited = reportRun(886_001);
    failOnce(emu, 886_001, { code: 429, retryAfter: 1 });
    const first = settled(s, reportFor(limited.runId));
    await s.rig.queue.start(limited);
    expect(await first).toMatchObject({ state: 'completed', value: 'sent' });
    expect(sendsTo(emu, 886_001)).toHaveLength(2);
    expect(emu.sent(886_001)).toHaveLength(1);

    const refused = reportRun(886_002);
    failOnce(emu, 886_002, { code: 500 });
    const tried = settled(s, reportFor(refused.runId));
    const done = s.rig.completed('report', reportFor(refused.runId));
    await s.rig.queue.start(refused);
    expect((await tried).state).toBe('failed');
    expect((await done).returnvalue).toBe('sent');
    expect(emu.sent(886_002)).toHaveLength(1);

    const blocked = reportRun(886_003);
    emu.failFor(886_003, { code: 403 });
    const given = settled(s, reportFor(blocked.runId));
    await s.rig.queue.start(blocked);
    expect(await given).toMatchObject({ state: 'completed', value: 'not delivered' });
    expect(sendsTo(emu, 886_003)).toHaveLength(1);
  });

  it('a send cut off mid-request counts unknown and is not tried again; the worker logs under its component, naming the chat', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const log = captureLog();
    const s = await setup(emu, { attempts: 5, backoffMs: 20, logger: log.logger });
    await seedUnits(s.store, campaign, telegramUnits(186_001, 1), DAY7);
    emu.setDown(true);
    const job = settled(s, unitOf('tg:186001'));
    const { run } = await manualRun(s);
    const report = settled(s, reportFor(run.runId));
    expect(await job).toMatchObject({ state: 'completed', value: 'unknown' });
    expect(await report).toMatchObject({ state: 'completed', value: 'not delivered' });
    emu.setDown(false);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ unknown: 1, done: 1 });
    const cut = log.entries().find((e) => e.msg.startsWith('reminder send cut off'));
    expect(cut).toMatchObject({ component: 'reminders', chat: 'tg:186001' });
    // Errors of the worker itself are logged, not thrown for want of a listener.
    expect(() => s.rig.worker?.worker.emit('error', new Error('boom'))).not.toThrow();
    expect(log.entries().find((e) => e.msg === 'reminder worker error')).toMatchObject({ component: 'reminders', level: 'warn' });
  });

  it('no connection to Telegram: released and tried again, and after the last try counted failed', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const log = captureLog();
    const s = await setup(emu, { attempts: 2, backoffMs: 20, logger: log.logger, apiRoot: `http://127.0.0.1:${await freePort()}` });
    await seedUnits(s.store, campaign, telegramUnits(187_001, 1), DAY7);
    // The waiter listens before the run starts: with a 20 ms backoff the last try can come before manualRun returns.
    const last = settled(s, (j) => unitOf('tg:187001')(j) && j.attemptsMade >= 2);
    const { run } = await manualRun(s);
    expect(await last).toMatchObject({ state: 'failed' });
    expect(log.entries().filter((e) => e.msg.startsWith('reminder failed')).map((e) => e.msg)).toEqual(['reminder failed: will retry', 'reminder failed: no more tries']);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ failed: 1, done: 1, unknown: 0 });
  });

  it('when the safety net cannot record the failure either, the worker says so in its log (and the unit is never sent)', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const log = captureLog();
    const s = await setup(emu, { attempts: 1, logger: log.logger });
    await seedUnits(s.store, campaign, telegramUnits(188_101, 1), DAY7);
    const run = await s.rig.service.manualRun(campaign, newRunId(), { areas: ALL_AREAS }, { chatId: STAFF_CHAT, staff: '测试员', scope: '' });
    // The day's claims and the run's outcomes held in keys of the wrong type: the claim fails, and so does the record of it.
    await s.store.redis.set(`${s.prefix}{reminders}:day:${campaign.id}:2025-04-23`, 'not a hash');
    await s.store.redis.set(`${s.prefix}{reminders}:run:${run.runId}:out`, 'not a hash');
    const job = settled(s, unitOf('tg:188101'));
    await s.rig.queue.start(run);
    expect((await job).state).toBe('failed');
    await until(async () => log.entries().some((e) => e.msg === 'failed reminder not recorded'));
    expect(log.entries().find((e) => e.msg === 'failed reminder not recorded')).toMatchObject({ component: 'reminders', level: 'warn' });
    expect(emu.sent(188_101)).toHaveLength(0);
  });

  it('a reminder whose processing fails for another cause is recorded failed after its last try, by the worker’s safety net', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { attempts: 1 });
    await seedUnits(s.store, campaign, telegramUnits(188_001, 1), DAY7);
    // The day's claims held in a key of the wrong type: the claim itself fails (as with Redis away).
    await s.store.redis.set(`${s.prefix}{reminders}:day:${campaign.id}:2025-04-23`, 'not a hash');
    const job = settled(s, unitOf('tg:188001'));
    const { run } = await manualRun(s);
    expect((await job).state).toBe('failed');
    await emu.waitFor(() => reportOf(emu) !== '', 20_000);
    expect((await s.rig.records.run(run.runId))?.counts).toMatchObject({ failed: 1, done: 1, sent: 0 });
    expect(emu.sent(188_001)).toHaveLength(0);
  });

  it('runs the worker with its options: concurrency, the limiter, the lock and the stall check', async () => {
    const emu = await emulator();
    const s = await setup(emu, { lockMs: 5000 });
    expect(s.rig.worker?.worker.opts).toMatchObject({ concurrency: 8, limiter: { max: 2, duration: 80 }, lockDuration: 5000, stalledInterval: 5000, maxStalledCount: 10, prefix: `{${s.prefix}bull}` });
  });
});

describe('opening reminders from the configuration', () => {
  const urlOf = (s: Setup) => {
    const { host, port } = s.store.redis.options as RedisOptions;
    return `redis://${host}:${port}`;
  };

  it('none without Redis: a memory store, or no REDIS_URL', async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    const common = { campaigns: [campaign], logger: captureLog().logger, clock: () => DAY7, runWorker: false };
    const memory = new MemoryStore();
    const config = loadConfig({ REDIS_URL: urlOf(s), REDIS_KEY_PREFIX: s.prefix });
    expect(await openReminders({ ...common, config, store: memory, conversations: new ConversationService({ campaigns: [campaign], store: memory }) })).toBeUndefined();
    expect(await openReminders({ ...common, config: loadConfig({}), store: s.store, conversations: s.rig.conversations })).toBeUndefined();
    await expect(openReminders({ ...common, config, store: s.store, conversations: s.rig.conversations, runWorker: true })).rejects.toThrow('the reminder worker needs TELEGRAM_BOT_TOKEN');
  });

  it('the queue and the worker, sending through the configured Bot API; ready while running, closed on close', { timeout: 30_000 }, async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    const log = captureLog();
    const config = loadConfig({ REDIS_URL: urlOf(s), REDIS_KEY_PREFIX: s.prefix, TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot, REMINDER_LOCK_SECONDS: '7' });
    const r = await openReminders({ config, store: s.store, conversations: s.rig.conversations, campaigns: [campaign], logger: log.logger, clock: () => DAY7, runWorker: true, hashKey: (k) => `#${k}` });
    expect(r).toBeDefined();
    const { worker, queue, service } = r!;
    try {
      await worker!.waitUntilReady();
      expect(r!.readiness()).toBe(true);
      expect(worker!.worker.opts.lockDuration).toBe(7000);
      expect((await queue.queue.getJobSchedulers()).map((j) => j.key)).toEqual([schedulerId(campaign.id)]);
      await seedUnits(s.store, campaign, telegramUnits(189_001, 3), DAY7);
      emu.failFor(189_003, { code: 403 });
      const run = await service.manualRun(campaign, newRunId(), { areas: ALL_AREAS }, { chatId: STAFF_CHAT, staff: '测试员', scope: '全部地区' });
      expect(run.recipients).toHaveLength(3);
      await queue.start(run);
      await emu.waitFor(() => reportOf(emu) !== '', 20_000);
      expect(messagesTo(emu, 189_001, 3)).toEqual([1, 1, 0]);
      expect(log.entries().find((e) => e.msg.startsWith('telegram 403'))).toMatchObject({ component: 'reminders', chat: '#tg:189003' });
      expect((await queue.queue.getJob(unitJobId(campaign.id, run.reminderId, 'tg:189003')))?.failedReason).toBe('chat blocked the bot');
      // Connection errors are noted at debug.
      (queue.queue.opts.connection as Redis).emit('error', new Error('boom'));
      expect(new Set(log.entries().filter((e) => e.component === 'reminders' && e.level === 'debug').map((e) => e.msg))).toEqual(new Set(['reminder queue connection error', 'reminder queue error']));
      // Paused (its loop ended without a close): not ready, and said so.
      await worker!.worker.pause();
      expect(r!.readiness()).toBe('stopped');
      await worker!.close();
      expect(r!.readiness()).toBe('closing');
    } finally {
      await r!.close();
    }
  });

  it('without a worker here, readiness is the queue’s connection, which close ends', async () => {
    const emu = await emulator();
    const s = await setup(emu, { worker: false });
    const config = loadConfig({ REDIS_URL: urlOf(s), REDIS_KEY_PREFIX: s.prefix, TELEGRAM_BOT_TOKEN: emu.token });
    const r = await openReminders({ config, store: s.store, conversations: s.rig.conversations, campaigns: [campaign], logger: captureLog().logger, clock: () => DAY7, runWorker: false });
    expect(r?.worker).toBeUndefined();
    await r!.queue.queue.waitUntilReady();
    expect(r!.readiness()).toBe(true);
    const connection = r!.queue.queue.opts.connection as Redis;
    const ended = once(connection, 'end');
    await r!.close();
    await ended;
    expect(r!.readiness()).toBe('end');
  });
});
