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
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { openStaffStores } from '../../src/adapters/store/open-store.ts';
import { hashPassword } from '../../src/adapters/web/staff-auth.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import { t } from '../../src/core/text.ts';
import { mountWeb } from '../../src/run-web.ts';
import { captureLog, type CapturedLog } from '../support/capture-log.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { startRig, type Rig } from '../support/reminders.ts';
import { creditCode } from '../support/staff.ts';
import { Browser, flat } from '../support/web-client.ts';
import type { FastifyInstance } from 'fastify';

const campaign = findCampaign('changji-2024') as Campaign;
const PREFIX = 'dashroutes:';
const PASSWORD = { wang: 'fukang-test-password', li: 'qitai-test-password' };
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

async function unit(service: ConversationService, key: string, name: string, n: number, area: 'fukang' | 'qitai', upTo?: number) {
  const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, area, unit_name: name, credit_code: creditCode(n) });
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
  const clock = () => IN_WINDOW;
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  await unit(service, 'tg:501', '阜康完成有限公司', 501, 'fukang');
  await unit(service, 'tg:502', '阜康进行中有限公司', 502, 'fukang', 12);
  await unit(service, 'tg:503', '奇台完成有限公司', 503, 'qitai');
  const directory = new StaffDirectory([
    { name: '阜康市人社局 王', telegramIds: [9001], areas: ['fukang'], login: 'wang', passwordHash: await hashPassword(PASSWORD.wang) },
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

/**
 * The two apps are built for each test (not once in beforeAll): a mutation run counts code as covered by
 * the tests that ran it, and so tries the routes' registration against these tests too.
 */
beforeEach(async () => {
  log = captureLog('debug');
  const build = async (env: Record<string, string>, reminders: boolean) => {
    const config = loadConfig({ WEB: 'true', COOKIE_SECRET: 'test-cookie-secret-that-is-long-enough-0123456789', WEB_BASE_URL: BASE, NIANSHEN_NOW: IN_WINDOW.toISOString(), ...env });
    const server = createHttpServer();
    mountWeb(server, { config, service: parts.service, store, documents, logger: log.logger, directory: parts.directory, staffStores: openStaffStores(store, PREFIX), ...(reminders ? { reminders: { service: rig.service, queue: rig.queue } } : {}) });
    await server.ready();
    return server;
  };
  [app, plain] = await Promise.all([build({ STAFF_LOGIN_RATE_LIMIT: '3' }, true), build({}, false)]);
});
afterEach(async () => {
  await Promise.all([app?.close(), plain?.close()]);
});

async function signIn(on: FastifyInstance, login: keyof typeof PASSWORD): Promise<Browser> {
  const browser = new Browser(on);
  await browser.get('/staff/login');
  const done = await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login, password: PASSWORD[login] });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe('/staff');
  await browser.get('/staff');
  return browser;
}
const auditActions = async () => (await store.redis.lrange(`${PREFIX}audit`, 0, -1)).map((e) => JSON.parse(e) as { action: string; staff: string; detail?: string });

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

  it('signing out clears the cookie; the dashboard then leads to the sign-in page', async () => {
    const browser = await signIn(plain, 'wang');
    const out = await browser.post('/staff/logout', { _csrf: browser.field('_csrf') });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/staff/login');
    expect(browser.cookies.has('nsz_staff')).toBe(false);
    expect((await browser.get('/staff')).headers.location).toBe('/staff/login');
  });
});

describe('what a clerk sees', () => {
  it('the overview: the figures of their areas only, never cached, audited', async () => {
    const browser = await signIn(plain, 'wang');
    const overview = await browser.get('/staff');
    expect(overview.statusCode).toBe(200);
    expect(overview.headers['cache-control']).toBe('no-store');
    const kpis = flat(/<div class="kpis"[\s\S]*?<\/div>\s*<\/div>/.exec(browser.page)?.[0].replace(/<[^>]+>/g, '') ?? browser.text);
    expect(kpis).toContain(`${flat(t('dash.kpi.finished'))}1`);
    expect(kpis).toContain(`${flat(t('dash.kpi.started'))}1`);
    expect(browser.text).not.toContain('奇台完成有限公司');
    expect((await auditActions()).some((e) => e.action === 'stats' && e.detail === `${campaign.id} web`)).toBe(true);
  });

  it('units: theirs only, filtered by status; another area, a malformed query or an unknown campaign is refused', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/units');
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
    expect(decodeURIComponent(xlsx.headers['content-disposition'] as string)).toContain(`${campaign.shortTitle}-2025-03-10`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = (book.worksheets[0]?.getColumn(1).values ?? []).slice(2).map(String);
    expect(names.sort()).toEqual(['阜康完成有限公司', '阜康进行中有限公司']);
    const csv = await browser.get('/staff/export/units.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('阜康进行中有限公司');
    expect(csv.body).not.toContain('奇台');
    const report = await browser.get('/staff/export/report.pdf');
    expect(report.headers['content-type']).toBe('application/pdf');
    expect(report.headers['content-disposition']).toMatch(/^inline; /);
    await browser.get('/staff/export');
    expect(browser.text).toContain(flat(t('dash.export.xlsx')));
    const actions = (await auditActions()).filter((e) => e.staff === '阜康市人社局 王');
    expect(actions.map((e) => `${e.action} ${e.detail ?? ''}`)).toEqual(expect.arrayContaining([`export ${campaign.id} web xlsx`, `export ${campaign.id} web csv`, `export_report ${campaign.id} web`]));
    const audit = await browser.get('/staff/audit.csv');
    expect(audit.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(audit.body).toContain('export_report');
    expect((await browser.get('/staff/audit.xlsx')).headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await browser.get('/staff/audit');
    expect(browser.text).toContain('export_report');
  });

  it('a roster file: imported, its units get invitations with QR codes; a wrong file or another county\'s row is refused', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/roster');
    const csrf = browser.field('_csrf');
    const csv = `单位名称,统一社会信用代码,所在地区\n名单甲有限公司,${creditCode(601)},阜康市\n名单乙有限公司,${creditCode(602)},阜康市\n`;
    const ok = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(csrf)}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv });
    expect(ok.statusCode).toBe(200);
    expect(browser.text).toContain(flat(t('staff.roster.imported', { count: 2 })));
    const wrongKind = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.txt', type: 'text/plain', content: csv });
    expect(wrongKind.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('dash.roster.noFile')));
    const broken = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.xlsx', type: 'application/octet-stream', content: 'not a workbook' });
    expect(broken.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('staff.roster.badFile')));
    const foreign = `单位名称,统一社会信用代码,所在地区\n名单丙有限公司,${creditCode(603)},奇台县\n`;
    const refused = await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'bad.csv', type: 'text/csv', content: foreign });
    expect(refused.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('staff.roster.problem', { line: 2, message: t('roster.notYourArea', { area: '奇台县' }) })));
    expect((await browser.upload('/staff/roster', { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv })).statusCode).toBe(403);

    const invite = await browser.get(`/staff/invite?code=${creditCode(601).toLowerCase()}`);
    expect(invite.statusCode).toBe(200);
    expect(browser.page).toMatch(new RegExp(`${BASE.replace(/\./g, '\\.')}start/r_[A-Za-z0-9_-]{8,40}`));
    expect(browser.page).toContain('<svg');
    expect(browser.text).toContain('名单甲有限公司');
    const unknown = await browser.get(`/staff/invite?code=${creditCode(699)}`);
    expect(unknown.statusCode).toBe(404);
    expect(browser.text).toContain(flat(t('staff.invite.notFound')));
    const csvOut = await browser.get('/staff/export/units.csv');
    expect(csvOut.body).toMatch(new RegExp(`${BASE.replace(/\./g, '\\.')}start/r_`));
  });
});

