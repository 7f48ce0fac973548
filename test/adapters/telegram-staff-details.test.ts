/**
 * The details a bureau clerk sees in the staff commands, through the real telegraf against the Bot API
 * emulator with real stores in a real redis-server: the exact /stats and /units texts, the units list's
 * buttons (pages, filters, a unit's PDF) and the area and campaign they keep, exports' names and captions,
 * the audit log's cells, roster refusals, invitations, and what a clerk is told when something fails.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Telegraf } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { findCampaign } from '../../flows/index.ts';
import type { ConversationService } from '../../src/app/conversation-service.ts';
import type { DocumentService } from '../../src/app/document-service.ts';
import type { StaffService } from '../../src/app/staff-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import type { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { startPolling } from '../../src/adapters/telegram/run.ts';
import { staffCommands, type StaffCommandOptions } from '../../src/adapters/telegram/staff.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { materialQuestionId } from '../../src/core/engine.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { t } from '../../src/core/text.ts';
import { captureLog, type LogEntry } from '../support/capture-log.ts';
import { PROFILES } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { badCreditCode, creditCode, openStaffRig, FUKANG_CLERK as FUKANG, PREFECTURE, QITAI_CLERK as QITAI, STRANGER, callbackAnswers, forgeCallback, seedCounty, sendAndWait, typedUnit } from '../support/staff.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
/** A second campaign the staff service knows (no written review): the prefecture covers its areas. */
const wenshui = findCampaign('wenshui-2022') as Campaign;
const now = new Date('2025-03-10T01:00:00Z');
const DENIED = t('staff.denied');
const ROSTER_HEADER = ['单位名称', '统一社会信用代码', '所在地区'];

let redis: TestRedis;
let emu: TelegramEmulator;
let bot: Telegraf;
let store: RedisStore;
let staff: StaffService;
let conversations: ConversationService;
let documents: DocumentService;
let errors: () => LogEntry[];
let stopBot: (() => Promise<void>) | undefined;
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

beforeEach(async () => {
  emu = await startTelegramEmulator();
  ({ store, conversations, documents, staff } = await openStaffRig({ redisUrl: redis.url, prefix: `tgstaffd${prefixes++}:`, campaign, staffCampaigns: [campaign, wenshui], now }));
});
afterEach(async () => {
  await stopBot?.();
  stopBot = undefined;
  await store.close();
  await emu.close();
});

/** Starts the bot with the staff commands; `options` as a deployment would set them (no bot username yet, a public web chat). */
async function boot(options: Partial<Pick<StaffCommandOptions, 'botUsername' | 'webInviteLink'>> = {}) {
  const log = captureLog();
  errors = log.errors;
  const commands = staffCommands({ staff, renderPdf, botUsername: () => bot.botInfo?.username, logger: log.logger, ...options });
  bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service: conversations, store, documents, logger: log.logger, extensions: [commands.middleware()] });
  const running = await startPolling(bot);
  stopBot = () => running.stop();
  await emu.waitFor(() => emu.isPolling);
}

const unit = (key: string, given: Record<string, AnswerValue | null>, stopAfter?: number) => typedUnit(conversations, campaign, now, key, given, stopAfter);
const county = () => seedCounty(unit);

const send = (chat: number, text: string, count = 1) => sendAndWait(emu, chat, text, count);

/** Sends a file with a caption and waits for the one reply. */
async function sendFile(chat: number, file: { file_name: string; bytes: Buffer; caption?: string }): Promise<SentMessage> {
  const before = emu.sent(chat).length;
  emu.sendFile(chat, file);
  await emu.waitFor(() => emu.sent(chat).length >= before + 1);
  return emu.sent(chat)[before] as SentMessage;
}

/** Presses a button of a message the bot sent, and waits until that message reads `until`. */
async function press(chat: number, message: SentMessage, text: string, until: (text: string) => boolean): Promise<SentMessage> {
  const data = inlineButtons(message).find((b) => b.text === text)?.callback_data;
  if (!data) throw new Error(`no button ${text} in ${JSON.stringify(inlineButtons(message))}`);
  emu.pressButton(chat, message.message_id, data);
  const current = () => emu.sent(chat).find((m) => m.message_id === message.message_id) as SentMessage;
  await emu.waitFor(() => until(current().text ?? ''));
  return current();
}

