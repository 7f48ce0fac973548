/**
 * The bureau's dashboard, route by route, in this process: the app as `src/run-web.ts` mounts it with a
 * staff file, units saved by real conversations in a real redis-server, the reminder queue (BullMQ, no
 * worker), requests made with fastify's `inject`. The browser tests (web-dashboard) drive `src/main.ts` in a
 * child process; these pin each route's refusals, scoping, downloads and audit, fast enough for a mutation run.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { newRunId } from '../../src/app/reminder-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { readSheet } from '../../src/adapters/export/spreadsheet.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { openStaffStores } from '../../src/adapters/store/open-store.ts';
import { hashPassword } from '../../src/adapters/web/staff-auth.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { eventForText } from '../../src/core/commands.ts';
import { t } from '../../src/core/text.ts';
import { mountWeb } from '../../src/run-web.ts';
import { captureLog, type CapturedLog } from '../support/capture-log.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { seedUnits, startRig, type Rig, type SeedUnit } from '../support/reminders.ts';
import { creditCode } from '../support/staff.ts';
import { Browser, flat, golden } from '../support/web-client.ts';
import type { FastifyInstance } from 'fastify';

const campaign = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const PREFIX = 'dashroutes:';
/** The desks' clerks (see `desk`) sign in with 王's password. */
const PASSWORD = { wang: 'fukang-test-password', li: 'qitai-test-password', zhao: 'fukang-test-password', zhou: 'fukang-test-password', shuang: 'fukang-test-password' };
const clock = () => IN_WINDOW;
const MINUTE = 60_000;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(IN_WINDOW.getTime() - ms);
const BASE = 'https://nianshen.example.test/';
let redis: TestRedis;
let store: RedisStore;
let rig: Rig;
/** With reminders (Redis) and a 3-a-minute sign-in limit. */
let app: FastifyInstance;
/** Without reminders. */
let plain: FastifyInstance;
let log: CapturedLog;
let documents: DocumentService;
let parts: { service: ConversationService; directory: StaffDirectory };
/** 王's password hash, which the desks' clerks share. */
let passwordHash: string;

async function unit(service: ConversationService, key: string, name: string, n: number, area: 'fukang' | 'qitai', upTo?: number, given: Record<string, string | number | boolean> = {}) {
  const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, area, unit_name: name, credit_code: creditCode(n), ...given });
  await service.handle(key, { type: 'user.start' });
  for (const line of typedConversation(campaign, answers).slice(0, upTo)) {
    const event = eventForText(line);
    if (typeof event !== 'string') await service.handle(key, event);
  }
}

beforeAll(async () => {
  redis = await startRedis();
  store = new RedisStore({ url: redis.url, prefix: PREFIX, retentionSeconds: 30 * 86_400, now: () => IN_WINDOW.getTime() });
  await store.connect();
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  await unit(service, 'tg:501', '阜康完成有限公司', 501, 'fukang');
  await unit(service, 'tg:502', '阜康进行中有限公司', 502, 'fukang', 12);
  await unit(service, 'tg:503', '奇台完成有限公司', 503, 'qitai');
  passwordHash = await hashPassword(PASSWORD.wang);
  const directory = new StaffDirectory([
    { name: '阜康市人社局 王', telegramIds: [9001], areas: ['fukang'], login: 'wang', passwordHash },
    { name: '奇台县人社局 李', telegramIds: [], areas: ['qitai'], login: 'li', passwordHash: await hashPassword(PASSWORD.li) },
  ], [campaign]);
  rig = await startRig({ store, campaign, prefix: PREFIX, redisUrl: redis.url, apiRoot: 'http://127.0.0.1:9', token: '1:test', clock, worker: false });
  documents = new DocumentService(service, [campaign], clock, renderPdf);
  parts = { service, directory };
}, 60_000);
afterAll(async () => {
  await rig?.close();
  await store?.close();
  await redis?.stop();
});

/** The web as `src/run-web.ts` mounts it on these stores (reminders with a rig), at IN_WINDOW unless `env` says otherwise. */
async function serve(on: { store: RedisStore; prefix: string; service: ConversationService; documents: DocumentService; directory: StaffDirectory; rig?: Rig; env?: Record<string, string>; botUsername?: string }) {
  const config = loadConfig({ WEB: 'true', COOKIE_SECRET: 'test-cookie-secret-that-is-long-enough-0123456789', WEB_BASE_URL: BASE, NIANSHEN_NOW: IN_WINDOW.toISOString(), ...on.env });
  const server = createHttpServer();
  mountWeb(server, {
    config,
    service: on.service,
    store: on.store,
    documents: on.documents,
    logger: log.logger,
    directory: on.directory,
    staffStores: openStaffStores(on.store, on.prefix),
    ...(on.rig ? { reminders: { service: on.rig.service, queue: on.rig.queue } } : {}),
    ...(on.botUsername ? { botUsername: () => on.botUsername } : {}),
  });
  await server.ready();
  return server;
}
const shared = () => ({ store, prefix: PREFIX, service: parts.service, documents, directory: parts.directory });

/** What a test opened beyond the two apps (desks, another clock's app), closed after it, last first. */
let closers: (() => Promise<unknown>)[] = [];

/**
 * The two apps are built for each test (not once in beforeAll): a mutation run counts code as covered by
 * the tests that ran it, and so tries the routes' registration against these tests too.
 */
