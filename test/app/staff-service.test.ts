/**
 * The bureau's side over real stores (memory and redis-server): who may see what, figures from the index,
 * the units list, rosters (good, bad, duplicate, wrong columns, 5,000 rows), invitations that fill the
 * unit in, and the audit log. Units are made by walking real conversations, not by writing index entries.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { StaffDirectory, StaffFileError } from '../../src/app/staff-directory.ts';
import { rosterHooks, StaffService } from '../../src/app/staff-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { readSheet } from '../../src/adapters/export/spreadsheet.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { openStaffStores } from '../../src/adapters/store/open-store.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { findStep } from '../../src/core/engine.ts';
import { eventForText } from '../../src/core/commands.ts';
import type { AuditLog, RosterStore } from '../../src/core/staff-store.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { badCreditCode, creditCode, FUKANG_CLERK, PREFECTURE, QITAI_CLERK, staffMembers, STRANGER } from '../support/staff.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const DAY = 86_400_000;

type Parts = { store: SessionStore; roster: RosterStore; audit: AuditLog };

let redis: TestRedis;
const closers: (() => Promise<void>)[] = [];
let prefixes = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const close of closers) await close();
  await redis.stop();
});

/** The test's clock: conversations date units with it and the stores age them by it. */
let now = new Date('2025-03-10T01:00:00Z');
const clock = () => now;
const storeNow = () => now.getTime();

const backends: [string, () => Promise<Parts>][] = [
  ['memory', async () => ({ store: new MemoryStore({ retentionSeconds: 30 * DAY / 1000, now: storeNow }), roster: new MemoryRosterStore(), audit: new MemoryAuditLog() })],
  [
    'redis',
    async () => {
      const prefix = `staff${prefixes++}:`;
      const store = new RedisStore({ url: redis.url, prefix, retentionSeconds: 30 * DAY / 1000, now: storeNow });
      await store.connect();
      closers.push(() => store.close());
      return { store, ...openStaffStores(store, prefix) };
    },
  ],
];

/** A county with units in every state, made by real conversations; the clock is the test's to move. */
async function county(parts: Parts) {
  now = new Date('2025-03-10T01:00:00Z');
  const conversations = new ConversationService({ campaigns: [campaign], store: parts.store, clock, ...rosterHooks(parts.roster) });
  const directory = new StaffDirectory(staffMembers, [campaign]);
  const documents = new DocumentService(conversations, [campaign], clock, renderPdf);
  const staff = new StaffService({ directory, campaigns: [campaign], ...parts, documents, clock });
  const say = async (key: string, text: string) => {
    const event = eventForText(text);
    if (typeof event === 'string') throw new Error(`channel command ${event}`);
    return conversations.handle(key, event);
  };
  /** Walks a unit through the chat; `stopAfter` lines when it gives up half way. */
  const walk = async (key: string, given: Record<string, AnswerValue | null>, stopAfter?: number) => {
    const lines = typedConversation(campaign, completeAnswers(campaign, given, now), now);
    await say(key, '开始');
    for (const line of lines.slice(0, stopAfter)) await say(key, line);
    now = new Date(now.getTime() + 60_000);
  };
  return {
    staff, conversations, say, walk,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    scope: (telegramId: number) => {
      const s = staff.scope(telegramId);
      if (!s) throw new Error(`${telegramId} is not staff`);
      return s;
    },
  };
}

const rosterRows = (rows: [string, string, string][]) => [['单位名称', '统一社会信用代码', '所在地区'], ...rows];

