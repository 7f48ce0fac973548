/**
 * The bureau's dashboard in a real Chromium against the real program (`src/main.ts` with WEB=true) on a
 * real redis-server, with units saved through the conversation service beside it: a clerk signs in, sees
 * only their areas (a forged area or another county's unit PDF is refused), exports (XLSX read back with
 * exceljs, the report PDF with pdftotext), imports a roster file, previews and confirms a reminder; a wrong
 * password, a missing CSRF token and too many sign-in attempts are refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { hashPassword } from '../../src/adapters/web/staff-auth.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import { t } from '../../src/core/text.ts';
import { flat, pdfText, scratch } from '../pdf/poppler.ts';
import { DESK, launchBrowser, screenshotInk } from '../support/browser.ts';
import { startMain, type MainProcess } from '../support/main-process.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis-server.ts';
import { creditCode } from '../support/staff.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const PREFIX = 'webdash:';
const PASSWORD = { wang: 'fukang-test-password', li: 'qitai-test-password' };
let redis: TestRedis;
let main: MainProcess;
let browser: Browser;
let store: RedisStore;
let base: string;
let dir: string;
let files: Awaited<ReturnType<typeof scratch>>;

/** A unit that answers everything (in fukang or qitai), saved as Telegram would save it. */
async function unit(service: ConversationService, key: string, name: string, n: number, area: 'fukang' | 'qitai', upTo?: number) {
  const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, area, unit_name: name, credit_code: creditCode(n) });
  const lines = typedConversation(campaign, answers);
  await service.handle(key, { type: 'user.start' });
  for (const line of lines.slice(0, upTo)) {
    const event = eventForText(line);
    if (typeof event !== 'string') await service.handle(key, event);
  }
}

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'nsz-dash-'));
  const staffFile = join(dir, 'staff.json');
  writeFileSync(staffFile, JSON.stringify({
    staff: [
      { name: '阜康市人社局 王', telegramIds: [9001], areas: ['fukang'], login: 'wang', passwordHash: await hashPassword(PASSWORD.wang) },
      { name: '奇台县人社局 李', areas: ['qitai'], login: 'li', passwordHash: await hashPassword(PASSWORD.li) },
    ],
  }));
  store = new RedisStore({ url: redis.url, prefix: PREFIX, retentionSeconds: 30 * 86_400, now: () => IN_WINDOW.getTime() });
  await store.connect();
  const service = new ConversationService({ campaigns: [campaign], store, clock: () => IN_WINDOW });
  await unit(service, 'tg:501', '阜康完成有限公司', 501, 'fukang');
  await unit(service, 'tg:502', '阜康进行中有限公司', 502, 'fukang', 12);
  await unit(service, 'tg:503', '奇台完成有限公司', 503, 'qitai');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  main = startMain({
    WEB: 'true',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: PREFIX,
    HOST: '127.0.0.1',
    PORT: String(port),
    COOKIE_SECRET: 'test-cookie-secret-that-is-long-enough-0123456789',
    NIANSHEN_NOW: '2025-03-10T09:00:00+08:00',
    CAMPAIGNS: 'changji-2024',
    STAFF_FILE: staffFile,
    STAFF_LOGIN_RATE_LIMIT: '6',
    LOG_LEVEL: 'info',
  });
  [browser] = await Promise.all([launchBrowser(), main.waitForLog((e) => e.msg === 'web chat listening', 20_000)]);
  files = await scratch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await main?.stop();
  await store?.close();
  await files?.cleanup();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(context: BrowserContext, login: keyof typeof PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/staff`);
  await page.getByLabel(t('dash.login')).fill(login);
  await page.getByLabel(t('dash.password')).fill(PASSWORD[login]);
  await Promise.all([page.waitForURL(`${base}/staff`), page.getByRole('button', { name: t('dash.signIn') }).click()]);
  return page;
}

describe('staff dashboard', () => {
  it('a clerk signs in and sees only their areas: figures, units, PDFs', async () => {
    const context = await browser.newContext(DESK);
    const page = await signIn(context, 'wang');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('dash.nav.overview'));
    const kpis = (await page.locator('.kpis').textContent()) ?? '';
    expect(kpis).toContain(`${t('dash.kpi.finished')}1`);
    expect(kpis).toContain(`${t('dash.kpi.started')}1`);
    expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(4);
    expect(await screenshotInk(context, page, 'dashboard-overview')).toBeGreaterThan(0.02);

    await page.getByRole('link', { name: t('dash.nav.units'), exact: true }).click();
    const table = (await page.locator('table').textContent()) ?? '';
    expect(table).toContain('阜康完成有限公司');
    expect(table).toContain('阜康进行中有限公司');
    expect(table).not.toContain('奇台完成有限公司');
    expect(await screenshotInk(context, page, 'dashboard-units')).toBeGreaterThan(0.02);
    // Filters: finished only.
    await page.getByLabel(t('dash.filter.status')).selectOption('finished');
    await page.getByRole('button', { name: t('dash.filter.apply') }).click();
    await page.waitForURL(/status=finished/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    // The unit's summary PDF, read back.
    const href = (await page.getByRole('link', { name: t('dash.units.pdf') }).getAttribute('href')) ?? '';
    const pdf = await page.request.get(base + href);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(flat(await pdfText(await files.write('unit.pdf', await pdf.body())))).toContain('阜康完成有限公司');
    // Another county's area, or its unit's PDF, by a forged address: refused, nothing shown.
    const foreign = await page.request.get(`${base}/staff/units?c=${campaign.id}&area=qitai`);
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).not.toContain('奇台完成有限公司');
    expect((await page.request.get(`${base}/staff/units/pdf?c=${campaign.id}&unit=tg:503`)).status()).toBe(403);
    await context.close();
  }, 60_000);

  it('exports the units (XLSX) and the progress report (PDF), and imports a roster file', async () => {
    const context = await browser.newContext(DESK);
    const page = await signIn(context, 'wang');
    await page.getByRole('link', { name: t('dash.nav.export'), exact: true }).click();
    const xlsxHref = (await page.getByRole('link', { name: t('dash.export.xlsx') }).getAttribute('href')) ?? '';
    const xlsx = await page.request.get(base + xlsxHref);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const names = (book.worksheets[0]?.getColumn(1).values ?? []).slice(2).map(String);
    expect(names.sort()).toEqual(['阜康完成有限公司', '阜康进行中有限公司']);
    const reportHref = (await page.getByRole('link', { name: t('dash.export.report') }).getAttribute('href')) ?? '';
    const report = flat(await pdfText(await files.write('report.pdf', await (await page.request.get(base + reportHref)).body())));
    expect(report).toContain('阜康');
    expect(report).not.toContain('奇台');

    await page.getByRole('link', { name: t('dash.nav.roster'), exact: true }).click();
    const csv = `单位名称,统一社会信用代码,所在地区\n名单甲有限公司,${creditCode(601)},阜康市\n名单乙有限公司,${creditCode(602)},阜康市\n`;
    await page.getByLabel(t('dash.roster.file')).setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: t('dash.roster.upload') }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(t('staff.roster.imported', { count: 2 }));
    // A row of another county is refused, naming its line; nothing of the file is imported.
    const bad = `单位名称,统一社会信用代码,所在地区\n名单丙有限公司,${creditCode(603)},奇台县\n`;
    await page.getByLabel(t('dash.roster.file')).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: t('dash.roster.upload') }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(t('staff.roster.problem', { line: 2, message: t('roster.notYourArea', { area: '奇台县' }) }));
    // The roster's units show as not started, each with its invitation and QR code.
    await page.goto(`${base}/staff/units?c=${campaign.id}&status=not_started`);
    await page.getByRole('link', { name: t('dash.units.invite') }).first().click();
    const link = (await page.locator('main a[href*="/start/r_"]').first().getAttribute('href')) ?? '';
    expect(link).toMatch(new RegExp(`^${base}/start/r_`));
    expect(await page.locator('main svg').count()).toBe(1);
    await context.close();
  }, 60_000);

  it('previews a reminder for the clerk\'s units only, and confirms it once', async () => {
    const context = await browser.newContext(DESK);
    const page = await signIn(context, 'wang');
    await page.getByRole('link', { name: t('dash.nav.reminders'), exact: true }).click();
    await page.getByRole('button', { name: t('dash.remind.preview') }).click();
    const preview = (await page.getByRole('region', { name: t('dash.remind.previewTitle') }).textContent()) ?? '';
    expect(preview).toContain('阜康进行中有限公司');
    expect(preview).not.toContain('奇台');
    expect(await screenshotInk(context, page, 'dashboard-reminder-preview')).toBeGreaterThan(0.02);
    const runId = await page.locator('input[name=run]').first().inputValue();
    const csrfOfPreview = await page.locator('input[name=_csrf]').last().inputValue();
    await page.getByRole('button', { name: t('remind.confirm') }).click();
    await page.waitForURL(/\/staff\/reminders\/run\//);
    // No worker runs here (it sends through Telegram): the finished unit is counted skipped, the other waits.
    await expect(page.getByRole('status').textContent()).resolves.toContain(t('dash.remind.progress', { done: 1, total: 2 }));
    // The same confirmation posted again (a double click) starts nothing new: the same run's page.
    const again = await page.request.post(`${base}/staff/reminders/confirm?c=${campaign.id}`, { form: { _csrf: csrfOfPreview, run: runId, action: 'ok' } });
    expect(again.url()).toContain(`/staff/reminders/run/${runId}`);
    expect(await again.text()).toContain(t('dash.remind.progress', { done: 1, total: 2 }));
    const audit = await store.redis.lrange(`${PREFIX}audit`, 0, -1);
    expect(audit.filter((e) => JSON.parse(e).action === 'remind')).toHaveLength(1);
    // Another clerk cannot confirm this preview.
    const other = await browser.newContext(DESK);
    const li = await signIn(other, 'li');
    const csrf = await li.locator('input[name=_csrf]').first().inputValue();
    const stolen = await li.request.post(`${base}/staff/reminders/confirm?c=${campaign.id}`, { form: { _csrf: csrf, run: runId, action: 'ok' } });
    expect(stolen.status()).toBe(410);
    await Promise.all([context.close(), other.close()]);
  }, 60_000);

  it('refuses a wrong password, a post without its CSRF token, and too many attempts', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await page.goto(`${base}/staff/login`);
    await page.getByLabel(t('dash.login')).fill('wang');
    await page.getByLabel(t('dash.password')).fill('not-the-password');
    await page.getByRole('button', { name: t('dash.signIn') }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(t('dash.badLogin'));
    expect(await screenshotInk(context, page, 'dashboard-login-refused')).toBeGreaterThan(0.01);
    // Without the page's token (a post from another site): refused before the password is even read.
    const forged = await page.request.post(`${base}/staff/login`, { form: { login: 'wang', password: PASSWORD.wang } });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain(t('web.csrf'));
    expect((await context.cookies()).some((c) => c.name === 'nsz_staff')).toBe(false);
    // Signed out, the dashboard leads to the sign-in page.
    await page.goto(`${base}/staff/units`);
    expect(page.url()).toBe(`${base}/staff/login`);
    // The limit: 6 attempts a minute from one address, then 429 with a plain message.
    const csrf = await page.locator('input[name=_csrf]').inputValue();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await page.request.post(`${base}/staff/login`, { form: { _csrf: csrf, login: 'wang', password: 'wrong' } })).status());
    expect(statuses).toContain(429);
    const limited = await page.request.post(`${base}/staff/login`, { form: { _csrf: csrf, login: 'wang', password: PASSWORD.wang } });
    expect(limited.status()).toBe(429);
    expect(await limited.text()).toContain(t('web.tooMany'));
    await context.close();
  }, 30_000);
});
