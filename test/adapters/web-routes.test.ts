/**
 * The unit's web chat, route by route, in this process: the real fastify app as `src/run-web.ts` mounts it
 * (cookies, forms, CSRF, rate limits), the real conversation and document services, requests made with
 * fastify's `inject` and pages read back as HTML. The browser tests (web-chat) drive `src/main.ts` in a
 * child process; these pin each route's status, headers and words, and run fast enough for a mutation run.
 */
import { sign, unsign } from '@fastify/cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { assess } from '../../src/core/engine.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { mountWeb } from '../../src/run-web.ts';
import { captureLog } from '../support/capture-log.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis } from '../support/redis-server.ts';
import { WECHAT_UA } from '../support/browser.ts';
import { Browser, flat, golden } from '../support/web-client.ts';
import { SESSION_COOKIE, webKey } from '../../src/adapters/web/session.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const COOKIE_SECRET = 'test-cookie-secret-that-is-long-enough-0123456789';
const BASE = 'https://nianshen.example.test/';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Setup = { store?: SessionStore; campaigns?: Campaign[]; env?: Record<string, string>; directory?: StaffDirectory };

async function setup(options: Setup = {}) {
  const store = options.store ?? new MemoryStore({ retentionSeconds: 3600 });
  const campaigns = options.campaigns ?? [changji];
  const clock = () => IN_WINDOW;
  const service = new ConversationService({ campaigns, store, clock });
  const documents = new DocumentService(service, campaigns, clock, renderPdf);
  const log = captureLog('debug');
  const config = loadConfig({ WEB: 'true', COOKIE_SECRET, WEB_BASE_URL: BASE, NIANSHEN_NOW: IN_WINDOW.toISOString(), ...options.env });
  const app = createHttpServer();
  mountWeb(app, { config, service, store, documents, logger: log.logger, ...(options.directory ? { directory: options.directory } : {}), staffStores: { roster: new MemoryRosterStore(), audit: new MemoryAuditLog() } });
  await app.ready();
  cleanups.push(() => app.close());
  return { app, store, service, log };
}

/** The app, and a browser that opened the home page and started a review there. */
async function startedChat(options: Setup = {}, userAgent?: string) {
  const s = await setup(options);
  const browser = new Browser(s.app, userAgent);
  await browser.get('/');
  await browser.start();
  return { ...s, browser };
}

/** The conversation key of the web session this browser holds (its signed cookie's value). */
const sessionKey = (browser: Browser) => webKey(decodeURIComponent(browser.cookies.get(SESSION_COOKIE) ?? '').split('.')[0] ?? '');

/** The stored answers of the web session this browser holds. */
async function storedAnswers(store: SessionStore, browser: Browser): Promise<Record<string, unknown>> {
  const raw = await store.load(sessionKey(browser));
  return raw ? (JSON.parse(raw.data) as { context: { answers: Record<string, unknown> } }).context.answers : {};
}


describe('the landing page and its small routes', () => {
  it('a first visit gets the start button, the resume form and no session; the script and favicon are cached', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(browser.text).toContain(flat(t('web.start')));
    expect(browser.text).toContain(flat(t('web.resumeHint')));
    expect(browser.text).not.toContain(flat(t('web.haveSession')));
    expect(browser.page).not.toContain('class="card note"');
    expect(browser.field('_csrf')).not.toBe('');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);

    const script = await browser.get('/web/app.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=86400');
    expect(script.body).toContain('data-copy');
    const icon = await browser.get('/favicon.ico');
    expect(icon.statusCode).toBe(204);
    expect(icon.headers['cache-control']).toBe('public, max-age=604800');
  });

  it('an unknown page is a plain 404 that leads home (the staff pages\' to /staff)', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    expect((await browser.get('/nothing-here')).statusCode).toBe(404);
    expect(browser.text).toContain(flat(t('web.notFound')));
    expect(browser.page).toContain('href="/"');
    expect((await browser.get('/staff/nothing')).statusCode).toBe(404);
    expect(browser.page).toContain('href="/staff"');
    expect(browser.text).toContain(flat(t('staff.web.home')));
  });

  it('a campaign link names the campaign, an invitation says so, a malformed one is a 404; none starts anything', async () => {
    const { app, store } = await setup({ campaigns: [changji, wenshui] });
    const browser = new Browser(app);
    await browser.get('/start/wenshui-2022');
    expect(browser.text).toContain(flat(t('web.campaignLink', { title: wenshui.title })));
    expect(browser.field('start')).toBe('wenshui-2022');
    await browser.get('/start/r_abcdefgh12');
    expect(browser.text).toContain(flat(t('web.invited')));
    expect(browser.field('start')).toBe('r_abcdefgh12');
    for (const bad of ['no-such-campaign', 'r_short', 'r_abc!defgh12']) {
      expect((await browser.get(`/start/${encodeURIComponent(bad)}`)).statusCode).toBe(404);
      expect(browser.text).toContain(flat(t('web.notFound')));
      expect(browser.page).not.toContain('name="start"');
    }
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('a resume link fills in the code as typed (any case, dashes), and says so when it cannot be a code', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    await browser.get('/r/k7m3-q9xa');
    expect(browser.page).toContain('value="K7M3Q9XA"');
    expect(browser.text).toContain(flat(t('web.resumeHint')));
    await browser.get('/r/0000');
    expect(browser.text).toContain(flat(t('web.resumeBad')));
    expect(browser.page).toContain('aria-invalid="true"');
  });
});

