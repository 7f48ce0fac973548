/**
 * Exactly once, across crashes: the real `src/main.ts` (long polling, real Redis, the Bot API emulator) is
 * killed with SIGKILL at random points, twice per message (while it handles it, and just after it replied,
 * before Telegram learned the update was handled) and restarted each time; Telegram redelivers what was
 * not confirmed. Every answer must be kept once, and every message must get its next question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../flows/index.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { killAndRestart } from './support/resilience.ts';
import { startRedis, type TestRedis } from './support/redis-server.ts';
import { startTelegramEmulator, type TelegramEmulator } from './support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;

let redis: TestRedis;
let emu: TelegramEmulator;
beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
});
afterAll(async () => {
  await Promise.all([redis.stop(), emu.close()]);
});

describe('kill -9 at random points', () => {
  it('keeps every answer exactly once and answers every message, over 30+ restarts', { timeout: 300_000 }, async () => {
    // Two units, one after the other, so that the run has more than 30 restarts.
    const result = await killAndRestart({ campaign, emu, redisUrl: redis.url, prefix: 'crash:', chats: [6001, 6002] });
    console.info(`kill -9 test: ${JSON.stringify(result)}`);
    expect(result.restarts).toBeGreaterThanOrEqual(30);
    expect(result.answered).toBe(result.messages);
    expect(result.answersKept).toBe(result.answersExpected);
    expect(result.appliedTwice).toBe(0);
    expect(result.refused).toBe(0);
  });
});