const forge = (chat: number, data: string) => forgeCallback(emu, chat, data);
const answersTo = (prefix: string) => callbackAnswers(emu, prefix);

/** The inline keyboard's button texts, row by row. */
const keyboard = (message: SentMessage | undefined) => ((message?.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
const FILTER_ROWS = [[t('staff.units.all'), '未开始', '进行中'], ['已完成', '不在范围']];
const header = (total: number, page = 1, pages = 1, status?: string) =>
  t('staff.units.header', { filter: status ? t('staff.units.filter', { status }) : '', page, pages, total });

/** The staff's CSV document, read back (UTF-8 with a BOM). */
const csvRows = (doc: { bytes: Buffer } | undefined) => parse((doc?.bytes ?? Buffer.alloc(0)).toString('utf8').slice(1)) as string[][];

describe('staff buttons of the wrong shape', () => {
  it('tells a clerk a malformed units button is no longer valid and sends no unit\'s PDF for it', async () => {
    await boot();
    await county();
    forge(FUKANG, 's:u:0:-');
    forge(FUKANG, 's:u:tg:1');
    forge(FUKANG, 's:u:0:-:-:changji-2024:x');
    forge(FUKANG, 's:p:0:-:-');
    await emu.waitFor(() => answersTo(`forged-${FUKANG}`).length === 4);
    expect(answersTo(`forged-${FUKANG}`).map((c) => c.params.text)).toEqual(Array(4).fill(t('telegram.invalidButton')));
    // A command answered after them: nothing was sent for the four.
    await send(FUKANG, '/roster');
    expect(emu.documents(FUKANG)).toEqual([]);
    expect(emu.sent(FUKANG).map((m) => m.text)).toEqual([t('staff.roster.howTo')]);
  });

  it('tells a stranger 无权限 for an area button, and treats other data as no staff button at all', async () => {
    await boot();
    forge(STRANGER, 's:u:0:-:fukang');
    forge(STRANGER, 'xs:u:0:-:-');
    await emu.waitFor(() => answersTo(`forged-${STRANGER}`).length === 2);
    expect(answersTo(`forged-${STRANGER}`).map((c) => c.params.text)).toEqual([DENIED, t('telegram.invalidButton')]);
    expect(emu.sent(STRANGER)).toEqual([]);
  });
});

describe('/stats', () => {
  it('lists the five questions most units stopped at and the five materials finished units lack most, numbered from 1', async () => {
    await boot();
    const materials = Object.fromEntries(campaign.materials.map((m) => [materialQuestionId(m.id), false]));
    for (let i = 0; i < 8; i++) await unit(`tg:${200 + i}`, { ...PROFILES.enterpriseA, unit_name: `阜康市停${i}公司`, credit_code: creditCode(200 + i) }, 3 + 2 * i);
    await unit('tg:300', { ...PROFILES.enterpriseA, ...materials, unit_name: '阜康市缺材料公司', credit_code: creditCode(300) });
    const scope = staff.scope(FUKANG)!;
    const figures = await staff.stats(scope);
    expect(figures.dropOff.length).toBeGreaterThan(5);
    expect(figures.missing.length).toBeGreaterThan(5);
    const [stats] = await send(FUKANG, '/stats');
    const tail = [
      '',
      t('staff.stats.dropOffTitle', { n: 5 }),
      ...figures.dropOff.slice(0, 5).map((d, i) => `${i + 1}. ${d.text}：${d.count} 个单位`),
      '',
      t('staff.stats.missingTitle', { n: 5 }),
      ...figures.missing.slice(0, 5).map((m, i) => `${i + 1}. ${m.name}：${m.count} 个单位`),
    ].join('\n');
    expect(stats?.text?.endsWith(`\n${tail}`)).toBe(true);
    expect(stats?.text).toContain('进行中的单位停在哪一题（前 5 题）：\n1. ');
  });

  it('shows another campaign\'s figures when its id follows /stats, without the review\'s verdicts it does not have, and （暂无） for empty lists', async () => {
    await boot();
    const [stats] = await send(PREFECTURE, `/stats ${wenshui.id}`);
    expect(stats?.text).toBe(
      [
        `【${wenshui.shortTitle}·全部地区】`,
        '名单内单位 0 个，其中未开始 0 个；自行进入（不在名单）0 个。',
        '进行中 0 · 已完成 0 · 不在范围 0',
        '预估等级：A 0 · B 0 · C 0',
        '已发提醒 0 次 · 无法联系的单位 0 个',
        '',
        '进行中的单位停在哪一题（前 5 题）：',
        '（暂无）',
        '',
        '已完成单位最常缺少的材料（前 5 项）：',
        '（暂无）',
      ].join('\n'),
    );
  });
});

describe('/units', () => {
  it('says there are no units, and shows only the filter buttons, for a clerk whose county has none', async () => {
    await boot();
    const [list] = await send(QITAI, '/units');
    expect(list?.text).toBe(`${header(0)}\n${t('staff.units.empty')}`);
    expect(keyboard(list)).toEqual(FILTER_ROWS);
  });

  it('numbers the units from 1 with area, status, progress and last activity, and a PDF button for each that started', async () => {
    await boot();
    await county();
    const [list] = await send(FUKANG, '/units');
    const lines = list?.text?.split('\n') ?? [];
    expect(lines[0]).toBe(header(2));
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^1\. 阜康市(甲|乙)公司（阜康市）(已完成|进行中) \d+ \/ \d+ · 最后活动 2025-03-10 09:00$/),
      expect.stringMatching(/^2\. 阜康市(甲|乙)公司（阜康市）(已完成|进行中) \d+ \/ \d+ · 最后活动 2025-03-10 09:00$/),
    ]);
    expect(keyboard(list)).toEqual([...FILTER_ROWS, ['PDF 1', 'PDF 2']]);
  });

  it('lists a roster unit that has not started by name and area only, without a PDF button', async () => {
    await boot();
    const imported = await sendFile(FUKANG, { file_name: 'roster.csv', bytes: Buffer.from(stringify([ROSTER_HEADER, ['阜康市名单公司', creditCode(80), '阜康市']])), caption: '/roster' });
    expect(imported.text).toBe(t('staff.roster.imported', { count: 1 }));
    const [list] = await send(FUKANG, '/units');
    expect(list?.text).toBe(`${header(1)}\n1. 阜康市名单公司（阜康市）未开始`);
    expect(keyboard(list)).toEqual(FILTER_ROWS);
  });

  it('pages forward and back with 下一页/上一页, only where there is a page to go to, PDF buttons four to a row', async () => {
    await boot();
    await county();
    for (let i = 0; i < 9; i++) await unit(`tg:${100 + i}`, { ...PROFILES.enterpriseA, unit_name: `阜康市第${i}公司`, credit_code: creditCode(100 + i) }, 6);
    const [page1] = await send(FUKANG, '/units');
    expect(page1?.text?.split('\n')[0]).toBe(header(11, 1, 2));
    expect(keyboard(page1)).toEqual([[t('staff.units.next')], ...FILTER_ROWS, ['PDF 1', 'PDF 2', 'PDF 3', 'PDF 4'], ['PDF 5', 'PDF 6', 'PDF 7', 'PDF 8']]);
    const page2 = await press(FUKANG, page1!, t('staff.units.next'), (text) => text.startsWith(header(11, 2, 2)));
    expect(keyboard(page2)).toEqual([[t('staff.units.prev')], ...FILTER_ROWS, ['PDF 1', 'PDF 2', 'PDF 3']]);
    const back = await press(FUKANG, page2, t('staff.units.prev'), (text) => text.startsWith(header(11, 1, 2)));
    expect(back.text).toBe(page1?.text);
  });

  it('finds an area after /units by its name, a short name or its id, for a clerk who covers every area', async () => {
    await boot();
    await county();
    const totalFor = async (command: string) => (await send(PREFECTURE, command))[0]?.text?.split('\n')[0];
    expect(await totalFor('/units 奇台')).toBe(header(1));
    expect(await totalFor('/units qitai')).toBe(header(1));
    expect(await totalFor('/units 阜康市')).toBe(header(2));
    expect(await totalFor('/units 新疆准东经济技术开发区')).toBe(header(0));
    expect(await totalFor('/units 进行中')).toBe(header(1, 1, 1, '进行中'));
    expect(await totalFor('/units 阜康 已完成')).toBe(header(1, 1, 1, '已完成'));
    expect(await totalFor('/units 奇台 进行中')).toBe(header(0, 1, 1, '进行中'));
  });

  it('keeps the area named after /units on every button: the pages, 全部 and each status', async () => {
    await boot();
    await county();
    for (let i = 0; i < 9; i++) await unit(`tg:${100 + i}`, { ...PROFILES.enterpriseA, unit_name: `阜康市第${i}公司`, credit_code: creditCode(100 + i) }, 6);
    await unit('tg:120', { ...PROFILES.enterpriseB, unit_name: '奇台县进行中公司', credit_code: creditCode(120) }, 6);
    const [list] = await send(PREFECTURE, '/units 阜康 进行中');
    expect(list?.text?.split('\n')[0]).toBe(header(10, 1, 2, '进行中'));
    const page2 = await press(PREFECTURE, list!, t('staff.units.next'), (text) => text.includes('第 2/'));
    expect(page2.text?.split('\n')[0]).toBe(header(10, 2, 2, '进行中'));
    const all = await press(PREFECTURE, page2, t('staff.units.all'), (text) => !text.includes('筛选'));
    expect(all.text?.split('\n')[0]).toBe(header(11, 1, 2));
    const finished = await press(PREFECTURE, all, '已完成', (text) => text.includes('筛选'));
    expect(finished.text).toMatch(new RegExp(`^${header(1, 1, 1, '已完成')}\\n1\\. 阜康市甲公司`));
  });

  it('keeps the campaign named after /units when a filter button is pressed', async () => {
    await boot();
    await county();
    const [list] = await send(PREFECTURE, `/units ${wenshui.id}`);
    expect(list?.text).toBe(`${header(0)}\n${t('staff.units.empty')}`);
    const finished = await press(PREFECTURE, list!, '已完成', (text) => text.includes('筛选'));
    expect(finished.text).toBe(`${header(0, 1, 1, '已完成')}\n${t('staff.units.empty')}`);
  });

  it('sends the next page as a new message when the list can no longer be edited', async () => {
    await boot();
    await county();
    for (let i = 0; i < 9; i++) await unit(`tg:${100 + i}`, { ...PROFILES.enterpriseA, unit_name: `阜康市第${i}公司`, credit_code: creditCode(100 + i) }, 6);
    const [page1] = await send(FUKANG, '/units');
    emu.failNext('editMessageText', { code: 400, description: "Bad Request: message can't be edited" });
    emu.pressButton(FUKANG, page1!.message_id, inlineButtons(page1).find((b) => b.text === t('staff.units.next'))!.callback_data!);
    await emu.waitFor(() => emu.sent(FUKANG).length === 2);
    const page2 = emu.sent(FUKANG)[1];
    expect(page2?.text?.split('\n')[0]).toBe(header(11, 2, 2));
    expect(keyboard(page2)).toEqual([[t('staff.units.prev')], ...FILTER_ROWS, ['PDF 1', 'PDF 2', 'PDF 3']]);
  });

  it('says a unit out of the review\'s scope has no report when its PDF button is pressed', async () => {
    await boot();
    await unit('tg:7501', { unit_type: 'individual', area: 'fukang', staff: 1, part_time_staff: 0, unit_name: '阜康小个体户', credit_code: creditCode(7501) });
    const [list] = await send(FUKANG, '/units');
    expect(list?.text).toContain('阜康小个体户（阜康市）不在范围');
    emu.pressButton(FUKANG, list!.message_id, inlineButtons(list).find((b) => b.text === 'PDF 1')!.callback_data!);
    await emu.waitFor(() => emu.sent(FUKANG).length === 2);
    expect(emu.sent(FUKANG)[1]?.text).toBe(t('staff.units.noPdf'));
    expect(errors()).toEqual([]);
  });

  it('says the operation failed when a unit\'s PDF cannot be sent', async () => {
    await boot();
    await county();
    const [list] = await send(FUKANG, '/units 已完成');
    emu.failNext('sendDocument', { code: 400, description: 'Bad Request: file is too big' });
    emu.pressButton(FUKANG, list!.message_id, inlineButtons(list).find((b) => b.text === 'PDF 1')!.callback_data!);
    await emu.waitFor(() => emu.sent(FUKANG).length === 2);
    expect(emu.sent(FUKANG)[1]?.text).toBe(t('staff.error'));
    expect(emu.documents(FUKANG)).toEqual([]);
  });
});