beforeEach(async () => {
  log = captureLog('debug');
  [app, plain] = await Promise.all([serve({ ...shared(), rig, env: { STAFF_LOGIN_RATE_LIMIT: '3' } }), serve(shared())]);
});
afterEach(async () => {
  await Promise.all([app?.close(), plain?.close()]);
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** The desks' clerks: 王 (阜康), 赵 of two areas (呼图壁, 玛纳斯), 周 of the prefecture (all), 双 of 阜康 and of Wenshui. */
const DESK_STAFF = {
  wang: { name: '阜康市人社局 王', telegramIds: [9001], areas: ['fukang'], login: 'wang' },
  zhao: { name: '呼图壁玛纳斯人社局 赵', telegramIds: [], areas: ['hutubi', 'manas'], login: 'zhao' },
  zhou: { name: '昌吉州人社局 周', telegramIds: [], areas: 'all' as const, login: 'zhou' },
  shuang: { name: '阜康文水人社局 双', telegramIds: [], areas: ['fukang', 'wenshui'], login: 'shuang' },
};

/**
 * A desk of its own for one test: its own key prefix in the file's redis-server, units seeded as the
 * conversation saves them, these clerks, and the web over it (with reminders when asked). `movedOn` units
 * started here and then moved on to Wenshui: their Changji entry stays in the index, their conversation is
 * Wenshui's now.
 */
let desks = 0;
async function desk(o: { staff?: (keyof typeof DESK_STAFF)[]; campaigns?: Campaign[]; units?: SeedUnit[]; movedOn?: SeedUnit[]; reminders?: boolean; botUsername?: string } = {}) {
  const prefix = `dashdesk${++desks}:`;
  const deskStore = new RedisStore({ url: redis.url, prefix, retentionSeconds: 30 * 86_400, now: () => IN_WINDOW.getTime() });
  await deskStore.connect();
  closers.push(() => deskStore.close());
  const campaigns = o.campaigns ?? [campaign];
  const service = new ConversationService({ campaigns, store: deskStore, clock });
  if (o.units) await seedUnits(deskStore, campaign, o.units);
  if (o.movedOn) {
    await seedUnits(deskStore, campaign, o.movedOn);
    const laterSave = { save: (key: string, _version: number, data: string, options: unknown) => deskStore.save(key, 1, data, options as never) } as unknown as SessionStore;
    await seedUnits(laterSave, wenshui, o.movedOn.map((u) => ({ ...u, area: 'wenshui' })));
  }
  let deskRig: Rig | undefined;
  if (o.reminders) {
    const opened = await startRig({ store: deskStore, campaign, prefix, redisUrl: redis.url, apiRoot: 'http://127.0.0.1:9', token: '1:test', clock, worker: false });
    closers.push(() => opened.close());
    deskRig = opened;
  }
  const directory = new StaffDirectory((o.staff ?? ['wang', 'zhao', 'zhou']).map((k) => ({ ...DESK_STAFF[k], passwordHash })), campaigns);
  const web = await serve({ store: deskStore, prefix, service, documents: new DocumentService(service, campaigns, clock, renderPdf), directory, ...(deskRig ? { rig: deskRig } : {}), ...(o.botUsername ? { botUsername: o.botUsername } : {}) });
  closers.push(() => web.close());
  return { app: web, store: deskStore, service, rig: deskRig as Rig, audit: async () => (await deskStore.redis.lrange(`${prefix}audit`, 0, -1)).map((e) => JSON.parse(e) as AuditEntry) };
}

async function signIn(on: FastifyInstance, login: keyof typeof PASSWORD): Promise<Browser> {
  const browser = new Browser(on);
  await browser.get('/staff/login');
  const done = await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login, password: PASSWORD[login] });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe('/staff');
  await browser.get('/staff');
  return browser;
}
type AuditEntry = { action: string; staff: string; count?: number; detail?: string };
const auditActions = async () => (await store.redis.lrange(`${PREFIX}audit`, 0, -1)).map((e) => JSON.parse(e) as AuditEntry);

