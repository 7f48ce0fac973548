/**
 * The unit's web chat in a real Chromium (Debian's, via playwright-core) against the real program
 * (`src/main.ts` with WEB=true) on a real redis-server: a unit completes a review on a phone-sized screen and
 * opens its PDF (read back with pdftotext); resumes with its code in a second browser; a double submit
 * records one answer; a roster invitation link opens here pre-filled; WeChat gets its hint; bad input gets a
 * plain Chinese page and loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findCampaign } from '../../flows/index.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { RedisRosterStore } from '../../src/adapters/store/staff-stores.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { t } from '../../src/core/text.ts';
import { flat, pdfText, scratch } from '../pdf/poppler.ts';
import { launchBrowser, PHONE, screenshotInk, WECHAT_UA } from '../support/browser.ts';
import { startMain, type MainProcess } from '../support/main-process.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis-server.ts';
import { creditCode } from '../support/staff.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const PREFIX = 'webchat:';
let redis: TestRedis;
let main: MainProcess;
let browser: Browser;
let store: RedisStore;
let base: string;
let files: Awaited<ReturnType<typeof scratch>>;

beforeAll(async () => {
  redis = await startRedis();
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
    LOG_LEVEL: 'info',
  });
  [browser] = await Promise.all([launchBrowser(), main.waitForLog((e) => e.msg === 'web chat listening', 20_000)]);
  store = new RedisStore({ url: redis.url, prefix: PREFIX, retentionSeconds: 86_400 });
  await store.connect();
  files = await scratch();
}, 40_000);
afterAll(async () => {
  await browser?.close();
  await main?.stop();
  await store?.close();
  await files?.cleanup();
  await redis?.stop();
});

/** Runs an action that submits a form and waits for the page it leads to (every turn has its own URL). */
async function submit(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before, { waitUntil: 'domcontentloaded' }), action()]);
}

/** Answers as a person does: the option's button when there is one, else typing into the answer box. */
async function answer(page: Page, line: string): Promise<void> {
  const question = page.locator('section.q').last();
  const button = question.getByRole('button', { name: line, exact: true });
  if (line === '跳过') return submit(page, () => page.getByRole('button', { name: t('web.cmd.skip'), exact: true }).click());
  if ((await button.count()) > 0) return submit(page, () => button.first().click());
  await question.getByLabel(t('web.answerLabel')).fill(line);
  await submit(page, () => question.getByRole('button', { name: t('web.send') }).last().click());
}

const sessionKey = async (context: BrowserContext) => {
  const cookie = (await context.cookies()).find((c) => c.name === 'nsz_web');
  return `web:${decodeURIComponent(cookie?.value ?? '').split('.')[0]}`;
};
const storedRev = async (key: string) => JSON.parse((await store.load(key))?.data ?? '{}').rev as number;

