/**
 * The details of the web pages that the golden pages do not show: the keypad of a phone or credit code
 * question, a confirmation's buttons, the menu with one campaign, a session without a code, the landing page
 * of a browser that already has a session, the empty files page; and on the dashboard the overview of a
 * campaign without a review, long drop-off and missing-materials charts, the campaign switcher, the units
 * pager, the days box, grade and actions cells, an invitation without Telegram and a roster refused for
 * several lines. The real app in this process (memory stores), pages read back as HTML.
 */
import { sign } from '@fastify/cookie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import type { StaffScope } from '../../src/app/staff-service.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import { withCampaign } from '../../src/adapters/web/dashboard-pages.ts';
import { SESSION_COOKIE, webKey } from '../../src/adapters/web/session.ts';
import { hashPassword } from '../../src/adapters/web/staff-auth.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import type { AnswerValue, Answers } from '../../src/core/conditions.ts';
import { findStep } from '../../src/core/engine.ts';
import { t } from '../../src/core/text.ts';
import { mountWeb } from '../../src/run-web.ts';
import { captureLog } from '../support/capture-log.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';
import { seedUnits, type SeedUnit } from '../support/reminders.ts';
import { creditCode } from '../support/staff.ts';
import { Browser, flat } from '../support/web-client.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const COOKIE_SECRET = 'test-cookie-secret-that-is-long-enough-0123456789';
const BASE = 'https://nianshen.example.test/';
const PASSWORD = 'page-details-test-password';
const clock = () => IN_WINDOW;
const MINUTE = 60_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

/** The web as `src/run-web.ts` mounts it, on a memory store, with the dashboard's clerks: 王 (阜康), and with Wenshui 双 (阜康 and Wenshui). */
async function serve(campaigns: Campaign[] = [changji]) {
  const store = new MemoryStore({ retentionSeconds: 30 * 86_400, now: () => IN_WINDOW.getTime() });
  const service = new ConversationService({ campaigns, store, clock });
  const documents = new DocumentService(service, campaigns, clock, renderPdf);
  const directory = new StaffDirectory([
    { name: '阜康市人社局 王', telegramIds: [], areas: ['fukang'], login: 'wang', passwordHash },
    ...(campaigns.includes(wenshui) ? [{ name: '阜康文水人社局 双', telegramIds: [], areas: ['fukang', 'wenshui'], login: 'shuang', passwordHash }] : []),
  ], campaigns);
  const config = loadConfig({ WEB: 'true', COOKIE_SECRET, WEB_BASE_URL: BASE, NIANSHEN_NOW: IN_WINDOW.toISOString() });
  const app = createHttpServer();
  mountWeb(app, { config, service, store, documents, logger: captureLog('debug').logger, directory, staffStores: { roster: new MemoryRosterStore(), audit: new MemoryAuditLog() } });
  await app.ready();
  cleanups.push(() => app.close());
  return { app, store, service };
}

/** A browser that opened the landing page and pressed 开始 (one campaign: at its first question). */
async function startedBrowser(campaigns?: Campaign[]): Promise<Browser> {
  const { app } = await serve(campaigns);
  const browser = new Browser(app);
  await browser.get('/');
  await browser.start();
  return browser;
}

