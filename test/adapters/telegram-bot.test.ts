/**
 * The bot's handlers one update at a time: real telegraf talking HTTP to the Bot API emulator, updates
 * handed to `bot.handleUpdate` as Telegram would post them, sessions in a real store. What a unit sees
 * (records of pressed buttons, PDFs with their links, private-only, quit) and what the bot keeps (the
 * prompt on screen, the unreachable mark).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'telegraf/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { FileStore } from '../../src/adapters/store/file-store.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { chatKey, createBot } from '../../src/adapters/telegram/bot.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { Document } from '../../src/core/document.ts';
import { findStep } from '../../src/core/engine.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { captureLog } from '../support/capture-log.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis } from '../support/redis-server.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => new Date('2025-03-10T09:00:00+08:00');
const CHAT = 6001;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Options = { store?: SessionStore; documents?: boolean; links?: boolean };

async function setup(options: Options = {}) {
  const emu: TelegramEmulator = await startTelegramEmulator();
  cleanups.push(() => emu.close());
  const store = options.store ?? new MemoryStore({ retentionSeconds: 3600 });
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  /** The file name of each PDF rendered, in order (the real renderer, counted). */
  const renders: string[] = [];
  const render = async (doc: Document) => {
    renders.push(doc.fileName);
    return renderPdf(doc);
  };
  const documents = options.documents ? new DocumentService(service, [campaign], clock, render) : undefined;
  const log = captureLog('debug');
  const bot = createBot({
    token: emu.token,
    apiRoot: emu.apiRoot,
    service,
    store,
    logger: log.logger,
    ...(documents ? { documents } : {}),
    ...(options.links ? { linkFor: (key: string, kind: string) => `https://example.test/d/${kind}/${key}` } : {}),
  });
  let updates = 1000;
  const user = { id: CHAT, is_bot: false, first_name: '张三' };
  const privateChat = { id: CHAT, type: 'private' as const, first_name: '张三' };
  const message = (text: string, chat: object = privateChat) =>
    ({ update_id: ++updates, message: { message_id: emu.nextUserMessageId(CHAT), date: 0, chat, from: user, text } }) as unknown as Update;
  const say = (text: string) => bot.handleUpdate(message(text));
  /** Presses a button as the emulator would deliver it (a query id it knows), in the chat given. */
  const press = (shown: SentMessage, data: string, chat?: object, forged?: string) => {
    const id = emu.pressButton(CHAT, shown.message_id, data);
    const update = structuredClone(emu.pendingUpdates.find((u) => u.update_id === id)) as Update.CallbackQueryUpdate;
    const query = update.callback_query as { message?: { chat: object }; data?: string };
    if (chat && query.message) query.message.chat = chat;
    if (forged !== undefined) query.data = forged;
    return bot.handleUpdate(update);
  };
  return { emu, store, service, bot, log, message, say, press, renders };
}

/** The last message with buttons sent to the chat, and its buttons. */
function lastQuestion(emu: TelegramEmulator): { shown: SentMessage; buttons: { text: string; callback_data: string }[] } {
  const shown = emu.sent(CHAT).filter((m) => inlineButtons(m).length > 0).at(-1) as SentMessage;
  return { shown, buttons: inlineButtons(shown) as { text: string; callback_data: string }[] };
}

