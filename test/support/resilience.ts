/**
 * Fault scenarios shared by the tests (which assert on them) and `npm run bench` (which prints them):
 * two bot processes racing on one Redis, and the real program killed with SIGKILL at random points.
 */
import type { Telegraf } from 'telegraf';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { chatKey, createBot } from '../../src/adapters/telegram/bot.ts';
import { encodeAnswerButton } from '../../src/adapters/telegram/callback-data.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { assess, questionText } from '../../src/core/engine.ts';
import { t } from '../../src/core/text.ts';
import { captureLog } from './capture-log.ts';
import { startMain, type MainProcess } from './main-process.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from './profiles.ts';
import { freePort } from './redis-server.ts';
import type { TelegramEmulator } from './telegram-emulator.ts';

export type RaceTally = { pairs: number; typedPairs: number; tapPairs: number; wrongQuestion: number; tapsLost: number; refusedTyped: number; errors: unknown[] };

const user = (chat: number) => ({ id: chat, is_bot: false, first_name: '用户' });
const privateChat = (chat: number) => ({ id: chat, type: 'private' as const, first_name: '用户' });

/**
 * Two bot processes (own store connection, own per-chat queue) on one Redis, one chat's updates handed to
 * both at once, over the material questions of `chats` units: typed-ahead pairs (two messages typed while
 * one question was on screen) and out-of-order tap pairs (the next question's tap reaching the other
 * process before the first tap landed).
 */
export async function twoProcessRace(opts: { campaign: Campaign; emu: TelegramEmulator; redisUrl: string; prefix: string; chats: number[] }): Promise<RaceTally> {
  const { campaign, emu } = opts;
  const stores: RedisStore[] = [];
  const process = async () => {
    const store = new RedisStore({ url: opts.redisUrl, prefix: opts.prefix, retentionSeconds: 3600 });
    await store.connect();
    stores.push(store);
    const log = captureLog();
    const service = new ConversationService({ campaigns: [campaign], store, clock: () => IN_WINDOW });
    return { bot: createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store, logger: log.logger }), store, errors: log.errors };
  };
  try {
    const [one, two] = await Promise.all([process(), process()]);
    let updateId = 1;
    const type = (bot: Telegraf, chat: number, text: string, messageId = emu.nextUserMessageId(chat)) =>
      bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId, date: 0, chat: privateChat(chat), from: user(chat), text } });
    const tap = (bot: Telegraf, chat: number, questionId: string, option: string, rev: number) =>
      bot.handleUpdate({
        update_id: updateId++,
        callback_query: {
          id: `q${updateId}`,
          chat_instance: '1',
          from: user(chat),
          message: { message_id: 1, date: 0, chat: privateChat(chat), text: '' },
          data: encodeAnswerButton({ questionId, option, rev }),
        },
      } as never);
    const stored = async (chat: number) => JSON.parse((await one.store.load(chatKey(chat)))?.data ?? '{}').context as { answers: Record<string, AnswerValue | null>; rev: number };
    const refusals = (chat: number) => emu.sent(chat).filter((m) => m.text?.startsWith(t('conversation.typedStale'))).length;

    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const firstMaterial = Object.keys(answers).findIndex((id) => id.startsWith('has_'));
    const lines = ['/start', ...typedConversation(campaign, answers).slice(0, firstMaterial)];
    const tally: RaceTally = { pairs: 0, typedPairs: 0, tapPairs: 0, wrongQuestion: 0, tapsLost: 0, refusedTyped: 0, errors: [] };

    const runChat = async (chat: number) => {
      for (const line of lines) await type(one.bot, chat, line);
      for (let guard = 0; ; guard++) {
        const context = await stored(chat);
        const current = assess(campaign, context.answers, IN_WINDOW).next;
        if (!current?.id.startsWith('has_')) return;
        if (guard > 40) return void tally.tapsLost++; // never got through its questions
        const following = assess(campaign, { ...context.answers, [current.id]: true }, IN_WINDOW).next;
        if (tally.pairs++ % 2 === 0 || !following?.id.startsWith('has_')) {
          tally.typedPairs++;
          const before = refusals(chat);
          const [a, b] = [emu.nextUserMessageId(chat), emu.nextUserMessageId(chat)];
          await Promise.all([type(one.bot, chat, '是', a), type(two.bot, chat, '否', b)]);
          const after = await stored(chat);
          const refused = refusals(chat) - before;
          tally.refusedTyped += refused;
          // Both were typed while `current` was on screen: one answers it, the other must not land anywhere.
          if ((following && following.id in after.answers) || refused !== 1 || typeof after.answers[current.id] !== 'boolean') tally.wrongQuestion++;
        } else {
          tally.tapPairs++;
          const rev = context.rev;
          await Promise.all([tap(two.bot, chat, following.id, 'no', rev + 1), tap(one.bot, chat, current.id, 'yes', rev)]);
          const after = await stored(chat);
          if (after.answers[current.id] !== true) tally.tapsLost++;
          if (after.answers[following.id] !== false) tally.tapsLost++;
        }
      }
    };
    await Promise.all(opts.chats.map(runChat));
    tally.errors = [...one.errors(), ...two.errors()];
    return tally;
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}