describe('/export and /audit', () => {
  it('names the files after the campaign and the day, with their captions, and lists each roster unit\'s invitation link', async () => {
    await boot();
    await county();
    await sendFile(FUKANG, { file_name: 'roster.csv', bytes: Buffer.from(stringify([ROSTER_HEADER, ['阜康市名单公司', creditCode(80), '阜康市']])), caption: '/roster' });
    emu.sendText(FUKANG, '/export');
    await emu.waitFor(() => emu.documents(FUKANG).length === 3, 20_000);
    const [xlsx, csv, report] = emu.documents(FUKANG);
    const base = `${campaign.shortTitle}-2025-03-10 单位进度`;
    expect([xlsx?.file_name, xlsx?.caption]).toEqual([`${base}.xlsx`, `${base}（3 个单位）`]);
    expect(csv?.file_name).toBe(`${base}.csv`);
    expect(report?.caption).toBe(t('staff.report.caption'));
    const rosterRow = csvRows(csv).find((r) => r[0] === '阜康市名单公司');
    expect(rosterRow?.at(-1)).toMatch(/^https:\/\/t\.me\/nianshen_test_bot\?start=r_[\w-]{12}$/);
  });

  it('records each action in the audit log with its count (blank when none) and the campaign', async () => {
    await boot();
    await county();
    await send(FUKANG, '/stats');
    emu.sendText(FUKANG, '/export');
    await emu.waitFor(() => emu.documents(FUKANG).length === 3, 20_000);
    await sendFile(FUKANG, { file_name: 'roster.csv', bytes: Buffer.from(stringify([ROSTER_HEADER, ['阜康市名单公司', creditCode(80), '阜康市']])), caption: '/roster' });
    await send(FUKANG, `/invite ${creditCode(80)}`, 2);
    emu.sendText(FUKANG, '/audit');
    await emu.waitFor(() => emu.documents(FUKANG).length === 5);
    const rows = csvRows(emu.documents(FUKANG).at(-1)).slice(1).map((r) => r.slice(1));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['阜康市人社局 王', 'stats', '', campaign.id],
        ['阜康市人社局 王', 'export', '2', campaign.id],
        ['阜康市人社局 王', 'invite', '1', campaign.id],
      ]),
    );
  });

  it('says the operation failed when an export cannot be sent', async () => {
    await boot();
    emu.failNext('sendDocument', { code: 400, description: 'Bad Request: file is too big' });
    const [reply] = await send(FUKANG, '/audit');
    expect(reply?.text).toBe(t('staff.error'));
  });
});