/** An HTML fragment's words as a reader sees them (compare with `flat`). */
const textOf = (fragment: string) =>
  flat(fragment.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
/** The page's notice: how it looks (`err` red, `note` blue), how a screen reader is told (alert at once, status politely), its words. */
function notice(browser: Browser) {
  const m = /<section class="card ?([a-z]*)" role="([a-z]*)">([\s\S]*?)<\/section>/.exec(browser.page);
  return m && { look: m[1], role: m[2], text: textOf(m[3] as string) };
}
const refusal = (text: string) => ({ look: 'err', role: 'alert', text: flat(text) });
const remark = (text: string) => ({ look: 'note', role: 'status', text: flat(text) });
/** The navigation entry marked as the page the clerk is on. */
const currentNav = (browser: Browser) => /<a href="[^"]*" aria-current="page">([^<]*)<\/a>/.exec(browser.page)?.[1];
/** Where a refusal's button leads back to, and what it says. */
const backLink = (browser: Browser) => /<a class="btn" href="([^"]*)">([^<]*)<\/a>/.exec(browser.page)?.slice(1, 3);
/** A download's file name, as the browser saves it. */
const fileName = (response: { headers: Record<string, unknown> }) => decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(String(response.headers['content-disposition']))?.[1] ?? '');
/** A select's choices: [value, label]. */
const choices = (browser: Browser, id: string) =>
  [...(new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(browser.page)?.[1] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);

/** The preview's words, and what they should be: its scope, how many units, the first names, its notes, one unit's reminder. */
const previewText = (browser: Browser) => textOf(/<section class="card" aria-label="[^"]*">([\s\S]*?)<\/section>/.exec(browser.page)?.[1] ?? '');
const preview = (scope: string, count: number, names: string[], more: boolean, notes: string[], sample: string) =>
  flat(t('remind.preview', { scope, count, names: names.join(t('sep.enum')) + (more ? t('remind.preview.more') : ''), notes: notes.join(''), sample }));
/** What one unit's reminder reads now (the preview's sample). */
async function reminderOf(on: Rig, key: string, now = IN_WINDOW) {
  const plan = await on.service.forUnit(key, campaign.id, false, now);
  if (!plan.send) throw new Error(`${key} gets no reminder`);
  return plan.text;
}
/** The run page's words: its scope, progress and counts. */
const runText = (browser: Browser) => textOf(/<section class="card" role="status">([\s\S]*?)<\/section>/.exec(browser.page)?.[1] ?? '');

describe('signing in', () => {
  it('signed out, every page leads to the sign-in page; a right password sets the cookie and leads to the overview', async () => {
    const browser = new Browser(plain);
    for (const path of ['/staff', '/staff/units', '/staff/export/units.xlsx', '/staff/reminders']) {
      const response = await browser.get(path);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/staff/login');
    }
    await browser.get('/staff/login');
    expect(browser.text).toContain(flat(t('dash.signIn')));
    const done = await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login: ' wang ', password: PASSWORD.wang });
    expect(done.statusCode).toBe(303);
    const cookie = done.cookies.find((c) => c.name === 'nsz_staff') as { path?: string; httpOnly?: boolean; maxAge?: number; sameSite?: string };
    expect(cookie).toMatchObject({ path: '/staff', httpOnly: true, sameSite: 'Lax', maxAge: 8 * 3600 });
    // Signed in, the sign-in page leads on to the dashboard.
    const again = await browser.get('/staff/login');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/staff');
    expect((await auditActions()).some((e) => e.action === 'web_sign_in' && e.staff === '阜康市人社局 王')).toBe(true);
  });

  it('a wrong password, an unknown login or a forged cookie signs no one in; a post without its token is 403', async () => {
    const browser = new Browser(plain);
    await browser.get('/staff/login');
    for (const [login, password] of [['wang', 'not-the-password'], ['nobody', PASSWORD.wang], ['', PASSWORD.wang]] as const) {
      const refused = await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login, password });
      expect(refused.statusCode).toBe(401);
      expect(browser.text).toContain(flat(t('dash.badLogin')));
      expect(browser.cookies.has('nsz_staff')).toBe(false);
    }
    expect(log.entries().some((e) => e.msg === 'staff sign-in refused' && e.level === 'warn')).toBe(true);
    expect((await browser.post('/staff/login', { login: 'wang', password: PASSWORD.wang })).statusCode).toBe(403);
    expect(browser.text).toContain(flat(t('web.csrf')));
    browser.cookies.set('nsz_staff', 'wang|99999999999|AAAAAAAAAAAAAAAA.forged');
    expect((await browser.get('/staff')).headers.location).toBe('/staff/login');
  });

  it('sign-in attempts are limited per minute: past the limit, 429 even with the right password', async () => {
    const browser = new Browser(app);
    await browser.get('/staff/login');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login: 'li', password: 'wrong-password' })).statusCode);
    statuses.push((await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login: 'li', password: PASSWORD.li })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(browser.text).toContain(flat(t('web.tooMany')));
  });

  it('signing out clears the cookie; the dashboard then leads to the sign-in page; another site cannot sign a clerk out', async () => {
    const browser = await signIn(plain, 'wang');
    expect((await browser.post('/staff/logout', {})).statusCode).toBe(403);
    expect(browser.cookies.has('nsz_staff')).toBe(true);
    expect((await browser.get('/staff')).statusCode).toBe(200);
    const out = await browser.post('/staff/logout', { _csrf: browser.field('_csrf') });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/staff/login');
    expect(browser.cookies.has('nsz_staff')).toBe(false);
    expect((await browser.get('/staff')).headers.location).toBe('/staff/login');
    // A cookie that signs no one in (forged, expired, of a member since removed) is cleared by signing out too.
    browser.cookies.set('nsz_staff', 'wang|99999999999|AAAAAAAAAAAAAAAA.forged');
    const stale = await browser.post('/staff/logout', { _csrf: browser.field('_csrf') });
    expect(stale.headers.location).toBe('/staff/login');
    expect(browser.cookies.has('nsz_staff')).toBe(false);
  });
});

