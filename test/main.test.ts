/**
 * The production wiring: the real `src/main.ts` started as a child process in Telegram polling mode and
 * webhook mode against the Bot API emulator, with a real redis-server. One full conversation runs at
 * trace level through a Redis outage, a 429, a 403 and a failed update, and its whole log is scanned for
 * the unit name, the credit code and typed answers. Start-up while the Bot API is down, and the exit
 * when polling cannot go on, are checked from outside as a supervisor would see them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findCampaign } from '../flows/index.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { t } from '../src/core/text.ts';
import { completeAnswers, PROFILES, typedConversation } from './support/profiles.ts';
import { startMain, type MainProcess } from './support/main-process.ts';
import { freePort, startRedis, type TestRedis } from './support/redis-server.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from './support/telegram-emulator.ts';

// Each test starts src/main.ts in a child process (tsx, Redis, the worker): slow to start on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const campaign = findCampaign('changji-2024') as Campaign;
const UNIT_NAME = '秘密测试建材有限公司';
const CREDIT_CODE = '91350100M000100Y43';
const STAFF = 4729;
const DOWNLOAD_SECRET = 'main-test-download-secret-0123456789abcdef';

let redis: TestRedis;
let emu: TelegramEmulator;
const running: MainProcess[] = [];
beforeAll(async () => {
  redis = await startRedis({ persist: true });
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
  await emu?.close();
});

/** Starts main.ts as the bot on a free port; resolves once its HTTP server listens. */
async function startBot(env: Record<string, string> = {}, port?: number): Promise<{ main: MainProcess; base: string }> {
  emu = await startTelegramEmulator();
  port ??= await freePort();
  const main = startMain({
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    HOST: '127.0.0.1',
    PORT: String(port),
    NIANSHEN_NOW: '2025-03-10T09:00:00+08:00',
    CAMPAIGNS: 'changji-2024',
    ...env,
  });
  running.push(main);
  await main.waitForLog((e) => e.msg === 'bot starting');
  return { main, base: `http://127.0.0.1:${port}` };
}

const readyz = async (base: string) => {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, string>; notReady: string[] } };
};

/** A message the user answers next: a question (it shows progress), the summary, or a keyboard. */
const isPrompt = (m: SentMessage) => !(m.text ?? '').includes('✅') && (/进度：|^📋/.test(m.text ?? '') || inlineButtons(m).length > 0);

/** Does something as the user and waits until the bot has answered with a prompt (or any reply, if `anyReply`). */
async function act(chat: number, doIt: () => unknown, anyReply = false): Promise<SentMessage[]> {
  const before = emu.sent(chat).length;
  doIt();
  await emu.waitFor(() => emu.sent(chat).slice(before).some((m) => anyReply || isPrompt(m)), 10_000);
  return emu.sent(chat).slice(before);
}

/** Answers like a person: presses the button with the answer's label, or types it. */
function answer(chat: number, line: string): () => unknown {
  const prompt = emu.sent(chat).filter(isPrompt).at(-1);
  const button = prompt && inlineButtons(prompt).find((b) => b.text === line);
  return () => (button?.callback_data && prompt ? emu.pressButton(chat, prompt.message_id, button.callback_data) : emu.sendText(chat, line));
}

