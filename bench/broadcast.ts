/**
 * A reminder broadcast to 3,000 units through the real queue and worker (Redis, BullMQ, telegraf's client)
 * to the Bot API emulator with Telegram's flood control (429 past 30 messages a second, and past one a
 * second per chat). Figures: messages a second as a fraction of the configured ceiling (REMINDER_RATE's
 * default, 25), duplicates, lost, 429s received. Then the same against a ceiling set above Telegram's
 * limit, to show what the 429 handling does when the limiter is wrong.
 */
import { pathToFileURL } from 'node:url';
import { findCampaign } from '../flows/index.ts';
import { newRunId } from '../src/app/reminder-service.ts';
import { RedisStore } from '../src/adapters/store/redis-store.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { startRedis, type TestRedis } from '../test/support/redis-server.ts';
import { seedUnits, startRig, telegramUnits } from '../test/support/reminders.ts';
import { startTelegramEmulator } from '../test/support/telegram-emulator.ts';

const NOW = new Date('2025-04-23T10:00:00+08:00');
const STAFF_CHAT = 990_001;

type Broadcast = { seconds: number; perSecond: number; duplicates: number; lost: number; refusals: number; sent: number };

async function broadcast(redis: TestRedis, campaign: Campaign, units: number, rate: number, prefix: string): Promise<Broadcast> {
  const emu = await startTelegramEmulator({ floodLimit: { perSecond: 30, perChatPerSecond: 1 } });
  const store = new RedisStore({ url: redis.url, prefix, retentionSeconds: 10 * 365 * 86_400 });
  await store.connect();
  const rig = await startRig({ store, campaign, prefix, redisUrl: redis.url, apiRoot: emu.apiRoot, token: emu.token, rate, clock: () => NOW });
  try {
    const first = 1_000_001;
    await seedUnits(store, campaign, telegramUnits(first, units), NOW);
    const run = await rig.service.manualRun(campaign, newRunId(), { areas: campaign.areas.map((a) => a.id) }, { chatId: STAFF_CHAT, staff: 'bench', scope: 'bench' });
    await rig.queue.start(run);
    await emu.waitFor(() => emu.sent(STAFF_CHAT).length > 0, 30 * 60_000);
    const sends = emu.calls.filter((c) => c.method === 'sendMessage' && c.response?.ok && Number(c.params.chat_id) !== STAFF_CHAT).map((c) => c.at);
    const seconds = (Math.max(...sends) - Math.min(...sends)) / 1000;
    const counts = Array.from({ length: units }, (_, i) => emu.sent(first + i).length);
    return {
      seconds,
      perSecond: (sends.length - 1) / seconds,
      duplicates: counts.filter((n) => n > 1).length,
      lost: counts.filter((n) => n === 0).length,
      refusals: emu.floodRefusals,
      sent: (await rig.records.run(run.runId))?.counts.sent ?? 0,
    };
  } finally {
    await rig.close();
    await store.close();
    await emu.close();
  }
}

export async function benchBroadcast(options: { units?: number; rate?: number } = {}): Promise<Record<string, number | string>> {
  const units = options.units ?? 3000;
  const rate = options.rate ?? 25;
  const campaign = findCampaign('changji-2024') as Campaign;
  const redis = await startRedis();
  try {
    const main = await broadcast(redis, campaign, units, rate, 'bcast:');
    // A ceiling set wrongly above Telegram's 30 a second: the 429s and retry_after keep every reminder, once.
    const overUnits = Math.min(units, 600);
    const over = await broadcast(redis, campaign, overUnits, 60, 'bcast-over:');
    return {
      units,
      [`msgs_per_s_at_ceiling_${rate}`]: Number(main.perSecond.toFixed(2)),
      fraction_of_ceiling: Number((main.perSecond / rate).toFixed(3)),
      broadcast_seconds: Number(main.seconds.toFixed(1)),
      duplicates: main.duplicates,
      lost: main.lost,
      telegram_429s: main.refusals,
      [`over_limit_${overUnits}_units_ceiling_60_msgs_per_s`]: Number(over.perSecond.toFixed(2)),
      over_limit_429s: over.refusals,
      over_limit_duplicates: over.duplicates,
      over_limit_lost: over.lost,
    };
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const units = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const [k, v] of Object.entries(await benchBroadcast(units ? { units } : {}))) console.log(`${k.padEnd(48)} ${v}`);
  process.exit(0);
}