describe('what a clerk sees', () => {
  it('the overview: the figures of their areas only, never cached, audited', async () => {
    const browser = await signIn(plain, 'wang');
    const overview = await browser.get('/staff');
    expect(overview.statusCode).toBe(200);
    expect(overview.headers['cache-control']).toBe('no-store');
    expect(currentNav(browser)).toBe(t('dash.nav.overview'));
    const kpis = flat(/<div class="kpis"[\s\S]*?<\/div>\s*<\/div>/.exec(browser.page)?.[0].replace(/<[^>]+>/g, '') ?? browser.text);
    expect(kpis).toContain(`${flat(t('dash.kpi.finished'))}1`);
    expect(kpis).toContain(`${flat(t('dash.kpi.started'))}1`);
    expect(browser.text).not.toContain('奇台完成有限公司');
    expect((await auditActions()).some((e) => e.action === 'stats' && e.detail === `${campaign.id} web`)).toBe(true);
  });

  it('units: theirs only, filtered by status; another area, a malformed query or an unknown campaign is refused', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/units');
    expect(currentNav(browser)).toBe(t('dash.nav.units'));
    expect(browser.text).toContain('阜康完成有限公司');
    expect(browser.text).toContain('阜康进行中有限公司');
    expect(browser.text).not.toContain('奇台完成有限公司');
    await browser.get('/staff/units?status=finished');
    expect(browser.text).toContain('阜康完成有限公司');
    expect(browser.text).not.toContain('阜康进行中有限公司');
    await browser.get('/staff/units?area=fukang&stuck=0&page=1');
    expect(browser.text).toContain('阜康进行中有限公司');
    for (const query of ['area=qitai', 'status=everything', 'page=0', `c=other-campaign`, 'unit=../../etc']) {
      const refused = await browser.get(`/staff/units?${query}`);
      expect(refused.statusCode, query).toBe(403);
      expect(notice(browser)).toEqual(refusal(t('dash.forbidden')));
      expect(backLink(browser)).toEqual(['/staff', t('staff.web.home')]);
      expect(browser.text).not.toContain('奇台完成有限公司');
    }
  });

  it('a unit\'s PDF: theirs inline, another county\'s refused, none asked refused, one without answers a 404', async () => {
    const browser = await signIn(plain, 'wang');
    const pdf = await browser.get(`/staff/units/pdf?unit=tg:501`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline; /);
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await browser.get('/staff/units/pdf?unit=tg:503')).statusCode).toBe(403);
    expect((await browser.get('/staff/units/pdf')).statusCode).toBe(403);
    expect((await browser.get('/staff/units/pdf?unit=tg:999')).statusCode).toBe(403);
  });

  it('exports: the units as XLSX and CSV (theirs, with web invitation links), the report PDF, the audit log', async () => {
    const browser = await signIn(plain, 'wang');
    const xlsx = await browser.get('/staff/export/units.xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; /);
    // Named after the campaign and the day (the campaign's own date), as the clerk files it.
    const named = t('staff.export.title', { campaign: `${campaign.shortTitle}-2025-03-10` });
    expect(fileName(xlsx)).toBe(`${named}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = (book.worksheets[0]?.getColumn(1).values ?? []).slice(2).map(String);
    expect(names.sort()).toEqual(['阜康完成有限公司', '阜康进行中有限公司']);
    const csv = await browser.get('/staff/export/units.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(fileName(csv)).toBe(`${named}.csv`);
    expect(csv.body).toContain('阜康进行中有限公司');
    expect(csv.body).not.toContain('奇台');
    const report = await browser.get('/staff/export/report.pdf');
    expect(report.headers['content-type']).toBe('application/pdf');
    expect(report.headers['content-disposition']).toMatch(/^inline; /);
    await browser.get('/staff/export');
    expect(currentNav(browser)).toBe(t('dash.nav.export'));
    expect(browser.text).toContain(flat(t('dash.export.xlsx')));
    const actions = (await auditActions()).filter((e) => e.staff === '阜康市人社局 王');
    expect(actions.map((e) => `${e.action} ${e.detail ?? ''}`)).toEqual(expect.arrayContaining([`export ${campaign.id} web xlsx`, `export ${campaign.id} web csv`, `export_report ${campaign.id} web`]));
    const audit = await browser.get('/staff/audit.csv');
    expect(audit.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(fileName(audit)).toBe(`${t('staff.audit.title')}.csv`);
    const [columns, ...entries] = await readSheet('audit.csv', audit.rawPayload);
    expect(columns).toEqual((['at', 'staff', 'action', 'count', 'detail'] as const).map((c) => t(`staff.audit.col.${c}`)));
    // Who did what, how many: the CSV export of two units counts 2; the overview counts nothing.
    expect(entries).toContainEqual([expect.any(String), '阜康市人社局 王', 'export', '2', `${campaign.id} web csv`]);
    expect(entries).toContainEqual([expect.any(String), '阜康市人社局 王', 'stats', '', `${campaign.id} web`]);
    const auditBook = await browser.get('/staff/audit.xlsx');
    expect(auditBook.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fileName(auditBook)).toBe(`${t('staff.audit.title')}.xlsx`);
    await browser.get('/staff/audit');
    expect(currentNav(browser)).toBe(t('dash.nav.audit'));
    expect(browser.text).toContain('export_report');
    // The title says how many entries the page lists.
    const listed = (/<tbody>([\s\S]*?)<\/tbody>/.exec(browser.page)?.[1]?.match(/<tr>/g) ?? []).length;
    expect(textOf(/<h1>([\s\S]*?)<\/h1>/.exec(browser.page)?.[1] ?? '')).toBe(flat(t('dash.audit.title', { n: listed })));
  });

  it('a roster file: imported, its units get invitations with QR codes; a wrong file or another county\'s row is refused', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/roster');
    expect(currentNav(browser)).toBe(t('dash.nav.roster'));
    const csrf = browser.field('_csrf');
    const csv = `单位名称,统一社会信用代码,所在地区\n名单甲有限公司,${creditCode(601)},阜康市\n名单乙有限公司,${creditCode(602)},阜康市\n`;
    const ok = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(csrf)}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv });
    expect(ok.statusCode).toBe(200);
    expect(currentNav(browser)).toBe(t('dash.nav.roster'));
    expect(browser.text).toContain(flat(t('staff.roster.imported', { count: 2 })));
    const wrongKind = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.txt', type: 'text/plain', content: csv });
    expect(wrongKind.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('dash.roster.noFile')));
    const disguised = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv.exe', type: 'application/octet-stream', content: csv });
    expect(disguised.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('dash.roster.noFile')));
    const broken = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.xlsx', type: 'application/octet-stream', content: 'not a workbook' });
    expect(broken.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('staff.roster.badFile')));
    const foreign = `单位名称,统一社会信用代码,所在地区\n名单丙有限公司,${creditCode(603)},奇台县\n`;
    const refused = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'bad.csv', type: 'text/csv', content: foreign });
    expect(refused.statusCode).toBe(400);
    // One bad line: named, and nothing said of more.
    expect(notice(browser)).toEqual(refusal(t('staff.roster.refused', { problems: t('staff.roster.problem', { line: 2, message: t('roster.notYourArea', { area: '奇台县' }) }) })));
    expect((await browser.upload('/staff/roster', { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv })).statusCode).toBe(403);

    const invite = await browser.get(`/staff/invite?code=${creditCode(601).toLowerCase()}`);
    expect(invite.statusCode).toBe(200);
    expect(currentNav(browser)).toBe(t('dash.nav.units'));
    expect((await auditActions()).filter((e) => e.action === 'invite')).toContainEqual({ at: expect.any(Number), staff: '阜康市人社局 王', action: 'invite', count: 1, detail: `${campaign.id} web` });
    expect(browser.page).toMatch(new RegExp(`${BASE.replace(/\./g, '\\.')}start/r_[A-Za-z0-9_-]{8,40}`));
    expect(browser.page).toContain('<svg');
    expect(browser.text).toContain('名单甲有限公司');
    const unknown = await browser.get(`/staff/invite?code=${creditCode(699)}`);
    expect(unknown.statusCode).toBe(404);
    expect(notice(browser)).toEqual(refusal(t('staff.invite.notFound')));
    expect(backLink(browser)).toEqual(['/staff/units', t('dash.nav.units')]);
    // The export gives each roster unit its web invitation, and nothing else when the bot does not run here.
    const csvOut = await browser.get('/staff/export/units.csv');
    const [, ...rows] = await readSheet('units.csv', csvOut.rawPayload);
    expect(rows.find((r) => r[0] === '名单甲有限公司')?.at(-1)).toMatch(new RegExp(`^${BASE.replace(/\./g, '\\.')}start/r_[A-Za-z0-9_-]{12}$`));
  });

  it('a clerk covering areas in two campaigns switches between them; a clerk of one campaign gets no switch and is refused the other', async () => {
    const d = await desk({ staff: ['wang', 'shuang'], campaigns: [campaign, wenshui] });
    const shuang = await signIn(d.app, 'shuang');
    expect(choices(shuang, 'campaign')).toEqual([[campaign.id, campaign.title], [wenshui.id, wenshui.title]]);
    expect((await shuang.get(`/staff/units?c=${wenshui.id}`)).statusCode).toBe(200);
    const wang = await signIn(d.app, 'wang');
    expect(wang.page).toContain('阜康市');
    expect(choices(wang, 'campaign')).toEqual([]);
    expect((await wang.get(`/staff/units?c=${wenshui.id}`)).statusCode).toBe(403);
    expect(notice(wang)).toEqual(refusal(t('dash.forbidden')));
  });

  it('units of a clerk of two areas: all of them (the roster\'s not-started last), 20 a page newest first; by area; by days without progress; audited', async () => {
    const recent = Array.from({ length: 22 }, (_, i) => ({ key: `tg:${7400 + i}`, name: `呼图壁单位${String(i).padStart(2, '0')}有限公司`, area: 'hutubi', at: ago(i * MINUTE) }));
    const d = await desk({ units: [...recent, { key: 'tg:7201', name: '玛纳斯迟缓有限公司', area: 'manas', at: ago(20 * DAY) }] });
    const browser = await signIn(d.app, 'zhao');
    await browser.get('/staff/roster');
    const roster = `单位名称,统一社会信用代码,所在地区\n呼图壁名单有限公司,${creditCode(7601)},呼图壁县\n`;
    expect((await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: roster })).statusCode).toBe(200);
    const listed = () => [...browser.page.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]);

    await browser.get(`/staff/units?c=${campaign.id}`);
    expect(browser.text).toContain(flat(t('dash.units.count', { total: 24, page: 1, pages: 2 })));
    expect(listed()).toEqual(recent.slice(0, 20).map((u) => u.name));
    await browser.get(`/staff/units?c=${campaign.id}&page=2`);
    expect(listed()).toEqual(['呼图壁单位20有限公司', '呼图壁单位21有限公司', '玛纳斯迟缓有限公司', '呼图壁名单有限公司']);
    // 筛选 pressed with the boxes blank: the same units, the roster's not-started one among them.
    for (const blank of ['', '%20']) {
      await browser.get(`/staff/units?c=${campaign.id}&area=&status=&stuck=${blank}&page=2`);
      expect(listed()).toEqual(['呼图壁单位20有限公司', '呼图壁单位21有限公司', '玛纳斯迟缓有限公司', '呼图壁名单有限公司']);
    }
    await browser.get(`/staff/units?c=${campaign.id}&area=manas`);
    expect(listed()).toEqual(['玛纳斯迟缓有限公司']);
    await browser.get(`/staff/units?c=${campaign.id}&stuck=7`);
    expect(listed()).toEqual(['玛纳斯迟缓有限公司']);
    expect((await d.audit()).filter((e) => e.action === 'units').map((e) => [e.count, e.detail])).toEqual([[1, `${campaign.id} web`], [1, `${campaign.id} web`], [24, `${campaign.id} web`], [24, `${campaign.id} web`], [24, `${campaign.id} web`], [24, `${campaign.id} web`]]);
  });

  it('a unit out of the review\'s scope has no summary: the clerk is told so and led back to the units', async () => {
    const d = await desk();
    await unit(d.service, 'tg:7501', '阜康小个体户', 7501, 'fukang', undefined, { unit_type: 'individual', staff: 1, part_time_staff: 0 });
    const browser = await signIn(d.app, 'wang');
    expect((await browser.get(`/staff/units/pdf?unit=tg:7501`)).statusCode).toBe(404);
    expect(notice(browser)).toEqual(refusal(t('staff.units.noPdf')));
    expect(backLink(browser)).toEqual(['/staff/units', t('dash.nav.units')]);
  });

  it('a county\'s whole roster file (hundreds of kB) is read; its bad lines are named, fifty at most, then how many more', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/roster');
    const file = (rows: number) => `单位名称,统一社会信用代码,所在地区\n${Array.from({ length: rows }, (_, i) => `奇台名单${i}有限公司,${creditCode(10_000 + i)},奇台县\n`).join('')}`;
    const upload = (content: string) => browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content });
    const problems = (n: number) => Array.from({ length: n }, (_, i) => t('staff.roster.problem', { line: i + 2, message: t('roster.notYourArea', { area: '奇台县' }) }));
    expect((await upload(file(50))).statusCode).toBe(400);
    expect(notice(browser)).toEqual(refusal(t('staff.roster.refused', { problems: problems(50).join('\n') })));
    const whole = file(8000);
    expect(Buffer.byteLength(whole)).toBeGreaterThan(400_000);
    expect((await upload(whole)).statusCode).toBe(400);
    expect(notice(browser)).toEqual(refusal(t('staff.roster.refused', { problems: [...problems(50), t('staff.roster.more', { n: 7950 })].join('\n') })));
  });

  it('with the bot running here, the export gives each roster unit its web and its Telegram invitation', async () => {
    const d = await desk({ botUsername: 'nianshen_test_bot' });
    const browser = await signIn(d.app, 'wang');
    await browser.get('/staff/roster');
    const roster = `单位名称,统一社会信用代码,所在地区\n阜康名单有限公司,${creditCode(7701)},阜康市\n`;
    expect((await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: roster })).statusCode).toBe(200);
    const [, ...rows] = await readSheet('units.csv', (await browser.get('/staff/export/units.csv')).rawPayload);
    const web = `${BASE.replace(/\./g, '\\.')}start/r_([A-Za-z0-9_-]{12})`;
    expect(rows.find((r) => r[0] === '阜康名单有限公司')?.at(-1)).toMatch(new RegExp(`^${web} https://t\\.me/nianshen_test_bot\\?start=r_\\1$`));
  });
});