/** The last question card of the page. */
const lastQuestion = (browser: Browser) => browser.page.match(/<section class="card q"[\s\S]*?<\/section>/g)?.at(-1) ?? '';
/** The typed-answer box of the last question, as drawn. */
const textBox = (browser: Browser) => /<input type="text" id="t\d+" name="text"[^>]*>/.exec(lastQuestion(browser))?.[0];
/** The words of an HTML fragment (compare with `flat`). */
const textOf = (fragment: string) =>
  flat(fragment.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

/** Answers the questions of `answers` in order until the page asks `question`. */
async function answerUntil(browser: Browser, answers: Answers, question: string) {
  for (const line of typedConversation(changji, answers)) {
    if (browser.questionForm().q === question) return;
    await browser.answer(line);
  }
  expect(browser.questionForm().q).toBe(question);
}

describe('a question page', () => {
  it('the unit name opens the text keypad; the credit code capitalises what is typed and does not spell-check it', async () => {
    const browser = await startedBrowser();
    expect(browser.questionForm().q).toBe('unit_name');
    expect(textBox(browser)?.replace(/id="t\d+"/, 'id="t"')).toBe('<input type="text" id="t" name="text" inputmode="text" maxlength="500" autocomplete="off" required>');
    await browser.answer('键盘有限公司');
    expect(browser.questionForm().q).toBe('credit_code');
    expect(textBox(browser)).toContain(' autocapitalize="characters" spellcheck="false"');
  });

  it('the contact phone opens the phone keypad', async () => {
    const browser = await startedBrowser();
    await answerUntil(browser, completeAnswers(changji, PROFILES.enterpriseA), 'contact_phone');
    expect(textBox(browser)).toContain(' inputmode="tel" ');
    expect(textBox(browser)).not.toContain('autocapitalize');
  });
});

describe('a confirmation page (重新开始, 删除我的数据)', () => {
  for (const command of ['重新开始', '删除我的数据']) {
    it(`${command} asks with a red 是 and a plain 取消 button, and no text box`, async () => {
      const browser = await startedBrowser();
      await browser.answer('确认有限公司');
      await browser.command(command);
      const card = lastQuestion(browser);
      expect([...card.matchAll(/<button class="([^"]*)" type="submit" name="m" value="([^"]*)">/g)].map((m) => [m[2], m[1]])).toEqual([
        ['是', 'btn danger'],
        ['取消', 'btn alt'],
      ]);
      expect(card).not.toContain('name="text"');
      expect(card.match(/<form /g)).toHaveLength(1);
    });
  }
});

describe('a chat page\'s menu and code box', () => {
  it('with one campaign, the menu offers every command but 切换: three in sight, the rest folded under 更多操作', async () => {
    const browser = await startedBrowser();
    const nav = /<nav class="menu"[\s\S]*?<\/nav>/.exec(browser.page)?.[0] ?? '';
    const commands = (part: string) => [...part.matchAll(/name="cmd" value="([^"]*)">([^<]*)</g)].map((m) => [m[1], m[2]]);
    const [inSight, more] = nav.split('<details>') as [string, string];
    expect(commands(inSight)).toEqual([['返回', t('web.cmd.back')], ['查看', t('web.cmd.review')], ['帮助', t('web.cmd.help')]]);
    expect(commands(more)).toEqual([
      ['跳过', t('web.cmd.skip')],
      ['进度', t('web.cmd.status')],
      ['材料清单', t('web.cmd.checklist')],
      ['联系方式', t('web.cmd.contact')],
      ['重新开始', t('web.cmd.restart')],
      ['删除我的数据', t('web.cmd.forget')],
    ]);
  });

  it('a session without a resume code shows no code box, and nothing in its place', async () => {
    const { app, service } = await serve();
    // A session saved without a code (as a crash between the two saves leaves it).
    const id = 'C'.repeat(24);
    await service.handle(webKey(id), { type: 'user.start' });
    const browser = new Browser(app);
    browser.cookies.set(SESSION_COOKIE, encodeURIComponent(sign(id, COOKIE_SECRET)));
    expect((await browser.get('/chat')).statusCode).toBe(200);
    expect(browser.questionForm().q).toBe('unit_name');
    expect(browser.page).not.toContain('code-title');
    expect(/<\/nav>([\s\S]*?)<\/main>/.exec(browser.page)?.[1]?.trim()).toBe('');
  });
});

describe('the landing page of a browser that has a session', () => {
  it('a resume link offers only to continue that session: no start button, nothing else', async () => {
    const browser = await startedBrowser();
    const code = /<p class="code">([A-Z0-9]{4})-([A-Z0-9]{4})<\/p>/.exec(browser.page)?.slice(1).join('') as string;
    await browser.get(`/r/${code}`);
    const card = /<section class="card">([\s\S]*?)<\/section>/.exec(browser.page)?.[1] ?? '';
    expect(textOf(card)).toBe(flat(t('web.welcome') + t('web.haveSession') + t('web.continueSession')));
    expect(card).not.toContain('<form');
  });
});

describe('the files page', () => {
  it('with no files yet (no campaign chosen), it says so in a card, without the intro about links', async () => {
    const browser = await startedBrowser([changji, wenshui]);
    expect(browser.options().map(([, label]) => label)).toContain(wenshui.title);
    expect((await browser.get('/chat/files')).statusCode).toBe(200);
    expect(browser.page).toContain(`<section class="card">${t('web.filesNone')}</section>`);
    expect(browser.text).not.toContain(flat(t('web.filesIntro', { days: 7 })));
    expect(browser.page).not.toContain('href="/d/');
  });
});

// ---------------------------------------------------------------------------------------------- dashboard

/** The web with these units saved (as the conversation saves them) and a clerk signed in. */
async function dashboard(o: { login?: 'wang' | 'shuang'; campaigns?: Campaign[]; units?: SeedUnit[] } = {}) {
  const s = await serve(o.campaigns);
  if (o.units) await seedUnits(s.store, changji, o.units);
  const browser = new Browser(s.app);
  await browser.get('/staff/login');
  const done = await browser.post('/staff/login', { _csrf: browser.field('_csrf'), login: o.login ?? 'wang', password: PASSWORD });
  expect(done.statusCode).toBe(303);
  return { ...s, browser };
}

/** A unit of 阜康 that answers every question (materials as given), through the conversation. */
async function finishedUnit(service: ConversationService, key: string, given: Answers) {
  const answers = completeAnswers(changji, { ...given, area: 'fukang' });
  await service.handle(key, { type: 'user.start' });
  for (const line of typedConversation(changji, answers)) {
    const event = eventForText(line);
    if (typeof event !== 'string') await service.handle(key, event);
  }
}

/** A profile with every material it is asked about answered 没有. */
function lackingEverything(profile: Answers): Answers {
  const given: Record<string, AnswerValue | null> = { ...profile, area: 'fukang' };
  for (let round = 0; round < 10; round++) {
    const asked = Object.keys(completeAnswers(changji, given)).filter((id) => findStep(changji, id)?.material && given[id] !== false);
    if (asked.length === 0) return given;
    for (const id of asked) given[id] = false;
  }
  throw new Error('materials did not settle');
}

/** A chart's SVG, found by its title. */
const chart = (browser: Browser, title: string) => new RegExp(`<svg [^>]*aria-label="${title}：[\\s\\S]*?</svg>`).exec(browser.page)?.[0] ?? '';
/** The bars' titles (label：value) of a chart. */
const barTitles = (svg: string) => [...svg.matchAll(/<rect [^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1]);
/** The units table's rows, as their cells' HTML. */
const rows = (browser: Browser) => [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(browser.page)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] as string).matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1] as string));
/** The pager's links: [rel, href]. */
const pager = (browser: Browser) => [...(/<nav class="pager"[\s\S]*?<\/nav>/.exec(browser.page)?.[0] ?? '').matchAll(/<a href="([^"]*)" rel="([^"]*)">/g)].map((m) => [m[2], (m[1] as string).replace(/&amp;/g, '&')]);

