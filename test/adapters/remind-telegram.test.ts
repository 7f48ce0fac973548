/**
 * /remind on Telegram: the real bot (telegraf, long polling against the Bot API emulator) with the staff
 * commands and the reminder composer, sessions and the queue in a real redis-server, the worker in this
 * process. Access on every call and every press; a preview first, sending only on confirmation; the units'
 * 继续 and 暂停提醒 buttons work through the conversation.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Telegraf } from 'telegraf';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { StaffService } from '../../src/app/staff-service.ts';
import { areaName } from '../../src/app/unit-table.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { decodeRemindButton, encodeRemindButton, parseRemindArgs, remindCommands } from '../../src/adapters/telegram/remind.ts';
import { startPolling } from '../../src/adapters/telegram/run.ts';
import { staffCommands } from '../../src/adapters/telegram/staff.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { captureLog } from '../support/capture-log.ts';
import { redisForFile } from '../support/redis-server.ts';
import { FUKANG_UNITS, QITAI_UNITS, remindDirectory, REMIND_CLERKS, seedUnits, startRig, telegramUnits, type Rig } from '../support/reminders.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const at = (local: string) => new Date(`${local}+08:00`);
const NOW = at('2025-04-23T10:00:00');
const clock = () => NOW;

/** Staff: two in 阜康, one in 奇台, the prefecture bureau; and someone who is not staff. */
const { FUKANG, FUKANG_2, QITAI, PREFECTURE, STRANGER } = REMIND_CLERKS;
const directory = remindDirectory(campaign);

/** Units: five started in 阜康 (one idle for ten days), one finished there, two started in 奇台. */
const UNITS = [...FUKANG_UNITS, ...QITAI_UNITS];

const redis = redisForFile();
let emu: TelegramEmulator;
beforeEach(async () => {
  emu = await startTelegramEmulator();
  redis.afterTest(() => emu.close());
});

type World = { bot: Telegraf; store: SessionStore; rig?: Rig; errors: () => unknown[] };

async function world(options: { redis?: boolean; now?: Date } = {}): Promise<World> {
  const clock = () => options.now ?? NOW;
  const log = captureLog();
  let store: SessionStore;
  let rig: Rig | undefined;
  let conversations: ConversationService;
  if (options.redis === false) {
    store = new MemoryStore({ retentionSeconds: 10 * 365 * 86_400 });
    conversations = new ConversationService({ campaigns: [campaign], store, clock });
  } else {
    const prefix = redis.prefix('rt');
    const redisStore = new RedisStore({ url: redis.url(), prefix, retentionSeconds: 10 * 365 * 86_400 });
    await redisStore.connect();
    store = redisStore;
    rig = await startRig({ store: redisStore, campaign, prefix, redisUrl: redis.url(), apiRoot: emu.apiRoot, token: emu.token, clock, logger: log.logger });
    conversations = rig.conversations;
    redis.afterTest(async () => {
      await rig?.close();
      await redisStore.close();
    });
  }
  await seedUnits(store, campaign, [
    ...telegramUnits(300_001, 4, { area: 'fukang' }),
    { key: 'tg:300005', name: '阜康久未动有限公司', area: 'fukang', at: at('2025-04-13T10:00:00') },
    { key: 'tg:300006', area: 'fukang', status: 'finished' },
    ...telegramUnits(300_101, 2, { area: 'qitai' }),
  ], NOW);
  const staff = new StaffService({ directory, campaigns: [campaign], store, roster: new MemoryRosterStore(), audit: new MemoryAuditLog(), clock, ...(rig ? { reminders: rig.queue } : {}) });
  const extensions = [
    staffCommands({ staff, renderPdf, botUsername: () => 'nianshen_test_bot', logger: log.logger }).middleware(),
    remindCommands({ staff, ...(rig ? { reminders: { service: rig.service, dispatch: rig.queue } } : {}), logger: log.logger, clock }).middleware(),
  ];
  const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service: conversations, store, logger: log.logger, extensions });
  const feed = await startPolling(bot);
  redis.afterTest(() => feed.stop());
  await emu.waitFor(() => emu.isPolling);
  return { bot, store, rig, errors: log.errors };
}

/** Sends a line as this chat and waits for the bot's next message there. */
async function say(chat: number, text: string): Promise<SentMessage> {
  const before = emu.sent(chat).length;
  emu.sendText(chat, text);
  await emu.waitFor(() => emu.sent(chat).length > before);
  return emu.sent(chat)[before] as SentMessage;
}

