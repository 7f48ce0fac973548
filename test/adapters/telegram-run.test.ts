/**
 * Updates that keep flowing: the real telegraf bot against the Bot API emulator, polled by our own loop.
 * A second poller's 409, repeated failures, a Bot API that is down at start-up, a wrong token: each is
 * met by backoff and a restart, or by giving up so that the process can exit, and `state` says which.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Telegraf } from 'telegraf';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { PollingLoop } from '../../src/adapters/telegram/polling.ts';
import { UpdateFeed, type FeedOptions } from '../../src/adapters/telegram/run.ts';
import { backoffDelay } from '../../src/adapters/telegram/backoff.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { captureLog, type CapturedLog } from '../support/capture-log.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const CHAT = 6001;
const FAST = { initialMs: 40, maxMs: 160 };

let emu: TelegramEmulator;
let feeds: UpdateFeed[] = [];
beforeEach(async () => {
  emu = await startTelegramEmulator();
});
afterEach(async () => {
  for (const feed of feeds.splice(0)) await feed.stop();
  await emu.close();
});

function newBot(token = emu.token, retry?: { maxRetries: number }): Telegraf {
  const store = new MemoryStore({ retentionSeconds: 3600 });
  const service = new ConversationService({ campaigns: [campaign], store });
  return createBot({ token, apiRoot: emu.apiRoot, service, store, ...(retry ? { retry } : {}) });
}

/** A feed whose give-up is a promise the test can await. */
function newFeed(bot: Telegraf, options: FeedOptions = {}): { feed: UpdateFeed; log: CapturedLog; gaveUp: Promise<unknown> } {
  const log = captureLog();
  let resolve: (error: unknown) => void = () => undefined;
  const gaveUp = new Promise<unknown>((r) => (resolve = r));
  const feed = new UpdateFeed(bot, { logger: log.logger, backoff: FAST, onGiveUp: resolve, ...options });
  feeds.push(feed);
  return { feed, log, gaveUp };
}

/** Resolves once the bot has answered a /start typed now. */
async function answersStart(chat = CHAT): Promise<void> {
  const before = emu.sent(chat).length;
  emu.sendText(chat, '/start');
  await emu.waitFor(() => emu.sent(chat).length > before);
}

const logged = (log: CapturedLog, msg: string) => log.entries().filter((e) => e.msg === msg);
const getUpdates = () => emu.calls.filter((c) => c.method === 'getUpdates');

