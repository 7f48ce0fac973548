/**
 * Two bot processes on one Redis, as behind a webhook load balancer: each with its own store connection
 * and its own per-chat queue, one chat's updates handed to both at once. Over 100 near-simultaneous pairs:
 * - two messages typed while one question was on screen: exactly one answers it, the other is refused
 *   plainly, and nothing lands on the next question;
 * - two taps fired out of order (the next question's tap reaching the other process first): the later tap
 *   waits for the earlier turn instead of being refused, so no tap is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Telegraf } from 'telegraf';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { RedisStore } from '../../src/adapters/redis-store.ts';
import { chatKey, createBot } from '../../src/adapters/telegram/bot.ts';
import { encodeAnswerButton } from '../../src/adapters/telegram/callback-data.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { assess } from '../../src/core/engine.ts';
import { t } from '../../src/core/text.ts';
import { captureLog } from '../support/capture-log.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { inlineButtons, startTelegramEmulator, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => IN_WINDOW;

let redis: TestRedis;
let emu: TelegramEmulator;
const stores: RedisStore[] = [];
beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all([redis.stop(), emu.close()]);
});

async function process(): Promise<{ bot: Telegraf; store: RedisStore; errors: () => unknown[] }> {
  const store = new RedisStore({ url: redis.url, prefix: 'two:', retentionSeconds: 3600 });
  await store.connect();
  stores.push(store);
  const log = captureLog();
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  return { bot: createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store, logger: log.logger }), store, errors: log.errors };
}

describe('two bot processes, one Redis', () => {
  it('over 100 near-simultaneous pairs: no answer on the wrong question, no tap lost', { timeout: 120_000 }, async () => {
    const [one, two] = await Promise.all([process(), process()]);
    let updateId = 1;
    const user = (chat: number) => ({ id: chat, is_bot: false, first_name: '用户' });
    const type = (bot: Telegraf, chat: number, text: string, messageId = emu.nextUserMessageId(chat)) =>
      bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId, date: 0, chat: { id: chat, type: 'private', first_name: '用户' }, from: user(chat), text } });
    const tap = (bot: Telegraf, chat: number, questionId: string, option: string, rev: number) =>
      bot.handleUpdate({
        update_id: updateId++,
        callback_query: {
          id: `q${updateId}`,
          chat_instance: '1',
          from: user(chat),
          message: { message_id: 1, date: 0, chat: { id: chat, type: 'private', first_name: '用户' }, text: '' },
          data: encodeAnswerButton({ questionId, option, rev }),
        },
      } as never);
    const stored = async (chat: number) => {
      const s = await one.store.load(chatKey(chat));
      return JSON.parse(s?.data ?? '{}').context as { answers: Record<string, unknown>; rev: number };
    };
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const order = Object.keys(answers);
    const firstMaterial = order.findIndex((id) => id.startsWith('has_'));
    const lines = ['/start', ...typedConversation(campaign, answers).slice(0, firstMaterial)];

    const tally = { typedPairs: 0, tapPairs: 0, wrongQuestion: 0, tapsLost: 0, refusedTyped: 0 };
    const runChat = async (chat: number) => {
      for (const line of lines) await type(one.bot, chat, line);
      for (let guard = 0; guard < 40; guard++) {
        const context = await stored(chat);
        const position = assess(campaign, context.answers as never, IN_WINDOW);
        const current = position.next;
        if (!current?.id.startsWith('has_')) return;
        if (guard === 39) tally.tapsLost++; // the chat never got through its questions
        const following = assess(campaign, { ...context.answers, [current.id]: true } as never, IN_WINDOW).next;
        if ((tally.typedPairs + tally.tapPairs) % 2 === 0 || !following?.id.startsWith('has_')) {
          // Typed ahead: both while `current` was on screen, handed to the two processes at once.
          tally.typedPairs++;
          const refusedBefore = emu.sent(chat).filter((m) => m.text?.startsWith(t('conversation.typedStale'))).length;
          const [a, b] = [emu.nextUserMessageId(chat), emu.nextUserMessageId(chat)];
          await Promise.all([type(one.bot, chat, '是', a), type(two.bot, chat, '否', b)]);
          const after = await stored(chat);
          const refused = emu.sent(chat).filter((m) => m.text?.startsWith(t('conversation.typedStale'))).length - refusedBefore;
          tally.refusedTyped += refused;
          if (following && following.id in after.answers) tally.wrongQuestion++;
          if (refused !== 1 || typeof after.answers[current.id] !== 'boolean') tally.wrongQuestion++;
        } else {
          // Out of order: the tap on the next question reaches the other process before the first tap lands.
          tally.tapPairs++;
          const rev = context.rev;
          const second = tap(two.bot, chat, following.id, 'no', rev + 1);
          const first = tap(one.bot, chat, current.id, 'yes', rev);
          await Promise.all([second, first]);
          const after = await stored(chat);
          if (after.answers[current.id] !== true) tally.tapsLost++;
          if (after.answers[following.id] !== false) tally.tapsLost++;
        }
      }
    };
    const chats = Array.from({ length: 24 }, (_, i) => 8000 + i);
    await Promise.all(chats.map(runChat));
    const pairs = tally.typedPairs + tally.tapPairs;
    console.info(`two processes: ${pairs} pairs (${tally.typedPairs} typed, ${tally.tapPairs} taps), wrong question ${tally.wrongQuestion}, taps lost ${tally.tapsLost}`);
    expect(pairs).toBeGreaterThanOrEqual(100);
    expect(tally).toMatchObject({ wrongQuestion: 0, tapsLost: 0, refusedTyped: tally.typedPairs });
    // Every chat reaches the end, every press got its answer, and nothing went wrong on the way.
    for (const chat of chats) expect(inlineButtons(emu.sent(chat).at(-1) ?? ({} as never))).toBeDefined();
    expect([...one.errors(), ...two.errors()]).toEqual([]);
  });
});