describe.each(backends)('staff service on %s', (_name, open) => {
  let c: Awaited<ReturnType<typeof county>>;
  let stop: string | null | undefined;

  beforeAll(async () => {
    const parts = await open();
    c = await county(parts);
    // The 阜康 bureau's roster: three units it expects.
    const imported = await c.staff.importRoster(c.scope(FUKANG_CLERK), rosterRows([
      ['阜康市甲公司', creditCode(1), '阜康市'],
      ['阜康市乙公司', creditCode(2), '阜康'],
      ['阜康市丙公司', creditCode(3), 'fukang'],
    ]));
    expect(imported.ok).toBe(true);
    // 甲 finishes; 乙 and a self-registered unit give up at the same question; 丙 never starts.
    await c.walk('tg:1', { ...PROFILES.enterpriseA, unit_name: '阜康市甲公司', credit_code: creditCode(1) });
    await c.walk('tg:2', { ...PROFILES.enterpriseA, unit_name: '阜康市乙公司', credit_code: creditCode(2) }, 8);
    await c.walk('tg:4', { ...PROFILES.enterpriseA, unit_name: '阜康市自来公司', credit_code: creditCode(4) }, 8);
    // A small shop in 阜康 is out of scope; a unit in 奇台 finishes with B.
    await c.walk('tg:5', { unit_type: 'individual', area: 'fukang', staff: 2, part_time_staff: 0, unit_name: '某某小吃店', credit_code: creditCode(5) });
    await c.walk('tg:3', { ...PROFILES.enterpriseB, unit_name: '奇台县某公司', credit_code: creditCode(10) });
    const entries = await parts.store.listUnits(campaign.id);
    stop = entries.find((e) => e.key === 'tg:2')?.stop;
    expect(stop).toBeTruthy();
    expect(entries.find((e) => e.key === 'tg:4')?.stop).toBe(stop);
  });

  it('gives anyone not in the staff file no scope at all', () => {
    expect(c.staff.scope(STRANGER)).toBeUndefined();
    expect(c.staff.scope(undefined)).toBeUndefined();
    expect(c.staff.scope(FUKANG_CLERK, 'no-such-campaign')).toBeUndefined();
  });

  it('counts a county clerk\'s own units only: expected, not started, started, finished, out of scope', async () => {
    const s = await c.staff.stats(c.scope(FUKANG_CLERK));
    expect(s).toMatchObject({
      areas: ['fukang'], expected: 3, notStarted: 1, started: 2, finished: 1, outOfScope: 1, selfRegistered: 2,
      verdicts: { pass: 1, fail: 0, pending: 0 }, grades: { A: 1, B: 0, C: 0 }, unreachable: 0,
    });
    expect(s.dropOff).toEqual([{ questionId: stop, text: expect.any(String), count: 2 }]);
    expect(s.byArea).toEqual([{ area: 'fukang', expected: 3, notStarted: 1, started: 2, finished: 1, outOfScope: 1 }]);
  });

  it('shows the other county nothing of 阜康: not its units, not its counts', async () => {
    const scope = c.scope(QITAI_CLERK);
    const s = await c.staff.stats(scope);
    expect(s).toMatchObject({ areas: ['qitai'], expected: 0, notStarted: 0, started: 0, finished: 1, outOfScope: 0, selfRegistered: 1, grades: { A: 0, B: 1, C: 0 } });
    expect(s.dropOff).toEqual([]);
    const rows = await c.staff.rows(scope);
    expect(rows.map((r) => r.key)).toEqual(['tg:3']);
    expect(await c.staff.unitPdf(scope, 'tg:1')).toBe('forbidden');
    expect(await c.staff.rosterUnit(scope, creditCode(1))).toBeUndefined();
  });

  it('gives the prefecture bureau every area', async () => {
    const s = await c.staff.stats(c.scope(PREFECTURE));
    expect(s).toMatchObject({ expected: 3, started: 2, finished: 2, outOfScope: 1, grades: { A: 1, B: 1, C: 0 } });
    expect(s.byArea.map((a) => a.area)).toEqual(campaign.areas.map((a) => a.id));
  });

  it('lists units by status and area, in pages, most recently active first', async () => {
    const scope = c.scope(FUKANG_CLERK);
    const notStarted = await c.staff.units(scope, { status: 'not_started' }, 0);
    expect(notStarted.rows.map((r) => r.name)).toEqual(['阜康市丙公司']);
    expect(notStarted.rows[0]).toMatchObject({ key: undefined, onRoster: true, inviteToken: expect.stringMatching(/^[\w-]{12}$/) });
    const started = await c.staff.units(scope, { status: 'started' }, 0);
    expect(started.rows.map((r) => r.key)).toEqual(['tg:4', 'tg:2']);
    expect(started.rows[0]).toMatchObject({ stop, answered: expect.any(Number), remaining: expect.any(Number), onRoster: false });
    const paged = await c.staff.units(scope, {}, 1, 2);
    expect(paged).toMatchObject({ total: 5, page: 1, pages: 3 });
    expect(paged.rows).toHaveLength(2);
    // A page past the end shows the last page, not an empty one.
    expect((await c.staff.units(scope, {}, 99, 2)).page).toBe(2);
    // Another county's area as a filter finds nothing of it.
    expect((await c.staff.units(scope, { area: 'qitai' }, 0)).total).toBe(0);
  });

  it('finds units stuck longer than N days', async () => {
    const scope = c.scope(FUKANG_CLERK);
    expect((await c.staff.units(scope, { status: 'started', stuckDays: 3 }, 0)).total).toBe(0);
    c.advance(4 * DAY);
    expect((await c.staff.units(scope, { status: 'started', stuckDays: 3 }, 0)).rows.map((r) => r.key).sort()).toEqual(['tg:2', 'tg:4']);
  });

  it('fills each row from the unit\'s own entry, or from the roster for a unit that has not started', async () => {
    const rows = await c.staff.rows(c.scope(FUKANG_CLERK));
    const byKey = new Map(rows.map((r) => [r.key ?? r.name, r]));
    expect(byKey.get('tg:1')).toMatchObject({ name: '阜康市甲公司', creditCode: creditCode(1), area: 'fukang', unitType: 'enterprise', status: 'finished', remaining: 0, verdict: 'pass', grade: 'A', missing: 0, onRoster: true, remindersSent: 0, remindersPaused: false, stop: null });
    expect(byKey.get('tg:1')?.answered).toBeGreaterThan(20);
    expect(byKey.get('tg:2')).toMatchObject({ name: '阜康市乙公司', status: 'started', answered: 8, verdict: null, grade: null, missing: 0, onRoster: true, inviteToken: expect.any(String), stop });
    expect(byKey.get('tg:2')?.remaining).toBeGreaterThan(0);
    expect(byKey.get('tg:4')).toMatchObject({ name: '阜康市自来公司', onRoster: false, inviteToken: undefined });
    expect(byKey.get('阜康市丙公司')).toEqual({
      key: undefined, name: '阜康市丙公司', creditCode: creditCode(3), area: 'fukang', unitType: null, status: 'not_started', answered: 0, remaining: 0,
      verdict: null, grade: null, missing: 0, updatedAt: undefined, remindersSent: 0, onRoster: true, inviteToken: expect.any(String), remindersPaused: false, stop: null,
    });
  });

  it('names where units stopped by the first line of that question, and lists the most recently active first, roster units not started last', async () => {
    const scope = c.scope(FUKANG_CLERK);
    const s = await c.staff.stats(scope);
    expect(s.dropOff[0]?.text).toBe(findStep(campaign, stop as string)?.text.split('\n')[0]);
    const all = (await c.staff.units(scope, {}, 0, 50)).rows;
    const times = all.map((r) => r.updatedAt ?? -1);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.at(-1)?.status).toBe('not_started');
    expect(new Set(times).size).toBe(times.length);
  });

  it('counts a unit last active exactly N days ago as stuck N days', async () => {
    const scope = c.scope(FUKANG_CLERK);
    const started = (await c.staff.units(scope, { status: 'started' }, 0)).rows;
    const [newest, oldest] = started.map((r) => r.updatedAt as number);
    c.advance((oldest as number) + 3 * DAY - now.getTime());
    expect((await c.staff.units(scope, { status: 'started', stuckDays: 3 }, 0)).total).toBe(1);
    c.advance((newest as number) - (oldest as number) - 1);
    expect((await c.staff.units(scope, { status: 'started', stuckDays: 3 }, 0)).total).toBe(1);
    c.advance(1);
    expect((await c.staff.units(scope, { status: 'started', stuckDays: 3 }, 0)).total).toBe(2);
  });

  it('makes a unit\'s summary PDF for its own bureau', async () => {
    const pdf = await c.staff.unitPdf(c.scope(FUKANG_CLERK), 'tg:1');
    expect(pdf).not.toBe('forbidden');
    if (pdf === 'forbidden' || !pdf.ok) throw new Error('no PDF');
    expect(pdf.file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a roster with bad codes, duplicates, unknown or foreign areas, naming each line, and imports none of it', async () => {
    const scope = c.scope(FUKANG_CLERK);
    const bad = badCreditCode(20);
    const result = await c.staff.importRoster(scope, rosterRows([
      ['好单位', creditCode(21), '阜康市'],
      ['校验位错', bad, '阜康市'],
      ['太短', '91652300', '阜康市'],
      ['', creditCode(22), '阜康市'],
      ['重复单位', creditCode(21), '阜康市'],
      ['外县单位', creditCode(23), '奇台县'],
      ['无此地区', creditCode(24), '乌鲁木齐'],
    ]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'roster.badCode'], [4, 'roster.badCode'], [5, 'roster.noName'], [6, 'roster.duplicate'], [7, 'roster.notYourArea'], [8, 'roster.unknownArea'],
    ]);
    expect(t(result.problems[3]!.key, result.problems[3]!.params)).toBe('与第 2 行是同一单位（统一社会信用代码相同）');
    expect(await c.staff.rosterUnit(scope, creditCode(21))).toBeUndefined();
  });

  it('refuses a file without the three columns and says which are missing', async () => {
    const result = await c.staff.importRoster(c.scope(FUKANG_CLERK), [['名称', '代码', '备注'], ['某公司', creditCode(30), '阜康市']]);
    expect(result).toEqual({ ok: false, problems: [{ line: 1, key: 'roster.missingColumns', params: { columns: '统一社会信用代码、所在地区' } }] });
  });

  it('keeps a unit\'s invitation when the roster is imported again', async () => {
    const scope = c.scope(FUKANG_CLERK);
    const before = await c.staff.rosterUnit(scope, creditCode(3));
    const again = await c.staff.importRoster(scope, rosterRows([['阜康市丙公司（新名）', creditCode(3), '阜康市']]));
    expect(again.ok).toBe(true);
    const after = await c.staff.rosterUnit(scope, ` ${creditCode(3).toLowerCase()} `);
    expect(after).toMatchObject({ token: before?.token, name: '阜康市丙公司（新名）' });
  });

  it('counts a unit that started before the roster listed it as started, and follows a roster unit that moves area', async () => {
    const fukang = c.scope(FUKANG_CLERK);
    const before = await c.staff.stats(fukang);
    // 自来公司 (tg:4) found the bot by itself; now the bureau lists it.
    expect((await c.staff.importRoster(fukang, rosterRows([['阜康市自来公司', creditCode(4), '阜康市']]))).ok).toBe(true);
    const after = await c.staff.stats(fukang);
    expect(after).toMatchObject({ expected: before.expected + 1, notStarted: before.notStarted, selfRegistered: before.selfRegistered - 1 });
    // The prefecture moves 丙 (not started) to 奇台: 阜康 expects one fewer, 奇台 one more.
    const prefecture = c.scope(PREFECTURE);
    expect((await c.staff.importRoster(prefecture, rosterRows([['阜康市丙公司', creditCode(3), '奇台县']]))).ok).toBe(true);
    expect(await c.staff.stats(fukang)).toMatchObject({ expected: after.expected - 1, notStarted: after.notStarted - 1 });
    expect(await c.staff.stats(c.scope(QITAI_CLERK))).toMatchObject({ expected: 1, notStarted: 1 });
    expect((await c.staff.importRoster(prefecture, rosterRows([['阜康市丙公司', creditCode(3), '阜康市']]))).ok).toBe(true);
    expect(await c.staff.stats(fukang)).toMatchObject({ expected: after.expected, notStarted: after.notStarted });
  });

  it('brings a unit in through its invitation with name, code and area filled, shown for confirmation', async () => {
    const unit = await c.staff.rosterUnit(c.scope(FUKANG_CLERK), creditCode(3));
    const result = await c.conversations.handle('tg:6', { type: 'user.start', campaignId: `r_${unit?.token}` });
    const text = result.replies.map((r) => r.text).join('\n');
    expect(text).toContain(t('conversation.invited', { name: unit?.name ?? '', creditCode: creditCode(3) }).split('\n')[0]);
    expect(text).toContain(creditCode(3));
    const row = (await c.staff.rows(c.scope(FUKANG_CLERK))).find((r) => r.creditCode === creditCode(3));
    expect(row).toMatchObject({ key: 'tg:6', status: 'started', onRoster: true, area: 'fukang' });
    expect((await c.staff.stats(c.scope(FUKANG_CLERK))).notStarted).toBe(0);
    // An unknown token is a plain start.
    const plain = await c.conversations.handle('tg:7', { type: 'user.start', campaignId: 'r_nosuchtoken' });
    expect(plain.replies.map((r) => r.text).join('\n')).not.toContain('邀请链接');
  });

  it('writes every staff action to the audit log: who, what, how many', async () => {
    const log = await c.staff.auditLog(c.scope(PREFECTURE));
    expect(log[0]).toMatchObject({ staff: '州人社局 张', action: 'audit_export' });
    const imports = log.filter((e) => e.action.startsWith('roster_import'));
    expect(imports.map((e) => [e.staff, e.action, e.count])).toEqual(
      expect.arrayContaining([['阜康市人社局 王', 'roster_import', 3], ['阜康市人社局 王', 'roster_import_refused', 6], ['阜康市人社局 王', 'roster_import', 1]]),
    );
    expect(log.find((e) => e.action === 'unit_pdf')).toMatchObject({ count: 1, detail: campaign.id });
    // Never a unit's answers or names: only counts and the campaign.
    expect(JSON.stringify(log)).not.toContain('阜康市甲公司');
  });
});

