/**
 * /remind on Telegram, the details a clerk sees beyond the main flow (test/adapters/remind-telegram.test.ts):
 * the exact preview, paused units, the audit trail, one area's confirmation, refusals of presses that no
 * longer fit (campaign removed, area taken away, data with more after the run id), and failures told
 * plainly. The same set-up: the real bot against the Bot API emulator, a real redis-server, BullMQ, the
 * worker in this process.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ReminderService } from '../../src/app/reminder-service.ts';
import { StaffService } from '../../src/app/staff-service.ts';
import { areaName } from '../../src/app/unit-table.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { RedisStore, shardOf } from '../../src/adapters/store/redis-store.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { decodeRemindButton, encodeRemindButton, parseRemindArgs, remindCommands } from '../../src/adapters/telegram/remind.ts';
import { startPolling } from '../../src/adapters/telegram/run.ts';
import { staffCommands } from '../../src/adapters/telegram/staff.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { t } from '../../src/core/text.ts';
import { captureLog } from '../support/capture-log.ts';
import { redisForFile } from '../support/redis-server.ts';
import { FUKANG_UNITS, QITAI_UNITS, remindDirectory, REMIND_CLERKS, seedUnits, startRig, telegramUnits, type Rig, type SeedUnit } from '../support/reminders.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const at = (local: string) => new Date(`${local}+08:00`);
const NOW = at('2025-04-23T10:00:00');

const { FUKANG, QITAI, PREFECTURE } = REMIND_CLERKS;
const directory = remindDirectory(campaign);

/** Five started units in 阜康, one finished there, two started in 奇台; a test may add more. */
const UNITS = [...FUKANG_UNITS, ...QITAI_UNITS];
const BASE_UNITS: SeedUnit[] = [
  ...telegramUnits(300_001, 5, { area: 'fukang' }),
  { key: 'tg:300006', area: 'fukang', status: 'finished' },
  ...telegramUnits(300_101, 2, { area: 'qitai' }),
];

const redis = redisForFile();
let emu: TelegramEmulator;
beforeEach(async () => {
  emu = await startTelegramEmulator();
  redis.afterTest(() => emu.close());
});

type World = {
  rig: Rig;
  store: RedisStore;
  prefix: string;
  audit: MemoryAuditLog;
  errors: () => { msg: string }[];
  /** Closes the store connection /remind reads the units through: from then on reading them fails. */
  breakUnitReading: () => Promise<void>;
};

async function world(options: { units?: SeedUnit[] } = {}): Promise<World> {
  const clock = () => NOW;
  const log = captureLog();
  const prefix = redis.prefix('rd');
  const store = new RedisStore({ url: redis.url(), prefix, retentionSeconds: 10 * 365 * 86_400 });
  await store.connect();
  const rig = await startRig({ store, campaign, prefix, redisUrl: redis.url(), apiRoot: emu.apiRoot, token: emu.token, clock, logger: log.logger });
  // /remind reads the units through a connection of its own, so that a test can take it away.
  const reading = new RedisStore({ url: redis.url(), prefix, retentionSeconds: 10 * 365 * 86_400 });
  await reading.connect();
  let readingOpen = true;
  const service = new ReminderService({ campaigns: [campaign], store: reading, conversations: rig.conversations, canReach: (key) => key.startsWith('tg:'), clock });
  redis.afterTest(async () => {
    await rig.close();
    if (readingOpen) await reading.close();
    await store.close();
  });
  await seedUnits(store, campaign, options.units ?? BASE_UNITS, NOW);
  const audit = new MemoryAuditLog();
  const staff = new StaffService({ directory, campaigns: [campaign], store, roster: new MemoryRosterStore(), audit, clock, reminders: rig.queue });
  const extensions = [
    staffCommands({ staff, renderPdf, botUsername: () => 'nianshen_test_bot', logger: log.logger }).middleware(),
    remindCommands({ staff, reminders: { service, dispatch: rig.queue }, logger: log.logger, clock }).middleware(),
  ];
  const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service: rig.conversations, store, logger: log.logger, extensions });
  const feed = await startPolling(bot);
  redis.afterTest(() => feed.stop());
  await emu.waitFor(() => emu.isPolling);
  return {
    rig,
    store,
    prefix,
    audit,
    errors: log.errors,
    breakUnitReading: async () => {
      readingOpen = false;
      await reading.close();
    },
  };
}