const remindersTo = (chats: number[]) => chats.map((c) => emu.sent(c).filter((m) => m.text?.includes('·提醒】')).length);
const reports = (chat: number) => emu.sent(chat).filter((m) => m.text?.startsWith('【提醒发送结果】'));

/** A press on data no keyboard showed (what a modified client can send), on a real message of the chat. */
function forgedPress(chat: number, data: string, from = chat): number {
  const message = emu.lastSent(chat);
  return emu.sendUpdate({
    callback_query: {
      id: `forged${Math.random()}`,
      from: { id: from, is_bot: false, first_name: '伪造' },
      chat_instance: 'x',
      data,
      message: { message_id: message?.message_id ?? 1, date: 0, chat: { id: chat, type: 'private', first_name: 'x' }, text: message?.text ?? 'x' },
    },
  });
}

describe('/remind access', () => {
  it('answers anyone who is not staff with 无权限, for the command and for any s:r: press', async () => {
    const w = await world();
    expect((await say(STRANGER, '/remind')).text).toBe(t('staff.denied'));
    forgedPress(STRANGER, encodeRemindButton({ action: 'ok', runId: 'm-AAAAAAAAAAAA' }));
    await emu.waitFor(() => emu.sent(STRANGER).length === 2);
    expect(emu.sent(STRANGER)[1]?.text).toBe(t('staff.denied'));
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(w.errors()).toEqual([]);
  });

  it('says plainly that reminders are off without Redis, for the command and for a confirm pressed', async () => {
    await world({ redis: false });
    expect((await say(FUKANG, '/remind')).text).toBe(t('remind.off'));
    forgedPress(FUKANG, encodeRemindButton({ action: 'ok', runId: 'm-AAAAAAAAAAAA' }));
    await emu.waitFor(() => emu.sent(FUKANG).length === 2);
    expect(emu.sent(FUKANG)[1]?.text).toBe(t('remind.off'));
  });

  it("keeps staff to their own areas: another county's area is refused, their own list has only their units", async () => {
    const w = await world();
    expect((await say(QITAI, '/remind 阜康')).text).toBe(t('remind.notYourArea'));
    const preview = await say(QITAI, '/remind');
    expect(preview.text).toContain('将提醒 2 个未完成的单位');
    expect(preview.text).not.toContain('阜康');
    expect((await say(QITAI, '/remind 乌鲁木齐')).text).toBe(t('remind.howTo'));
    expect(w.errors()).toEqual([]);
  });
});