describe('main.ts in long-polling mode', () => {
  it(
    'runs a whole conversation through a Redis outage, 429, 403 and a failed update, and logs no unit name, code or answer',
    async () => {
      const CHAT = 5550001;
      const { main, base } = await startBot({
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: 'main-polling:',
        LOG_LEVEL: 'trace',
        DOWNLOAD_SECRET,
        PUBLIC_BASE_URL: 'http://127.0.0.1/',
      });
      await emu.waitFor(() => emu.isPolling);
      expect(await readyz(base)).toMatchObject({ status: 200, body: { checks: { redis: 'ok', telegram: 'ok' }, notReady: [] } });

      const lines = typedConversation(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseB, unit_name: UNIT_NAME, staff: STAFF }));
      expect(lines.slice(0, 2)).toEqual([UNIT_NAME, CREDIT_CODE]);
      emu.failNext('sendMessage', { code: 429, retryAfter: 1 });
      await act(CHAT, () => emu.sendText(CHAT, '/start'));
      for (const [i, line] of lines.entries()) {
        if (i === 4) {
          // Redis goes away: the unit is told to try again; the outage and its end are logged.
          await redis.kill();
          expect((await act(CHAT, answer(CHAT, line), true)).map((m) => m.text)).toContain(t('conversation.saveFailed'));
          await main.waitForLog((e) => e.msg === 'redis connection lost; reconnecting');
          await main.waitForLog((e) => e.msg === 'redis error' && e.level === 'error'); // a reconnect attempt refused
          expect((await readyz(base)).body.notReady).toEqual(['redis']);
          await redis.restart();
          await main.waitForLog((e) => e.msg === 'redis reconnected');
        }
        // The summary PDF after the last answer fails to send: a failed update, logged with its error.
        if (i === lines.length - 1) emu.failNext('sendDocument', { code: 400, description: 'Bad Request: file is too big' });
        await act(CHAT, answer(CHAT, line));
      }
      expect(emu.sent(CHAT).map((m) => m.text).join('\n')).toContain(t('summary.grade', { grade: 'B' }));
      await main.waitForLog((e) => e.msg === 'update failed');
      // The PDFs come on request, with a browser link beside the first.
      await act(CHAT, () => emu.sendText(CHAT, '/pdf'), true);
      await emu.waitFor(() => emu.sent(CHAT).some((m) => (m.text ?? '').includes('/d/')));
      expect(emu.documents(CHAT).map((d) => d.file_name)).toContain(`劳动保障书面审查自查报告-${UNIT_NAME}.pdf`);
      const link = /(https?:\/\/\S+\/d\/\S+)/.exec(emu.sent(CHAT).find((m) => (m.text ?? '').includes('/d/'))?.text ?? '')?.[1] as string;
      const download = await fetch(`${base}${new URL(link).pathname}`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

      // Another user has blocked the bot.
      const BLOCKED = 5550002;
      emu.failFor(BLOCKED, { code: 403 });
      emu.sendText(BLOCKED, '/start');
      await main.waitForLog((e) => e.msg === 'telegram 403: chat blocked the bot; marked unreachable');

      expect(await main.stop()).toEqual({ code: 0, signal: null });
      const log = main.stderr + main.stdout;
      const messages = new Set(main.logs().map((e) => e.msg));
      for (const expected of ['polling started', 'update received', 'update handled', 'telegram 429: waiting retry_after', 'update not applied', 'redis error', 'http request', 'shutting down']) {
        expect(messages, expected).toContain(expected);
      }
      // Every line of an update names it and its chat, by hash only.
      const updateLines = main.logs().filter((e) => 'updateId' in e);
      expect(updateLines.length).toBeGreaterThan(lines.length * 2);
      for (const e of updateLines) expect(e.chat).toMatch(/^[0-9a-f]{16}$/);
      // None of what the unit typed or who it is: no Chinese at all, no code, no staff figure, no chat id, no link token.
      expect(log).not.toMatch(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/);
      for (const secret of [UNIT_NAME, CREDIT_CODE, String(STAFF), String(CHAT), String(BLOCKED), new URL(link).pathname.slice(3, 40)]) expect(log).not.toContain(secret);
      // Only log lines: every line of stderr is JSON.
      expect(main.stderr.trim().split('\n').every((line) => line.startsWith('{'))).toBe(true);
    },
    90_000,
  );

  it(
    'keeps trying while the Bot API is down at start-up (healthz 200, readyz 503 naming telegram), then serves',
    async () => {
      const CHAT = 5550003;
      // A Bot API that is down before the program starts.
      emu = await startTelegramEmulator();
      emu.setDown(true);
      const port = await freePort();
      const main = startMain({ TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot, HOST: '127.0.0.1', PORT: String(port) });
      running.push(main);
      const base = `http://127.0.0.1:${port}`;
      await main.waitForLog((e) => e.msg === 'telegram start-up call failed; retrying' && e.call === 'getMe');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await readyz(base)).toEqual({ status: 503, body: { ready: false, checks: { telegram: 'starting' }, notReady: ['telegram'] } });

      emu.setDown(false);
      await emu.waitFor(() => emu.isPolling, 10_000);
      expect(await readyz(base)).toMatchObject({ status: 200, body: { notReady: [] } });
      const replies = await act(CHAT, () => emu.sendText(CHAT, '/start'));
      expect(replies.length).toBeGreaterThan(0);
      expect(await main.stop()).toEqual({ code: 0, signal: null });
    },
    60_000,
  );

  it('exits 1 when polling fails more times in a row than TELEGRAM_MAX_FAILURES, so a supervisor restarts it', async () => {
    emu = await startTelegramEmulator();
    emu.failNext('getUpdates', { code: 409 }, 5);
    const main = startMain({ TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot, HOST: '127.0.0.1', PORT: String(await freePort()), TELEGRAM_MAX_FAILURES: '2' });
    running.push(main);
    expect(await main.exited).toEqual({ code: 1, signal: null });
    expect(main.logs().find((e) => e.msg === 'polling gave up after repeated failures')).toMatchObject({ level: 'fatal', failures: 2 });
    expect(emu.calls.filter((c) => c.method === 'getUpdates')).toHaveLength(2);
  });
});

describe('main.ts in webhook mode', () => {
  it('registers the webhook with the configured secret, answers through it, and refuses forged posts', async () => {
    const CHAT = 5550004;
    const secret = 'Main-test_webhook-secret';
    const port = await freePort();
    const { main, base } = await startBot({ WEBHOOK_URL: `http://127.0.0.1:${port}/`, WEBHOOK_SECRET: secret, REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'main-webhook:' }, port);
    await main.waitForLog((e) => e.msg === 'webhook registered');
    expect(emu.webhook).toEqual({ url: `http://127.0.0.1:${port}/telegram/webhook`, secretToken: secret });
    expect(await readyz(base)).toMatchObject({ status: 200, body: { checks: { redis: 'ok', telegram: 'ok' } } });

    const replies = await act(CHAT, () => emu.sendText(CHAT, '/start'));
    expect(replies.at(-1)?.text).toContain('单位全称');
    await act(CHAT, () => emu.sendText(CHAT, UNIT_NAME));
    await emu.waitFor(() => emu.webhookDeliveries.length === 2); // recorded once the webhook has answered
    expect(emu.webhookDeliveries.every((d) => d.ok && d.status === 200 && d.secret_token_sent)).toBe(true);

    const forged = await fetch(`${base}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'not-the-secret' },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: CHAT, type: 'private' }, text: '/restart' } }),
    });
    expect(forged.status).toBe(401);
    expect(await main.stop()).toEqual({ code: 0, signal: null });
  });
});