/** Sends a line as this chat and waits for the bot's next message there. */
async function say(chat: number, text: string): Promise<SentMessage> {
  const before = emu.sent(chat).length;
  emu.sendText(chat, text);
  await emu.waitFor(() => emu.sent(chat).length > before);
  return emu.sent(chat)[before] as SentMessage;
}

/** Presses a button of this message and waits for the bot's next new message in the chat. */
async function pressForReply(chat: number, message: SentMessage, data: string): Promise<SentMessage> {
  const before = emu.sent(chat).length;
  emu.pressButton(chat, message.message_id, data);
  await emu.waitFor(() => emu.sent(chat).length > before);
  return emu.sent(chat)[before] as SentMessage;
}

/** A press on data no keyboard showed, on the chat's last message; the query's id. */
function forgedPress(chat: number, data: string): string {
  const message = emu.lastSent(chat);
  const id = `forged${Math.random()}`;
  emu.sendUpdate({
    callback_query: {
      id,
      from: { id: chat, is_bot: false, first_name: '伪造' },
      chat_instance: 'x',
      data,
      message: { message_id: message?.message_id ?? 1, date: 0, chat: { id: chat, type: 'private', first_name: 'x' }, text: message?.text ?? 'x' },
    },
  });
  return id;
}

/** Sends forged data as this chat and waits for the bot's next message there. */
async function forgedForReply(chat: number, data: string): Promise<SentMessage> {
  const before = emu.sent(chat).length;
  forgedPress(chat, data);
  await emu.waitFor(() => emu.sent(chat).length > before);
  return emu.sent(chat)[before] as SentMessage;
}

const remindersTo = (chats: number[]) => chats.map((c) => emu.sent(c).filter((m) => m.text?.includes('·提醒】')).length);
const reports = (chat: number) => emu.sent(chat).filter((m) => m.text?.startsWith('【提醒发送结果】'));
const confirmOf = (preview: SentMessage) => inlineButtons(preview)[0]?.callback_data as string;
const cancelOf = (preview: SentMessage) => inlineButtons(preview)[1]?.callback_data as string;
const label = (where: string, days?: number) => `${campaign.shortTitle}·${where}${days === undefined ? '' : t('remind.scope.stuck', { days })}`;
const RUN_ID = 'm-AbCdEfGh1234';

describe('the preview a clerk reads', () => {
  it('the whole preview for two units in the daytime, nothing paused or skipped, reads exactly as written', async () => {
    const w = await world();
    const preview = await say(QITAI, '/remind');
    const sample = await w.rig.service.forUnit(`tg:${QITAI_UNITS[0]}`, campaign.id, false, NOW);
    expect(sample.send).toBe(true);
    expect(preview.text).toBe(
      t('remind.preview', {
        scope: label(areaName(campaign, 'qitai')),
        count: 2,
        names: ['单位300101有限公司', '单位300102有限公司'].join(t('sep.enum')),
        notes: t('remind.preview.oncePerDay'),
        sample: sample.send ? sample.text : '',
      }),
    );
    expect(w.errors()).toEqual([]);
  });

  it('a preview counts paused units in, says how many are paused, and samples a paused unit when it is the only one', async () => {
    const w = await world({ units: [...BASE_UNITS, { key: 'tg:300201', name: '呼图壁暂停有限公司', area: 'hutubi', paused: true }] });
    const preview = await say(PREFECTURE, '/remind 呼图壁');
    expect(preview.text).toContain('将提醒 1 个未完成的单位：呼图壁暂停有限公司');
    expect(preview.text).toContain(t('remind.preview.paused', { n: 1 }));
    expect(preview.text).toContain('【昌吉州2024年度劳动保障书面审查·提醒】呼图壁暂停有限公司：'); // the sample is its own reminder
    expect(inlineButtons(preview).map((b) => b.text)).toEqual([t('remind.confirm'), t('remind.cancel')]);
    expect(w.errors()).toEqual([]);
  });

  it('units whose conversations expired before their index entries were pruned are passed over for the sample, however many; none left: nothing to remind, each counted as finished or unreachable', async () => {
    const w = await world({ units: [...BASE_UNITS, ...telegramUnits(300_301, 7, { area: 'hutubi' })] });
    const { recipients } = await w.rig.service.audience(campaign, { areas: ['hutubi'], skipPaused: false }, NOW);
    expect(recipients).toHaveLength(7);
    // A conversation past its retention is gone from Redis while its index entry waits for the prune.
    const expire = (keys: string[]) => w.store.redis.del(...keys.map((k) => `${w.prefix}{${shardOf(k)}}:s:${k}`));
    await expire(recipients.slice(0, 6).map((u) => u.key));
    const last = recipients[6] as (typeof recipients)[number];
    const preview = await say(PREFECTURE, '/remind 呼图壁');
    expect(preview.text).toContain('将提醒 7 个未完成的单位');
    expect(preview.text).toContain(`【昌吉州2024年度劳动保障书面审查·提醒】${last.unitName}：`);
    // The last one finishes while the index still lists it as started (the preview reads the index first).
    const units = `${w.prefix}{${shardOf(last.key)}}:u:${campaign.id}`;
    const listed = await w.store.redis.hget(units, last.key);
    await seedUnits(w.store, campaign, [{ key: last.key, area: 'hutubi', status: 'finished', version: 1 }], NOW);
    await w.store.redis.hset(units, last.key, listed as string);
    const none = await say(PREFECTURE, '/remind 呼图壁');
    // Listed, but with nothing to do: counted as a run would count them (gone: unreachable).
    expect(none.text).toBe(t('remind.preview.none', { scope: label(areaName(campaign, 'hutubi')), finished: 1, unreachable: 6 }));
    expect(inlineButtons(none)).toEqual([]);
    expect(w.errors()).toEqual([]);
  });

  it('reads an area by its full official name and the days written as 7day', () => {
    const member = directory.byTelegramId(PREFECTURE) as NonNullable<ReturnType<typeof directory.byTelegramId>>;
    const scope = { member, campaign, areas: directory.areasOf(member, campaign) };
    expect(parseRemindArgs(scope, '/remind 新疆准东经济技术开发区 7day')).toEqual({ area: 'zhundong', stuckDays: 7 });
  });
});

