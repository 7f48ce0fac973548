/**
 * Proves the Telegram emulator works with the real telegraf client: no mocks, real
 * HTTP, real long polling and a real webhook server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Markup, Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import { inlineButtons, startTelegramEmulator, type TelegramEmulator } from './telegram-emulator.ts';

const ALICE = 4242;

let emu: TelegramEmulator;
/** Bots launched in polling mode by the current test, with their launch promises. */
let running: { bot: Telegraf; launched: Promise<void> }[] = [];
/** Errors telegraf caught in handlers (bot.catch), so they don't set process.exitCode. */
let handlerErrors: unknown[] = [];
let servers: http.Server[] = [];

function newBot(): Telegraf {
  const bot = new Telegraf(emu.token, { telegram: { apiRoot: emu.apiRoot } });
  // telegraf's default handler logs and sets process.exitCode = 1; tests assert instead.
  bot.catch((err) => {
    handlerErrors.push(err);
  });
  return bot;
}

/** launch() only resolves when the bot stops, so start it and wait until it is polling. */
async function launch(bot: Telegraf): Promise<void> {
  const launched = bot.launch({ dropPendingUpdates: false });
  running.push({ bot, launched });
  await emu.waitFor(() => emu.isPolling, 3000);
}

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  emu = await startTelegramEmulator();
  handlerErrors = [];
});

afterEach(async () => {
  // Stop bots first (aborts the held long poll), let launch() finish, then close the emulator.
  for (const { bot, launched } of running) {
    bot.stop('test finished');
    await launched;
  }
  running = [];
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  servers = [];
  await emu.close();
});

describe('telegram emulator: raw API surface', () => {
  it('answers getMe and rejects a wrong token or an unknown method in Telegram shape', async () => {
    const me = (await (await fetch(`${emu.apiRoot}/bot${emu.token}/getMe`)).json()) as { ok: boolean; result: { is_bot: boolean } };
    expect(me.ok).toBe(true);
    expect(me.result.is_bot).toBe(true);

    const wrong = await fetch(`${emu.apiRoot}/bot1:nope/getMe`, { method: 'POST' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });

    const unknown = await fetch(`${emu.apiRoot}/bot${emu.token}/sendTeleportation`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });

    const stranger = new Telegraf('1:nope', { telegram: { apiRoot: emu.apiRoot } });
    await expect(stranger.telegram.getMe()).rejects.toMatchObject({ code: 401 });
  });

  it('accepts urlencoded bodies and normalises their string fields', async () => {
    const res = await fetch(`${emu.apiRoot}/bot${emu.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(ALICE), text: '123', disable_notification: 'true' }),
    });
    expect(res.status).toBe(200);
    const call = emu.calls.at(-1);
    expect(call?.transport).toBe('urlencoded');
    expect(call?.params).toEqual({ chat_id: ALICE, text: '123', disable_notification: true });
  });

  it('holds getUpdates until an update arrives and drops acknowledged updates', async () => {
    const tg = newBot().telegram;
    const first = tg.getUpdates(10, 100, 0, []);
    await emu.waitFor(() => emu.isPolling);
    const id = emu.sendText(ALICE, '你好');
    const updates = await first;
    expect(updates.map((u) => u.update_id)).toEqual([id]);

    // Not acknowledged yet: still delivered.
    expect((await tg.getUpdates(0, 100, 0, [])).map((u) => u.update_id)).toEqual([id]);
    // offset = last + 1 acknowledges it.
    expect(await tg.getUpdates(0, 100, id + 1, [])).toEqual([]);
    expect(emu.pendingUpdates).toEqual([]);

    // A timeout with nothing pending answers [] after the timeout elapses.
    const started = Date.now();
    expect(await tg.getUpdates(1, 100, id + 1, [])).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('reports a useful error when waitFor times out', async () => {
    await fetch(`${emu.apiRoot}/bot${emu.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: ALICE, text: '提醒' }),
    });
    await expect(emu.waitFor(() => emu.sent(ALICE).length === 2, 50)).rejects.toThrow(
      /waitFor timed out after 50ms[\s\S]*sendMessage \{"chat_id":4242,"text":"提醒"\} -> ok/,
    );
  });
});