describe('the overview', () => {
  it('of a campaign without a review (Wenshui): no verdicts chart, only the other charts\' cards', async () => {
    const { browser } = await dashboard({ login: 'shuang', campaigns: [changji, wenshui] });
    await browser.get(`/staff?c=${wenshui.id}`);
    const grid = /<div class="grid">([\s\S]*)<\/div>\s*<\/main>/.exec(browser.page)?.[1] ?? '';
    expect([...grid.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      t('dash.chart.byArea'),
      t('dash.chart.completion', { days: 30 }),
      t('dash.chart.grades'),
      t('dash.chart.dropOff'),
      t('dash.chart.missing'),
    ]);
    // Between the cards, nothing.
    expect(grid.replace(/<section class="card">[\s\S]*?<\/section>/g, '').trim()).toBe('');
    // Changji's has one.
    await browser.get(`/staff?c=${changji.id}`);
    expect(browser.page).toContain(`<h2>${t('dash.chart.verdicts')}</h2>`);
  });

  it('eleven questions where units stopped: the chart shows ten of them', async () => {
    const units = Array.from({ length: 11 }, (_, i) => ({ key: `tg:${8100 + i}`, answered: 4 + i }));
    const { browser } = await dashboard({ units });
    await browser.get('/staff');
    const stops = barTitles(chart(browser, t('dash.chart.dropOff')));
    expect(stops).toHaveLength(10);
    for (const s of stops) expect(s).toMatch(/：1$/);
  });

  it('units lacking materials: the chart lists ten of the fifteen they lack, each by name with its count', async () => {
    const { browser, service } = await dashboard();
    await finishedUnit(service, 'tg:8201', lackingEverything(PROFILES.enterpriseA));
    await finishedUnit(service, 'tg:8202', lackingEverything(PROFILES.organ));
    await browser.get('/staff');
    const lacking = barTitles(chart(browser, t('dash.chart.missing')));
    expect(lacking).toHaveLength(10);
    const names = new Set(changji.materials.map((m) => `${m.name}：1`));
    for (const l of lacking) expect(names.has(l as string), l).toBe(true);
    expect(new Set(lacking).size).toBe(10);
  });
});

