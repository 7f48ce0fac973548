/**
 * Reminders as deployed: the real `src/main.ts` (the bot) and `src/worker.ts` (`npm run worker`) as child
 * processes, with a staff file, Redis and the Bot API emulator. The worker inside the bot by default; with
 * REMINDER_WORKER=false the bot only enqueues and the separate worker sends; without Redis /remind says
 * reminders are off. /readyz names the reminders; SIGTERM closes everything (exit 0).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../flows/index.ts';
import { RedisStore } from '../src/adapters/store/redis-store.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { t } from '../src/core/text.ts';
import { startMain, type MainProcess } from './support/main-process.ts';
import { freePort, startRedis, type TestRedis } from './support/redis-server.ts';
import { seedUnits, startRig, telegramUnits } from './support/reminders.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from './support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const NOW = '2025-04-23T10:00:00+08:00';
const STAFF = 7001;

let redis: TestRedis;
let emu: TelegramEmulator;
let dir: string;
let staffFile: string;
const running: MainProcess[] = [];
let prefixes = 0;

beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
  dir = mkdtempSync(join(tmpdir(), 'nsz-remind-'));
  staffFile = join(dir, 'staff.json');
  writeFileSync(staffFile, JSON.stringify({ staff: [{ name: '州人社局 赵强', telegramIds: [STAFF], areas: 'all' }] }));
});
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});
afterAll(async () => {
  await Promise.all([redis.stop(), emu.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>, script = 'src/main.ts'): Promise<{ process: MainProcess; base: string }> {
  const port = await freePort();
  const process = startMain({ TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot, STAFF_FILE: staffFile, NIANSHEN_NOW: NOW, HOST: '127.0.0.1', PORT: String(port), SESSION_RETENTION_DAYS: '3650', ...env }, script);
  running.push(process);
  await process.waitForLog((e) => e.msg === (script === 'src/main.ts' ? 'bot starting' : 'reminder worker running'), 20_000);
  return { process, base: `http://127.0.0.1:${port}` };
}

async function say(chat: number, text: string): Promise<SentMessage> {
  const before = emu.sent(chat).length;
  emu.sendText(chat, text);
  await emu.waitFor(() => emu.sent(chat).length > before, 10_000);
  return emu.sent(chat)[before] as SentMessage;
}

const reports = () => emu.sent(STAFF).filter((m) => m.text?.startsWith('【提醒发送结果】'));

async function seeded(prefix: string, first: number) {
  const store = new RedisStore({ url: redis.url, prefix, retentionSeconds: 10 * 365 * 86_400 });
  await store.connect();
  await seedUnits(store, campaign, telegramUnits(first, 3), new Date(NOW));
  return store;
}

describe('reminders as deployed', () => {
  it('without Redis, /remind says plainly that reminders are off', async () => {
    await start({ SESSION_FILE: ':memory:' });
    await emu.waitFor(() => emu.isPolling);
    expect((await say(STAFF, '/remind')).text).toBe(t('remind.off'));
  });

  it('runs the worker inside the bot by default: /readyz names it, /remind sends, SIGTERM closes it', { timeout: 60_000 }, async () => {
    const prefix = `rdep${prefixes++}:`;
    const store = await seeded(prefix, 500_001);
    try {
      const { process, base } = await start({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix });
      await emu.waitFor(() => emu.isPolling);
      const ready = await fetch(`${base}/readyz`);
      expect(await ready.json()).toMatchObject({ ready: true, checks: { redis: 'ok', telegram: 'ok', reminders: 'ok' } });
      const preview = await say(STAFF, '/remind');
      expect(preview.text).toContain('将提醒 3 个未完成的单位');
      emu.pressButton(STAFF, preview.message_id, inlineButtons(preview)[0]?.callback_data as string);
      await emu.waitFor(() => reports().length === 1, 20_000);
      expect([500_001, 500_002, 500_003].map((c) => emu.sent(c).length)).toEqual([1, 1, 1]);
      expect(await process.stop()).toEqual({ code: 0, signal: null });
      expect(process.stderr.trim().split('\n').every((line) => line.startsWith('{'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('with REMINDER_WORKER=false the bot only enqueues, and `npm run worker` sends', { timeout: 60_000 }, async () => {
    const prefix = `rdep${prefixes++}:`;
    const store = await seeded(prefix, 510_001);
    const rig = await startRig({ store, campaign, prefix, redisUrl: redis.url, apiRoot: emu.apiRoot, token: emu.token, clock: () => new Date(NOW), worker: false });
    try {
      const { base } = await start({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, REMINDER_WORKER: 'false' });
      await emu.waitFor(() => emu.isPolling);
      // No worker here: readiness looks at the queue's connection.
      expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ ready: true, checks: { reminders: 'ok' } });
      const before = reports().length;
      const preview = await say(STAFF, '/remind');
      emu.pressButton(STAFF, preview.message_id, inlineButtons(preview)[0]?.callback_data as string);
      await emu.waitFor(() => emu.sent(STAFF).some((m) => m.message_id === preview.message_id && (m.text ?? '').includes(t('remind.started', { count: 3 }))));
      expect(await rig.queue.queue.getWaitingCount()).toBe(3);
      expect([510_001, 510_002, 510_003].map((c) => emu.sent(c).length)).toEqual([0, 0, 0]);
      const worker = await start({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix }, 'src/worker.ts');
      await emu.waitFor(() => reports().length === before + 1, 20_000);
      expect([510_001, 510_002, 510_003].map((c) => emu.sent(c).length)).toEqual([1, 1, 1]);
      expect(await worker.process.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await rig.close();
      await store.close();
    }
  });

  it('`npm run worker` refuses to start without Redis or a bot token, saying why', async () => {
    const noRedis = startMain({ TELEGRAM_BOT_TOKEN: emu.token }, 'src/worker.ts');
    expect((await noRedis.exited).code).toBe(1);
    expect(noRedis.stderr).toContain('npm run worker needs REDIS_URL');
    const noToken = startMain({ REDIS_URL: redis.url }, 'src/worker.ts');
    expect((await noToken.exited).code).toBe(1);
    expect(noToken.stderr).toContain('npm run worker needs TELEGRAM_BOT_TOKEN');
  });
});