describe('telegram emulator with a polling telegraf bot', () => {
  it('delivers text messages and records the reply', async () => {
    const bot = newBot();
    bot.on(message('text'), (ctx) => ctx.reply(`收到：${ctx.message.text}`));
    await launch(bot);

    emu.sendText(ALICE, '你好');
    await emu.waitFor(() => emu.sent(ALICE).length === 1);
    expect(emu.sent(ALICE)[0]?.text).toBe('收到：你好');

    // A second message proves the offset moved on (no redelivery of the first).
    emu.sendText(ALICE, '第二条');
    await emu.waitFor(() => emu.sent(ALICE).length === 2);
    expect(emu.sent(ALICE).map((m) => m.text)).toEqual(['收到：你好', '收到：第二条']);
    expect(emu.sent(ALICE).map((m) => m.message_id)).toEqual([2, 4]); // shared per-chat numbering
    expect(handlerErrors).toEqual([]);
  });

  it('replies with an inline keyboard and handles a button press (answerCbQuery + editMessageText)', async () => {
    const bot = newBot();
    bot.start((ctx) =>
      ctx.reply('欢迎使用年审助手', Markup.inlineKeyboard([[Markup.button.callback('开始年审', 'begin')]])),
    );
    bot.action('begin', async (ctx) => {
      await ctx.answerCbQuery('好的');
      await ctx.editMessageText('第一步：请输入单位名称');
    });
    await launch(bot);

    emu.sendText(ALICE, '/start');
    await emu.waitFor(() => emu.sent(ALICE).length === 1);
    const welcome = emu.lastSent(ALICE);
    expect(welcome?.text).toBe('欢迎使用年审助手');
    expect(inlineButtons(welcome)).toEqual([{ text: '开始年审', callback_data: 'begin' }]);

    emu.pressButton(ALICE, welcome?.message_id ?? -1, 'begin');
    await emu.waitFor(() => emu.lastSent(ALICE)?.text === '第一步：请输入单位名称');

    expect(emu.callbackAnswers).toMatchObject([{ text: '好的', data: 'begin', chat_id: ALICE }]);
    const edited = emu.lastSent(ALICE);
    expect(edited?.history.map((v) => v.text)).toEqual(['欢迎使用年审助手']);
    // Telegram drops the inline keyboard when an edit omits reply_markup; so does the emulator.
    expect(edited?.reply_markup).toBeUndefined();
    expect(() => emu.pressButton(ALICE, edited?.message_id ?? -1, 'begin')).toThrow(/no button/);
    expect(handlerErrors).toEqual([]);
  });

  it('answers "message is not modified" for identical edits, like Telegram', async () => {
    const tg = newBot().telegram;
    const keyboard = Markup.inlineKeyboard([Markup.button.callback('是', 'yes')]);
    const sentMsg = await tg.sendMessage(ALICE, '确认？', keyboard);
    const edit = tg.editMessageText(ALICE, sentMsg.message_id, undefined, '确认？', keyboard);
    await expect(edit).rejects.toBeInstanceOf(TelegramError);
    await expect(tg.editMessageText(ALICE, sentMsg.message_id, undefined, '确认？', keyboard)).rejects.toMatchObject({
      code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of a message',
    });
    // Changing only the keyboard is a real change.
    await tg.editMessageReplyMarkup(ALICE, sentMsg.message_id, undefined, undefined);
    expect(emu.lastSent(ALICE)?.reply_markup).toBeUndefined();
  });

  it('receives a document uploaded from a Buffer with a Chinese file name', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 0xff, 0xfe]), Buffer.from('年审')]);
    const bot = newBot();
    bot.command('report', (ctx) =>
      ctx.replyWithDocument({ source: bytes, filename: '2024年度书面审查报告.pdf' }, { caption: '您的年审报告' }),
    );
    await launch(bot);

    emu.sendText(ALICE, '/report');
    await emu.waitFor(() => emu.documents(ALICE).length === 1);
    const [doc] = emu.documents(ALICE);
    expect(doc?.file_name).toBe('2024年度书面审查报告.pdf');
    expect(doc?.mime_type).toBe('application/pdf');
    expect(doc?.file_size).toBe(bytes.length);
    expect(doc?.bytes.equals(bytes)).toBe(true);
    expect(doc?.caption).toBe('您的年审报告');
    expect(emu.calls.find((c) => c.method === 'sendDocument')?.transport).toBe('multipart');
    expect(handlerErrors).toEqual([]);
  });

  it('lets the bot download a file a user sent (getFile + /file/bot<token>/…) and keeps photos apart from documents', async () => {
    const bytes = Buffer.from('单位名称,统一社会信用代码\n甲,1\n');
    const bot = newBot();
    const got: Buffer[] = [];
    bot.on(message('document'), async (ctx) => {
      const link = await ctx.telegram.getFileLink(ctx.message.document.file_id);
      got.push(Buffer.from(await (await fetch(link)).arrayBuffer()));
      await ctx.replyWithPhoto({ source: Buffer.from('\x89PNG fake') }, { caption: ctx.message.caption ?? '' });
    });
    await launch(bot);
    emu.sendFile(ALICE, { file_name: '名单.csv', bytes, caption: '/roster' });
    await emu.waitFor(() => emu.photos(ALICE).length === 1);
    expect(got[0]?.equals(bytes)).toBe(true);
    expect(emu.photos(ALICE)[0]?.caption).toBe('/roster');
    expect(emu.documents(ALICE)).toEqual([]);
    const unknown = await fetch(`${emu.apiRoot}/file/bot${emu.token}/documents/nope.csv`);
    expect(unknown.status).toBe(404);
    const link = await bot.telegram.getFileLink(emu.calls.find((c) => c.method === 'getFile')?.params.file_id as string);
    expect((await fetch(link.href.replace(emu.token, '1:bad'))).status).toBe(404);
    expect(handlerErrors).toEqual([]);
  });

  it('surfaces 429 with retry_after, and 403 for a user who blocked the bot', async () => {
    const bot = newBot();
    bot.on(message('text'), (ctx) => ctx.reply('回复'));
    await launch(bot);

    emu.failNext('sendMessage', { code: 429, retryAfter: 7 });
    emu.sendText(ALICE, '快');
    await emu.waitFor(() => handlerErrors.length === 1);
    const err = handlerErrors[0];
    expect(err).toBeInstanceOf(TelegramError);
    expect(err).toMatchObject({
      code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });

    // failNext is one-shot: the next message goes through.
    emu.sendText(ALICE, '再试');
    await emu.waitFor(() => emu.sent(ALICE).length === 1);

    const unblock = emu.failFor(ALICE, { code: 403 });
    await expect(bot.telegram.sendMessage(ALICE, '提醒')).rejects.toMatchObject({
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    unblock();
    await bot.telegram.sendMessage(ALICE, '提醒');
    expect(emu.sent(ALICE)).toHaveLength(2);
  });

  it('applies flood control only when asked: past N sends a second in all, and past one a second per chat', async () => {
    const bot = newBot();
    // Off by default: a burst to one chat goes through.
    await Promise.all([1, 2, 3].map((i) => bot.telegram.sendMessage(ALICE, `无限制 ${i}`)));
    expect(emu.floodRefusals).toBe(0);

    emu.setFloodLimit({ perSecond: 5 });
    await bot.telegram.sendMessage(ALICE, '第一条');
    await expect(bot.telegram.sendMessage(ALICE, '同一秒第二条')).rejects.toMatchObject({ code: 429, parameters: { retry_after: 1 } });
    const chats = Array.from({ length: 6 }, (_, i) => 7000 + i);
    const results = await Promise.allSettled(chats.map((chat) => bot.telegram.sendMessage(chat, '群发')));
    // ALICE's message counts too: 4 more fit in this second, the other two are refused.
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.objectContaining({ code: 429, parameters: { retry_after: 1 } }),
      expect.objectContaining({ code: 429, parameters: { retry_after: 1 } }),
    ]);
    expect(emu.floodRefusals).toBe(3);
    // A refused send is not a message: nothing recorded for the refused chats.
    expect(chats.map((c) => emu.sent(c).length).reduce((a, b) => a + b, 0)).toBe(4);
    emu.setFloodLimit(undefined);
    await bot.telegram.sendMessage(ALICE, '又无限制');
  });

  it('gives group chats and raw updates (photos) to the bot', async () => {
    const bot = newBot();
    const seen: string[] = [];
    bot.on(message('photo'), async (ctx) => {
      seen.push(`${ctx.chat.type}:${ctx.message.photo.length}`);
      await ctx.reply('收到图片');
    });
    await launch(bot);

    const group = { id: -100123, type: 'group' as const, title: '年审群' };
    emu.sendUpdate({
      message: {
        message_id: 10,
        date: Math.floor(Date.now() / 1000),
        chat: group,
        from: { id: 7, is_bot: false, first_name: '张三' },
        photo: [{ file_id: 'p1', file_unique_id: 'u1', width: 90, height: 90 }],
      },
    });
    await emu.waitFor(() => emu.sent(group.id).length === 1);
    expect(seen).toEqual(['group:1']);
    expect(emu.sent(group.id)[0]?.message_id).toBe(11);
  });
});