describe('reminders on the dashboard', () => {
  it('without Redis the page says reminders are off, and a post starts nothing', async () => {
    const browser = await signIn(plain, 'wang');
    await browser.get('/staff/reminders');
    expect(browser.text).toContain(flat(t('dash.remind.off')));
    await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf') });
    expect(browser.text).toContain(flat(t('dash.remind.off')));
    await browser.post('/staff/reminders/confirm', { _csrf: browser.field('_csrf'), run: 'm-AAAAAAAAAAAA', action: 'ok' });
    expect(browser.text).toContain(flat(t('dash.remind.off')));
    expect((await browser.get('/staff/reminders/run/m-AAAAAAAAAAAA')).statusCode).toBe(404);
  });

  it('previews their units only, confirms once, reports the run; another clerk cannot confirm it; cancel drops it', async () => {
    const browser = await signIn(app, 'wang');
    await browser.get('/staff/reminders');
    expect(browser.text).toContain(flat(t('dash.remind.preview')));
    expect((await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf'), area: 'qitai' })).statusCode).toBe(403);
    expect(browser.text).toContain(flat(t('remind.notYourArea')));
    expect((await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf'), days: '-1' })).statusCode).toBe(400);
    // Nobody stuck for 999 days: nothing to send, and no run to confirm.
    await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf'), days: '999' });
    expect(browser.page).not.toContain('name="run"');
    await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf'), area: '', days: '' });
    expect(browser.text).toContain('阜康进行中有限公司');
    expect(browser.text).not.toContain('奇台');
    const run = browser.field('run');
    expect(run).toMatch(/^m-/);
    const csrf = browser.field('_csrf');

    const li = await signIn(app, 'li');
    const stolen = await li.post('/staff/reminders/confirm', { _csrf: li.field('_csrf'), run, action: 'ok' });
    expect(stolen.statusCode).toBe(410);
    expect(li.text).toContain(flat(t('remind.expired')));

    const bad = await browser.post('/staff/reminders/confirm', { _csrf: csrf, run: 'not-a-run', action: 'ok' });
    expect(bad.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('remind.invalid')));
    const confirmed = await browser.post('/staff/reminders/confirm', { _csrf: csrf, run, action: 'ok' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/staff/reminders/run/${run}?c=${campaign.id}`);
    const twice = await browser.post('/staff/reminders/confirm', { _csrf: csrf, run, action: 'ok' });
    expect(twice.headers.location).toBe(confirmed.headers.location);
    await browser.get(confirmed.headers.location as string);
    expect(browser.text).toContain(flat(t('dash.remind.progress', { done: 1, total: 2 })));
    expect((await auditActions()).filter((e) => e.action === 'remind')).toHaveLength(1);
    expect((await browser.get('/staff/reminders/run/m-AAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await browser.get('/staff/reminders/run/bad')).statusCode).toBe(404);

    await browser.post('/staff/reminders/preview', { _csrf: browser.field('_csrf') });
    const second = browser.field('run');
    await browser.post('/staff/reminders/confirm', { _csrf: browser.field('_csrf'), run: second, action: 'no' });
    expect(browser.text).toContain(flat(t('remind.cancelled')));
    expect((await browser.post('/staff/reminders/confirm', { _csrf: browser.field('_csrf'), run: second, action: 'ok' })).statusCode).toBe(410);
    expect((await auditActions()).some((e) => e.action === 'remind_cancel')).toBe(true);
  });
});
