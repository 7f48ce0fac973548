/**
 * Reminders through the real BullMQ queue and worker, on a real redis-server (and a 3-master Redis Cluster),
 * sending with telegraf's client to the Bot API emulator. Throughput under Telegram's flood control is in
 * reminders-flood.test.ts (left out of mutation runs: a thousand sends per mutant).
 * Nothing of ours is mocked; the clock is injected, so "days before the deadline" and "night" are dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { newRunId } from '../../src/app/reminder-service.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { StaffService } from '../../src/app/staff-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { schedulerId } from '../../src/adapters/queue/reminder-queue.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import { startRedisCluster, type TestCluster } from '../support/redis-cluster.ts';
import { reminderHarness } from '../support/reminder-harness.ts';
import { seedUnits, telegramUnits } from '../support/reminders.ts';

const { campaign, DAY7, STAFF_CHAT, ALL_AREAS, REPORT, at, emulator, setup, manualRun, reportOf, messagesTo, until } = reminderHarness();

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
});