describe('reminders on the dashboard', () => {
  it('without Redis the page says reminders are off, and a post starts nothing', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/reminders');
    expect(notice(browser)).toEqual(remark(t('dash.remind.off')));
    await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf') });
    expect(notice(browser)).toEqual(remark(t('dash.remind.off')));
    await browser.post('/staff/reminders/confirm', { _csrf: browser.field('_csrf'), run: 'm-AAAAAAAAAAAA', action: 'ok' });
    expect(notice(browser)).toEqual(remark(t('dash.remind.off')));
    expect((await browser.get('/staff/reminders/run/m-AAAAAAAAAAAA')).statusCode).toBe(404);
    expect(notice(browser)).toEqual(refusal(t('web.notFound')));
  });

  it('previews their units only, confirms once, reports the run; another clerk cannot confirm it; cancel drops it', async () => {
    const browser = await signIn(app, 'wang');
    const page = await browser.get('/staff/reminders');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(currentNav(browser)).toBe(t('dash.nav.reminders'));
    expect(choices(browser, 'r-area')).toEqual([['', t('dash.filter.all')], ['fukang', '阜康市']]);
    expect((await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf'), area: 'qitai' })).statusCode).toBe(403);
    expect(notice(browser)).toEqual(refusal(t('remind.notYourArea')));
    expect((await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf'), days: '-1' })).statusCode).toBe(400);
    expect(notice(browser)).toEqual(refusal(t('web.badForm')));
    // From another site (no token): refused, nothing previewed.
    expect((await browser.post('/staff/reminders/preview', { area: '' })).statusCode).toBe(403);
    expect(browser.text).toContain(flat(t('web.csrf')));
    const scope = `${campaign.shortTitle}·阜康市`;

    // Nobody stuck for 999 days: nothing to send, no run to confirm, the form again.
    await browser.get('/staff/reminders');
    await browser.press(t('dash.remind.preview'), { area: '', days: '999' });
    expect(notice(browser)).toEqual(remark(t('remind.preview.none', { scope: `${scope}${t('remind.scope.stuck', { days: 999 })}`, finished: 0, unreachable: 0 })));
    expect(browser.page).not.toContain('name="run"');
    expect(browser.page).toContain(`>${t('dash.remind.preview')}</button>`);
    expect((await auditActions()).filter((e) => e.action === 'remind_preview')).toContainEqual({ at: expect.any(Number), staff: '阜康市人社局 王', action: 'remind_preview', count: 0, detail: `${campaign.id} web` });

    // The form sent with its boxes blank: every unit of theirs, its finished one left out, what the other one reads.
    await browser.press(t('dash.remind.preview'), { area: '', days: '' });
    expect(previewText(browser)).toBe(
      preview(scope, 1, ['阜康进行中有限公司'], false, [t('remind.preview.skipped', { finished: 1, unreachable: 0 }), t('remind.preview.oncePerDay')], await reminderOf(rig, 'tg:502')),
    );
    expect(browser.text).not.toContain('奇台');
    expect((await auditActions()).filter((e) => e.action === 'remind_preview')).toContainEqual({ at: expect.any(Number), staff: '阜康市人社局 王', action: 'remind_preview', count: 1, detail: `${campaign.id} web` });
    const run = browser.field('run');
    expect(run).toMatch(/^m-/);
    const csrf = browser.field('_csrf');

    const li = await signIn(app, 'li');
    const stolen = await li.post('/staff/reminders/confirm', { _csrf: li.field('_csrf'), run, action: 'ok' });
    expect(stolen.statusCode).toBe(410);
    expect(notice(li)).toEqual(refusal(t('remind.expired')));

    const confirmed = await browser.press(t('remind.confirm'));
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/staff/reminders/run/${run}?c=${campaign.id}`);
    // Audited once, as it starts; the run reports to the clerk's Telegram chat.
    const started = (await auditActions()).filter((e) => e.action === 'remind');
    expect(started).toEqual([{ at: expect.any(Number), staff: '阜康市人社局 王', action: 'remind', count: 1, detail: `${campaign.id} web ${scope}` }]);
    expect((await rig.records.run(run))?.meta.report).toEqual({ chatId: 9001, staff: '阜康市人社局 王', scope, login: 'wang' });
    const twice = await browser.post('/staff/reminders/confirm', { _csrf: csrf, run, action: 'ok' });
    expect(twice.headers.location).toBe(confirmed.headers.location);
    expect((await auditActions()).filter((e) => e.action === 'remind')).toHaveLength(1);
    const bad = await browser.post('/staff/reminders/confirm', { _csrf: csrf, run: 'not-a-run', action: 'ok' });
    expect(bad.statusCode).toBe(400);
    expect(notice(browser)).toEqual(refusal(t('remind.invalid')));
    await browser.get(confirmed.headers.location as string);
    // No worker here: the finished unit is counted skipped at once, the other waits.
    expect(runText(browser)).toBe(
      flat(`${scope}${t('dash.remind.progress', { done: 1, total: 2 })}${t('dash.remind.count', { sent: 0, skipped: 1, finished: 1, unreachable: 0, paused: 0, today: 0, failed: 0 })}${t('dash.remind.refresh')}`),
    );
    // Another clerk who learns the run's address sees nothing of it.
    expect((await li.get(confirmed.headers.location as string)).statusCode).toBe(404);
    expect(notice(li)).toEqual(refusal(t('web.notFound')));
    // A run confirmed in Telegram: for the clerk whose chat it reports to, not for another.
    const fromTelegram = await rig.service.manualRun(campaign, newRunId(), { areas: ['fukang'] }, { chatId: 9001, staff: '阜康市人社局 王', scope }, clock());
    await rig.queue.start(fromTelegram);
    expect((await browser.get(`/staff/reminders/run/${fromTelegram.runId}`)).statusCode).toBe(200);
    expect(runText(browser)).toContain(flat(scope));
    expect((await li.get(`/staff/reminders/run/${fromTelegram.runId}`)).statusCode).toBe(404);
    expect((await browser.get('/staff/reminders/run/m-AAAAAAAAAAAA')).statusCode).toBe(404);
    expect(notice(browser)).toEqual(refusal(t('web.notFound')));
    expect((await browser.get('/staff/reminders/run/bad')).statusCode).toBe(404);
    expect(notice(browser)).toEqual(refusal(t('web.notFound')));

    await browser.get('/staff/reminders');
    await browser.press(t('dash.remind.preview'));
    const second = browser.field('run');
    const secondPage = browser.page;
    // A confirmation from another site (no token) starts nothing.
    expect((await browser.post('/staff/reminders/confirm', { run: second, action: 'ok' })).statusCode).toBe(403);
    expect(await rig.records.run(second)).toBeUndefined();
    browser.page = secondPage; // back to the preview, as the browser's back button does
    await browser.press(t('remind.cancel'));
    expect(notice(browser)).toEqual(remark(t('remind.cancelled')));
    expect((await browser.post('/staff/reminders/confirm', { _csrf: browser.field('_csrf'), run: second, action: 'ok' })).statusCode).toBe(410);
    expect(await rig.records.run(second)).toBeUndefined();
    expect((await auditActions()).filter((e) => e.action === 'remind_cancel')).toContainEqual({ at: expect.any(Number), staff: '阜康市人社局 王', action: 'remind_cancel', detail: `${campaign.id} web` });
  });

  it('at night the preview says the reminders wait for the morning', async () => {
    const night = new Date('2025-03-10T15:00:00Z'); // 23:00 in Changji
    const late = await serve({ ...shared(), rig, env: { NIANSHEN_NOW: night.toISOString() } });
    closers.push(() => late.close());
    const browser = await signIn(late, 'wang');
    await browser.get('/staff/reminders');
    await browser.press(t('dash.remind.preview'));
    expect(previewText(browser)).toBe(
      preview(`${campaign.shortTitle}·阜康市`, 1, ['阜康进行中有限公司'], false, [t('remind.preview.skipped', { finished: 1, unreachable: 0 }), t('remind.preview.oncePerDay'), t('remind.preview.night')], await reminderOf(rig, 'tg:502', night)),
    );
  });

  it('a preview made before the clerk\'s areas changed, or for a campaign since retired, starts nothing', async () => {
    const browser = await signIn(app, 'wang');
    const draft = { campaignId: campaign.id, staffTelegramId: -1, staffLogin: 'wang', createdAt: IN_WINDOW.getTime() };
    await rig.queue.saveDraft({ ...draft, runId: 'm-otherarea000', area: 'qitai' }, 600);
    await rig.queue.saveDraft({ ...draft, runId: 'm-retired00000', campaignId: 'retired-2023' }, 600);
    for (const run of ['m-otherarea000', 'm-retired00000']) {
      expect((await browser.post('/staff/reminders/confirm', { _csrf: browser.field('_csrf'), run, action: 'ok' })).statusCode, run).toBe(403);
      expect(notice(browser)).toEqual(refusal(t('remind.notYourArea')));
      expect(currentNav(browser)).toBe(t('dash.nav.reminders'));
      expect(await rig.records.run(run)).toBeUndefined();
    }
  });

  /**
   * 赵 covers 呼图壁 and 玛纳斯. In 呼图壁: five units on Telegram (the latest has paused the scheduled
   * reminders), one on the web (which no reminder reaches) and one finished. In 玛纳斯: one unit quiet for
   * 20 days, and two quiet for 10 and 30 days that have since moved on to another campaign.
   */
  const TWO_AREAS: SeedUnit[] = [
    { key: 'tg:7101', name: '呼图壁甲有限公司', area: 'hutubi', paused: true, at: IN_WINDOW },
    { key: 'tg:7102', name: '呼图壁乙有限公司', area: 'hutubi', at: ago(1 * MINUTE) },
    { key: 'tg:7103', name: '呼图壁丙有限公司', area: 'hutubi', at: ago(2 * MINUTE) },
    { key: 'tg:7104', name: '呼图壁丁有限公司', area: 'hutubi', at: ago(3 * MINUTE) },
    { key: 'tg:7105', name: '呼图壁戊有限公司', area: 'hutubi', at: ago(4 * MINUTE) },
    { key: 'web:hutubi-web-unit', name: '呼图壁网页有限公司', area: 'hutubi', at: ago(5 * MINUTE) },
    { key: 'tg:7108', name: '呼图壁完成有限公司', area: 'hutubi', status: 'finished', at: ago(6 * MINUTE) },
    { key: 'tg:7201', name: '玛纳斯迟缓有限公司', area: 'manas', at: ago(20 * DAY) },
  ];
  const MOVED_ON: SeedUnit[] = [
    { key: 'tg:7209', name: '玛纳斯转走甲有限公司', area: 'manas', at: ago(10 * DAY) },
    { key: 'tg:7210', name: '玛纳斯转走乙有限公司', area: 'manas', at: ago(30 * DAY) },
  ];
  const HUTUBI = ['呼图壁甲有限公司', '呼图壁乙有限公司', '呼图壁丙有限公司', '呼图壁丁有限公司', '呼图壁戊有限公司'];

  it('a clerk of two areas: a preview names five units at most, says who is paused or left out and what the latest one reads; confirming starts exactly that preview; the run page adds up the outcomes', async () => {
    const d = await desk({ units: TWO_AREAS, movedOn: MOVED_ON, reminders: true });
    const browser = await signIn(d.app, 'zhao');
    const both = `${campaign.shortTitle}·呼图壁县${t('sep.enum')}玛纳斯县`;
    await browser.get('/staff/reminders');
    expect(choices(browser, 'r-area')).toEqual([['', t('dash.filter.all')], ['hutubi', '呼图壁县'], ['manas', '玛纳斯县']]);
    const skipped = t('remind.preview.skipped', { finished: 1, unreachable: 1 });
    const paused = t('remind.preview.paused', { n: 1 });
    const sample = await reminderOf(d.rig, 'tg:7101');

    // One area: its five Telegram units (the paused one too: a clerk's own reminder reaches it), no "more".
    await browser.press(t('dash.remind.preview'), { area: 'hutubi', days: '' });
    expect(previewText(browser)).toBe(preview(`${campaign.shortTitle}·呼图壁县`, 5, HUTUBI, false, [paused, skipped, t('remind.preview.oncePerDay')], sample));
    const confirmed = await browser.press(t('remind.confirm'));
    expect(confirmed.statusCode).toBe(303);
    const location = confirmed.headers.location as string;
    const hutubiRun = /run\/(m-[A-Za-z0-9_-]{12})/.exec(location)?.[1] as string;
    await browser.get(location);
    const count = (c: { sent?: number; finished?: number; unreachable?: number; paused?: number; today?: number; blocked?: number; failed?: number; unknown?: number }) => {
      const n = (k: keyof typeof c) => c[k] ?? 0;
      return t('dash.remind.count', { sent: n('sent'), skipped: n('finished') + n('unreachable') + n('paused') + n('today'), finished: n('finished'), unreachable: n('unreachable'), paused: n('paused'), today: n('today'), failed: n('blocked') + n('failed') + n('unknown') });
    };
    // Started for that area only: its five, with the finished and the web unit counted skipped at once.
    const hutubiScope = `${campaign.shortTitle}·呼图壁县`;
    expect(runText(browser)).toBe(flat(`${hutubiScope}${t('dash.remind.progress', { done: 2, total: 7 })}${count({ finished: 1, unreachable: 1 })}${t('dash.remind.refresh')}`));
    // The worker records each unit's outcome as it goes; the page adds them up.
    const outcomes = [['tg:7101', 'sent'], ['tg:7102', 'today'], ['tg:7103', 'paused'], ['tg:7104', 'failed'], ['tg:7105', 'unknown']] as const;
    for (const [key, outcome] of outcomes) await d.rig.records.record(hutubiRun, campaign.id, key, outcome, 'hutubi');
    await browser.get(location);
    expect(runText(browser)).toBe(
      flat(`${hutubiScope}${t('dash.remind.progress', { done: 7, total: 7 })}${count({ sent: 1, finished: 1, unreachable: 1, paused: 1, today: 1, failed: 1, unknown: 1 })}${t('dash.remind.refresh')}`),
    );

    // Both areas: eight units, five of them named and "more".
    await browser.get('/staff/reminders');
    await browser.press(t('dash.remind.preview'), { area: '', days: '' });
    expect(previewText(browser)).toBe(preview(both, 8, HUTUBI, true, [paused, skipped, t('remind.preview.oncePerDay')], sample));

    // Quiet for 7 days or more: the three in 玛纳斯. The latest of them has moved on to another campaign and
    // has no reminder here, so the preview shows what the next one reads; confirmed, the run covers those three.
    await browser.get('/staff/reminders');
    await browser.press(t('dash.remind.preview'), { area: '', days: '7' });
    const quiet = `${both}${t('remind.scope.stuck', { days: 7 })}`;
    expect(previewText(browser)).toBe(preview(quiet, 3, ['玛纳斯转走甲有限公司', '玛纳斯迟缓有限公司', '玛纳斯转走乙有限公司'], false, [t('remind.preview.oncePerDay')], await reminderOf(d.rig, 'tg:7201')));
    await browser.get((await browser.press(t('remind.confirm'))).headers.location as string);
    expect(runText(browser)).toBe(flat(`${quiet}${t('dash.remind.progress', { done: 0, total: 3 })}${count({})}${t('dash.remind.refresh')}`));
    expect((await d.audit()).filter((e) => e.action === 'remind').map((e) => [e.count, e.detail])).toEqual([[3, `${campaign.id} web ${quiet}`], [5, `${campaign.id} web ${hutubiScope}`]]);

    // Quiet for 25 days in 玛纳斯: only a unit that has moved on, which no reminder here would reach: nothing to
    // confirm, and it is counted unreachable, as a run would count it.
    await browser.get('/staff/reminders');
    await browser.press(t('dash.remind.preview'), { area: 'manas', days: '25' });
    expect(notice(browser)).toEqual(remark(t('remind.preview.none', { scope: `${campaign.shortTitle}·玛纳斯县${t('remind.scope.stuck', { days: 25 })}`, finished: 0, unreachable: 1 })));
    expect(browser.page).not.toContain('name="run"');

    // The prefecture's clerk, who covers every area, sees the same units, said to be all of theirs.
    const zhou = await signIn(d.app, 'zhou');
    await zhou.get('/staff/reminders');
    await zhou.press(t('dash.remind.preview'));
    expect(previewText(zhou)).toBe(preview(`${campaign.shortTitle}·${t('remind.scope.all')}`, 8, HUTUBI, true, [paused, skipped, t('remind.preview.oncePerDay')], sample));
  });
});

describe('the dashboard pages as served (golden files, what varies per request put aside)', () => {
  it('sign-in (and its refusal), overview, units filtered, roster and its result, an invitation, exports, reminders and a preview, the audit', async () => {
    const d = await desk({ staff: ['zhao'], reminders: true, botUsername: 'nianshen_test_bot', units: [
      { key: 'tg:8801', name: '呼图壁完成有限公司', area: 'hutubi', status: 'finished' },
      { key: 'tg:8802', name: '玛纳斯进行中有限公司', area: 'manas', answered: 10 },
    ] });
    const pages: [string, string][] = [];
    const browser = new Browser(d.app);
    const keep = (name: string) => pages.push([name, golden(browser.page)]);
    await browser.get('/staff/login');
    keep('sign-in');
    await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login: 'zhao', password: 'wrong-password' });
    keep('sign-in-refused');
    const signedIn = await signIn(d.app, 'zhao');
    const visit = async (name: string, url: string) => {
      await signedIn.get(url);
      pages.push([name, golden(signedIn.page)]);
    };
    await visit('overview', '/staff');
    await visit('units', `/staff/units?c=${campaign.id}&area=manas&status=started&stuck=`);
    await visit('roster', '/staff/roster');
    const roster = `单位名称,统一社会信用代码,所在地区\n呼图壁名单有限公司,${creditCode(8803)},呼图壁县\n玛纳斯名单有限公司,${creditCode(8804)},奇台县\n`;
    await signedIn.upload(`/staff/roster?_csrf=${encodeURIComponent(signedIn.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: roster });
    pages.push(['roster-refused', golden(signedIn.page)]);
    await signedIn.upload(`/staff/roster?_csrf=${encodeURIComponent(signedIn.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: roster.split('\n').slice(0, 2).join('\n') });
    pages.push(['roster-imported', golden(signedIn.page)]);
    await visit('invite', `/staff/invite?code=${creditCode(8803)}`);
    await visit('export', '/staff/export');
    await visit('reminders', '/staff/reminders');
    await signedIn.press(t('dash.remind.preview'), { area: '', days: '' });
    pages.push(['reminders-preview', golden(signedIn.page)]);
    await visit('audit', '/staff/audit');
    for (const [name, page] of pages) await expect(page, name).toMatchFileSnapshot(`__pages__/dashboard-${name}.html`);
  });
});