describe('long polling', () => {
  it('restarts after a second poller takes over (409) and keeps answering', async () => {
    const { feed, log } = newFeed(newBot());
    expect(await feed.startPolling()).toBe(true);
    await emu.waitFor(() => emu.isPolling);
    expect(feed.state).toBe('ready');
    // Another instance polls with the same token: Telegram ends our held getUpdates with 409.
    const other = await fetch(`${emu.apiRoot}/bot${emu.token}/getUpdates?timeout=0`);
    expect(other.status).toBe(200);
    await emu.waitFor(() => logged(log, 'polling conflict (409: another getUpdates or a webhook); restarting polling').length === 1);
    await emu.waitFor(() => logged(log, 'polling resumed').length === 1);
    await answersStart();
    expect(feed.state).toBe('ready');
    const conflict = getUpdates().find((c) => c.response?.ok === false);
    expect(conflict?.response).toMatchObject({ error_code: 409 });
  });

  it('backs off exponentially (capped) while getUpdates fails, is not ready meanwhile, then resumes', async () => {
    emu.failNext('getUpdates', { code: 409 }, 2);
    emu.failNext('getUpdates', { code: 502 }, 3);
    const { feed, log } = newFeed(newBot());
    const states: string[] = [];
    const unsubscribe = emu.onCall((call) => {
      if (call.method === 'getUpdates') states.push(feed.state);
    });
    await feed.startPolling();
    await emu.waitFor(() => logged(log, 'polling resumed').length === 1, 10_000);
    unsubscribe();
    const waits = log.entries().filter((e) => String(e.msg).startsWith('polling')).flatMap((e) => (typeof e.retryInMs === 'number' ? [e.retryInMs] : []));
    expect(waits).toHaveLength(5);
    // Each failure named for what it was: the 409s as a conflict with another poller, the 502s as failures.
    expect(log.entries().filter((e) => typeof e.retryInMs === 'number').map((e) => [e.level, e.msg])).toEqual([
      ...Array.from({ length: 2 }, () => ['warn', 'polling conflict (409: another getUpdates or a webhook); restarting polling']),
      ...Array.from({ length: 3 }, () => ['warn', 'polling failed; restarting polling']),
    ]);
    // 40, 80, 160, 160, 160 less up to 20% jitter: doubling, then capped.
    waits.forEach((ms, i) => {
      const full = Math.min(FAST.maxMs, FAST.initialMs * 2 ** i);
      expect(ms).toBeGreaterThanOrEqual(full * 0.8);
      expect(ms).toBeLessThanOrEqual(full);
    });
    // The polls really were that far apart.
    const at = getUpdates().map((c) => c.at);
    for (let i = 1; i < 6; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual((waits[i - 1] as number) - 5);
    // While failing, the feed said so; each failed call was answered while it was still "starting" or "retrying".
    expect(states.slice(0, 5)).toEqual(['starting', 'retrying', 'retrying', 'retrying', 'retrying']);
    expect(logged(log, 'polling resumed')[0]).toMatchObject({ failures: 5 });
    await emu.waitFor(() => feed.state === 'ready');
    await answersStart();
  });

  it('gives up after the configured number of failures in a row, and polls no more', async () => {
    emu.failNext('getUpdates', { code: 502 }, 10);
    const { feed, log, gaveUp } = newFeed(newBot(), { maxFailures: 3 });
    await feed.startPolling();
    const error = await gaveUp;
    expect(error).toMatchObject({ code: 502 });
    expect(feed.state).toBe('gave_up');
    expect(feed.ready).toBe(false);
    expect(logged(log, 'polling gave up after repeated failures')[0]).toMatchObject({ level: 'fatal', failures: 3 });
    expect(getUpdates()).toHaveLength(3);

    // Nobody to tell (a feed without onGiveUp): it gives up all the same and stops cleanly.
    emu.failNext('getUpdates', { code: 502 }, 1);
    const quiet = new UpdateFeed(newBot(), { backoff: FAST, maxFailures: 1 });
    feeds.push(quiet);
    await quiet.startPolling();
    await vi.waitFor(() => expect(quiet.state).toBe('gave_up'));
    await quiet.stop();
    expect(quiet.state).toBe('gave_up');
  });

  it('confirms handled updates when stopped, so a restart does not get them again', async () => {
    const { feed } = newFeed(newBot());
    await feed.startPolling();
    await emu.waitFor(() => emu.isPolling);
    await answersStart();
    await feed.stop();
    expect(feed.state).toBe('stopped');
    expect(emu.pendingUpdates).toEqual([]);
  });
});

describe('long polling, its edges', () => {
  it('is starting until the first poll answers, logs its start once, and stops without a warning', async () => {
    const { feed, log } = newFeed(newBot());
    expect(await feed.startPolling()).toBe(true);
    expect(feed.state).toBe('starting');
    await emu.waitFor(() => emu.isPolling);
    // Two updates, each brought by a poll of its own: the next poll (past its offset) is out before the second is sent.
    for (let i = 0; i < 2; i++) {
      const id = emu.sendText(CHAT, '/start');
      await emu.waitFor(() => getUpdates().some((c) => Number(c.params.offset) > id));
    }
    expect(emu.sent(CHAT).length).toBeGreaterThan(0);
    expect(feed.state).toBe('ready');
    expect(logged(log, 'polling started')).toHaveLength(1);
    expect(logged(log, 'polling resumed')).toHaveLength(0);
    // Deleting a webhook keeps the updates waiting for the bot.
    expect(emu.calls.find((c) => c.method === 'deleteWebhook')?.params).toMatchObject({ drop_pending_updates: false });
    await feed.stop();
    expect(feed.state).toBe('stopped');
    expect(log.entries().filter((e) => e.level === 'warn' || e.level === 'error')).toEqual([]);
  });

  it('confirms, when stopped, an update it was still handling, once that is done', async () => {
    const bot = new Telegraf(emu.token, { telegram: { apiRoot: emu.apiRoot } });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let handling = false;
    bot.on('message', async () => {
      handling = true;
      await held;
    });
    const loop = new PollingLoop(bot, { logger: captureLog().logger, backoff: FAST, onGiveUp: () => undefined });
    loop.start();
    emu.sendText(CHAT, '你好');
    await vi.waitFor(() => expect(handling).toBe(true));
    // Stopped mid-update: no poll after it will confirm it, so the stop does.
    const stopped = loop.stop();
    release();
    await stopped;
    expect(loop.state).toBe('stopped');
    expect(emu.pendingUpdates).toEqual([]);
  });

  it('does not hang on stop when Telegram never answers the call that confirms handled updates: it gives up on it', { timeout: 15_000 }, async () => {
    const { feed } = newFeed(newBot());
    await feed.startPolling();
    await emu.waitFor(() => emu.isPolling);
    await answersStart();
    emu.holdNext('getUpdates', (p) => p.limit === 1);
    // telegraf's own limit on a call is 500 s: without its own 2-second signal the stop would wait that long.
    await feed.stop();
    expect(feed.state).toBe('stopped');
    // The stop returned because the bot gave up on the call, which the emulator sees as a closed request.
    await emu.waitFor(() => emu.held.abandoned === 1);
    expect(emu.held).toEqual({ calls: 1, abandoned: 1 });
  });

  it('asks nothing more of Telegram on stop when it handled no update', async () => {
    const { feed } = newFeed(newBot());
    await feed.startPolling();
    await emu.waitFor(() => emu.isPolling);
    await feed.stop();
    expect(getUpdates().filter((c) => c.params.limit === 1)).toEqual([]);
  });

  it('waits the retry_after Telegram asks for, not its own backoff', async () => {
    emu.failNext('getUpdates', { code: 429, retryAfter: 1 }, 1);
    // No retries in the client: the 429 reaches the loop itself (with them, the client would wait it out).
    const { feed } = newFeed(newBot(emu.token, { maxRetries: 0 }));
    await feed.startPolling();
    await emu.waitFor(() => emu.isPolling);
    const [failed, next] = getUpdates();
    expect((next?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('gives up at once when Telegram refuses the token while polling, and stays given up', async () => {
    let resolve: (error: unknown) => void = () => undefined;
    const gaveUp = new Promise<unknown>((r) => (resolve = r));
    const loop = new PollingLoop(newBot('999:wrong-token'), { logger: captureLog().logger, backoff: FAST, onGiveUp: resolve });
    loop.start();
    expect(await gaveUp).toMatchObject({ code: 401 });
    await loop.stop();
    expect(loop.state).toBe('gave_up');
  });
});

describe('start-up', () => {
  it('gives up after the configured number of failed calls in a row, with or without anyone told', async () => {
    emu.failNext('getMe', { code: 502 }, 10);
    const { feed, log, gaveUp } = newFeed(newBot(), { maxFailures: 2 });
    expect(await feed.startPolling()).toBe(false);
    expect(await gaveUp).toMatchObject({ code: 502 });
    expect(emu.calls.filter((c) => c.method === 'getMe')).toHaveLength(2);
    expect(feed.state).toBe('gave_up');
    // Its own backoff, not the default one.
    expect(logged(log, 'telegram start-up call failed; retrying').map((e) => e.retryInMs)).toEqual([expect.any(Number)]);
    expect(logged(log, 'telegram start-up call failed; retrying')[0]?.retryInMs).toBeLessThanOrEqual(FAST.maxMs);
    await feed.stop();
    expect(feed.state).toBe('gave_up');

    emu.failNext('getMe', { code: 502 }, 10);
    const quiet = new UpdateFeed(newBot(), { backoff: FAST, maxFailures: 1 });
    expect(await quiet.startPolling()).toBe(false);
  });

  it('names each failed call in the log, and keeps pending updates when it sets the webhook', async () => {
    emu.failNext('setWebhook', { code: 502 }, 1);
    const { feed, log } = newFeed(newBot());
    expect(await feed.startWebhook('http://127.0.0.1:9/', 'the-secret')).toBe(true);
    expect(logged(log, 'telegram start-up call failed; retrying').map((e) => e.call)).toEqual(['setWebhook']);
    expect(emu.calls.filter((c) => c.method === 'setWebhook').at(-1)?.params).toMatchObject({ drop_pending_updates: false });
  });

  it('is not ready when stopped while registering its webhook', async () => {
    emu.setDown(true);
    const { feed } = newFeed(newBot());
    const started = feed.startWebhook('http://127.0.0.1:9/', 'the-secret');
    await emu.waitFor(() => emu.refusedConnections >= 1);
    await feed.stop();
    expect(await started).toBe(false);
    expect(feed.state).toBe('stopped');
    expect(feed.ready).toBe(false);
  });

  it('retries getMe while the Bot API is down, then polls and answers', async () => {
    emu.setDown(true);
    const { feed, log } = newFeed(newBot());
    const started = feed.startPolling();
    await emu.waitFor(() => emu.refusedConnections >= 2);
    expect(feed.state).toBe('starting');
    expect(feed.ready).toBe(false);
    emu.setDown(false);
    expect(await started).toBe(true);
    await emu.waitFor(() => emu.isPolling);
    expect(feed.state).toBe('ready');
    expect(logged(log, 'telegram start-up call failed; retrying')[0]).toMatchObject({ call: 'getMe', level: 'warn' });
    expect(emu.commands().length).toBeGreaterThan(0);
    await answersStart();
  });

  it('retries each start-up call that fails (deleteWebhook, setMyCommands)', async () => {
    emu.failNext('deleteWebhook', { code: 502 }, 2);
    emu.failNext('setMyCommands', { code: 429, retryAfter: 0 }, 5);
    const { feed, log } = newFeed(newBot());
    expect(await feed.startPolling()).toBe(true);
    const calls = log.entries().filter((e) => e.msg === 'telegram start-up call failed; retrying').map((e) => e.call);
    expect(calls).toEqual(['deleteWebhook', 'deleteWebhook', 'setMyCommands']);
    await emu.waitFor(() => emu.isPolling);
    await answersStart();
  });

  it('registers the webhook with its secret after retries, and only then is ready', async () => {
    emu.failNext('setWebhook', { code: 502 }, 2);
    const { feed } = newFeed(newBot());
    const started = feed.startWebhook('http://127.0.0.1:9/', 'the-secret');
    expect(feed.ready).toBe(false);
    expect(await started).toBe(true);
    expect(feed.state).toBe('ready');
    expect(emu.webhook).toEqual({ url: 'http://127.0.0.1:9/telegram/webhook', secretToken: 'the-secret' });
    expect(emu.calls.filter((c) => c.method === 'setWebhook')).toHaveLength(3);
  });

  it('gives up at once on a token Telegram refuses (401)', async () => {
    const { feed, log, gaveUp } = newFeed(newBot('999:wrong-token'));
    expect(await feed.startPolling()).toBe(false);
    expect(await gaveUp).toMatchObject({ code: 401 });
    expect(feed.state).toBe('gave_up');
    expect(emu.calls).toHaveLength(1);
    expect(logged(log, 'telegram start-up gave up')[0]).toMatchObject({ level: 'fatal', call: 'getMe' });
  });

  it('stops retrying when stopped during start-up', async () => {
    emu.setDown(true);
    const { feed } = newFeed(newBot());
    const started = feed.startPolling();
    await emu.waitFor(() => emu.refusedConnections >= 1);
    await feed.stop();
    expect(await started).toBe(false);
    expect(feed.state).toBe('stopped');
  });
});

describe('backoff', () => {
  it('doubles from the first wait up to the cap, less at most a fifth', () => {
    const b = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, b, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, b, () => 1)).toBe(320);
  });
});