describe('web chat', () => {
  it('a unit completes the review on a phone and opens its summary PDF', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(base);
    expect(await screenshotInk(context, page, 'chat-landing')).toBeGreaterThan(0.02);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    await expect(page.getByText(campaign.document.number, { exact: false }).first().isVisible()).resolves.toBe(true);
    expect(await screenshotInk(context, page, 'chat-first-question')).toBeGreaterThan(0.02);
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, unit_name: '网页测试有限公司', credit_code: creditCode(501) });
    const lines = typedConversation(campaign, answers);
    for (const [i, line] of lines.entries()) {
      await answer(page, line);
      if (i === 6) expect(await screenshotInk(context, page, 'chat-question-map')).toBeGreaterThan(0.02);
    }
    // The summary with its grade, the map all done, and the PDF.
    await expect(page.locator('section.summary').textContent()).resolves.toContain(t('summary.grade', { grade: 'A' }));
    expect(await page.locator('.map li.current').count()).toBe(0);
    // Nothing wider than the phone: long addresses in the summary wrap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await screenshotInk(context, page, 'chat-summary')).toBeGreaterThan(0.02);
    const href = await page.getByRole('link', { name: t('web.summaryPdf') }).getAttribute('href');
    expect(href).toMatch(/^\/d\//);
    const pdf = await page.request.get(base + href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = flat(await pdfText(await files.write('web-summary.pdf', await pdf.body())));
    expect(text).toContain('网页测试有限公司');
    expect(text).toContain(creditCode(501));
    // The files page lists the written review's documents.
    await page.getByRole('link', { name: t('web.moreFiles') }).click();
    await expect(page.getByRole('link', { name: t('web.pdf.review_form') }).isVisible()).resolves.toBe(true);
    await context.close();
  }, 120_000);

  it('a unit resumes with its code in a second browser, where it left off', async () => {
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await page.goto(base);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    await answer(page, '续做测试有限公司');
    const question = (await page.locator('section.q').last().textContent()) ?? '';
    const code = (await page.locator('.code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const desk = await browser.newContext();
    const other = await desk.newPage();
    await other.goto(base);
    // Typed as people do: lower case, without the dash.
    await other.getByLabel(t('web.resumeLabel')).fill(code.replace('-', '').toLowerCase());
    // By keyboard: Enter in the field sends the form.
    await submit(other, () => other.getByLabel(t('web.resumeLabel')).press('Enter'));
    await expect(other.getByText(t('web.resumed')).isVisible()).resolves.toBe(true);
    expect(await other.locator('section.q').last().textContent()).toBe(question);
    expect(await sessionKey(desk)).toBe(await sessionKey(phone));
    expect(await screenshotInk(desk, other, 'chat-resumed')).toBeGreaterThan(0.02);

    // A wrong code is refused plainly, and the resume link fills the code in.
    const third = await (await browser.newContext(PHONE)).newPage();
    await third.goto(base);
    await third.getByLabel(t('web.resumeLabel')).fill('AAAA-AAAA');
    await third.getByRole('button', { name: t('web.resumeButton') }).click();
    await expect(third.getByRole('alert').textContent()).resolves.toContain(t('web.resumeUnknown'));
    await third.goto(`${base}/r/${code.replace('-', '')}`);
    await expect(third.getByLabel(t('web.resumeLabel')).inputValue()).resolves.toBe(code.replace('-', ''));
    await Promise.all([phone.close(), desk.close(), third.context().close()]);
  }, 60_000);

  it('a double submit records one answer and says so', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(base);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    await answer(page, '双击测试有限公司');
    const key = await sessionKey(context);
    const before = await storedRev(key);
    // The credit code question's form posted twice at once (a double tap without the page's script).
    const statuses = await page.evaluate(async () => {
      const form = [...document.querySelectorAll('section.q form')].find((f) => f.querySelector('input[name=text]')) as HTMLFormElement;
      (form.querySelector('input[name=text]') as HTMLInputElement).value = '91350100M000100Y43';
      const post = () => fetch('/chat', { method: 'POST', body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>) }).then(async (r) => ({ url: r.url, text: await r.text() }));
      return Promise.all([post(), post()]);
    });
    expect(await storedRev(key)).toBe(before + 1);
    const said = statuses.map((s) => s.text.includes(t('web.resubmitted')));
    expect(said.filter(Boolean)).toHaveLength(1);
    // The page moves on one question, not two; Back and the old page's button again change nothing.
    await page.goto(`${base}/chat`);
    const now = await page.locator('section.q').last().textContent();
    expect(now).not.toContain('统一社会信用代码');
    expect(await storedRev(key)).toBe(before + 1);
    await context.close();
  }, 30_000);

  it('opens a roster invitation link with the unit filled in, and a campaign link', async () => {
    const roster = new RedisRosterStore(store.redis, PREFIX);
    const [entry] = await roster.upsert(campaign.id, [{ name: '邀请测试有限公司', creditCode: creditCode(777), area: 'qitai', importedAt: Date.now(), importedBy: '测试' }], () => 'tok_abcdefghij');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${base}/start/r_${entry?.token}`);
    await expect(page.getByText(t('web.invited')).isVisible()).resolves.toBe(true);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('邀请测试有限公司');
    expect(body).toContain(creditCode(777));
    expect(await screenshotInk(context, page, 'chat-invited')).toBeGreaterThan(0.02);
    // An unknown link is a plain page, not a crash.
    const bad = await page.goto(`${base}/start/nonsense!`);
    expect(bad?.status()).toBe(404);
    await context.close();
  }, 30_000);

  it('stays usable at 200% zoom on a 360 px phone: nothing wider than the screen, every button labelled', async () => {
    // 200% zoom on 360 px is a 180 CSS px wide viewport at twice the pixel density.
    const context = await browser.newContext({ ...PHONE, viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(base);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    await answer(page, '放大测试有限公司');
    await answer(page, creditCode(880));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(180);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input:not([type=hidden]), select, a')].filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || (el.textContent ?? '').trim();
        return !labelled;
      }).length,
    );
    expect(unnamed).toBe(0);
    expect(await screenshotInk(context, page, 'chat-zoom-200')).toBeGreaterThan(0.02);
    await context.close();
  }, 30_000);

  it('tells WeChat users how to open their PDFs in the system browser', async () => {
    const context = await browser.newContext({ ...PHONE, userAgent: WECHAT_UA });
    const page = await context.newPage();
    await page.goto(base);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    await page.goto(`${base}/chat/files`);
    await expect(page.getByRole('note').textContent()).resolves.toContain('在浏览器打开');
    // The checklist and filing form exist before any answer: each with a link to copy.
    const link = await page.locator('input[readonly]').first().inputValue();
    expect(link).toMatch(new RegExp(`^${base}/d/`));
    expect((await page.request.get(link)).status()).toBe(200);
    expect(await screenshotInk(context, page, 'chat-wechat-files')).toBeGreaterThan(0.02);
    await context.close();
  }, 30_000);

  it('refuses forged, oversized and cookie-less posts with a plain Chinese page, keeping the answers', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(base);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    const key = await sessionKey(context);
    const rev = await storedRev(key);
    const post = (fields: Record<string, string>, withCsrf = true) =>
      page.evaluate(async ({ fields, withCsrf }) => {
        const csrf = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
        const body = new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...fields });
        const r = await fetch('/chat', { method: 'POST', body, redirect: 'manual' });
        return { status: r.status, text: r.type === 'opaqueredirect' ? '' : await r.text() };
      }, { fields, withCsrf });
    const forged = await post({ f: 'AAAAAAAAAAAAAAAA', a: 'x:y' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain(t('web.badForm'));
    const long = await post({ f: 'BBBBBBBBBBBBBBBB', text: '长'.repeat(600) });
    expect(long.status).toBe(400);
    expect(long.text).toContain(t('web.tooLong', { max: 500 }));
    const noCsrf = await post({ f: 'CCCCCCCCCCCCCCCC', text: '某公司' }, false);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.text).toContain(t('web.csrf'));
    expect(await storedRev(key)).toBe(rev);
    await context.close();
  }, 30_000);

  it('says to try again while Redis is down, and carries on once it is back', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(base);
    await submit(page, () => page.getByRole('button', { name: t('web.start') }).click());
    await redis.kill();
    const down = await page.goto(`${base}/chat`);
    expect(down?.status()).toBe(503);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(t('web.unavailable'));
    expect(await screenshotInk(context, page, 'chat-store-down')).toBeGreaterThan(0.02);
    await redis.restart();
    // Ready again once the program's connection is back (its /readyz says so).
    await expect.poll(async () => (await page.request.get(`${base}/readyz`)).status(), { timeout: 15_000 }).toBe(200);
    // The data of this non-persistent Redis is gone: the unit starts again, and the page works.
    await page.goto(base);
    await expect(page.getByRole('button', { name: t('web.start') }).isVisible()).resolves.toBe(true);
    await context.close();
  }, 30_000);
});