describe('the bot', () => {
  it('remembers the question on screen by its message id, and not a copy sent again for a redelivered update', async () => {
    const { emu, store, say, bot, message, press } = await setup();
    await say('/start');
    const answer = message('某某科技有限公司');
    await bot.handleUpdate(answer);
    const question = emu.sent(CHAT).at(-1) as SentMessage;
    const prompts = async () => (await store.load(chatKey(CHAT)))?.prompts ?? [];
    await vi.waitFor(async () => expect((await prompts()).map((p) => p.messageId)).toContain(question.message_id));
    const record = (await prompts()).find((p) => p.messageId === question.message_id);
    expect(record?.questionId).toMatch(/^[a-z_]+$/);
    expect(record?.rev).toBeGreaterThan(0);

    // The same update again (Telegram redelivers after a crash): the question is shown again, as a copy.
    await bot.handleUpdate(answer);
    const copy = emu.sent(CHAT).at(-1) as SentMessage;
    expect(copy.message_id).not.toBe(question.message_id);
    expect(copy.text).toBe(question.text);
    await say('进度'); // a later turn: whatever the store had pending is written by now
    expect((await prompts()).map((p) => p.messageId)).not.toContain(copy.message_id);

    // The question a pressed button brings is remembered too.
    await say('91350100M000100Y43');
    const { shown, buttons } = lastQuestion(emu);
    await press(shown, (buttons[0] as { callback_data: string }).callback_data);
    const next = emu.sent(CHAT).at(-1) as SentMessage;
    expect(next.message_id).not.toBe(shown.message_id);
    await vi.waitFor(async () => expect((await prompts()).map((p) => p.messageId)).toContain(next.message_id));
  });

  it('turns a pressed question into a record naming the label pressed', async () => {
    const { emu, say, press } = await setup();
    for (const text of ['/start', '某某科技有限公司', '91350100M000100Y43']) await say(text);
    const { shown, buttons } = lastQuestion(emu);
    const choice = buttons[1] as { text: string; callback_data: string }; // not the first: the label of the very button pressed
    expect(choice.callback_data).not.toContain(choice.text); // the label is not the option's id
    await press(shown, choice.callback_data);
    const edited = emu.sent(CHAT).find((m) => m.message_id === shown.message_id) as SentMessage;
    expect(edited.text).toBe(`${shown.text}\n\n${t('telegram.chosen', { label: choice.text })}`);
    expect(inlineButtons(edited)).toEqual([]);
  });

  it('leaves a question answered by typing as it was when its old button is pressed, and says so', async () => {
    const { emu, say, press } = await setup();
    for (const text of ['/start', '某某科技有限公司', '91350100M000100Y43']) await say(text);
    const { shown, buttons } = lastQuestion(emu);
    const choice = buttons[0] as { text: string; callback_data: string };
    await say(choice.text);
    const before = emu.sent(CHAT).length;
    // Another option of it (a change of mind): told it was answered; the same one would be a double tap.
    await press(shown, (buttons[1] as { callback_data: string }).callback_data);
    expect(emu.sent(CHAT).find((m) => m.message_id === shown.message_id)?.text).toBe(shown.text);
    expect(emu.sent(CHAT).slice(before).map((m) => m.text)[0]).toBe(t('conversation.stale'));
  });

  it('answers a forged button with a notice only', async () => {
    const { emu, say, press } = await setup();
    await say('/start');
    const { shown, buttons } = lastQuestion(emu);
    const before = emu.sent(CHAT).length;
    await press(shown, (buttons[0] as { callback_data: string }).callback_data, undefined, 'a:unit_name:x:notanumber');
    expect(emu.sent(CHAT)).toHaveLength(before);
    expect(emu.callbackAnswers.at(-1)?.text).toBe(t('telegram.invalidButton'));
  });

  it('takes a failed record edit in its stride: not modified is fine, 403 marks the chat unreachable, anything else is logged', async () => {
    const pressWith = async (failure: Parameters<TelegramEmulator['failNext']>[1]) => {
      const bot = await setup();
      for (const text of ['/start', '某某科技有限公司', '91350100M000100Y43']) await bot.say(text);
      const { shown, buttons } = lastQuestion(bot.emu);
      bot.emu.failNext('editMessageText', failure);
      await bot.press(shown, (buttons[0] as { callback_data: string }).callback_data);
      const asked = bot.emu.sent(CHAT).at(-1);
      return { warnings: bot.log.entries().filter((e) => e.level === 'warn'), unreachable: await bot.store.isUnreachable(chatKey(CHAT)), next: asked?.message_id !== shown.message_id };
    };
    expect(await pressWith({ code: 400, description: 'Bad Request: message is not modified' })).toEqual({ warnings: [], unreachable: false, next: true });
    expect(await pressWith({ code: 500 })).toMatchObject({ warnings: [expect.objectContaining({ level: 'warn' })], unreachable: false, next: true });
    expect(await pressWith({ code: 403 })).toMatchObject({ warnings: [], unreachable: true });
  });

  it('works in private chats only: a group gets a notice, a button pressed in a group only a spinner notice', async () => {
    const { emu, bot, message, press, say } = await setup();
    const group = { id: CHAT, type: 'group', title: '某群' };
    await bot.handleUpdate(message('/start', group));
    expect(emu.sent(CHAT).map((m) => m.text)).toEqual([t('telegram.privateOnly')]);
    await say('/start');
    const { shown, buttons } = lastQuestion(emu);
    const before = emu.sent(CHAT).length;
    await press(shown, (buttons[0] as { callback_data: string }).callback_data, group);
    expect(emu.sent(CHAT)).toHaveLength(before);
    expect(emu.callbackAnswers.at(-1)?.text).toBe(t('telegram.privateOnly'));
    // Being added to a group is no message: nothing is said there until someone writes.
    const botUser = { id: Number(emu.token.split(':')[0]), is_bot: true, first_name: 'bot' };
    const added = { chat: group, from: { id: CHAT, is_bot: false, first_name: '张三' }, date: 0, old_chat_member: { user: botUser, status: 'left' }, new_chat_member: { user: botUser, status: 'member' } };
    await bot.handleUpdate({ update_id: 99, my_chat_member: added } as unknown as Update);
    expect(emu.sent(CHAT)).toHaveLength(before);
  });

  it('says on 退出 whether the answers are kept', async () => {
    const inMemory = await setup();
    await inMemory.say('退出');
    expect(inMemory.emu.sent(CHAT).map((m) => m.text)).toEqual([t('telegram.quitNotKept')]);

    const dir = await mkdtemp(join(tmpdir(), 'nsz-bot-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const store = new FileStore(join(dir, 'sessions.json'), { retentionSeconds: 3600 });
    cleanups.push(() => store.close());
    const kept = await setup({ store });
    await kept.say('退出');
    expect(kept.emu.sent(CHAT).map((m) => m.text)).toEqual([t('telegram.quit')]);
  });

  it('says PDFs are not available when it has none to send', async () => {
    const { emu, say } = await setup();
    await say('/pdf');
    expect(emu.sent(CHAT).map((m) => m.text)).toEqual([t('telegram.notAvailable')]);
  });

  it('tells the unit it failed when a reply cannot be sent, instead of going quiet', async () => {
    const { emu, say } = await setup();
    emu.failNext('sendMessage', { code: 500 });
    await say('/start');
    expect(emu.sent(CHAT).map((m) => m.text)).toEqual([t('telegram.error')]);
  });

  it('sends the PDFs with their names as captions, one browser link after the first (valid 7 days), and nothing missing', async () => {
    const { emu, say } = await setup({ documents: true, links: true });
    // A unit name may hold ".pdf" itself: only the file name's own extension is left out of the caption.
    const lines = typedConversation(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseB, unit_name: '昌吉市示例.pdf建材有限公司' }));
    for (const text of ['/start', ...lines]) await say(text);
    const afterSummary = emu.documents(CHAT).length;
    expect(afterSummary).toBe(1);
    const before = emu.sent(CHAT).length;
    // A finished unit asking where it stands is shown the summary again, but no PDF: it answered nothing.
    await say('进度');
    expect(emu.documents(CHAT)).toHaveLength(afterSummary);
    expect(emu.sent(CHAT).length).toBeGreaterThan(before);

    const sentBefore = emu.sent(CHAT).length;
    await say('/pdf');
    const pdfs = emu.documents(CHAT).slice(afterSummary);
    expect(pdfs).toHaveLength(3);
    for (const pdf of pdfs) expect(pdf.caption).toBe(t('pdf.caption', { name: (pdf.file_name as string).replace(/\.pdf$/, '') }));
    expect(pdfs.map((pdf) => pdf.caption)).toContain(t('pdf.caption', { name: '劳动保障书面审查自查报告-昌吉市示例.pdf建材有限公司' }));
    const texts = emu.sent(CHAT).slice(sentBefore).filter((m) => m.document === undefined).map((m) => m.text);
    expect(texts).toEqual([t('pdf.link', { url: `https://example.test/d/summary/${chatKey(CHAT)}`, days: 7 })]);
  });

  it('asks the unit to try again when the PDFs cannot be read for Redis being down', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const store = new RedisStore({ url: redis.url, retentionSeconds: 3600, commandTimeoutMs: 300 });
    await store.connect();
    cleanups.push(() => store.close());
    const { emu, say } = await setup({ store, documents: true });
    await say('/start');
    await redis.kill();
    const before = emu.sent(CHAT).length;
    await say('/pdf');
    expect(emu.sent(CHAT).slice(before).map((m) => m.text)).toEqual([t('pdf.storeDown')]);
    expect(emu.documents(CHAT)).toEqual([]);
  });

  it('after a save that failed, takes a press on an old keyboard for no answer: it only hears what was recorded', async () => {
    /** Redis goes down under a press and comes back with its data (persisted) or without (the session is gone). */
    const afterFailedSave = async (persist: boolean) => {
      const redis = await startRedis({ persist });
      cleanups.push(() => redis.stop());
      const store = new RedisStore({ url: redis.url, retentionSeconds: 3600, commandTimeoutMs: 300 });
      await store.connect();
      cleanups.push(() => store.close());
      const { emu, say, press } = await setup({ store });
      await say('/start');
      const first = lastQuestion(emu); // the name question (revision 0): its 为什么问 stays on screen
      for (const text of ['某某科技有限公司', '91350100M000100Y43']) await say(text);
      const { shown, buttons } = lastQuestion(emu);
      await redis.kill();
      await press(shown, (buttons[0] as { callback_data: string }).callback_data); // its save fails
      expect(emu.sent(CHAT).at(-1)?.text).toBe(t('conversation.saveFailed'));
      await redis.restart();
      const before = emu.sent(CHAT).length;
      const why = first.buttons.find((b) => b.text === t('menu.why')) as { callback_data: string };
      await vi.waitFor(async () => {
        await press(first.shown, why.callback_data);
        expect(emu.sent(CHAT).slice(before).map((m) => m.text)).toContain(t('conversation.lastNotSaved'));
      });
      expect(emu.sent(CHAT).find((m) => m.message_id === first.shown.message_id)?.text).toBe(first.shown.text);
      expect(emu.sent(CHAT).map((m) => m.text)).not.toContain(t('telegram.error'));
    };
    await afterFailedSave(true);
    await afterFailedSave(false);
  });

  it('drops the PDFs it rendered for a unit on 删除我的数据: the same answers given again are rendered anew', async () => {
    const { emu, say, renders } = await setup({ documents: true });
    const lines = typedConversation(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseB, unit_name: '昌吉市示例建材有限公司' }));
    for (const text of ['/start', ...lines]) await say(text);
    expect(emu.documents(CHAT)).toHaveLength(1);
    await say('/pdf'); // the summary again: the rendering kept for this unit is sent
    await say('进度'); // a turn that changes nothing keeps it too
    await say('/pdf');
    expect(renders.filter((name) => name === renders[0])).toHaveLength(1);

    await say('删除我的数据');
    await say('是');
    expect(emu.sent(CHAT).at(-1)?.text).toBe(t('conversation.forgotten'));
    for (const text of ['/start', ...lines]) await say(text);
    // Nothing of the deleted unit was kept: its summary, the very same document, is rendered a second time.
    expect(emu.documents(CHAT)).toHaveLength(8);
    expect(renders.filter((name) => name === renders[0])).toHaveLength(2);
  });

  it('shows the current question again when a press is delivered twice, and applies it once', async () => {
    const { emu, say, bot, service, store, log } = await setup();
    for (const text of ['/start', '某某科技有限公司', '91350100M000100Y43']) await say(text);
    const { shown, buttons } = lastQuestion(emu);
    const id = emu.pressButton(CHAT, shown.message_id, (buttons[0] as { callback_data: string }).callback_data);
    const update = emu.pendingUpdates.find((u) => u.update_id === id) as Update;
    await bot.handleUpdate(structuredClone(update));
    const next = emu.sent(CHAT).at(-1) as SentMessage;
    const rev = (await service.current(chatKey(CHAT)))?.context.rev;
    const before = emu.sent(CHAT).length;
    // Telegram delivers the same press again (a webhook retry, a restart before the offset was confirmed).
    await bot.handleUpdate(structuredClone(update));
    expect(emu.sent(CHAT).slice(before).map((m) => m.text)).toEqual([next.text]);
    expect((await service.current(chatKey(CHAT)))?.context.rev).toBe(rev);
    expect(log.entries().filter((e) => e.outcome === 'duplicate')).toHaveLength(1);
    // The copy is not the question's first showing: the message remembered for it stays the first one.
    const copy = emu.sent(CHAT).at(-1) as SentMessage;
    await say('进度'); // a later turn: whatever the store had pending is written by now
    const prompts = (await store.load(chatKey(CHAT)))?.prompts ?? [];
    expect(prompts.map((p) => p.messageId)).toContain(next.message_id);
    expect(prompts.map((p) => p.messageId)).not.toContain(copy.message_id);
  });

  it('refuses an old 是 pressed on a restart already cancelled: it neither restarts nor answers the question now open', async () => {
    const { emu, say, press, service } = await setup();
    for (const text of ['/start', '某某公司', '91350100M000100Y43', '企业', '阜康市', '12', '0', '0']) await say(text);
    expect(lastQuestion(emu).shown.text).toContain('劳务派遣人员'); // a 是/否 question
    await say('/restart');
    const { shown: confirm, buttons } = lastQuestion(emu);
    const yes = buttons.find((b) => b.text === t('confirm.yes'))?.callback_data as string;
    await say('取消');
    expect(emu.sent(CHAT).map((m) => m.text).join('\n')).toContain(t('conversation.cancelled'));
    const before = emu.sent(CHAT).length;
    await press(confirm, yes);
    expect(emu.sent(CHAT).slice(before).map((m) => m.text)[0]).toBe(t('conversation.stale'));
    const answers = (await service.current(chatKey(CHAT)))?.context.answers ?? {};
    expect(answers).toHaveProperty('unit_name', '某某公司');
    expect(answers).not.toHaveProperty('uses_dispatch');
  });

  it('remembers only questions as prompts on screen, not the other messages it sends', async () => {
    const { emu, store, say } = await setup();
    for (const text of ['/start', '某某科技有限公司', '进度', '/help']) await say(text);
    await say('91350100M000100Y43'); // a later turn: the notes of the earlier ones are written by now
    const prompts = (await store.load(chatKey(CHAT)))?.prompts ?? [];
    expect(prompts.length).toBeGreaterThan(0);
    const withButtons = emu.sent(CHAT).filter((m) => inlineButtons(m).length > 0).map((m) => m.message_id);
    for (const p of prompts) expect(withButtons).toContain(p.messageId);
  });

  it('deletes a unit on 删除我的数据 without PDFs too, and says so', async () => {
    const { emu, say } = await setup();
    for (const text of ['/start', '某某科技有限公司', '删除我的数据', '是']) await say(text);
    expect(emu.sent(CHAT).at(-1)?.text).toBe(t('conversation.forgotten'));
    expect(emu.sent(CHAT).map((m) => m.text)).not.toContain(t('telegram.error'));
  });

  it('sends on /pdf before anything is answered what exists and says the rest is not ready; a failed send is said as a failure', async () => {
    const { emu, say } = await setup({ documents: true });
    await say('/pdf');
    expect(emu.documents(CHAT)).toHaveLength(1); // the blank filing form: it always exists
    expect(emu.sent(CHAT).at(-1)?.text).toBe(t('pdf.nothingYet'));

    // Telegram refusing the file is not Redis being down: the unit is told the reply failed.
    emu.failNext('sendDocument', { code: 500 });
    const again = emu.sent(CHAT).length;
    await say('/pdf');
    expect(emu.sent(CHAT).slice(again).map((m) => m.text)).toEqual([t('telegram.error')]);
  });

  it('answers a double tap once, on 是 as on a choice of several', async () => {
    const { emu, say, bot, service } = await setup();
    const doubleTap = async (label: string) => {
      const { shown, buttons } = lastQuestion(emu);
      const data = buttons.find((b) => b.text === label)?.callback_data as string;
      const before = emu.sent(CHAT).length;
      // Both taps reach Telegram while the keyboard is still on screen.
      const taps = [emu.pressButton(CHAT, shown.message_id, data), emu.pressButton(CHAT, shown.message_id, data)];
      for (const id of taps) await bot.handleUpdate(structuredClone(emu.pendingUpdates.find((u) => u.update_id === id) as Update));
      return emu.sent(CHAT).slice(before);
    };
    for (const text of ['/start', '某某公司', '91350100M000100Y43']) await say(text);
    const afterChoice = await doubleTap('事业单位');
    expect(afterChoice).toHaveLength(1); // the next question, once
    expect(afterChoice.map((m) => m.text)).not.toContain(t('conversation.stale'));
    for (const text of ['阜康市', '12', '0', '0']) await say(text);
    expect(lastQuestion(emu).shown.text).toContain('劳务派遣人员');
    const afterYes = await doubleTap('是');
    expect(afterYes).toHaveLength(1);
    expect((await service.current(chatKey(CHAT)))?.context.answers).toHaveProperty('uses_dispatch', true);
  });

  it('tells a unit pressing an answered question again later, same option or not, that it was answered', async () => {
    const { emu, say, bot } = await setup();
    for (const text of ['/start', '某某公司', '91350100M000100Y43']) await say(text);
    const { shown, buttons } = lastQuestion(emu);
    const id = emu.pressButton(CHAT, shown.message_id, (buttons[0] as { callback_data: string }).callback_data);
    const tap = emu.pendingUpdates.find((u) => u.update_id === id) as Update.CallbackQueryUpdate;
    await bot.handleUpdate(structuredClone(tap));
    await say('阜康市'); // one more answer: the press below is two revisions old
    const before = emu.sent(CHAT).length;
    // The same button again, from a client that still shows the old keyboard.
    await bot.handleUpdate({ ...structuredClone(tap), update_id: 5000, callback_query: { ...structuredClone(tap.callback_query), id: 'old-tap' } });
    expect(emu.sent(CHAT).slice(before).map((m) => m.text)[0]).toBe(t('conversation.stale'));
  });

  it('explains a question on 为什么问 and leaves it open, with its buttons', async () => {
    const { emu, say, press } = await setup();
    for (const text of ['/start', '某某公司', '91350100M000100Y43']) await say(text);
    const { shown, buttons } = lastQuestion(emu);
    const why = buttons.find((b) => b.text === '为什么问') as { callback_data: string };
    const before = emu.sent(CHAT).length;
    await press(shown, why.callback_data);
    expect(emu.sent(CHAT).length).toBeGreaterThan(before);
    const same = emu.sent(CHAT).find((m) => m.message_id === shown.message_id) as SentMessage;
    expect(same.text).toBe(shown.text);
    expect(inlineButtons(same)).toEqual(buttons);
  });

  it('records a forged press that answers the open question with a value no button carries, naming the value', async () => {
    /** A number question (its keyboard has only 为什么问) answered 12 by data a client made up, on that message as shown or without its keyboard. */
    const forgedAnswer = async (keyboard: boolean) => {
      const { emu, say, bot, store } = await setup();
      for (const text of ['/start', '某某科技有限公司', '91350100M000100Y43', '企业', '阜康市']) await say(text);
      const { shown, buttons } = lastQuestion(emu);
      expect(buttons.map((b) => b.text)).toEqual([t('menu.why')]);
      const open = await vi.waitFor(async () => {
        const record = (await store.load(chatKey(CHAT)))?.prompts.find((p) => p.messageId === shown.message_id);
        expect(record).toBeDefined();
        return record as { questionId: string; rev: number };
      });
      const id = emu.pressButton(CHAT, shown.message_id, (buttons[0] as { callback_data: string }).callback_data);
      const update = structuredClone(emu.pendingUpdates.find((u) => u.update_id === id)) as Update.CallbackQueryUpdate;
      const query = update.callback_query as { data?: string; message?: { reply_markup?: unknown } };
      query.data = `a:${open.questionId}:12:${open.rev}`;
      if (!keyboard) delete query.message?.reply_markup;
      await bot.handleUpdate(update);
      const record = emu.sent(CHAT).find((m) => m.message_id === shown.message_id) as SentMessage;
      expect(record.text).toBe(`${shown.text}\n\n${t('telegram.chosen', { label: '12' })}`);
      expect(emu.sent(CHAT).at(-1)?.message_id).not.toBe(shown.message_id);
      expect(emu.sent(CHAT).map((m) => m.text)).not.toContain(t('telegram.error'));
    };
    await forgedAnswer(true);
    await forgedAnswer(false);
  });

  it('answers a forged menu button carrying a channel word (退出, 下载) with a notice only: nothing recorded', async () => {
    const { emu, say, press, service } = await setup();
    await say('/start');
    const rev = (await service.current(chatKey(CHAT)))?.context.rev;
    for (const word of ['退出', '下载']) {
      // Menu buttons carry no question id and are taken as typed; no real one carries these words.
      const { shown, buttons } = lastQuestion(emu);
      const menu = buttons.find((b) => b.text === t('menu.why')) as { callback_data: string };
      const before = emu.sent(CHAT).length;
      await press(shown, menu.callback_data, undefined, `a:-:${word}:${menu.callback_data.split(':')[3]}`);
      expect(emu.sent(CHAT)).toHaveLength(before);
      expect(emu.callbackAnswers.at(-1)?.text).toBe(t('telegram.invalidButton'));
    }
    expect((await service.current(chatKey(CHAT)))?.context.rev).toBe(rev);
    expect((await service.current(chatKey(CHAT)))?.context.answers).toEqual({});
  });

  it('applies a press on a message Telegram no longer shows the bot (inaccessible), without editing that message', async () => {
    const { emu, say, bot, service } = await setup();
    for (const text of ['/start', '某某科技有限公司', '91350100M000100Y43']) await say(text);
    const { shown, buttons } = lastQuestion(emu);
    const id = emu.pressButton(CHAT, shown.message_id, (buttons[0] as { callback_data: string }).callback_data);
    const update = structuredClone(emu.pendingUpdates.find((u) => u.update_id === id)) as Update.CallbackQueryUpdate;
    // Bot API 7.0: a message the bot can no longer access comes as its chat, id and date 0, without its text.
    const query = update.callback_query as { message?: object };
    query.message = { chat: { id: CHAT, type: 'private', first_name: '张三' }, message_id: shown.message_id, date: 0 };
    const rev = (await service.current(chatKey(CHAT)))?.context.rev ?? 0;
    await bot.handleUpdate(update);
    expect((await service.current(chatKey(CHAT)))?.context.rev).toBeGreaterThan(rev);
    const same = emu.sent(CHAT).find((m) => m.message_id === shown.message_id) as SentMessage;
    expect(same.text).toBe(shown.text);
    expect(emu.sent(CHAT).at(-1)?.message_id).not.toBe(shown.message_id);
  });

  it('takes 是 typed under a confirmation (a menu, not a question) as the confirmation', async () => {
    const { emu, say } = await setup();
    for (const text of ['/start', '确认菜单有限公司', '重新开始']) await say(text);
    const before = emu.sent(CHAT).length;
    await say('是');
    expect(emu.sent(CHAT).slice(before).map((m) => m.text)).toContain(t('conversation.restarted'));
  });

  it('sends the summary PDF again when an answer changed from the review moves the unit to another area (its new bureau first)', async () => {
    const { emu, say } = await setup({ documents: true });
    for (const text of ['/start', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.organ))]) await say(text);
    expect(emu.documents(CHAT)).toHaveLength(1);
    await say('查看');
    const review = emu.sent(CHAT).at(-1)?.text ?? '';
    const areaLine = review.split('\n').find((line) => line.includes(findStep(campaign, 'area')?.text ?? '-'));
    const n = /^(\d+)\. /.exec(areaLine ?? '')?.[1];
    expect(n, review).toBeDefined();
    await say(`改${n}`);
    const before = emu.sent(CHAT).length;
    await say('奇台县');
    const after = emu.sent(CHAT).slice(before).map((m) => m.text ?? '');
    // The new bureau's contact, then the summary; and the summary's PDF with the new area follows.
    expect(after[0]).toContain('奇台县');
    expect(emu.documents(CHAT)).toHaveLength(2);
  });

  it('sends the summary PDF when a skip completes the review', async () => {
    const { emu, say } = await setup({ documents: true });
    const lines = typedConversation(campaign, completeAnswers(campaign, PROFILES.organ));
    for (const text of ['/start', ...lines.slice(0, -1), '跳过']) await say(text);
    expect(emu.documents(CHAT)).toHaveLength(1);
  });
});