describe('answering', () => {
  it('start sets the session cookie and shows the first question with its map, code and resume link, never cached', async () => {
    const { app, store } = await setup();
    const browser = new Browser(app);
    await browser.get('/');
    const started = await browser.post('/chat/start', { _csrf: browser.field('_csrf') });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toMatch(/^\/chat\?t=[A-Za-z0-9_-]{16}#now$/);
    const cookie = started.cookies.find((c) => c.name === SESSION_COOKIE) as { httpOnly?: boolean; sameSite?: string; maxAge?: number; path?: string };
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', maxAge: 400 * 86_400, path: '/' });
    const page = await browser.get(started.headers.location as string);
    expect(page.headers['cache-control']).toBe('no-store');
    // A store that keeps nothing past this run (memory) says so, in the web's words.
    expect(browser.text).toContain(flat(t('web.welcomeNotKept')));
    expect(browser.text).not.toContain(flat(t('conversation.welcomeNotKept')));
    expect(browser.text).toContain(flat(t('web.progress', { answered: 0, remaining: 0 }).split('0')[0] as string));
    const code = /<p class="code">([A-Z0-9]{4})-([A-Z0-9]{4})<\/p>/.exec(browser.page);
    expect(code).not.toBeNull();
    expect(browser.page).toContain(`value="${BASE}r/${code?.[1]}${code?.[2]}"`);
    expect(browser.page).toContain('aria-current="step"');
    // One campaign: no 切换 in the menu.
    expect(browser.page).not.toContain('value="切换"');
    expect(await storedAnswers(store, browser)).toEqual({});
  });

  it('the home page of a browser with a session is its chat; starting again without "fresh" keeps that session', async () => {
    const { store, browser } = await startedChat();
    await browser.answer('同一会话有限公司');
    const cookie = browser.cookies.get(SESSION_COOKIE);
    await browser.get('/');
    expect(browser.questionForm().q).toBe('credit_code');
    expect(browser.page).toContain('class="bar"');
    await browser.start();
    expect(browser.cookies.get(SESSION_COOKIE)).toBe(cookie);
    expect(await storedAnswers(store, browser)).toMatchObject({ unit_name: '同一会话有限公司' });
  });

  it('shows no progress while a campaign is being chosen, and marks the section being changed as the current one', async () => {
    const { service, browser } = await startedChat({ campaigns: [changji, wenshui] });
    expect(browser.page).not.toContain('class="bar"');
    expect(browser.page).not.toContain('aria-current="step"');
    await browser.submit('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), text: '1' });
    expect(browser.page).toContain('class="bar"');
    const lines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA));
    for (const line of lines.slice(0, 25)) await browser.answer(line);
    const before = /<li class="current"[^>]*title="([^"]*)"/.exec(browser.page)?.[1] ?? '';
    expect(before).not.toContain('基本信息');
    const key = sessionKey(browser);
    await service.handle(key, { type: 'user.edit', questionId: 'unit_name' });
    await browser.get('/chat');
    const current = /<li class="current"[^>]*title="([^"]*)"/.exec(browser.page)?.[1] ?? '';
    expect(current).toContain('基本信息');
  });

  it('a typed answer and a button are recorded; the page after them shows the next question and the progress', async () => {
    const { store, browser } = await startedChat();
    await browser.answer('测试有限公司');
    expect(await storedAnswers(store, browser)).toMatchObject({ unit_name: '测试有限公司' });
    expect(browser.questionForm().q).not.toBe('unit_name');
    // Answer typed questions until one with buttons, then press its first button.
    for (let i = 0; i < 6 && browser.options().length === 0; i++) {
      const lines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA));
      await browser.answer(lines[i + 1] as string);
    }
    const [value] = browser.options()[0] as [string, string];
    const before = Object.keys(await storedAnswers(store, browser)).length;
    await browser.submit('/chat', { ...browser.questionForm(), a: value });
    expect(Object.keys(await storedAnswers(store, browser)).length).toBe(before + 1);
    expect(browser.text).toMatch(/已答[1-9]/);
  });

  it('the same form posted twice records one answer and says so, showing the current question', async () => {
    const { store, browser } = await startedChat();
    const form = { ...browser.questionForm(), text: '第一次有限公司' };
    await browser.submit('/chat', form);
    const after = await storedAnswers(store, browser);
    await browser.submit('/chat', { ...form, text: '第二次有限公司' });
    expect(browser.text).toContain(flat(t('web.resubmitted')));
    expect(browser.text).not.toContain(flat(t('conversation.stale')));
    expect(await storedAnswers(store, browser)).toEqual(after);
    expect(after).toMatchObject({ unit_name: '第一次有限公司' });
  });

  it('an old page\'s link shows the current question, not the old turn\'s replies', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    await browser.get('/');
    const first = (await browser.post('/chat/start', { _csrf: browser.field('_csrf') })).headers.location as string;
    await browser.get(first);
    await browser.answer('旧页面有限公司');
    const second = browser.questionForm().q;
    await browser.get(first);
    expect(browser.text).not.toContain(flat(t('web.welcome')));
    expect(browser.questionForm().q).toBe(second);
    expect(second).not.toBe('unit_name');
  });

  it('commands: 返回 goes back, pdf opens the files page, 退出 says the progress is kept; an empty typed answer is asked again', async () => {
    const { store, browser } = await startedChat();
    await browser.answer('命令有限公司');
    await browser.command('返回');
    expect(browser.questionForm().q).toBe('unit_name');
    const pdf = await browser.post('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), text: 'pdf' });
    expect(pdf.statusCode).toBe(303);
    expect(pdf.headers.location).toBe('/chat/files');
    await browser.submit('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), text: '退出' });
    expect(browser.text).toContain(flat(t('web.quit')));
    expect(browser.questionForm().q).toBe('unit_name');
    const answers = await storedAnswers(store, browser);
    await browser.submit('/chat', { ...browser.questionForm(), text: '   ' });
    expect(await storedAnswers(store, browser)).toEqual(answers);
    expect(browser.questionForm().q).toBe('unit_name');
  });

  it('a menu button (m) is that command; a typed command word too', async () => {
    const { browser } = await startedChat();
    expect(browser.text).not.toContain(flat(t('help.whyTitle')));
    await browser.submit('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), m: '为什么问' });
    expect(browser.text).toContain(flat(t('web.progress', { answered: 0, remaining: 0 }).split('0')[0] as string));
    // The question is explained and stays open.
    expect(browser.text).toContain(flat(t('help.whyTitle')));
    expect(browser.questionForm().q).toBe('unit_name');
    await browser.answer('某某公司');
    expect(browser.text).not.toContain(flat(t('help.whyTitle')));
    // Typed, 帮助 on a question explains that question as well.
    await browser.submit('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), text: '帮助' });
    expect(browser.text).toContain(flat(t('web.title')));
    expect(browser.text).toContain(flat(t('help.whyTitle')));
    expect(browser.questionForm().q).toBe('credit_code');
  });
});

describe('refusals that keep the answers', () => {
  async function started() {
    const s = await startedChat();
    await s.browser.answer('拒绝有限公司');
    return s;
  }

  it('a post without its CSRF token is refused with 403 and a plain page', async () => {
    const { browser, store } = await started();
    const answers = await storedAnswers(store, browser);
    const { _csrf, ...rest } = browser.questionForm();
    const refused = await browser.post('/chat', { ...rest, text: '伪造' });
    expect(refused.statusCode).toBe(403);
    expect(browser.text).toContain(flat(t('web.csrf')));
    expect(browser.page).toContain('href="/"');
    expect((await browser.post('/chat', { ...rest, _csrf: 'forged', text: '伪造' })).statusCode).toBe(403);
    expect(await storedAnswers(store, browser)).toEqual(answers);
  });

  it('text over 500 characters is "too long", an odd field is "bad form", a body over 16 KB is 413', async () => {
    const { browser, store } = await started();
    const answers = await storedAnswers(store, browser);
    const long = await browser.post('/chat', { ...browser.questionForm(), text: '长'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('web.tooLong', { max: 500 })));
    await browser.get('/chat');
    const odd = await browser.post('/chat', { ...browser.questionForm(), a: 'has space' });
    expect(odd.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('web.badForm')));
    await browser.get('/chat');
    const badCmd = await browser.post('/chat', { ...browser.questionForm(), cmd: 'rm -rf' });
    expect(badCmd.statusCode).toBe(400);
    await browser.get('/chat');
    const huge = await browser.post('/chat', { ...browser.questionForm(), text: 'x'.repeat(17 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(browser.text).toContain(flat(t('web.tooLong', { max: 500 })));
    await browser.get('/chat');
    const badStart = await browser.post('/chat/start', { _csrf: browser.field('_csrf'), start: 'no-such-campaign' });
    expect(badStart.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('web.badForm')));
    expect(browser.page).toContain('href="/"');
    expect(await storedAnswers(store, browser)).toEqual(answers);
  });

  it('a form with neither answer nor command shows the question again with "bad form"', async () => {
    const { browser, store } = await started();
    const answers = await storedAnswers(store, browser);
    await browser.submit('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f') });
    expect(browser.text).toContain(flat(t('web.badForm')));
    expect(browser.page).toContain('<section class="card q"');
    expect(await storedAnswers(store, browser)).toEqual(answers);
  });

  it('a post whose session cookie is gone gets the landing page with the cookie notice; a forged cookie is no session', async () => {
    const { browser, app } = await started();
    const form = browser.questionForm();
    browser.cookies.delete(SESSION_COOKIE);
    const lost = await browser.post('/chat', { ...form, text: '没有会话' });
    expect(lost.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('web.noCookie')));
    const other = new Browser(app);
    other.cookies.set(SESSION_COOKIE, 'AAAAAAAAAAAAAAAAAAAAAAAA.forged-signature');
    await other.get('/chat');
    expect(other.text).toContain(flat(t('web.noCookie')));
    const fresh = new Browser(app);
    await fresh.get('/chat');
    expect(fresh.text).not.toContain(flat(t('web.noCookie')));
    expect(fresh.text).toContain(flat(t('web.start')));
  });

  it('while Redis is down: 503 with "try again", and the chat carries on once it is back', async () => {
    const redis = await startRedis({ persist: true });
    cleanups.push(() => redis.stop());
    const store = new RedisStore({ url: redis.url, prefix: 'webroutes:', retentionSeconds: 3600 });
    await store.connect();
    cleanups.push(() => store.close());
    const { app, log, browser } = await startedChat({ store });
    // Redis keeps the answers: the web says so, with the resume code.
    expect(browser.text).toContain(flat(t('web.welcome')));

    const form = browser.questionForm();
    await redis.kill();
    const down = await browser.post('/chat', { ...form, text: '宕机有限公司' });
    expect(down.statusCode).toBe(503);
    expect(browser.text).toContain(flat(t('web.unavailable')));
    expect((await browser.get('/')).statusCode).toBe(503);
    // A first visit needs no store: the landing page still opens.
    expect((await new Browser(app).get('/')).statusCode).toBe(200);
    expect(log.entries().some((e) => e.msg === 'web: store unavailable')).toBe(true);
    await redis.restart();
    // Back once the store's connection is (the same poll as the program's /readyz).
    await expect.poll(async () => (await browser.get('/chat')).statusCode, { timeout: 15_000 }).toBe(200);
    // The first answer after the outage is checked against the store first, and the unit told the result.
    await browser.answer('恢复有限公司');
    expect(browser.text).toContain(flat(t('conversation.lastNotSaved')));
    expect(browser.questionForm().q).toBe('unit_name');
    await browser.answer('恢复有限公司');
    expect(await storedAnswers(store, browser)).toMatchObject({ unit_name: '恢复有限公司' });
  });
});

