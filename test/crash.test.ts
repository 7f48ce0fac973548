/**
 * Exactly once, across crashes: the real `src/main.ts` (long polling, real Redis, the Bot API emulator) is
 * killed with SIGKILL at random points, twice per answer (while it handles the answer, and just after it
 * replied, before Telegram learned the update was handled) and restarted each time. Telegram redelivers
 * what was not confirmed. Every answer must be kept once, and every message must get its next question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../flows/index.ts';
import { chatKey } from '../src/adapters/telegram/bot.ts';
import { RedisStore } from '../src/adapters/redis-store.ts';
import type { Campaign } from '../src/core/campaign.ts';
import type { AnswerValue } from '../src/core/conditions.ts';
import { assess, questionText } from '../src/core/engine.ts';
import { t } from '../src/core/text.ts';
import { startMain, type MainProcess } from './support/main-process.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from './support/profiles.ts';
import { freePort, startRedis, type TestRedis } from './support/redis-server.ts';
import { startTelegramEmulator, type TelegramEmulator } from './support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const CHATS = [6001, 6002];

let redis: TestRedis;
let emu: TelegramEmulator;
beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
});
afterAll(async () => {
  await Promise.all([redis.stop(), emu.close()]);
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** What the unit sees after each answer: the next question's text, or the summary after the last. */
function nextTexts(answers: Record<string, AnswerValue | null>): string[] {
  const given: Record<string, AnswerValue | null> = {};
  const texts: string[] = [];
  for (let p = assess(campaign, { ...given }, IN_WINDOW); p.next; p = assess(campaign, { ...given }, IN_WINDOW)) {
    given[p.next.id] = answers[p.next.id] ?? null;
    const after = assess(campaign, { ...given }, IN_WINDOW);
    texts.push(after.next ? (questionText(after, after.next).split('\n')[0] ?? '') : t('summary.title', { unit: '' }).slice(0, 4));
  }
  return texts;
}

describe('kill -9 at random points', () => {
  it('keeps every answer exactly once and answers every message, over 30+ restarts', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const env = {
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'crash:',
      NIANSHEN_NOW: '2025-03-10T09:00:00+08:00',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    };
    const rand = random(20251130);
    let main: MainProcess = startMain(env);
    let alive = true;
    let restarts = 0;
    const watch = (p: MainProcess) => void p.exited.then(() => p === main && (alive = false));
    watch(main);
    const restart = () => {
      main = startMain(env);
      alive = true;
      watch(main);
      restarts++;
    };
    /** Kills the running bot after a random moment up to `maxMs`, if it is still the one running. */
    const killWithin = (maxMs: number) =>
      new Promise<void>((resolve) => {
        const target = main;
        setTimeout(() => {
          if (target === main && alive) process.kill(target.pid, 'SIGKILL');
          resolve();
        }, Math.floor(rand() * maxMs));
      });
    /** Waits for a bot message after `messageId` containing `text`, restarting the bot whenever it dies. */
    const replied = async (chat: number, messageId: number, text: string) => {
      const arrived = () => emu.sent(chat).some((m) => m.message_id > messageId && (m.text ?? '').includes(text));
      for (;;) {
        const dead = main.exited.then(() => 'dead' as const);
        const outcome = await Promise.race([
          emu.waitFor(arrived, 60_000).then(
            () => 'ok' as const,
            (error: Error) => {
              throw new Error(`${error.message}\nwaiting for "${text}" after message ${messageId}; bot stderr:\n${main.stderr.slice(-2000)}`);
            },
          ),
          dead,
        ]);
        if (outcome === 'ok') return;
        restart();
      }
    };

    const answers = completeAnswers(campaign, PROFILES.organ);
    const lines = ['/start', ...typedConversation(campaign, answers)];
    const first = assess(campaign, {}, IN_WINDOW);
    const expected = [questionText(first, first.next as NonNullable<typeof first.next>).split('\n')[0] ?? '', ...nextTexts(answers)];
    // Two units, one after the other, so that the run has more than 30 restarts.
    for (const [i, line] of [...lines, ...lines].entries()) {
      const chat = CHATS[i < lines.length ? 0 : 1] as number;
      const messageId = emu.nextUserMessageId(chat);
      emu.sendUpdate({ message: { message_id: messageId, date: 0, chat: { id: chat, type: 'private', first_name: '用户' }, from: { id: chat, is_bot: false, first_name: '用户' }, text: line } });
      // While the answer is being handled (or the bot is still starting)…
      void killWithin(60);
      await replied(chat, messageId, expected[i % lines.length] as string);
      // …and right after the reply, before the update is confirmed: it will be redelivered.
      await killWithin(20);
      if (!alive) {
        await main.exited;
        restart();
      }
    }
    await main.stop();

    const store = new RedisStore({ url: redis.url, prefix: 'crash:', retentionSeconds: 3600 });
    await store.connect();
    try {
      console.info(`kill -9 test: ${2 * lines.length} messages, ${restarts} restarts, ${CHATS.map((c) => emu.sent(c).length).join(' + ')} bot messages`);
      expect(restarts).toBeGreaterThanOrEqual(30);
      for (const chat of CHATS) {
        const stored = JSON.parse((await store.load(chatKey(chat)))?.data ?? '{}');
        expect(stored.context.answers).toEqual(answers);
        // Each answer was applied once: one revision per answer, no more.
        expect(stored.context.rev).toBe(lines.length - 1);
        // Every message got its reply (the next question), checked above; none was refused as stale.
        expect(emu.sent(chat).some((m) => m.text?.startsWith(t('conversation.typedStale')))).toBe(false);
      }
    } finally {
      await store.close();
    }
  });
});