describe('telegram emulator in webhook mode', () => {
  it('POSTs updates with the secret header and executes webhook replies', async () => {
    const bot = newBot();
    bot.on(message('text'), (ctx) => ctx.reply(`webhook 收到：${ctx.message.text}`));
    bot.action('ok', (ctx) => ctx.answerCbQuery('已确认')); // goes out in the webhook HTTP answer
    const secrets: (string | undefined)[] = [];
    const callback = bot.webhookCallback('/tg/hook', { secretToken: 'hook_secret-1' });
    const base = await listen((req, res) => {
      const header = req.headers['x-telegram-bot-api-secret-token'];
      secrets.push(typeof header === 'string' ? header : undefined);
      void callback(req, res);
    });

    await bot.telegram.setWebhook(`${base}/tg/hook`, { secret_token: 'hook_secret-1' });
    expect(emu.webhook).toEqual({ url: `${base}/tg/hook`, secretToken: 'hook_secret-1' });
    await expect(bot.telegram.getUpdates(0, 100, 0, [])).rejects.toMatchObject({ code: 409 });

    emu.sendText(ALICE, '你好');
    await emu.waitFor(() => emu.sent(ALICE).length === 1);
    expect(emu.lastSent(ALICE)?.text).toBe('webhook 收到：你好');
    expect(secrets).toEqual(['hook_secret-1']);

    await bot.telegram.sendMessage(ALICE, '请确认', Markup.inlineKeyboard([Markup.button.callback('确认', 'ok')]));
    emu.pressButton(ALICE, emu.lastSent(ALICE)?.message_id ?? -1, 'ok');
    await emu.waitFor(() => emu.callbackAnswers.length === 1);
    expect(emu.calls.find((c) => c.method === 'answerCallbackQuery')?.transport).toBe('webhook-reply');
    expect(emu.webhookDeliveries.every((d) => d.ok && d.status === 200)).toBe(true);

    const info = await bot.telegram.getWebhookInfo();
    expect(info).toMatchObject({ url: `${base}/tg/hook`, pending_update_count: 0 });
    expect(handlerErrors).toEqual([]);
  });

  it('keeps updates pending and reports the error when the secret is wrong', async () => {
    const bot = newBot();
    bot.on(message('text'), (ctx) => ctx.reply('已处理'));
    const base = await listen(bot.webhookCallback('/hook', { secretToken: 'expected' }));
    await bot.telegram.setWebhook(`${base}/hook`, { secret_token: 'other' });

    emu.sendText(ALICE, '你好');
    await emu.waitFor(() => emu.webhookDeliveries.length === 1);
    expect(emu.webhookDeliveries[0]).toMatchObject({ ok: false, status: 403 });
    const info = await bot.telegram.getWebhookInfo();
    expect(info.pending_update_count).toBe(1);
    expect(info.last_error_message).toBe('Wrong response from the webhook: 403 Forbidden');

    // Switching back to polling picks the pending update up.
    await bot.telegram.deleteWebhook();
    await launch(bot);
    await emu.waitFor(() => emu.sent(ALICE).length === 1);
    expect(emu.sent(ALICE)[0]?.text).toBe('已处理');
  });
});