describe('/remind preview and confirmation', () => {
  it('shows the audience and the text, sends only after confirmation, once however often it is pressed, then reports', async () => {
    const w = await world();
    const preview = await say(FUKANG, '/remind');
    expect(preview.text).toContain('【提醒预览】');
    expect(preview.text).toContain('将提醒 5 个未完成的单位');
    expect(preview.text).toContain('单位300001有限公司');
    expect(preview.text).toContain('不会发给：已完成 1 个、无法联系 0 个');
    // The sample is a real unit's personal text.
    expect(preview.text).toContain('您的自查已答 6 题');
    expect(preview.text).toContain('距截止日（2025-04-30）还有 7 天');
    const buttons = inlineButtons(preview);
    expect(buttons.map((b) => b.text)).toEqual([t('remind.confirm'), t('remind.cancel')]);
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 0, 0, 0]);

    // A double tap: both presses reach the bot before the keyboard is gone.
    const confirm = buttons[0]?.callback_data as string;
    emu.pressButton(FUKANG, preview.message_id, confirm);
    emu.pressButton(FUKANG, preview.message_id, confirm);
    await emu.waitFor(() => reports(FUKANG).length === 1, 15_000);
    expect(remindersTo(UNITS)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(emu.sent(FUKANG).some((m) => m.text === t('remind.already'))).toBe(true);
    const edited = emu.sent(FUKANG).find((m) => m.message_id === preview.message_id);
    expect(edited?.text).toContain(t('remind.started', { count: 5 }));
    expect(inlineButtons(edited)).toEqual([]);
    expect(reports(FUKANG)[0]?.text).toContain('已发送 5 个');
    expect(reports(FUKANG)[0]?.text).toContain('已完成 1');
    // The unit's own text and buttons.
    const reminder = emu.sent(300_002)[0];
    expect(reminder?.text).toContain('单位300002有限公司');
    expect(inlineButtons(reminder).map((b) => b.text)).toEqual(['继续', '暂停提醒']);
    // Figures for staff count the reminders.
    expect((await say(FUKANG, '/stats')).text).toContain('已发提醒 5 次');
    expect(w.errors()).toEqual([]);
  });

  it('sends nothing when cancelled, and only the stuck units of one area when asked', async () => {
    await world();
    const preview = await say(PREFECTURE, '/remind');
    expect(preview.text).toContain('将提醒 7 个未完成的单位');
    emu.pressButton(PREFECTURE, preview.message_id, inlineButtons(preview)[1]?.callback_data as string);
    await emu.waitFor(() => emu.sent(PREFECTURE).some((m) => m.text?.includes(t('remind.cancelled'))));
    const stuck = await say(PREFECTURE, '/remind 阜康 7天');
    expect(stuck.text).toContain('将提醒 1 个未完成的单位：阜康久未动有限公司');
    expect(stuck.text).toContain('7 天以上没有进展');
    emu.pressButton(PREFECTURE, stuck.message_id, inlineButtons(stuck)[0]?.callback_data as string);
    await emu.waitFor(() => reports(PREFECTURE).length === 1, 15_000);
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 1, 0, 0]);
  });

  it('two staff members confirming for the same units the same day: one message per unit', async () => {
    const w = await world();
    const a = await say(FUKANG, '/remind');
    const b = await say(FUKANG_2, '/remind');
    emu.pressButton(FUKANG, a.message_id, inlineButtons(a)[0]?.callback_data as string);
    emu.pressButton(FUKANG_2, b.message_id, inlineButtons(b)[0]?.callback_data as string);
    await emu.waitFor(() => reports(FUKANG).length === 1 && reports(FUKANG_2).length === 1, 15_000);
    expect(remindersTo(FUKANG_UNITS)).toEqual([1, 1, 1, 1, 1]);
    // Between them, every unit was sent one reminder; the other run counts it as reminded today.
    const sent = (text: string) => Number(/已发送 (\d+) 个/.exec(text)?.[1]);
    const today = (text: string) => Number(/今天已收到过提醒 (\d+)/.exec(text)?.[1]);
    const [ra, rb] = [reports(FUKANG)[0]?.text ?? '', reports(FUKANG_2)[0]?.text ?? ''];
    expect(sent(ra) + sent(rb)).toBe(5);
    expect(today(ra) + today(rb)).toBe(5);
    expect(w.errors()).toEqual([]);
  });

  it('forged s:r: data changes nothing and gets a plain message', async () => {
    await world();
    const mine = await say(FUKANG, '/remind');
    const myConfirm = inlineButtons(mine)[0]?.callback_data as string;
    expect(decodeRemindButton(myConfirm)).toMatchObject({ action: 'ok' });
    const before = emu.sent(QITAI).length;
    // Another county's staff member sends the confirm of a preview they were never shown.
    forgedPress(QITAI, myConfirm);
    // Malformed and unknown data.
    forgedPress(FUKANG, 's:r:ok:../../x');
    forgedPress(FUKANG, 's:r:zz:m-AAAAAAAAAAAA');
    forgedPress(FUKANG, encodeRemindButton({ action: 'ok', runId: 'm-AAAAAAAAAAAA' }));
    await emu.waitFor(() => emu.sent(QITAI).length === before + 1 && emu.sent(FUKANG).length === 4);
    expect(emu.sent(QITAI).at(-1)?.text).toBe(t('remind.expired'));
    expect(emu.sent(FUKANG).slice(1).map((m) => m.text)).toEqual([t('remind.invalid'), t('remind.invalid'), t('remind.expired')]);
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // The real confirm still works afterwards.
    emu.pressButton(FUKANG, mine.message_id, myConfirm);
    await emu.waitFor(() => reports(FUKANG).length === 1, 15_000);
    expect(remindersTo(UNITS)).toEqual([1, 1, 1, 1, 1, 0, 0]);
  });
});

