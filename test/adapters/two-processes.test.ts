/**
 * Two bot processes on one Redis, as behind a webhook load balancer: each with its own store connection
 * and its own per-chat queue, one chat's updates handed to both at once. Over 100 near-simultaneous pairs:
 * - two messages typed while one question was on screen: exactly one answers it, the other is refused
 *   plainly, and nothing lands on the next question;
 * - two taps fired out of order (the next question's tap reaching the other process first): the later tap
 *   waits for the earlier turn instead of being refused, so no tap is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { twoProcessRace } from '../support/resilience.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;

let redis: TestRedis;
let emu: TelegramEmulator;
beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
});
afterAll(async () => {
  await Promise.all([redis.stop(), emu.close()]);
});

describe('two bot processes, one Redis', () => {
  it('over 100 near-simultaneous pairs: no answer on the wrong question, no tap lost', { timeout: 120_000 }, async () => {
    const tally = await twoProcessRace({ campaign, emu, redisUrl: redis.url, prefix: 'two:', chats: Array.from({ length: 24 }, (_, i) => 8000 + i) });
    console.info(`two processes: ${JSON.stringify({ ...tally, errors: tally.errors.length })}`);
    expect(tally.pairs).toBeGreaterThanOrEqual(100);
    expect(tally).toMatchObject({ wrongQuestion: 0, tapsLost: 0, refusedTyped: tally.typedPairs, errors: [] });
  });
});