describe('a 5,000-row roster file', () => {
  it.each(['xlsx', 'csv'] as const)('imports all of a %s file in one go, every unit with its own invitation', async (ext) => {
    const prefix = `big${prefixes++}:`;
    const store = new RedisStore({ url: redis.url, prefix, retentionSeconds: 3600, now: storeNow });
    await store.connect();
    closers.push(() => store.close());
    const { roster, audit } = openStaffStores(store, prefix);
    const staff = new StaffService({ directory: new StaffDirectory(staffMembers, [campaign]), campaigns: [campaign], store, roster, audit });
    const areas = ['昌吉市', '阜康市', '呼图壁县', '玛纳斯县', '奇台县'];
    const rows = rosterRows(Array.from({ length: 5000 }, (_, i) => [`第${i + 1}号单位有限公司`, creditCode(100_000 + i), areas[i % areas.length] as string]));
    let bytes: Buffer;
    if (ext === 'xlsx') {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('名单');
      for (const row of rows) sheet.addRow(row);
      bytes = Buffer.from(await book.xlsx.writeBuffer());
    } else {
      bytes = Buffer.from(`\uFEFF${stringify(rows)}`, 'utf8');
    }
    const dir = await mkdtemp(join(tmpdir(), 'roster-'));
    await writeFile(join(dir, `roster.${ext}`), bytes);
    const read = await readSheet(`名单.${ext}`, bytes);
    await rm(dir, { recursive: true });
    const scope = staff.scope(PREFECTURE);
    if (!scope) throw new Error('no scope');
    const result = await staff.importRoster(scope, read);
    expect(result.ok && result.imported.length).toBe(5000);
    const stored = await roster.list(campaign.id);
    expect(stored).toHaveLength(5000);
    expect(new Set(stored.map((r) => r.token)).size).toBe(5000);
    expect((await staff.stats(scope)).notStarted).toBe(5000);
    // A county clerk's share of it.
    const fukang = staff.scope(FUKANG_CLERK);
    expect((await staff.stats(fukang!)).expected).toBe(1000);
  });
});