export type KillRunResult = { messages: number; restarts: number; answersExpected: number; answersKept: number; answered: number; refused: number; appliedTwice: number };

/** A small deterministic generator, so a run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The real `src/main.ts` (long polling, Redis, the emulator) killed with SIGKILL twice per message: at a
 * random moment while it handles the message (or is still starting), and just after it replied, before
 * Telegram learned the update was handled (so it is redelivered). Restarted each time. Each message waits
 * for its reply (the next question) as a person would.
 */
export async function killAndRestart(opts: { campaign: Campaign; emu: TelegramEmulator; redisUrl: string; prefix: string; chats: number[]; seed?: number }): Promise<KillRunResult> {
  const { campaign, emu } = opts;
  const env = {
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    REDIS_URL: opts.redisUrl,
    REDIS_KEY_PREFIX: opts.prefix,
    NIANSHEN_NOW: '2025-03-10T09:00:00+08:00',
    CAMPAIGNS: 'changji-2024',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
  const rand = random(opts.seed ?? 20251130);
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
  const killWithin = (maxMs: number) =>
    new Promise<void>((resolve) => {
      const target = main;
      setTimeout(() => {
        if (target === main && alive) process.kill(target.pid, 'SIGKILL');
        resolve();
      }, Math.floor(rand() * maxMs));
    });
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
  // What the unit sees after each message: the next question's text, or the summary after the last.
  const expected: string[] = [];
  const given: Record<string, AnswerValue | null> = {};
  for (let p = assess(campaign, {}, IN_WINDOW); ; ) {
    expected.push(p.next ? (questionText(p, p.next).split('\n')[0] ?? '') : t('summary.title', { unit: '' }).slice(0, 4));
    if (!p.next) break;
    given[p.next.id] = answers[p.next.id] ?? null;
    p = assess(campaign, { ...given }, IN_WINDOW);
  }
  let answered = 0;
  try {
    for (const chat of opts.chats) {
      for (const [i, line] of lines.entries()) {
        const messageId = emu.nextUserMessageId(chat);
        emu.sendUpdate({ message: { message_id: messageId, date: 0, chat: privateChat(chat), from: user(chat), text: line } });
        void killWithin(60);
        await replied(chat, messageId, expected[i] as string);
        answered++;
        await killWithin(20);
        if (!alive) {
          await main.exited;
          restart();
        }
      }
    }
  } finally {
    await main.stop();
  }
  const store = new RedisStore({ url: opts.redisUrl, prefix: opts.prefix, retentionSeconds: 3600 });
  await store.connect();
  try {
    let kept = 0;
    let twice = 0;
    for (const chat of opts.chats) {
      const context = JSON.parse((await store.load(chatKey(chat)))?.data ?? '{}').context as { answers: Record<string, unknown>; rev: number };
      kept += Object.entries(answers).filter(([id, v]) => context.answers[id] === v).length;
      // One revision per message after /start: more means something was applied twice.
      twice += Math.max(0, context.rev - (lines.length - 1));
    }
    const refused = opts.chats.reduce((n, chat) => n + emu.sent(chat).filter((m) => m.text?.startsWith(t('conversation.typedStale'))).length, 0);
    return { messages: opts.chats.length * lines.length, restarts, answersExpected: opts.chats.length * Object.keys(answers).length, answersKept: kept, answered, refused, appliedTwice: twice };
  } finally {
    await store.close();
  }
}