describe('the campaign switcher', () => {
  it('marks the campaign on screen as selected, and only it', async () => {
    const { browser } = await dashboard({ login: 'shuang', campaigns: [changji, wenshui] });
    const options = () => [...browser.page.matchAll(/<option value="(changji-2024|wenshui-2022)"([^>]*)>([^<]*)<\/option>/g)].map((m) => [m[1], m[2], m[3]]);
    await browser.get(`/staff?c=${wenshui.id}`);
    expect(options()).toEqual([[changji.id, '', changji.title], [wenshui.id, ' selected', wenshui.title]]);
    await browser.get(`/staff?c=${changji.id}`);
    expect(options()).toEqual([[changji.id, ' selected', changji.title], [wenshui.id, '', wenshui.title]]);
  });
});

describe('the units page', () => {
  const many = Array.from({ length: 45 }, (_, i) => ({ key: `tg:${8300 + i}`, name: `阜康翻页${String(i).padStart(2, '0')}有限公司`, at: new Date(IN_WINDOW.getTime() - i * MINUTE) }));

  it('the pager links to the pages before and after, with no filter that was not set', async () => {
    const { browser } = await dashboard({ units: many });
    await browser.get('/staff/units');
    expect(pager(browser)).toEqual([['next', `/staff/units?c=${changji.id}&page=2`]]);
    await browser.get('/staff/units?page=2');
    expect(pager(browser)).toEqual([['prev', `/staff/units?c=${changji.id}&page=1`], ['next', `/staff/units?c=${changji.id}&page=3`]]);
    await browser.get('/staff/units?page=3');
    expect(pager(browser)).toEqual([['prev', `/staff/units?c=${changji.id}&page=2`]]);
  });

  it('the pager\'s links keep the filters; the days box keeps its number', async () => {
    const { browser } = await dashboard({ units: many });
    await browser.get('/staff/units?area=fukang&status=started&stuck=0&page=2');
    expect(pager(browser)).toEqual([
      ['prev', `/staff/units?c=${changji.id}&area=fukang&status=started&stuck=0&page=1`],
      ['next', `/staff/units?c=${changji.id}&area=fukang&status=started&stuck=0&page=3`],
    ]);
    await browser.get('/staff/units?stuck=7');
    expect(browser.page).toMatch(/<input type="number" id="f-stuck" name="stuck" min="0" max="999" value="7">/);
  });

  it('a link of the dashboard leaves out a filter that is absent or blank (as the units route passes none)', () => {
    const scope: StaffScope = { campaign: changji, areas: ['fukang'], member: { name: '阜康市人社局 王', telegramIds: [], areas: ['fukang'] } };
    expect(withCampaign('/staff/units', scope, { area: '', status: undefined, stuck: 0, page: 2 })).toBe(`/staff/units?c=${changji.id}&stuck=0&page=2`);
  });

  it('a finished unit shows its grade', async () => {
    const { browser } = await dashboard({ units: [{ key: 'tg:8401', name: '阜康评级有限公司', status: 'finished' }] });
    await browser.get('/staff/units');
    const [row] = rows(browser);
    expect(row?.[0]).toBe('阜康评级有限公司');
    expect(row?.[6]).toBe('A');
  });

  it('a roster unit not yet started: its actions are its invitation link, no PDF', async () => {
    const { browser } = await dashboard();
    await browser.get('/staff/roster');
    const csv = `单位名称,统一社会信用代码,所在地区\n名单丁有限公司,${creditCode(8501)},阜康市\n`;
    expect((await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv })).statusCode).toBe(200);
    await browser.get('/staff/units');
    const [row] = rows(browser);
    expect(row?.[0]).toBe('名单丁有限公司');
    expect(row?.[8]).toBe(`<a href="/staff/invite?c=${changji.id}&amp;code=${creditCode(8501)}">${t('dash.units.invite')}</a>`);
  });
});

