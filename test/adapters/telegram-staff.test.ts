/**
 * The bureau staff's commands through the real telegraf against the Bot API emulator, with units, roster
 * and audit log in a real redis-server: who may see what, forged staff buttons, the units list and a
 * unit's PDF, exports read back (XLSX with exceljs, CSV parsed, the report PDF's text), a roster sent as
 * a file, and an invitation link and QR code that bring a unit in with its name, code and area filled.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Telegraf } from 'telegraf';
import { findCampaign } from '../../flows/index.ts';
import type { ConversationService } from '../../src/app/conversation-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import type { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { startPolling } from '../../src/adapters/telegram/run.ts';
import { staffCommands } from '../../src/adapters/telegram/staff.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { t } from '../../src/core/text.ts';
import { captureLog, type LogEntry } from '../support/capture-log.ts';
import { flat, pdfText, scratch } from '../pdf/poppler.ts';
import { PROFILES } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { badCreditCode, creditCode, openStaffRig, FUKANG_CLERK as FUKANG, QITAI_CLERK as QITAI, STRANGER, callbackAnswers, forgeCallback, seedCounty, sendAndWait, typedUnit } from '../support/staff.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const now = new Date('2025-03-10T01:00:00Z');
const DENIED = t('staff.denied');

let redis: TestRedis;
let emu: TelegramEmulator;
let bot: Telegraf;
let store: RedisStore;
let conversations: ConversationService;
let errors: () => LogEntry[];
let stopBot: () => Promise<void>;
let files: Awaited<ReturnType<typeof scratch>>;
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
  files = await scratch();
});
afterAll(async () => {
  await files.cleanup();
  await redis.stop();
});

beforeEach(async () => {
  emu = await startTelegramEmulator();
  const rig = await openStaffRig({ redisUrl: redis.url, prefix: `tgstaff${prefixes++}:`, campaign, now });
  ({ store, conversations } = rig);
  const { documents, staff } = rig;
  const log = captureLog();
  errors = log.errors;
  const commands = staffCommands({ staff, renderPdf, botUsername: () => bot.botInfo?.username, logger: log.logger });
  bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service: conversations, store, documents, logger: log.logger, extensions: [commands.middleware()] });
  const running = await startPolling(bot);
  stopBot = () => running.stop();
  await emu.waitFor(() => emu.isPolling);
});
afterEach(async () => {
  await stopBot();
  await store.close();
  await emu.close();
});

const unit = (key: string, given: Record<string, AnswerValue | null>, stopAfter?: number) => typedUnit(conversations, campaign, now, key, given, stopAfter);
const county = () => seedCounty(unit);

const send = (chat: number, text: string, count = 1) => sendAndWait(emu, chat, text, count);

const forge = (chat: number, data: string, messageId = 1) => forgeCallback(emu, chat, data, messageId);
const answersTo = (prefix: string) => callbackAnswers(emu, prefix);

describe('who may see what', () => {
  it('tells anyone not on staff 无权限 for every staff command and nothing else, not even counts', async () => {
    await county();
    for (const command of ['/stats', '/units', '/export', '/audit', '/roster', '/invite 91652300MA00000017']) {
      const replies = await send(STRANGER, command);
      expect(replies.map((m) => m.text)).toEqual([DENIED]);
    }
    emu.sendFile(STRANGER, { file_name: 'roster.csv', bytes: Buffer.from(stringify([['单位名称', '统一社会信用代码', '所在地区'], ['某公司', creditCode(40), '阜康市']])), caption: '/roster' });
    await emu.waitFor(() => emu.sent(STRANGER).length === 7);
    expect(emu.sent(STRANGER).at(-1)?.text).toBe(DENIED);
    expect(emu.documents(STRANGER)).toEqual([]);
    expect(emu.calls.some((c) => c.method === 'getFile')).toBe(false);
    // The stranger can still take the review as a unit.
    const [welcome] = await send(STRANGER, '/start');
    expect(welcome?.text).toContain('年审助手');
    expect(errors()).toEqual([]);
  });

  it('shows a county clerk only the county\'s figures', async () => {
    await county();
    const [fukang] = await send(FUKANG, '/stats');
    expect(fukang?.text).toContain('阜康市');
    expect(flat(fukang?.text ?? '')).toMatch(/已完成[：:]?1/);
    const [qitai] = await send(QITAI, '/stats');
    expect(qitai?.text).toContain('奇台县');
    expect(qitai?.text).not.toContain('阜康');
    const [list] = await send(QITAI, '/units');
    expect(list?.text).toContain('奇台县某公司');
    expect(list?.text).not.toContain('阜康市甲公司');
    expect(list?.text).toContain('共 1 个单位');
  });

  it('changes nothing for forged staff buttons: a stranger, another county\'s unit or area, malformed data', async () => {
    await county();
    const [list] = await send(QITAI, '/units');
    const before = emu.sent(QITAI).length;
    forge(STRANGER, 's:u:0:-:-');
    forge(STRANGER, 's:p:tg:1');
    forge(QITAI, 's:u:0:-:fukang', list?.message_id);
    forge(QITAI, 's:p:tg:1', list?.message_id);
    forge(QITAI, 's:p:../../etc/passwd', list?.message_id);
    forge(QITAI, 's:u:-1:-:-', list?.message_id);
    forge(QITAI, 's:u:0:hacked:-', list?.message_id);
    await emu.waitFor(() => answersTo('forged-').length === 7);
    expect(answersTo(`forged-${STRANGER}`).map((c) => c.params.text)).toEqual([DENIED, DENIED]);
    expect(answersTo(`forged-${QITAI}`).map((c) => c.params.text)).toEqual([DENIED, undefined, t('telegram.invalidButton'), t('telegram.invalidButton'), t('telegram.invalidButton')]);
    // The one well-formed press of another county's unit gets a plain 无权限 and no file.
    await emu.waitFor(() => emu.sent(QITAI).length === before + 1);
    expect(emu.sent(QITAI).at(-1)?.text).toBe(DENIED);
    expect(emu.documents(QITAI)).toEqual([]);
    expect(emu.sent(STRANGER)).toEqual([]);
    // The list message was not edited into 阜康's units.
    expect(emu.sent(QITAI).find((m) => m.message_id === list?.message_id)?.history).toEqual([]);
    expect(errors()).toEqual([]);
  });
});

describe('the units list', () => {
  it('pages, filters by status and sends a unit\'s PDF', async () => {
    await county();
    for (let i = 0; i < 9; i++) await unit(`tg:${100 + i}`, { ...PROFILES.enterpriseA, unit_name: `阜康市第${i}公司`, credit_code: creditCode(100 + i) }, 6);
    const [page1] = await send(FUKANG, '/units');
    expect(page1?.text).toContain('第 1/2 页，共 11 个单位');
    const next = inlineButtons(page1 as SentMessage).find((b) => b.text === t('staff.units.next'))?.callback_data as string;
    emu.pressButton(FUKANG, page1!.message_id, next);
    await emu.waitFor(() => emu.sent(FUKANG).find((m) => m.message_id === page1!.message_id)?.text?.includes('第 2/2 页') === true);
    const page2 = emu.sent(FUKANG).find((m) => m.message_id === page1!.message_id) as SentMessage;
    const finished = inlineButtons(page2).find((b) => b.text === t('staff.status.finished'))?.callback_data as string;
    emu.pressButton(FUKANG, page2.message_id, finished);
    await emu.waitFor(() => emu.sent(FUKANG).find((m) => m.message_id === page1!.message_id)?.text?.includes('共 1 个单位') === true);
    const onlyFinished = emu.sent(FUKANG).find((m) => m.message_id === page1!.message_id) as SentMessage;
    expect(onlyFinished.text).toContain('阜康市甲公司');
    const pdf = inlineButtons(onlyFinished).find((b) => b.text === t('staff.units.pdf', { n: 1 }))?.callback_data as string;
    emu.pressButton(FUKANG, onlyFinished.message_id, pdf);
    await emu.waitFor(() => emu.documents(FUKANG).length === 1);
    const path = await files.write('unit.pdf', emu.documents(FUKANG)[0]!.bytes);
    expect(flat(await pdfText(path))).toContain('阜康市甲公司');
  });

  it('filters by area and status words after /units', async () => {
    await county();
    const [list] = await send(FUKANG, '/units 阜康 进行中');
    expect(list?.text).toContain('筛选：进行中');
    expect(list?.text).toContain('阜康市乙公司');
    expect(list?.text).not.toContain('阜康市甲公司');
  });
});

describe('exports', () => {
  it('sends XLSX, CSV (UTF-8 with BOM) and a report PDF that read back with the county\'s units', async () => {
    await county();
    const before = emu.documents(FUKANG).length;
    emu.sendText(FUKANG, '/export');
    await emu.waitFor(() => emu.documents(FUKANG).length === before + 3, 20_000);
    const [xlsx, csv, report] = emu.documents(FUKANG).slice(before);
    expect(xlsx?.file_name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx!.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 11)).toEqual(['单位名称', '统一社会信用代码', '所在地区', '单位类型', '状态', '进度（已答/最多）', '审查预判', '预估等级', '缺少材料数', '最后活动', '已发提醒']);
    const names = sheet.getColumn(1).values.slice(2);
    expect(names.sort()).toEqual(['阜康市乙公司', '阜康市甲公司']);

    expect(csv?.file_name).toMatch(/\.csv$/);
    expect([...csv!.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv!.bytes.toString('utf8').slice(1)) as string[][];
    expect(rows[0]?.[0]).toBe('单位名称');
    const finished = rows.find((r) => r[0] === '阜康市甲公司');
    expect(finished).toEqual(expect.arrayContaining([creditCode(1), '阜康市', '已完成', '合格', 'A']));
    expect(rows.some((r) => r.includes('奇台县某公司'))).toBe(false);

    expect(report?.file_name).toMatch(/\.pdf$/);
    const text = flat(await pdfText(await files.write('report.pdf', report!.bytes)));
    expect(text).toContain('阜康市');
    expect(text).not.toContain('奇台县');
  });

  it('exports the audit log of staff actions', async () => {
    await county();
    await send(FUKANG, '/stats');
    await send(FUKANG, '/units');
    const before = emu.documents(FUKANG).length;
    emu.sendText(FUKANG, '/audit');
    await emu.waitFor(() => emu.documents(FUKANG).length === before + 2);
    const rows = parse(emu.documents(FUKANG).at(-1)!.bytes.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual(['时间', '工作人员', '操作', '数量', '说明']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(expect.arrayContaining(['stats', 'units', 'audit_export']));
    expect(rows.slice(1).every((r) => r[1] === '阜康市人社局 王')).toBe(true);
  });
});

describe('roster and invitations', () => {
  const header = ['单位名称', '统一社会信用代码', '所在地区'];

  it('imports a roster sent as an XLSX file with /roster as its caption', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(header);
    sheet.addRow(['阜康市丁公司（分公司）', creditCode(50), '阜康市']);
    sheet.addRow(['阜康市戊公司', creditCode(51), '阜康']);
    emu.sendFile(FUKANG, { file_name: '名单.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()), caption: '/roster' });
    await emu.waitFor(() => emu.sent(FUKANG).length === 1);
    expect(emu.sent(FUKANG)[0]?.text).toBe(t('staff.roster.imported', { count: 2 }));
    const [stats] = await send(FUKANG, '/stats');
    expect(flat(stats?.text ?? '')).toContain('2');
  });

  it('refuses a CSV roster with bad lines, naming each, and imports none', async () => {
    const bad = badCreditCode(60);
    const csv = Buffer.from(`\uFEFF${stringify([header, ['好公司', creditCode(61), '阜康市'], ['坏代码', bad, '阜康市'], ['重复', creditCode(61), '阜康市'], ['外县', creditCode(62), '奇台县']])}`);
    emu.sendFile(FUKANG, { file_name: 'roster.csv', bytes: csv, caption: '/roster' });
    await emu.waitFor(() => emu.sent(FUKANG).length === 1);
    const text = emu.sent(FUKANG)[0]?.text ?? '';
    expect(text).toContain('名单没有导入');
    expect(text).toContain('第 3 行');
    expect(text).toContain('第 4 行：与第 2 行是同一单位');
    expect(text).toContain('第 5 行：所在地区“奇台县”不在您负责的范围内');
    const [invite] = await send(FUKANG, `/invite ${creditCode(61)}`);
    expect(invite?.text).toBe(t('staff.invite.notFound'));
  });

  it('says plainly when the file is not a spreadsheet', async () => {
    emu.sendFile(FUKANG, { file_name: 'roster.docx', bytes: Buffer.from('not a sheet'), caption: '/roster' });
    await emu.waitFor(() => emu.sent(FUKANG).length === 1);
    expect(emu.sent(FUKANG)[0]?.text).toBe(t('staff.roster.badFile'));
  });

  it('gives a roster unit a link and a QR code that bring it in with name, code and area filled', async () => {
    const csv = Buffer.from(stringify([header, ['阜康市己公司', creditCode(70), '阜康市']]));
    emu.sendFile(FUKANG, { file_name: 'roster.csv', bytes: csv, caption: '/roster' });
    await emu.waitFor(() => emu.sent(FUKANG).length === 1);
    const [link] = await send(FUKANG, `/invite ${creditCode(70)}`, 2);
    const url = /https:\/\/t\.me\/nianshen_test_bot\?start=(r_[\w-]{12})/.exec(link?.text ?? '');
    expect(url).not.toBeNull();
    const [qr] = emu.photos(FUKANG);
    expect(qr?.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(qr?.caption).toBe(t('staff.invite.caption', { name: '阜康市己公司' }));
    // The unit opens the link: Telegram sends "/start <payload>".
    const UNIT = 7001;
    emu.sendText(UNIT, `/start ${url?.[1]}`);
    await emu.waitFor(() => emu.sent(UNIT).some((m) => m.text?.includes('阜康市己公司') === true) && inlineButtons(emu.lastSent(UNIT) as SentMessage).length > 0);
    const text = emu.sent(UNIT).map((m) => m.text).join('\n');
    expect(text).toContain(creditCode(70));
    expect(text).toContain('请核对');
    const session = JSON.parse((await store.load('tg:7001'))?.data ?? '{}');
    expect(session.context.answers).toMatchObject({ unit_name: '阜康市己公司', credit_code: creditCode(70), area: 'fukang' });
    const [stats] = await send(FUKANG, '/stats');
    expect(stats?.text).toContain('进行中');
  });
});