describe('the staff file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'staff-file-'));
  });
  afterAll(() => rm(dir, { recursive: true }));
  const load = async (content: string) => {
    const path = join(dir, `staff-${prefixes++}.json`);
    await writeFile(path, content);
    return () => StaffDirectory.load(path, [campaign]);
  };

  it('loads a good file', async () => {
    const directory = (await load(JSON.stringify({ staff: staffMembers })))();
    expect(directory.byTelegramId(FUKANG_CLERK)?.name).toBe('阜康市人社局 王');
    expect(directory.areasOf(directory.byTelegramId(PREFECTURE)!, campaign)).toHaveLength(campaign.areas.length);
  });

  it('finds a dashboard login in any case, and no one for an unknown login', async () => {
    const directory = (await load(JSON.stringify({ staff: [{ name: '王', areas: ['fukang'], login: 'Wang.F', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA' }] })))();
    expect(directory.byLogin('wang.f')?.name).toBe('王');
    expect(directory.byLogin('li')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{staff: [', /cannot be read as JSON/],
    ['an entry without areas', JSON.stringify({ staff: [{ name: '王', telegramIds: [1] }] }), /staff\.0\.areas/],
    ['a misspelt field', JSON.stringify({ staff: [{ name: '王', telegramId: [1], areas: 'all' }] }), /staff\.0: Unrecognized key/],
    ['an area no campaign has', JSON.stringify({ staff: [{ name: '王', telegramIds: [1], areas: ['wulumuqi'] }] }), /staff\[0\] \(王\): unknown area "wulumuqi"/],
    ['one Telegram id for two people', JSON.stringify({ staff: [{ name: '王', telegramIds: [1], areas: 'all' }, { name: '李', telegramIds: [1], areas: 'all' }] }), /staff\[1\] \(李\): Telegram id 1 is also 王's/],
    ['one login for two people (any case)', JSON.stringify({ staff: [{ name: '王', areas: 'all', login: 'wang', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA' }, { name: '李', areas: 'all', login: 'WANG', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA' }] }), /staff\[1\] \(李\): login "WANG" is also 王's/],
    ['a login without a password hash', JSON.stringify({ staff: [{ name: '王', areas: 'all', login: 'wang' }] }), /staff\[0\] \(王\): login and passwordHash go together/],
    ['a password instead of its hash', JSON.stringify({ staff: [{ name: '王', areas: 'all', login: 'wang', passwordHash: 'secret123' }] }), /passwordHash: an argon2 hash/],
  ])('refuses %s, naming the entry', async (_what, content, message) => {
    const run = await load(content);
    expect(run).toThrow(StaffFileError);
    expect(run).toThrow(message);
  });
});