describe('/roster', () => {
  it('explains how to send a roster when /roster comes without a file', async () => {
    await boot();
    const [reply] = await send(FUKANG, '/roster');
    expect(reply?.text).toBe(t('staff.roster.howTo'));
  });

  it('imports nothing from a file whose caption does not start with /roster', async () => {
    await boot();
    const csv = Buffer.from(stringify([ROSTER_HEADER, ['阜康市名单公司', creditCode(80), '阜康市']]));
    for (const caption of [undefined, '名单 /roster']) {
      const reply = await sendFile(FUKANG, { file_name: 'roster.csv', bytes: csv, ...(caption ? { caption } : {}) });
      expect(reply.text).not.toBe(t('staff.roster.imported', { count: 1 }));
    }
    const [invite] = await send(FUKANG, `/invite ${creditCode(80)}`);
    expect(invite?.text).toBe(t('staff.invite.notFound'));
  });

  it('imports a roster into the campaign named in its caption, not the clerk\'s first', async () => {
    await boot();
    const csv = Buffer.from(stringify([ROSTER_HEADER, ['文水县名单公司', creditCode(81), '文水县']]));
    const reply = await sendFile(PREFECTURE, { file_name: 'roster.csv', bytes: csv, caption: `/roster ${wenshui.id}` });
    expect(reply.text).toBe(t('staff.roster.imported', { count: 1 }));
    const [invite] = await send(PREFECTURE, `/invite ${creditCode(81)} ${wenshui.id}`);
    expect(invite?.text).toContain('文水县名单公司');
  });

  it('names at most 30 bad lines and says how many more there are', async () => {
    await boot();
    const refusal = async (bad: number) => {
      const lines = Array.from({ length: bad }, (_, i) => [`坏代码${i}`, badCreditCode(400 + i), '阜康市']);
      return (await sendFile(FUKANG, { file_name: 'roster.csv', bytes: Buffer.from(stringify([ROSTER_HEADER, ...lines])), caption: '/roster' })).text?.split('\n') ?? [];
    };
    const problem = /^第 \d+ 行：.+/;
    const two = await refusal(2);
    expect(two).toEqual([expect.stringContaining('名单没有导入'), expect.stringMatching(/^第 2 行：/), expect.stringMatching(/^第 3 行：/)]);
    const thirty = await refusal(30);
    expect(thirty.length).toBe(31);
    expect(thirty.slice(1).every((l) => problem.test(l))).toBe(true);
    const thirtyOne = await refusal(31);
    expect(thirtyOne.length).toBe(32);
    expect(thirtyOne.slice(1, 31).every((l) => problem.test(l))).toBe(true);
    expect(thirtyOne.at(-1)).toBe(t('staff.roster.more', { n: 1 }));
  });
});