describe('what /remind records for /audit', () => {
  it('each preview, cancel and confirm is recorded under its own action in /audit', async () => {
    const w = await world();
    const entries = async () => (await w.audit.list()).reverse().map((e) => ({ action: e.action, count: e.count, detail: e.detail }));
    await say(FUKANG, '/remind 阜康 30天');
    const first = await say(FUKANG, '/remind');
    emu.pressButton(FUKANG, first.message_id, cancelOf(first));
    await emu.waitFor(() => emu.sent(FUKANG).some((m) => m.text?.includes(t('remind.cancelled'))));
    const second = await say(FUKANG, '/remind');
    emu.pressButton(FUKANG, second.message_id, confirmOf(second));
    await emu.waitFor(() => reports(FUKANG).length === 1, 15_000);
    expect(await entries()).toEqual([
      { action: 'remind_preview', count: 0, detail: campaign.id },
      { action: 'remind_preview', count: 5, detail: campaign.id },
      { action: 'remind_cancel', count: undefined, detail: campaign.id },
      { action: 'remind_preview', count: 5, detail: campaign.id },
      { action: 'remind', count: 5, detail: `${campaign.id} ${label(areaName(campaign, 'fukang'))}` },
    ]);
  });
});

describe('confirming', () => {
  it('a single confirm is not told 已经确认过: the preview says sending started', async () => {
    const w = await world();
    const preview = await say(FUKANG, '/remind');
    emu.pressButton(FUKANG, preview.message_id, confirmOf(preview));
    await emu.waitFor(() => reports(FUKANG).length === 1, 15_000);
    const edited = emu.sent(FUKANG).find((m) => m.message_id === preview.message_id);
    expect(edited?.text).toBe(`${preview.text}\n\n${t('remind.started', { count: 5 })}`);
    expect(emu.sent(FUKANG).map((m) => m.text)).not.toContain(t('remind.already'));
    expect(w.errors()).toEqual([]);
  });

  it("confirming the preview of one area reminds only that area's units", async () => {
    await world();
    const preview = await say(PREFECTURE, '/remind 奇台');
    expect(preview.text).toContain('将提醒 2 个未完成的单位');
    emu.pressButton(PREFECTURE, preview.message_id, confirmOf(preview));
    await emu.waitFor(() => reports(PREFECTURE).length === 1, 15_000);
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });

  it("a confirm that carries no message still sends, and the report comes to the clerk's own chat", async () => {
    const w = await world();
    const preview = await say(QITAI, '/remind');
    emu.sendUpdate({ callback_query: { id: 'inline1', from: { id: QITAI, is_bot: false, first_name: '李明' }, chat_instance: 'x', data: confirmOf(preview) } });
    await emu.waitFor(() => reports(QITAI).length === 1, 15_000);
    expect(remindersTo(QITAI_UNITS)).toEqual([1, 1]);
    expect(w.errors()).toEqual([]);
  });

  it('when the preview cannot be edited the cancellation comes as a new message', async () => {
    await world();
    const preview = await say(FUKANG, '/remind');
    emu.failNext('editMessageText', { code: 400, description: 'Bad Request: message to edit not found' });
    expect((await pressForReply(FUKANG, preview, cancelOf(preview))).text).toBe(t('remind.cancelled'));
  });
});

