/**
 * Updates per second through the whole Telegram stack: telegraf's update handling, the bot's
 * handlers, the conversation service on Redis, and real HTTP calls to the local Bot API emulator.
 * Beside it, the floor: one sendMessage round trip to the same emulator.
 */
import { performance } from 'node:perf_hooks';
import type { Update } from 'telegraf/types';
import { findCampaign } from '../flows/index.ts';
import { ConversationService } from '../src/app/conversation-service.ts';
import { RedisStore } from '../src/adapters/store/redis-store.ts';
import { createBot } from '../src/adapters/telegram/bot.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { completeAnswers, PROFILES, typedConversation } from '../test/support/profiles.ts';
import { startRedis } from '../test/support/redis-server.ts';
import { startTelegramEmulator } from '../test/support/telegram-emulator.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchTelegram(options: { chats?: number; concurrency?: number } = {}): Promise<Record<string, number | string>> {
  const chats = options.chats ?? 40;
  const concurrency = options.concurrency ?? 8;
  const campaign = findCampaign('changji-2024') as Campaign;
  const redis = await startRedis();
  const emu = await startTelegramEmulator();
  const store = new RedisStore({ url: redis.url, retentionSeconds: 3600 });
  await store.connect();
  try {
    const service = new ConversationService({ campaigns: [campaign], store, clock: () => new Date('2025-03-10T09:00:00+08:00') });
    const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store });
    const lines = ['/start', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseA))];
    let updateId = 1;
    const update = (chat: number, text: string): Update => ({
      update_id: updateId++,
      message: { message_id: updateId, date: 0, chat: { id: chat, type: 'private', first_name: 'u' }, from: { id: chat, is_bot: false, first_name: 'u' }, text },
    });

    // Floor: one bare sendMessage round trip to the emulator, as the bot's own client makes it.
    const floor: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await bot.telegram.sendMessage(1, 'floor');
      floor.push(performance.now() - start);
    }

    const conversation = async (chat: number, timings: number[]) => {
      for (const line of lines) {
        const start = performance.now();
        await bot.handleUpdate(update(chat, line));
        timings.push(performance.now() - start);
      }
    };
    // One update at a time, comparable with the one-call floor.
    const sequential: number[] = [];
    for (let chat = 1; chat <= 5; chat++) await conversation(chat, sequential);

    // Throughput: whole conversations, `concurrency` chats at a time (one chat's updates stay in order).
    const concurrent: number[] = [];
    const started = performance.now();
    for (let first = 0; first < chats; first += concurrency) {
      const group = Array.from({ length: Math.min(concurrency, chats - first) }, (_, i) => 10_000 + first + i);
      await Promise.all(group.map((chat) => conversation(chat, concurrent)));
    }
    const seconds = (performance.now() - started) / 1000;
    const p50 = median(sequential);
    const sent = emu.calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText').length;
    return {
      updates: sequential.length + concurrent.length,
      [`updates_per_s_${concurrency}_chats_in_flight`]: Math.round(concurrent.length / seconds),
      seq_update_p50_ms: Number(p50.toFixed(2)),
      api_calls_per_update: Number((sent / (sequential.length + concurrent.length)).toFixed(2)),
      floor_send_message_p50_ms: Number(median(floor).toFixed(2)),
      ratio_update_p50_to_floor_p50: Number((p50 / median(floor)).toFixed(1)),
    };
  } finally {
    await store.close();
    await emu.close();
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchTelegram());
}