describe('an invitation and the roster', () => {
  it('an invitation without a Telegram bot here: the web link and the QR code, nothing in Telegram\'s place', async () => {
    const { browser } = await dashboard();
    await browser.get('/staff/roster');
    const csv = `单位名称,统一社会信用代码,所在地区\n名单戊有限公司,${creditCode(8601)},阜康市\n`;
    await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv });
    expect((await browser.get(`/staff/invite?code=${creditCode(8601)}`)).statusCode).toBe(200);
    const card = /<section class="card"><h2>[\s\S]*?<\/section>/.exec(browser.page)?.[0] ?? '';
    const web = /<a href="([^"]*)">/.exec(card)?.[1] as string;
    expect(web).toMatch(new RegExp(`^${BASE.replace(/\./g, '\\.')}start/r_[A-Za-z0-9_-]+$`));
    expect(textOf(card.replace(/<svg[\s\S]*<\/svg>/, ''))).toBe(flat(t('dash.invite.title', { name: '名单戊有限公司' }) + t('dash.invite.web') + web + t('dash.invite.qr')));
  });

  it('a roster refused for two lines names each on a line of its own', async () => {
    const { browser } = await dashboard();
    await browser.get('/staff/roster');
    const csv = `单位名称,统一社会信用代码,所在地区\n奇台甲有限公司,${creditCode(8701)},奇台县\n奇台乙有限公司,${creditCode(8702)},奇台县\n`;
    expect((await browser.upload(`/staff/roster?_csrf=${encodeURIComponent(browser.field('_csrf'))}`, { field: 'file', name: 'roster.csv', type: 'text/csv', content: csv })).statusCode).toBe(400);
    const problem = (line: number) => t('staff.roster.problem', { line, message: t('roster.notYourArea', { area: '奇台县' }) });
    const alert = /<section class="card err" role="alert">([\s\S]*?)<\/section>/.exec(browser.page)?.[1] ?? '';
    expect(alert).toContain(`${problem(2)}<br>${problem(3)}`);
  });
});