describe('presses that no longer fit', () => {
  it('a confirm with anything after the run id is refused as an invalid button, and sends nothing', async () => {
    const w = await world();
    const preview = await say(FUKANG, '/remind');
    expect((await forgedForReply(FUKANG, `${confirmOf(preview)}:x`)).text).toBe(t('remind.invalid'));
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // The preview itself is untouched and still works.
    emu.pressButton(FUKANG, preview.message_id, confirmOf(preview));
    await emu.waitFor(() => reports(FUKANG).length === 1, 15_000);
    expect(remindersTo(FUKANG_UNITS)).toEqual([1, 1, 1, 1, 1]);
    expect(w.errors()).toEqual([]);
  });

  it('a press whose data only contains s:r: further on is not taken for a /remind button', async () => {
    await world();
    await say(FUKANG, '/remind');
    const data = `x${encodeRemindButton({ action: 'ok', runId: RUN_ID })}`;
    const id = forgedPress(FUKANG, data);
    const answer = () => emu.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id);
    await emu.waitFor(() => answer() !== undefined);
    expect(answer()?.params.text).toBe(t('telegram.invalidButton'));
  });

  it('a preview of a campaign that was removed meanwhile is refused with 无权限', async () => {
    const w = await world();
    await w.rig.queue.saveDraft({ runId: RUN_ID, campaignId: 'removed-2023', staffTelegramId: FUKANG, createdAt: NOW.getTime() }, 3600);
    expect((await forgedForReply(FUKANG, encodeRemindButton({ action: 'ok', runId: RUN_ID }))).text).toBe(t('staff.denied'));
    expect(w.errors()).toEqual([]);
  });

  it("a preview of an area no longer the clerk's is refused, and nothing is sent", async () => {
    const w = await world();
    // Made while the clerk still had 奇台 (the staff file has changed since).
    await w.rig.queue.saveDraft({ runId: RUN_ID, campaignId: campaign.id, staffTelegramId: FUKANG, area: 'qitai', createdAt: NOW.getTime() }, 3600);
    expect((await forgedForReply(FUKANG, encodeRemindButton({ action: 'ok', runId: RUN_ID }))).text).toBe(t('remind.notYourArea'));
    expect(await w.rig.queue.draft(RUN_ID)).toBeDefined();
    expect(remindersTo(UNITS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('failures', () => {
  it('when the units cannot be read the clerk is told 操作失败, for the preview and for a confirm', async () => {
    const w = await world();
    const preview = await say(FUKANG, '/remind');
    await w.breakUnitReading();
    expect((await pressForReply(FUKANG, preview, confirmOf(preview))).text).toBe(t('staff.error'));
    expect((await say(FUKANG, '/remind')).text).toBe(t('staff.error'));
    expect(w.errors().map((e) => e.msg)).toEqual(['remind failed', 'remind preview failed']);
    expect(remindersTo(FUKANG_UNITS)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('button data', () => {
  it('refuses to build button data longer than Telegram allows (64 bytes), and only then', () => {
    const button = (length: number) => ({ action: 'ok' as const, runId: `m-${'a'.repeat(length - 2)}` });
    expect(encodeRemindButton(button(57))).toHaveLength(64);
    expect(() => encodeRemindButton(button(58))).toThrow('remind callback_data over 64 bytes: s:r:ok:m-aaa');
  });

  it('reads only s:r:<ok|no>:<run id> as a /remind button', () => {
    expect(decodeRemindButton(`s:r:ok:${RUN_ID}`)).toEqual({ action: 'ok', runId: RUN_ID });
    expect(decodeRemindButton(`x:r:ok:${RUN_ID}`)).toBeUndefined();
    expect(decodeRemindButton(`s:x:ok:${RUN_ID}`)).toBeUndefined();
    expect(decodeRemindButton(`s:r:ok:${RUN_ID}:x`)).toBeUndefined();
  });
});
