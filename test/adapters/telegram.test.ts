/**
 * The Telegram channel through the real telegraf, talking HTTP to the local Bot API emulator,
 * with sessions in a real redis-server.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Telegraf } from 'telegraf';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { createHttpServer, registerWebhook, WEBHOOK_PATH } from '../../src/adapters/http/server.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { chatKey, createBot } from '../../src/adapters/telegram/bot.ts';
import { decodeAnswerButton, encodeAnswerButton } from '../../src/adapters/telegram/callback-data.ts';
import { keyboardFor, splitText } from '../../src/adapters/telegram/render.ts';
import { startPolling, startWebhook, type RunningBot } from '../../src/adapters/telegram/run.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { assess, steps } from '../../src/core/engine.ts';
import { questionPrompt } from '../../src/core/present.ts';
import { t } from '../../src/core/text.ts';
import { captureLog, type LogEntry } from '../support/capture-log.ts';
import { completeAnswers, gradeLine, PROFILES, typedConversation } from '../support/profiles.ts';
import { redisForFile } from '../support/redis-server.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => new Date('2025-03-10T09:00:00+08:00');
const CHAT = 5001;

const redis = redisForFile();
let emu: TelegramEmulator;
beforeEach(async () => {
  emu = await startTelegramEmulator();
  redis.afterTest(() => emu.close());
});

async function newStore(prefix = redis.prefix('tg')): Promise<RedisStore> {
  const store = new RedisStore({ url: redis.url(), prefix, retentionSeconds: 3600 });
  await store.connect();
  redis.afterTest(() => store.close());
  return store;
}

async function newBot(store?: RedisStore): Promise<{ bot: Telegraf; store: RedisStore; errors: () => LogEntry[] }> {
  const s = store ?? (await newStore());
  const log = captureLog();
  const service = new ConversationService({ campaigns: [campaign], store: s, clock });
  const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store: s, logger: log.logger });
  return { bot, store: s, errors: log.errors };
}

async function polling(bot: Telegraf): Promise<RunningBot> {
  const running = await startPolling(bot);
  redis.afterTest(() => running.stop());
  await emu.waitFor(() => emu.isPolling);
  return running;
}

/** A message the user answers next: a question or menu (every one has buttons, 为什么问 at least), or the summary. */
const isPrompt = (m: SentMessage) => !(m.text ?? '').includes('✅') && (/^📋/.test(m.text ?? '') || inlineButtons(m).length > 0);

/** Does something as the user and waits until the bot has answered with a prompt or the summary. */
async function act(chat: number, doIt: () => unknown): Promise<SentMessage[]> {
  const before = emu.sent(chat).length;
  doIt();
  await emu.waitFor(() => emu.sent(chat).slice(before).some(isPrompt));
  return emu.sent(chat).slice(before);
}

/** Answers like a person: presses the button with the answer's label, or types it. */
async function answerAll(chat: number, lines: string[]): Promise<SentMessage[]> {
  let last = await act(chat, () => emu.sendText(chat, '/start'));
  for (const line of lines) {
    const prompt = emu.sent(chat).filter(isPrompt).at(-1) as SentMessage;
    const button = inlineButtons(prompt).find((b) => b.text === line);
    last = await act(chat, () =>
      button?.callback_data ? emu.pressButton(chat, prompt.message_id, button.callback_data) : emu.sendText(chat, line),
    );
  }
  return last;
}

