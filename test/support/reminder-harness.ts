/**
 * What the reminder tests share (reminders.test.ts, reminders-flood.test.ts): a real redis-server for the
 * file, Bot API emulators and rigs (queue, worker, store) closed after each test, a staff member's manual
 * run, and the report and messages the emulator received. Call `reminderHarness()` at a file's top level.
 */
import { findCampaign } from '../../flows/index.ts';
import { newRunId } from '../../src/app/reminder-service.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { redisForFile } from './redis-server.ts';
import { startRig, type Rig, type RigOptions } from './reminders.ts';
import { startTelegramEmulator, type FloodLimit, type TelegramEmulator } from './telegram-emulator.ts';

export type Setup = { rig: Rig; store: RedisStore; clock: { now: Date }; prefix: string };

export function reminderHarness() {
  const campaign = findCampaign('changji-2024') as Campaign;
  const at = (local: string) => new Date(`${local}+08:00`);
  /** Seven days before the deadline, 10:00 in Changji: a scheduled reminder day. */
  const DAY7 = at('2025-04-23T10:00:00');
  const STAFF_CHAT = 880_001;
  const ALL_AREAS = campaign.areas.map((a) => a.id);

  const redis = redisForFile();

  async function emulator(floodLimit?: FloodLimit): Promise<TelegramEmulator> {
    const emu = await startTelegramEmulator(floodLimit ? { floodLimit } : {});
    redis.afterTest(() => emu.close());
    return emu;
  }


  async function setup(emu: TelegramEmulator, options: Partial<RigOptions> & { url?: string; cluster?: boolean } = {}): Promise<Setup> {
    const prefix = redis.prefix('rem');
    const url = options.url ?? redis.url();
    const store = new RedisStore({ url, cluster: options.cluster ?? false, prefix, retentionSeconds: 10 * 365 * 86_400 });
    await store.connect();
    const clock = { now: DAY7 };
    const rig = await startRig({ store, campaign, prefix, redisUrl: url, apiRoot: emu.apiRoot, token: emu.token, clock: () => clock.now, ...options });
    redis.afterTest(async () => {
      await rig.close();
      await store.close();
    });
    return { rig, store, clock, prefix };
  }

  const REPORT = '【提醒发送结果】';
  const reportOf = (emu: TelegramEmulator) => emu.sent(STAFF_CHAT).find((m) => m.text?.startsWith(REPORT))?.text ?? '';

  /** A staff member's run over every area, reporting to STAFF_CHAT. */
  async function manualRun(s: Setup, runId = newRunId()) {
    const run = await s.rig.service.manualRun(campaign, runId, { areas: ALL_AREAS }, { chatId: STAFF_CHAT, staff: '测试员', scope: '全部地区' });
    return { run, started: await s.rig.queue.start(run) };
  }

  /** Waits on a condition read from Redis (polled briefly; the emulator's own waits are event-driven). */
  async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const messagesTo = (emu: TelegramEmulator, first: number, count: number) => Array.from({ length: count }, (_, i) => emu.sent(first + i).length);

  return { campaign, at, DAY7, STAFF_CHAT, ALL_AREAS, REPORT, emulator, setup, manualRun, reportOf, messagesTo, until };
}
