/**
 * One process, two channels: the real program with a bot token and WEB=true serves the Telegram bot (polling
 * the Bot API emulator) and the web chat and dashboard on one HTTP server, over one Redis. A roster uploaded
 * on the dashboard gives, through Telegram's /invite, a web link that opens in a browser with the unit filled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/web/staff-auth.ts';
import { t } from '../../src/core/text.ts';
import { DESK, launchBrowser, PHONE } from '../support/browser.ts';
import { startMain, type MainProcess } from '../support/main-process.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis-server.ts';
import { creditCode } from '../support/staff.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../support/telegram-emulator.ts';

const CLERK = 9001;
let redis: TestRedis;
let emu: TelegramEmulator;
let main: MainProcess;
let browser: Browser;
let base: string;
let dir: string;

beforeAll(async () => {
  [redis, emu] = await Promise.all([startRedis(), startTelegramEmulator()]);
  dir = mkdtempSync(join(tmpdir(), 'nsz-webtg-'));
  const staffFile = join(dir, 'staff.json');
  writeFileSync(staffFile, JSON.stringify({ staff: [{ name: '阜康市人社局 王', telegramIds: [CLERK], areas: ['fukang'], login: 'wang', passwordHash: await hashPassword('fukang-test-password') }] }));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  main = startMain({
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    WEB: 'true',
    WEB_BASE_URL: `${base}/`,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'webtg:',
    REMINDER_WORKER: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    COOKIE_SECRET: 'test-cookie-secret-that-is-long-enough-0123456789',
    NIANSHEN_NOW: '2025-03-10T09:00:00+08:00',
    CAMPAIGNS: 'changji-2024',
    STAFF_FILE: staffFile,
    LOG_LEVEL: 'info',
  });
  [browser] = await Promise.all([launchBrowser(), main.waitForLog((e) => e.msg === 'bot starting', 20_000)]);
  await emu.waitFor(() => emu.isPolling, 10_000);
}, 40_000);
afterAll(async () => {
  await browser?.close();
  await main?.stop();
  await emu?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('a roster uploaded on the dashboard gives, through Telegram /invite, a web link that opens pre-filled', async () => {
  // On the dashboard: sign in, upload a roster of one unit.
  const desk = await browser.newContext(DESK);
  const page = await desk.newPage();
  await page.goto(`${base}/staff/login`);
  await page.getByLabel(t('dash.login')).fill('wang');
  await page.getByLabel(t('dash.password')).fill('fukang-test-password');
  await Promise.all([page.waitForURL(`${base}/staff`), page.getByRole('button', { name: t('dash.signIn') }).click()]);
  await page.goto(`${base}/staff/roster`);
  const csv = `单位名称,统一社会信用代码,所在地区\n两个渠道有限公司,${creditCode(901)},阜康市\n`;
  await page.getByLabel(t('dash.roster.file')).setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: t('dash.roster.upload') }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain(t('staff.roster.imported', { count: 1 }));

  // In Telegram: the same clerk asks for the unit's invitation; the reply has the web link too.
  emu.sendText(CLERK, `/invite ${creditCode(901)}`, { id: CLERK });
  await emu.waitFor(() => emu.sent(CLERK).some((m) => (m.text ?? '').includes('/start/r_')), 10_000);
  const text = emu.sent(CLERK).map((m) => m.text ?? '').join('\n');
  const link = new RegExp(`${base}/start/r_[A-Za-z0-9_-]+`).exec(text)?.[0] ?? '';
  expect(text).toContain('t.me/');
  expect(link).not.toBe('');

  // On a phone: the web link opens the unit's review with its name and code filled in.
  const phone = await browser.newContext(PHONE);
  const unit = await phone.newPage();
  await unit.goto(link);
  await Promise.all([unit.waitForURL(/\/chat\?t=/), unit.getByRole('button', { name: t('web.start') }).click()]);
  const body = (await unit.locator('main').textContent()) ?? '';
  expect(body).toContain('两个渠道有限公司');
  expect(body).toContain(creditCode(901));
  // The dashboard counts it started (a roster unit that gave its code), from the same Redis.
  await page.goto(`${base}/staff/units?status=started`);
  expect(await page.locator('tbody').textContent()).toContain('两个渠道有限公司');
  await Promise.all([desk.close(), phone.close()]);
}, 60_000);