describe('resume codes and forgetting', () => {
  it('a second browser resumes with the code where the first left off; an unknown code is a 404, a malformed one 400', async () => {
    const { app, store } = await setup();
    const first = new Browser(app);
    await first.get('/');
    await first.start();
    await first.answer('恢复码有限公司');
    const code = (/<p class="code">([A-Z0-9-]{9})<\/p>/.exec(first.page)?.[1] ?? '').toLowerCase();

    const second = new Browser(app);
    await second.get('/');
    await second.submit('/chat/resume', { _csrf: second.field('_csrf'), code });
    expect(second.text).toContain(flat(t('web.resumed')));
    expect(second.questionForm().q).toBe(first.questionForm().q);
    expect(await storedAnswers(store, second)).toEqual(await storedAnswers(store, first));

    const third = new Browser(app);
    await third.get('/');
    const unknown = await third.post('/chat/resume', { _csrf: third.field('_csrf'), code: 'AAAA-AAAA' });
    expect(unknown.statusCode).toBe(404);
    expect(third.text).toContain(flat(t('web.resumeUnknown')));
    expect(third.page).toContain('value="AAAAAAAA"');
    const bad = await third.post('/chat/resume', { _csrf: third.field('_csrf'), code: '12' });
    expect(bad.statusCode).toBe(400);
    expect(third.text).toContain(flat(t('web.resumeBad')));
  });

  it('guessing codes is limited per minute: past the limit, 429 with a plain page', async () => {
    const { app } = await setup({ env: { WEB_RESUME_RATE_LIMIT: '3' } });
    const browser = new Browser(app);
    await browser.get('/');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await browser.post('/chat/resume', { _csrf: browser.field('_csrf'), code: 'CCCC-CCCC' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect(browser.text).toContain(flat(t('web.tooMany')));
  });

  it('a browser with a session sees 继续, and a campaign link offers a second button that starts afresh, leaving the old session', async () => {
    const { app, store } = await setup({ campaigns: [changji, wenshui] });
    const browser = new Browser(app);
    await browser.get('/');
    await browser.start({ start: 'changji-2024' });
    await browser.answer('旧会话有限公司');
    const oldCookie = browser.cookies.get(SESSION_COOKIE);
    await browser.get('/start/wenshui-2022');
    expect(browser.text).toContain(flat(t('web.haveSession')));
    expect(browser.text).toContain(flat(t('web.startFresh')));
    // With several campaigns, 切换 is in the menu.
    await browser.get('/chat');
    expect(browser.page).toContain('value="切换"');
    await browser.get('/start/wenshui-2022');
    // The page's own second button, pressed as a unit would.
    expect(browser.page).toContain(`<button class="btn alt" type="submit">${t('web.startFresh')}</button>`);
    const started = await browser.press(t('web.startFresh'));
    expect(started.statusCode).toBe(303);
    expect(browser.cookies.get(SESSION_COOKIE)).not.toBe(oldCookie);
    await browser.get(started.headers.location as string);
    expect(await storedAnswers(store, browser)).toEqual({});
    expect(browser.text).toContain(flat(wenshui.title));
    expect(browser.questionForm().q).toBe('unit_name');
  });

  it('删除我的数据, confirmed, deletes the session, clears the cookie and says so on the landing page', async () => {
    const { store, browser } = await startedChat();
    await browser.answer('删除有限公司');
    const key = sessionKey(browser);
    await browser.command('删除我的数据');
    const confirmed = await browser.post('/chat', { ...browser.questionForm(), m: '是' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/?m=forgotten');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await store.load(key)).toBeUndefined();
    await browser.get('/?m=forgotten');
    expect(browser.text).toContain(flat(t('web.forgotten')));
    expect((await browser.get('/?m=other')).statusCode).toBe(200);
    expect(browser.text).not.toContain(flat(t('web.forgotten')));
  });
});

describe('the end of the review and the files', () => {
  it('a finished review shows the summary with its PDF link; the files page lists the PDFs, which download', async () => {
    const { browser } = await startedChat();
    for (const line of typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA))) await browser.answer(line);
    expect(browser.page).toContain('class="card summary text"');
    const summary = /<a class="btn" href="(\/d\/[^"]+)">/.exec(browser.page)?.[1] as string;
    expect(browser.text).toContain(flat(t('web.summaryPdf')));
    expect(browser.text).not.toContain(flat(t('web.wechat')));
    const pdf = await browser.get(summary);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const files = await browser.get('/chat/files');
    expect(files.headers['cache-control']).toBe('no-store');
    expect(browser.text).toContain(flat(t('web.filesIntro', { days: 7 })));
    expect(browser.text).toContain(flat(t('web.pdf.summary')));
    expect(browser.text).toContain(flat(t('web.pdf.checklist')));
    const links = [...browser.page.matchAll(/<a class="btn" href="(\/d\/[^"]+)" target="_blank"/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) expect((await browser.get(link)).headers['content-type']).toBe('application/pdf');
    // Not in WeChat: no copy boxes.
    expect(browser.page).not.toContain('data-copy="link0"');
  });

  it('in WeChat\'s browser the summary and the files page say to open PDFs in the system browser, with links to copy', async () => {
    const { browser } = await startedChat({}, 'Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.47');
    for (const line of typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA))) await browser.answer(line);
    expect(browser.text).toContain(flat(t('web.wechat')));
    await browser.get('/chat/files');
    expect(browser.text).toContain(flat(t('web.wechat')));
    expect(browser.page).toMatch(new RegExp(`id="link0" readonly value="${BASE.replace(/\./g, '\\.')}d/`));
  });

  it('without a session the files page is the landing page', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    await browser.get('/chat/files');
    expect(browser.text).toContain(flat(t('web.start')));
  });
});