describe('/invite', () => {
  const roster = () => sendFile(FUKANG, { file_name: 'roster.csv', bytes: Buffer.from(stringify([ROSTER_HEADER, ['阜康市己公司', creditCode(70), '阜康市']])), caption: '/roster' });

  it('explains how to ask for an invitation when no credit code follows /invite', async () => {
    await boot();
    const [reply] = await send(FUKANG, '/invite');
    expect(reply?.text).toBe(t('staff.invite.howTo'));
  });

  it('gives the link and a 512-pixel QR code, even with two spaces before the credit code', async () => {
    await boot();
    await roster();
    const [link] = await send(FUKANG, `/invite  ${creditCode(70)}`, 2);
    const token = /start=(r_[\w-]{12})/.exec(link?.text ?? '')?.[1];
    expect(link?.text).toBe(t('staff.invite.text', { name: '阜康市己公司', link: `https://t.me/nianshen_test_bot?start=${token}` }));
    const [qr] = emu.photos(FUKANG);
    expect(qr?.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(qr?.bytes.readUInt32BE(16)).toBe(512);
  });

  it('adds the web chat\'s link when the web chat is public', async () => {
    await boot({ webInviteLink: (token) => `https://chat.example.cn/i/${token}` });
    await roster();
    const [link] = await send(FUKANG, `/invite ${creditCode(70)}`, 2);
    const token = /start=r_([\w-]{12})/.exec(link?.text ?? '')?.[1];
    expect(link?.text).toBe(
      `${t('staff.invite.text', { name: '阜康市己公司', link: `https://t.me/nianshen_test_bot?start=r_${token}` })}\n${t('staff.invite.web', { link: `https://chat.example.cn/i/${token}` })}`,
    );
  });

  it('says the link cannot be made yet while the bot\'s username is unknown', async () => {
    await boot({ botUsername: () => undefined });
    await roster();
    const [reply] = await send(FUKANG, `/invite ${creditCode(70)}`);
    expect(reply?.text).toBe(t('staff.invite.noUsername'));
    expect(emu.photos(FUKANG)).toEqual([]);
  });
});