describe('/remind preview texts', () => {
  const label = (where: string, days?: number) => `${campaign.shortTitle}·${where}${days === undefined ? '' : t('remind.scope.stuck', { days })}`;

  it('names the scope and five units, then 等; says when nobody is left to remind, with no buttons', async () => {
    const w = await world();
    const all = await say(PREFECTURE, '/remind');
    expect(all.text?.startsWith(`【提醒预览】${label(t('remind.scope.all'))}\n`)).toBe(true);
    const names = /将提醒 7 个未完成的单位：(.*)\n/.exec(all.text ?? '')?.[1];
    expect(names?.endsWith(t('remind.preview.more'))).toBe(true);
    expect(names?.replace(t('remind.preview.more'), '').split(t('sep.enum'))).toHaveLength(5);
    expect(all.text).toContain(t('remind.preview.oncePerDay'));
    expect(all.text).not.toContain(t('remind.preview.night'));

    const five = await say(FUKANG, '/remind'); // exactly five: all named, no 等
    expect(/将提醒 5 个未完成的单位：(.*)\n/.exec(five.text ?? '')?.[1]?.split(t('sep.enum'))).toHaveLength(5);
    expect(five.text).not.toContain(`${t('remind.preview.more')}\n`);

    const county = await say(QITAI, '/remind');
    expect(county.text?.startsWith(`【提醒预览】${label(areaName(campaign, 'qitai'))}\n`)).toBe(true);
    expect(county.text).not.toContain(t('remind.preview.skipped', { finished: 0, unreachable: 0 }));
    expect(county.text).not.toContain(t('remind.preview.more'));

    const none = await say(FUKANG, '/remind 阜康 30天');
    expect(none.text).toBe(t('remind.preview.none', { scope: label(areaName(campaign, 'fukang'), 30), finished: 0, unreachable: 0 }));
    expect(inlineButtons(none)).toEqual([]);
    expect(w.errors()).toEqual([]);
  });

  it('says at night that the reminders go out after 08:00', async () => {
    await world({ now: at('2025-04-23T22:30:00') });
    const preview = await say(FUKANG, '/remind');
    expect(preview.text).toContain(t('remind.preview.night'));
    expect(inlineButtons(preview)).toHaveLength(2);
  });

  it('reads an area by id, name or alias and the days with 天, 日 or d, full-width digits too', () => {
    const scopeOf = (id: number) => {
      const member = directory.byTelegramId(id) as NonNullable<ReturnType<typeof directory.byTelegramId>>;
      return { member, campaign, areas: directory.areasOf(member, campaign) };
    };
    const scope = scopeOf(PREFECTURE);
    for (const text of ['/remind fukang 7天', '/remind 阜康市 7日', '/remind 阜康 7d', '/remind  ７天   阜康 ', '/remind 阜康 7days', '/remind 7 阜康']) {
      expect(parseRemindArgs(scope, text), text).toEqual({ area: 'fukang', stuckDays: 7 });
    }
    expect(parseRemindArgs(scope, '/remind')).toEqual({});
    for (const text of ['/remind 7周', '/remind 1234天', '/remind x7天', '/remind 乌鲁木齐']) expect(parseRemindArgs(scope, text), text).toBe('help');
    const county = scopeOf(QITAI);
    expect(parseRemindArgs(county, '/remind 阜康')).toBe('not_your_area');
  });
});

describe("a unit's reminder", () => {
  it('继续 sends the question where it stopped; 暂停提醒 pauses scheduled reminders', async () => {
    const w = await world();
    const preview = await say(QITAI, '/remind');
    emu.pressButton(QITAI, preview.message_id, inlineButtons(preview)[0]?.callback_data as string);
    await emu.waitFor(() => reports(QITAI).length === 1, 15_000);
    const chat = QITAI_UNITS[0] as number;
    const reminder = emu.sent(chat)[0] as SentMessage;
    const [resume, pause] = inlineButtons(reminder).map((b) => b.callback_data as string);

    emu.pressButton(chat, reminder.message_id, resume as string);
    await emu.waitFor(() => emu.sent(chat).length === 2);
    const question = emu.sent(chat)[1];
    expect(question?.text).toContain('本单位返聘了多少名已退休');
    expect(reminder.text).toContain('上次停在：【基本信息】本单位返聘了多少名已退休');

    emu.pressButton(chat, reminder.message_id, pause as string);
    await emu.waitFor(() => emu.sent(chat).some((m) => m.text === t('reminders.paused')));
    const entry = (await w.store.listUnits(campaign.id, ['qitai'])).find((e) => e.key === `tg:${chat}`);
    expect(entry?.remindersPaused).toBe(true);
    // The scheduled reminder three days before leaves it out; the other 奇台 unit still gets one.
    const { run } = await (w.rig as Rig).service.scheduledRun(campaign, at('2025-04-27T10:00:00'));
    expect(run?.recipients).not.toContain(`tg:${chat}`);
    expect(run?.recipients).toContain(`tg:${QITAI_UNITS[1]}`);
    expect(run?.skipped.paused).toBe(1);
    expect(w.errors()).toEqual([]);
  });
});