describe('a whole conversation on Telegram', () => {
  it('runs in polling mode with buttons and typed answers, and the chat reads as a record', async () => {
    const { bot, errors } = await newBot();
    await polling(bot);
    expect(emu.commands().map((c) => c.command)).toContain('review');
    const lines = typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseB));
    const last = await answerAll(CHAT, lines);
    expect(last.map((m) => m.text).join('\n')).toContain(t('summary.grade', { grade: 'B' }));
    // Answered questions were edited to show the choice and lost their keyboard.
    const records = emu.sent(CHAT).filter((m) => (m.text ?? '').includes('✅ 您的回答：'));
    expect(records.length).toBeGreaterThan(10);
    expect(records.every((m) => inlineButtons(m).length === 0)).toBe(true);
    // Every callback query was answered.
    const presses = emu.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    expect(presses).toBe(records.length);
    expect(errors()).toEqual([]);
  });

  it('offers 是 / 否 / 不确定 and a 为什么问 button on every question; 不确定 is recorded, 为什么问 explains', async () => {
    const { bot, store, errors } = await newBot();
    await polling(bot);
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = typedConversation(campaign, answers);
    await answerAll(CHAT, lines.slice(0, Object.keys(answers).indexOf('uses_dispatch')));
    const prompt = emu.sent(CHAT).filter(isPrompt).at(-1) as SentMessage;
    expect(prompt.text).toContain('本单位是否使用劳务派遣人员');
    expect(inlineButtons(prompt).map((b) => b.text)).toEqual(['是', '否', '不确定', t('menu.why')]);
    const why = inlineButtons(prompt).find((b) => b.text === t('menu.why'));
    const explained = await act(CHAT, () => emu.pressButton(CHAT, prompt.message_id, why?.callback_data ?? ''));
    expect(explained.map((m) => m.text).join('\n')).toContain(t('help.whyTitle'));
    // The explanation changed nothing, and the question is still open: answer it 不确定.
    const again = emu.sent(CHAT).filter(isPrompt).at(-1) as SentMessage;
    const unsure = inlineButtons(again).find((b) => b.text === '不确定');
    await act(CHAT, () => emu.pressButton(CHAT, again.message_id, unsure?.callback_data ?? ''));
    const stored = JSON.parse((await store.load(chatKey(CHAT)))?.data ?? '{}');
    expect(stored.context.answers.uses_dispatch).toBe('unknown');
    expect(errors()).toEqual([]);
  });

  it('runs in webhook mode behind fastify, refusing posts without the secret', async () => {
    const { bot, errors } = await newBot();
    const app = createHttpServer();
    redis.afterTest(() => app.close());
    registerWebhook(app, bot, 's3cret-token');
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    await startWebhook(bot, address, 's3cret-token');
    expect(emu.webhook?.url).toBe(`${address}${WEBHOOK_PATH}`);

    const forged = await fetch(`${address}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ update_id: 1 }) });
    expect(forged.status).toBe(401);

    const lines = typedConversation(campaign, completeAnswers(campaign, PROFILES.organ));
    const last = await answerAll(CHAT, lines);
    expect(last.map((m) => m.text).join('\n')).toContain(gradeLine('organ'));
    expect(errors()).toEqual([]);
  });
});

describe('buttons', () => {
  it('answers a press on an older keyboard with 该问题已回答 and the current question, changing nothing', async () => {
    const { bot, store } = await newBot();
    await polling(bot);
    await act(CHAT, () => emu.sendText(CHAT, '/start'));
    await act(CHAT, () => emu.sendText(CHAT, '某某公司'));
    await act(CHAT, () => emu.sendText(CHAT, '91350100M000100Y43'));
    const typeQuestion = emu.sent(CHAT).filter(isPrompt).at(-1) as SentMessage;
    const enterprise = inlineButtons(typeQuestion).find((b) => b.text.startsWith('企业'))?.callback_data as string;
    const institution = inlineButtons(typeQuestion).find((b) => b.text === '事业单位')?.callback_data as string;
    await act(CHAT, () => emu.pressButton(CHAT, typeQuestion.message_id, enterprise));
    const before = await store.load(chatKey(CHAT));
    // The edited message has no keyboard any more; an old client may still show it: simulate that press.
    const replies = await act(CHAT, () =>
      emu.sendUpdate({
        callback_query: {
          id: 'old-1',
          chat_instance: '1',
          from: { id: CHAT, is_bot: false, first_name: '用户' },
          message: { message_id: typeQuestion.message_id, date: 0, chat: { id: CHAT, type: 'private', first_name: '用户' }, text: typeQuestion.text },
          data: institution,
        },
      }),
    );
    expect(replies.map((m) => m.text).join('\n')).toContain(t('conversation.stale'));
    expect(replies.at(-1)?.text).toContain('本单位位于哪个县');
    const after = await store.load(chatKey(CHAT));
    expect(JSON.parse(after?.data ?? '{}').context).toEqual(JSON.parse(before?.data ?? '{}').context);
  });

  it('continues from the review list by its button, and confirms a restart by its button', async () => {
    const { bot, store } = await newBot();
    await polling(bot);
    await act(CHAT, () => emu.sendText(CHAT, '/start'));
    await act(CHAT, () => emu.sendText(CHAT, '某某公司'));
    const review = (await act(CHAT, () => emu.sendText(CHAT, '/review'))).find(isPrompt) as SentMessage;
    const next = inlineButtons(review)[0]?.callback_data as string;
    const continued = await act(CHAT, () => emu.pressButton(CHAT, review.message_id, next));
    expect(continued.at(-1)?.text).toContain('统一社会信用代码');
    const confirm = (await act(CHAT, () => emu.sendText(CHAT, '/restart'))).find(isPrompt) as SentMessage;
    const yes = inlineButtons(confirm).find((b) => b.text === t('confirm.yes'))?.callback_data as string;
    const restarted = await act(CHAT, () => emu.pressButton(CHAT, confirm.message_id, yes));
    expect(restarted.map((m) => m.text).join('\n')).toContain(t('conversation.restarted'));
    expect(JSON.parse((await store.load(chatKey(CHAT)))?.data ?? '{}').context.answers).toEqual({});
  });

  it('never marks a question answered by a press that was refused (typed first, or a double tap)', async () => {
    const { bot, store } = await newBot();
    await polling(bot);
    for (const line of ['/start', '某某公司', '91350100M000100Y43', '企业', '阜康市', '12', '0', '0']) await act(CHAT, () => emu.sendText(CHAT, line));
    const question = emu.sent(CHAT).filter(isPrompt).at(-1) as SentMessage;
    expect(question.text).toContain('劳务派遣人员');
    const [yes, no] = inlineButtons(question).map((b) => b.callback_data as string);
    await act(CHAT, () => emu.sendText(CHAT, '否')); // typed while the keyboard is still there
    await act(CHAT, () => emu.pressButton(CHAT, question.message_id, yes as string));
    expect(emu.sent(CHAT).find((m) => m.message_id === question.message_id)?.text).not.toContain('✅');
    expect(JSON.parse((await store.load(chatKey(CHAT)))?.data ?? '{}').context.answers.uses_dispatch).toBe(false);
    expect(no).toBeDefined();
  });

  it('answers ten quick taps on one button once', async () => {
    const { bot, store } = await newBot();
    await polling(bot);
    for (const line of ['/start', '某某公司', '91350100M000100Y43', '企业', '阜康市', '12', '0', '0']) await act(CHAT, () => emu.sendText(CHAT, line));
    const question = emu.sent(CHAT).filter(isPrompt).at(-1) as SentMessage;
    const no = inlineButtons(question).find((b) => b.text === '否')?.callback_data as string;
    const before = emu.sent(CHAT).length;
    for (let i = 0; i < 10; i++) emu.pressButton(CHAT, question.message_id, no);
    await emu.waitFor(() => emu.calls.filter((c) => c.method === 'answerCallbackQuery').length >= 10);
    // One chat's updates are handled in order: once a later message is answered, all ten taps are done.
    const marker = emu.sent(CHAT).length;
    await act(CHAT, () => emu.sendText(CHAT, '进度'));
    // Only the first tap produced messages: the next question.
    const after = emu.sent(CHAT).slice(before, marker);
    expect(after.filter(isPrompt)).toHaveLength(1);
    expect(after.filter((m) => m.text?.includes(t('conversation.stale')))).toEqual([]);
    expect(JSON.parse((await store.load(chatKey(CHAT)))?.data ?? '{}').context.answers.uses_dispatch).toBe(false);
  });

  it('still sends the next question when editing the answered one fails (message to edit not found)', async () => {
    const { bot } = await newBot();
    await polling(bot);
    for (const line of ['/start', '某某公司', '91350100M000100Y43']) await act(CHAT, () => emu.sendText(CHAT, line));
    const question = emu.sent(CHAT).filter(isPrompt).at(-1) as SentMessage;
    emu.failNext('editMessageText', { code: 400, description: 'Bad Request: message to edit not found' });
    const replies = await act(CHAT, () => emu.pressButton(CHAT, question.message_id, inlineButtons(question)[0]?.callback_data as string));
    expect(replies.at(-1)?.text).toContain('本单位位于哪个县');
    expect(replies.map((m) => m.text).join()).not.toContain(t('telegram.error'));
  });

  it('ignores forged or malformed callback data with a notice, never an exception', async () => {
    const { bot, store, errors } = await newBot();
    await polling(bot);
    await act(CHAT, () => emu.sendText(CHAT, '/start'));
    const before = await store.load(chatKey(CHAT));
    for (const data of ['x', 'a:unit_name', 'a:../../etc:1:2', 'a:unit_name:ok:notanumber', `a:${'q'.repeat(60)}:y:1`, '']) {
      emu.sendUpdate({
        callback_query: { id: `forged-${data}`, chat_instance: '1', from: { id: CHAT, is_bot: false, first_name: '用户' }, data },
      } as never);
    }
    // Raw updates carry query ids the emulator never issued, so look at the calls rather than its answers.
    const answered = () => emu.calls.filter((c) => c.method === 'answerCallbackQuery');
    await emu.waitFor(() => answered().length >= 6);
    expect(answered().every((c) => c.params.text === t('telegram.invalidButton'))).toBe(true);
    expect(emu.calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText').length).toBe(3);
    expect((await store.load(chatKey(CHAT)))?.data).toEqual(before?.data);
    expect(errors()).toEqual([]);
  });

  it('keeps callback_data within 64 bytes for every question of the campaign', () => {
    const position = assess(campaign, {}, clock());
    for (const step of steps(campaign)) {
      const reply = questionPrompt(position, 999_999_999, step, 'back');
      if (reply.kind !== 'prompt') continue;
      for (const row of keyboardFor(reply)?.inline_keyboard ?? []) {
        for (const b of row) expect(Buffer.byteLength('callback_data' in b ? b.callback_data : '')).toBeLessThanOrEqual(64);
      }
    }
    expect(decodeAnswerButton(encodeAnswerButton({ questionId: 'unit_type', option: 'enterprise', rev: 3 }))).toEqual({ questionId: 'unit_type', option: 'enterprise', rev: 3 });
    expect(decodeAnswerButton(encodeAnswerButton({ option: '继续', rev: 0 }))).toEqual({ option: '继续', rev: 0 });
  });
});

describe('delivery and failures', () => {
  it('applies the same update delivered twice once, and answers the second with the current question', async () => {
    const { bot, store } = await newBot();
    const message = (text: string) => ({ message_id: emu.nextUserMessageId(CHAT), date: 0, chat: { id: CHAT, type: 'private' as const, first_name: '用户' }, from: { id: CHAT, is_bot: false, first_name: '用户' }, text });
    await bot.handleUpdate({ update_id: 76, message: message('开始') });
    const update = { update_id: 77, message: message('某某公司') };
    await bot.handleUpdate(update);
    const once = emu.sent(CHAT).length;
    const saved = await store.load(chatKey(CHAT));
    await bot.handleUpdate(update);
    // Nothing applied twice; the redelivery is not met with silence: the current question comes again.
    expect((await store.load(chatKey(CHAT)))?.version).toBe(saved?.version);
    const again = emu.sent(CHAT).slice(once);
    expect(again.map((m) => m.text)).toEqual([emu.sent(CHAT)[once - 1]?.text]);
    expect(again[0]?.text).toContain('统一社会信用代码');
  });

  it('keeps one chat consistent when two bot processes on one Redis get its updates interleaved', async () => {
    const store1 = await newStore('shared:');
    const store2 = await newStore('shared:');
    const one = await newBot(store1);
    const two = await newBot(store2);
    // Both processes get the conversation, alternating, as a webhook load balancer would hand it out.
    // The material questions (all yes/no, answered "是") arrive two at a time, one at each process at
    // once, as if typed ahead: both were typed while the same question was on screen, so one answers it
    // and the other is refused plainly (never saved on the next question); the unit types it again.
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = ['开始', ...typedConversation(campaign, answers)];
    const ids = ['', ...Object.keys(answers)];
    let id = 1000;
    const deliver = (bot: Telegraf, text: string) =>
      bot.handleUpdate({ update_id: id++, message: { message_id: emu.nextUserMessageId(CHAT), date: 0, chat: { id: CHAT, type: 'private', first_name: '用户' }, from: { id: CHAT, is_bot: false, first_name: '用户' }, text } });
    for (let i = 0; i < lines.length; i++) {
      const pair = ids[i]?.startsWith('has_') && ids[i + 1]?.startsWith('has_');
      if (pair) {
        const refusedBefore = emu.sent(CHAT).filter((m) => m.text?.startsWith(t('conversation.typedStale'))).length;
        await Promise.all([deliver(one.bot, lines[i] as string), deliver(two.bot, lines[i + 1] as string)]);
        const refused = emu.sent(CHAT).filter((m) => m.text?.startsWith(t('conversation.typedStale'))).length - refusedBefore;
        expect(refused).toBe(1);
        await deliver(two.bot, lines[i + 1] as string);
        i++;
      } else {
        await deliver(i % 2 ? two.bot : one.bot, lines[i] as string);
      }
    }
    expect(emu.sent(CHAT).at(-1)?.text).toContain(t('summary.grade', { grade: 'A' }));
    const stored = JSON.parse((await store1.load(chatKey(CHAT)))?.data ?? '{}');
    expect(stored.context.answers).toEqual(answers);
    expect([...one.errors(), ...two.errors()]).toEqual([]);
  });

  it('marks a user who blocked the bot (403) unreachable instead of retrying', async () => {
    const { bot, store, errors } = await newBot();
    await polling(bot);
    const unblock = emu.failFor(CHAT, { code: 403 });
    emu.sendText(CHAT, '/start');
    await emu.waitFor(() => emu.calls.some((c) => c.method === 'sendMessage' && c.response && !c.response.ok));
    await emu.waitFor(() => emu.pendingUpdates.length === 0);
    expect(await store.isUnreachable(chatKey(CHAT))).toBe(true);
    expect(emu.calls.filter((c) => c.method === 'sendMessage').length).toBe(1);
    unblock();
    await act(CHAT, () => emu.sendText(CHAT, '/start'));
    expect(await store.isUnreachable(chatKey(CHAT))).toBe(false);
    expect(errors()).toEqual([]);
  });

  it('waits retry_after on 429 and delivers the reply', async () => {
    const { bot, errors } = await newBot();
    await polling(bot);
    emu.failNext('sendMessage', { code: 429, retryAfter: 1 });
    const replies = await act(CHAT, () => emu.sendText(CHAT, '/start'));
    expect(replies.length).toBeGreaterThan(0);
    const sends = emu.calls.filter((c) => c.method === 'sendMessage');
    expect(sends[0]?.response?.ok).toBe(false);
    expect((sends[1]?.at ?? 0) - (sends[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(errors()).toEqual([]);
  });

  it('answers photos, stickers, voice, files, edited messages and group chats politely, changing nothing', async () => {
    const { bot, store } = await newBot();
    await polling(bot);
    await act(CHAT, () => emu.sendText(CHAT, '/start'));
    const before = await store.load(chatKey(CHAT));
    const chat = { id: CHAT, type: 'private' as const, first_name: '用户' };
    const from = { id: CHAT, is_bot: false, first_name: '用户' };
    const count = emu.sent(CHAT).length;
    emu.sendUpdate({ message: { message_id: 900, date: 0, chat, from, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] } });
    emu.sendUpdate({ message: { message_id: 901, date: 0, chat, from, sticker: { file_id: 's', file_unique_id: 's', width: 1, height: 1, is_animated: false, is_video: false, type: 'regular' } } });
    emu.sendUpdate({ message: { message_id: 902, date: 0, chat, from, voice: { file_id: 'v', file_unique_id: 'v', duration: 1 } } });
    emu.sendUpdate({ message: { message_id: 903, date: 0, chat, from, document: { file_id: 'd', file_unique_id: 'd' } } });
    emu.sendUpdate({ edited_message: { message_id: 904, date: 0, edit_date: 1, chat, from, text: '改了' } } as never);
    await emu.waitFor(() => emu.sent(CHAT).length >= count + 5);
    const texts = emu.sent(CHAT).slice(count).map((m) => m.text);
    expect(texts.filter((x) => x === t('telegram.textOnly'))).toHaveLength(4);
    expect(texts).toContain(t('telegram.editedIgnored'));
    expect((await store.load(chatKey(CHAT)))?.data).toEqual(before?.data);

    const group = -100123;
    emu.sendUpdate({ message: { message_id: 1, date: 0, chat: { id: group, type: 'group', title: '群' }, from, text: '/start' } } as never);
    await emu.waitFor(() => emu.sent(group).length === 1);
    expect(emu.sent(group)[0]?.text).toBe(t('telegram.privateOnly'));
    expect(await store.load(chatKey(group))).toBeUndefined();
  });
});

describe('message length', () => {
  it('splits texts over 4096 characters at line breaks', () => {
    const long = Array.from({ length: 300 }, (_, i) => `第${i}行：${'很长的内容'.repeat(5)}`).join('\n');
    const pieces = splitText(long);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 4096)).toBe(true);
    expect(pieces.join('\n')).toBe(long);
  });
});