describe('the web\'s own guards: the CSRF cookie, the body limit, error pages, the rate limit\'s scope', () => {
  it('the CSRF secret is a signed, HttpOnly, Lax cookie for the whole site; starting or resuming without the token is refused', async () => {
    const { app, store } = await setup();
    const browser = new Browser(app);
    const home = await browser.get('/');
    const secret = home.cookies.find((c) => c.name === '_csrf') as { value: string; httpOnly?: boolean; sameSite?: string; path?: string };
    expect(secret).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(unsign(decodeURIComponent(secret.value), COOKIE_SECRET).valid).toBe(true);
    for (const url of ['/chat/start', '/chat/resume']) {
      const refused = await browser.post(url, { code: 'AAAA-AAAA' });
      expect(refused.statusCode, url).toBe(403);
      expect(browser.text).toContain(flat(t('web.csrf')));
    }
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('every form post is limited to 16 KB, not only the chat\'s; a body it cannot read is "bad form"', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    await browser.get('/');
    const huge = await browser.post('/chat/start', { _csrf: browser.field('_csrf'), start: 'x'.repeat(17 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(browser.text).toContain(flat(t('web.tooLong', { max: 500 })));
    const json = await browser.post('/chat', {}, { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(browser.text).toContain(flat(t('web.badForm')));
    expect(browser.page).toContain('href="/"');
  });

  it('only the resume form is rate-limited: more than a thousand requests a minute from one address are all served', async () => {
    const { app } = await setup();
    const browser = new Browser(app);
    const statuses = new Set<number>();
    for (let i = 0; i < 1001; i++) statuses.add((await browser.get('/favicon.ico')).statusCode);
    expect([...statuses]).toEqual([204]);
  });

  it('with a staff directory the dashboard is served beside the chat, under the same cookies and forms', async () => {
    const { app } = await setup({ directory: new StaffDirectory([], [changji]) });
    const browser = new Browser(app);
    const signIn = await browser.get('/staff/login');
    expect(signIn.statusCode).toBe(200);
    expect(browser.field('_csrf')).not.toBe('');
  });

  it('a stored last page that cannot be read shows the current question instead, and says so in the log', async () => {
    const { store, browser, log } = await startedChat();
    const { turn } = JSON.parse((await store.loadView(sessionKey(browser))) ?? '{}') as { turn: string };
    const asked = browser.questionForm().q;
    for (const broken of ['{not json', '{"turn":1}']) {
      await store.saveView(sessionKey(browser), broken);
      expect((await browser.get(`/chat?t=${turn}`)).statusCode).toBe(200);
      expect(browser.questionForm().q).toBe(asked);
    }
    expect(log.entries().filter((e) => e.msg === 'web: stored page unreadable, current question shown').map((e) => [e.level, e.bytes])).toEqual([['warn', 9], ['warn', 10]]);
  });

  it('a failure of the web\'s own (here a store that cannot read its pages) is a plain 500 page that leads home', async () => {
    /** A fault no store of ours reports as being unavailable: a bug, not an outage. */
    class UnreadableViews extends MemoryStore {
      override async loadView(): Promise<string | undefined> {
        throw new Error('views unreadable');
      }
    }
    const { browser, log } = await startedChat({ store: new UnreadableViews({ retentionSeconds: 3600 }) });
    const failed = await browser.get(`/chat?t=${'x'.repeat(16)}`);
    expect(failed.statusCode).toBe(500);
    expect(browser.text).toContain(flat(t('web.error')));
    expect(browser.page).toContain('href="/"');
    expect(log.entries().some((e) => e.level === 'error' && e.msg === 'web handler failed')).toBe(true);
  });
});

describe('what a chat page shows', () => {
  it('a turn\'s words show only on its own link, and only while the conversation is still where that turn left it', async () => {
    const { store, service, browser } = await startedChat();
    const lines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA));
    await browser.answer(lines[0] as string);
    await browser.submit('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), text: '退出' });
    expect(browser.text).toContain(flat(t('web.quit')));
    const key = sessionKey(browser);
    const { turn } = JSON.parse((await store.loadView(key)) ?? '{}') as { turn: string };
    // Another turn's link, the conversation unchanged: the current question alone.
    await browser.get('/chat?t=AAAAAAAAAAAAAAAA');
    expect(browser.text).not.toContain(flat(t('web.quit')));
    expect(browser.questionForm().q).toBe('credit_code');
    // The quit turn's own link once the conversation has moved on without a page kept (another process, a crash between the saves).
    await service.handle(key, { type: 'user.answer', input: lines[1] as string });
    await browser.get(`/chat?t=${turn}`);
    expect(browser.text).not.toContain(flat(t('web.quit')));
    expect(browser.questionForm().q).not.toBe('credit_code');
  });

  it('a stored last page that is not a list of replies, or none at all, gives the current question', async () => {
    const { app, store, service, browser } = await startedChat();
    const key = sessionKey(browser);
    const { turn, rev } = JSON.parse((await store.loadView(key)) ?? '{}') as { turn: string; rev: number };
    for (const replies of [[null], [1], [{ text: 'no kind' }]]) {
      await store.saveView(key, JSON.stringify({ turn, rev, replies }));
      expect((await browser.get(`/chat?t=${turn}`)).statusCode).toBe(200);
      expect(browser.questionForm().q).toBe('unit_name');
    }
    // A session saved without its page (a crash between the two saves): its question, whatever turn the link names.
    const id = 'B'.repeat(24);
    await service.handle(webKey(id), { type: 'user.start' });
    const other = new Browser(app);
    other.cookies.set(SESSION_COOKIE, encodeURIComponent(sign(id, COOKIE_SECRET)));
    expect((await other.get(`/chat?t=${turn}`)).statusCode).toBe(200);
    expect(other.questionForm().q).toBe('unit_name');
  });

  it('starting again on a session says welcome back, where the unit stands', async () => {
    const { browser } = await startedChat();
    await browser.answer('欢迎回来有限公司');
    await browser.start();
    expect(browser.text).toContain(flat(t('conversation.welcomeBack')));
    expect(browser.questionForm().q).toBe('credit_code');
  });

  it('the progress is the chosen campaign\'s, hidden while changing campaign or filling in a form; the files are that campaign\'s', async () => {
    const { browser } = await startedChat({ campaigns: [changji, wenshui] });
    // No campaign yet: no file can be made, none is offered.
    await browser.get('/chat/files');
    expect(browser.page).not.toContain('href="/d/');
    await browser.get('/chat');
    await browser.start({ start: 'wenshui-2022' });
    const remaining = assess(wenshui, {}, IN_WINDOW).remaining;
    expect(assess(changji, {}, IN_WINDOW).remaining).not.toBe(remaining);
    expect(browser.text).toContain(flat(t('web.progress', { answered: 0, remaining })));
    // A campaign without a written review: its summary only.
    expect((await browser.get('/chat/files')).statusCode).toBe(200);
    expect([...browser.page.matchAll(/href="\/d\//g)]).toHaveLength(1);
    await browser.get('/chat');
    await browser.command('切换');
    expect(browser.text).toContain(flat(t('conversation.chooseCampaign')));
    expect(browser.page).not.toContain('class="bar"');
    const [choice] = browser.options().find(([, label]) => label.includes(wenshui.title)) as [string, string];
    await browser.submit('/chat', { ...browser.questionForm(), a: choice });
    expect(browser.page).toContain('class="bar"');
    // Typed at a question, 异议 starts the form: it is not the question's answer.
    const asked = browser.questionForm().q;
    expect(asked).toBeDefined();
    await browser.answer('异议');
    expect(browser.text).toContain(flat('劳动保障信用信息异议申请'));
    expect(browser.page).not.toContain('class="bar"');
    for (const line of ['1', '2024年11月的处罚记录', '跳过', '2025年4月29日', '否']) await browser.answer(line);
    // Back at the question it was typed at, still unanswered.
    expect(browser.questionForm().q).toBe(asked);
    expect(browser.text).toContain(flat(t('web.progress', { answered: 0, remaining })));
    await browser.get('/chat/files');
    const labels = [...browser.page.matchAll(/<a class="btn" href="\/d\/[^"]+" target="_blank"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels).toContain(t('web.pdf.summary'));
    const form = labels.find((l) => l?.includes('异议'));
    expect(form).toBeDefined();
    expect(form).not.toMatch(/\.pdf|Stryker/);
  });
});

describe('posts that must not count twice', () => {
  it('the same command posted twice (a double tap on 返回) goes back once; a blank answer is asked again, saying why', async () => {
    const { browser } = await startedChat();
    const lines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA));
    await browser.answer(lines[0] as string);
    await browser.answer(lines[1] as string);
    const form = { _csrf: browser.field('_csrf'), f: browser.field('f'), cmd: '返回' };
    await browser.submit('/chat', form);
    expect(browser.questionForm().q).toBe('credit_code');
    await browser.submit('/chat', form);
    expect(browser.text).toContain(flat(t('web.resubmitted')));
    expect(browser.questionForm().q).toBe('credit_code');
    await browser.submit('/chat', { ...browser.questionForm(), text: '' });
    expect(browser.text).toContain(flat(t('answer.empty')));
  });

  it('a page left open in another tab cannot answer once the question under it has changed: pressed, typed or blank', async () => {
    const { app, store, browser } = await startedChat();
    const lines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA));
    for (let i = 0; i < 8 && browser.options().length === 0; i++) await browser.answer(lines[i] as string);
    const buttons = browser.options();
    expect(buttons.length).toBeGreaterThan(1);
    const tab = async () => {
      const other = new Browser(app);
      other.cookies = new Map(browser.cookies);
      await other.get('/chat');
      return other;
    };
    const refused = async (other: Browser, form: Record<string, string>) => {
      const before = await storedAnswers(store, browser);
      await other.submit('/chat', { ...other.questionForm(), ...form });
      expect(other.text).toContain(flat(t('web.resubmitted')));
      expect(other.text).not.toContain(flat(t('conversation.stale')));
      expect(other.page).toContain('<section class="card q"');
      expect(await storedAnswers(store, browser)).toEqual(before);
    };
    // Answered and then shown again by 返回: the same question at a later revision, which the old tabs' revision gives away.
    const [pressed, blank] = [await tab(), await tab()];
    await browser.submit('/chat', { ...browser.questionForm(), a: buttons[0]?.[0] as string });
    await browser.command('返回');
    await refused(pressed, { a: buttons[1]?.[0] as string });
    await refused(blank, { text: '' });
    // 返回 again shows the question before at the same revision: the old tabs' question id gives them away.
    const [pressedAgain, typed] = [await tab(), await tab()];
    await browser.command('返回');
    await refused(pressedAgain, { a: buttons[1]?.[0] as string });
    await refused(typed, { text: '另一个标签页有限公司' });
  });

  it('a too-long answer is named as such beside another bad field; any other field too long, or text posted twice, is "bad form"', async () => {
    const { app, browser } = await startedChat();
    const form = browser.questionForm();
    await browser.post('/chat', { ...form, text: '长'.repeat(501), f: 'not-a-form-id' });
    expect(browser.text).toContain(flat(t('web.tooLong', { max: 500 })));
    await browser.post('/chat', { ...form, a: 'x'.repeat(25) });
    expect(browser.text).toContain(flat(t('web.badForm')));
    expect(browser.text).not.toContain(flat(t('web.tooLong', { max: 500 })));
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const twice = await app.inject({ method: 'POST', url: '/chat', payload: `${new URLSearchParams(form).toString()}&text=a&text=b`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain(t('web.badForm'));
    expect(twice.body).not.toContain(t('web.tooLong', { max: 500 }));
  });

  it('a session whose answers were deleted on another device still gets its 退出 and bad-form pages', async () => {
    const { store, browser } = await startedChat();
    await store.forget(sessionKey(browser), [changji.id]);
    for (const form of [{ text: '退出' }, {}] as Record<string, string>[]) {
      const posted = await browser.post('/chat', { _csrf: browser.field('_csrf'), f: browser.field('f'), ...form });
      expect(posted.statusCode).toBe(303);
    }
    await browser.get('/chat');
    expect(browser.text).toContain(flat(t('web.start')));
  });

  it('a code whose answers are gone (expired, or never saved) is unknown, and gives no session', async () => {
    const { app, store } = await setup();
    await store.claimResumeCode('CCCCDDDD', webKey('C'.repeat(24)));
    const browser = new Browser(app);
    await browser.get('/');
    const gone = await browser.post('/chat/resume', { _csrf: browser.field('_csrf'), code: 'CCCC-DDDD' });
    expect(gone.statusCode).toBe(404);
    expect(browser.text).toContain(flat(t('web.resumeUnknown')));
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe('the chat pages as served (golden files, what varies per request put aside)', () => {
  it('landing, a question, a typed answer refused, the review, the summary, its files, in WeChat, a 404', async () => {
    const { app, browser } = await startedChat({ campaigns: [changji, wenshui] });
    const pages: [string, string][] = [];
    const keep = (name: string) => pages.push([name, golden(browser.page)]);
    await new Browser(app).get('/').then((r) => pages.push(['landing', golden(r.body)]));
    await browser.get('/chat');
    keep('choose-campaign');
    const [choice] = browser.options().find(([, label]) => label.includes(changji.title)) as [string, string];
    await browser.submit('/chat', { ...browser.questionForm(), a: choice });
    keep('first-question');
    const lines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA));
    for (const line of lines.slice(0, 4)) await browser.answer(line);
    keep('choice-question');
    expect((await browser.post('/chat', { ...browser.questionForm(), text: 'x'.repeat(501) })).statusCode).toBe(400);
    keep('too-long');
    await browser.get('/chat');
    await browser.command('查看');
    keep('review');
    await browser.submit('/chat', { ...browser.questionForm(), m: '继续' });
    for (const line of lines.slice(4)) await browser.answer(line);
    keep('summary');
    await browser.get('/chat/files');
    keep('files');
    await browser.get('/chat/files', { 'user-agent': WECHAT_UA });
    keep('files-wechat');
    await browser.get('/nowhere');
    keep('not-found');
    for (const [name, page] of pages) await expect(page, name).toMatchFileSnapshot(`__pages__/chat-${name}.html`);
  });
});
