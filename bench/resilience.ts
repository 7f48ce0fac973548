/**
 * Correctness under faults, as figures: the two-process race (answers on the wrong question, taps lost,
 * out of how many pairs) and a run of the real program killed with SIGKILL at random points (answers kept
 * of sent, messages answered, restarts). The same scenarios the tests assert on (test/support/resilience.ts).
 */
import { pathToFileURL } from 'node:url';
import { findCampaign } from '../flows/index.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { startRedis } from '../test/support/redis-server.ts';
import { killAndRestart, twoProcessRace } from '../test/support/resilience.ts';
import { startTelegramEmulator } from '../test/support/telegram-emulator.ts';

export async function benchResilience(): Promise<Record<string, number | string>> {
  const campaign = findCampaign('changji-2024') as Campaign;
  const [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
  try {
    const race = await twoProcessRace({ campaign, emu, redisUrl: redis.url, prefix: 'race:', chats: Array.from({ length: 40 }, (_, i) => 9000 + i) });
    const kill = await killAndRestart({ campaign, emu, redisUrl: redis.url, prefix: 'kill:', chats: [9500, 9501] });
    return {
      race_pairs: `${race.pairs} (${race.typedPairs} typed ahead, ${race.tapPairs} taps out of order)`,
      race_wrong_question: race.wrongQuestion,
      race_taps_lost: race.tapsLost,
      kill_restarts: kill.restarts,
      kill_answers_kept: `${kill.answersKept} / ${kill.answersExpected}`,
      kill_messages_answered: `${kill.answered} / ${kill.messages}`,
      kill_applied_twice: kill.appliedTwice,
    };
  } finally {
    await Promise.all([redis.stop(), emu.close()]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchResilience())) console.log(`${k.padEnd(28)} ${v}`);
}
