/**
 * /healthz and /readyz over real HTTP, with a real redis-server that is killed and brought back, and a
 * real bot's update feed: ready only when Redis answers and updates flow, 503 naming what is not.
 * Redis outages and recovery are logged.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { Readiness, registerReadiness } from '../../src/adapters/http/health.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { openStore, storeReadiness } from '../../src/adapters/store/open-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { UpdateFeed } from '../../src/adapters/telegram/run.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { loadConfig } from '../../src/config.ts';
import { captureLog } from '../support/capture-log.ts';
import { startRedis } from '../support/redis-server.ts';
import { startTelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function readyz(base: string): Promise<{ status: number; body: { ready: boolean; checks: Record<string, string>; notReady: string[] } }> {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: await response.json() };
}

describe('readiness', () => {
  it('is 503 naming redis while Redis is down, and 200 again once it is back; the outage is logged', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const log = captureLog('debug');
    const store = await openStore(loadConfig({ REDIS_URL: redis.url }), log.logger);
    cleanups.push(() => store.close());
    const app = createHttpServer();
    cleanups.push(() => app.close());
    const check = storeReadiness(store);
    expect(check).toBeDefined();
    registerReadiness(app, new Readiness().add('redis', check!));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });

    expect(await readyz(base)).toEqual({ status: 200, body: { ready: true, checks: { redis: 'ok' }, notReady: [] } });
    expect(log.entries().map((e) => e.msg)).toContain('redis ready');

    const client = (store as RedisStore).redis;
    const lost = new Promise((resolve) => client.once('reconnecting', resolve));
    const refused = new Promise((resolve) => client.once('error', resolve));
    await redis.kill();
    await lost;
    const down = await readyz(base);
    expect(down.status).toBe(503);
    expect(down.body.ready).toBe(false);
    expect(down.body.notReady).toEqual(['redis']);
    expect(down.body.checks.redis).not.toBe('ok');
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // alive all the same

    await refused; // at least one reconnect attempt failed, so there is an error to log
    const back = new Promise((resolve) => client.once('ready', resolve));
    await redis.restart();
    await back;
    expect((await readyz(base)).status).toBe(200);

    const redisLines = log.entries().filter((e) => e.component === 'redis');
    expect(redisLines.find((e) => e.msg === 'redis connection lost; reconnecting')).toMatchObject({ level: 'warn' });
    expect(redisLines.find((e) => e.msg === 'redis error')).toMatchObject({ level: 'error', err: { type: expect.any(String), message: expect.any(String) } });
    expect(redisLines.find((e) => e.msg === 'redis reconnected')).toMatchObject({ level: 'info', downMs: expect.any(Number) });
    // Only the outage's first error is an error; later attempts are debug lines.
    expect(redisLines.filter((e) => e.msg === 'redis error' && e.level === 'error')).toHaveLength(1);
  });

  it('is 503 naming telegram until updates flow, and after polling gave up', async () => {
    const emu = await startTelegramEmulator();
    cleanups.push(() => emu.close());
    const store = await openStore(loadConfig({}));
    const service = new ConversationService({ campaigns: [campaign], store });
    const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store });
    let giveUp: () => void = () => undefined;
    const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
    const feed = new UpdateFeed(bot, { backoff: { initialMs: 20, maxMs: 40 }, maxFailures: 3, onGiveUp: giveUp });
    cleanups.push(() => feed.stop());
    const app = createHttpServer();
    cleanups.push(() => app.close());
    registerReadiness(app, new Readiness().add('telegram', () => feed.ready || feed.state));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });

    expect(await readyz(base)).toEqual({ status: 503, body: { ready: false, checks: { telegram: 'starting' }, notReady: ['telegram'] } });
    await feed.startPolling();
    await emu.waitFor(() => emu.isPolling);
    expect((await readyz(base)).status).toBe(200);

    emu.failNext('getUpdates', { code: 502 }, 3);
    emu.sendText(1, '/start'); // ends the held poll; the next three polls fail
    await gaveUp;
    expect(await readyz(base)).toEqual({ status: 503, body: { ready: false, checks: { telegram: 'gave_up' }, notReady: ['telegram'] } });
  });

  it('reports a check that hangs as a timeout instead of hanging the probe', async () => {
    const readiness = new Readiness().add('stuck', () => new Promise<true>(() => undefined)).add('fine', () => true);
    const report = await readiness.report();
    expect(report).toEqual({ ready: false, checks: { stuck: 'timeout', fine: 'ok' }, notReady: ['stuck'] });
  });

  it('leaves no timer behind once every check has answered (a probe every few seconds must not pile them up)', async () => {
    vi.useFakeTimers();
    try {
      const readiness = new Readiness().add('fine', () => true).add('soon', async () => 'connecting').add('broken', () => Promise.reject(new Error('boom')));
      expect(await readiness.report()).toEqual({ ready: false, checks: { fine: 'ok', soon: 'connecting', broken: 'error' }, notReady: ['soon', 'broken'] });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a check that throws as an error, and is never cached by a proxy', async () => {
    const app = createHttpServer();
    registerReadiness(app, new Readiness().add('broken', () => Promise.reject(new Error('boom'))).add('fine', () => true));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ready: false, checks: { broken: 'error', fine: 'ok' }, notReady: ['broken'] });
  });
});
