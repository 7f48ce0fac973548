/**
 * At most once across crashes: the real reminder worker (`src/worker.ts` through tsx, as `npm run worker`
 * runs it) is killed with SIGKILL at the worst moment, when Telegram (the emulator) has taken a reminder but
 * before the worker heard back, twice in one run, and started again each time. No unit gets a reminder
 * twice; a unit whose send was cut off counts "unknown"; every other unit gets its reminder; the report
 * comes; the last worker shuts down cleanly on SIGTERM and says it is ready while it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../flows/index.ts';
import { newRunId } from '../src/app/reminder-service.ts';
import { RedisStore } from '../src/adapters/store/redis-store.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { startMain, type MainProcess } from './support/main-process.ts';
import { startRedis, type TestRedis } from './support/redis-server.ts';
import { seedUnits, startRig, telegramUnits } from './support/reminders.ts';
import { startTelegramEmulator, type TelegramEmulator } from './support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const NOW = '2025-04-23T10:00:00+08:00';
const FIRST = 400_001;
const UNITS = 300;
const STAFF_CHAT = 880_002;
const PREFIX = 'rcrash:';

let redis: TestRedis;
let emu: TelegramEmulator;
beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
});
afterAll(async () => {
  await Promise.all([redis.stop(), emu.close()]);
});

describe('the reminder worker killed with SIGKILL mid-run', () => {
  it('never sends a unit two reminders, and finishes the run after restarts', { timeout: 120_000 }, async () => {
    const store = new RedisStore({ url: redis.url, prefix: PREFIX, retentionSeconds: 10 * 365 * 86_400 });
    await store.connect();
    const rig = await startRig({ store, campaign, prefix: PREFIX, redisUrl: redis.url, apiRoot: emu.apiRoot, token: emu.token, clock: () => new Date(NOW), worker: false });
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: PREFIX,
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      NIANSHEN_NOW: NOW,
      SESSION_RETENTION_DAYS: '3650',
      REMINDER_RATE: '200',
      REMINDER_LOCK_SECONDS: '2',
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    let worker: MainProcess | undefined;
    try {
      await seedUnits(store, campaign, telegramUnits(FIRST, UNITS), new Date(NOW));
      const runId = newRunId();
      const run = await rig.service.manualRun(campaign, runId, { areas: campaign.areas.map((a) => a.id) }, { chatId: STAFF_CHAT, staff: '测试员', scope: '全部地区' });
      await rig.queue.start(run);

      // Kill the worker the moment Telegram has taken its 100th and its 200th reminder, before it hears back.
      let delivered = 0;
      const killAt = new Set([100, 200]);
      const cutOff: number[] = [];
      const unsubscribe = emu.onCall((call) => {
        if (call.method !== 'sendMessage' || !call.response?.ok || Number(call.params.chat_id) === STAFF_CHAT) return;
        delivered++;
        if (killAt.has(delivered) && worker) {
          cutOff.push(Number(call.params.chat_id));
          process.kill(worker.pid, 'SIGKILL');
        }
      });
      for (let round = 0; round < 3; round++) {
        worker = startMain(env, 'src/worker.ts');
        if (round < 2) {
          const exit = await worker.exited;
          expect(exit.signal).toBe('SIGKILL');
        }
      }
      const last = worker as MainProcess;
      const ready = await last.waitForLog((e) => e.msg === 'reminder worker running', 20_000);
      const readyz = await fetch(`${ready.address as string}/readyz`);
      expect(readyz.status).toBe(200);
      expect(await readyz.json()).toMatchObject({ ready: true, checks: { redis: 'ok', reminders: 'ok' } });

      await emu.waitFor(() => emu.sent(STAFF_CHAT).some((m) => m.text?.startsWith('【提醒发送结果】')), 60_000);
      unsubscribe();
      const counts = Array.from({ length: UNITS }, (_, i) => emu.sent(FIRST + i).length);
      const record = await rig.records.run(runId);
      const outcomes = await store.redis.hgetall(`${PREFIX}{reminders}:run:${runId}:out`);
      console.info(`reminder kill test: ${JSON.stringify({ cutOff, counts: record?.counts })}`);

      // Never twice.
      expect(counts.filter((n) => n > 1)).toEqual([]);
      // The two sends cut off by the kills reached their units once, and count as unknown.
      expect(cutOff).toHaveLength(2);
      for (const chat of cutOff) {
        expect(emu.sent(chat)).toHaveLength(1);
        expect(outcomes[`tg:${chat}`]).toBe('unknown');
      }
      // Every other unit got its reminder: a unit without one is a cut-off send, never a lost one.
      const without = counts.flatMap((n, i) => (n === 0 ? [`tg:${FIRST + i}`] : []));
      for (const key of without) expect(outcomes[key]).toBe('unknown');
      expect(record?.counts).toMatchObject({ total: UNITS, done: UNITS, failed: 0, blocked: 0 });
      expect((record?.counts.sent ?? 0) + (record?.counts.unknown ?? 0)).toBe(UNITS);
      // A unit counted sent got exactly its one reminder.
      counts.forEach((n, i) => {
        if (outcomes[`tg:${FIRST + i}`] === 'sent') expect(n).toBe(1);
      });
      expect(emu.sent(STAFF_CHAT).at(-1)?.text).toContain(`发送中断结果不明 ${record?.counts.unknown}`);

      const exit = await last.stop();
      expect(exit.code).toBe(0);
      expect(last.logs().some((e) => e.msg === 'shutting down')).toBe(true);
    } finally {
      if (worker) await worker.stop();
      await rig.close();
      await store.close();
    }
  });
});
