/**
 * Reminder throughput under Telegram's flood control: a thousand recipients against an emulator that answers
 * 429 past its limit, and the default rate against Telegram's 30 a second. Real BullMQ, Redis and emulator;
 * apart from reminders.test.ts because each run sends a thousand messages (too slow to repeat per mutant).
 */
import { describe, expect, it } from 'vitest';
import { limiterFor } from '../../src/adapters/queue/reminder-worker.ts';
import { reminderHarness } from '../support/reminder-harness.ts';
import { seedUnits, telegramUnits } from '../support/reminders.ts';

const { campaign, DAY7, STAFF_CHAT, emulator, setup, manualRun, reportOf, messagesTo } = reminderHarness();

describe('delivery under Telegram flood control', () => {
  it('1,000 recipients against an emulator that answers 429 past its limit: none lost, none twice', { timeout: 60_000 }, async () => {
    // The emulator refuses past 60 a second (low enough that even a loaded machine sends faster); the worker
    // is allowed 500, so it runs into 429s and must wait.
    const emu = await emulator({ perSecond: 60 });
    const s = await setup(emu, { rate: 500 });
    await seedUnits(s.store, campaign, telegramUnits(100_001, 1000), DAY7);
    const { run } = await manualRun(s);
    expect(run.recipients).toHaveLength(1000);
    await emu.waitFor(() => reportOf(emu) !== '', 50_000);
    const counts = messagesTo(emu, 100_001, 1000);
    expect(counts.filter((n) => n === 0)).toHaveLength(0);
    expect(counts.filter((n) => n > 1)).toHaveLength(0);
    expect(emu.floodRefusals).toBeGreaterThan(0);
    const record = await s.rig.records.run(run.runId);
    expect(record?.counts).toMatchObject({ total: 1000, done: 1000, sent: 1000, failed: 0, unknown: 0 });
    expect(reportOf(emu)).toContain('已发送 1000 个');
    const sent = await s.rig.queue.sentCounts(campaign.id);
    expect(Object.keys(sent)).toHaveLength(1000);
    expect(Object.values(sent).every((n) => n === 1)).toBe(true);
    // The staff figures read the count per area (the seeded units are in Fukang).
    expect(await s.rig.queue.sentByArea(campaign.id)).toEqual({ fukang: 1000 });
  });

  it('at the default 25 a second against Telegram’s 30: no 429, and no second holds more than 27', { timeout: 30_000 }, async () => {
    expect(limiterFor(25)).toEqual({ max: 2, duration: 80 });
    const emu = await emulator({ perSecond: 30 });
    const s = await setup(emu, { rate: 25 });
    await seedUnits(s.store, campaign, telegramUnits(110_001, 80), DAY7);
    await manualRun(s);
    await emu.waitFor(() => reportOf(emu) !== '', 20_000);
    expect(messagesTo(emu, 110_001, 80).every((n) => n === 1)).toBe(true);
    expect(emu.floodRefusals).toBe(0);
    const times = emu.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) !== String(STAFF_CHAT)).map((c) => c.at);
    const busiest = Math.max(...times.map((t0) => times.filter((t) => t >= t0 && t < t0 + 1000).length));
    expect(busiest).toBeLessThanOrEqual(27);
  });
});

