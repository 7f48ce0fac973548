/**
 * The HTTP server as a stranger meets it, over real sockets: the webhook's secret (missing, wrong) and
 * its checks before the body is read, body limits, slow clients cut off by timeouts, security headers,
 * rate-limited download links, PDFs reused while their content holds (ETag, 304, no second rendering)
 * and a plain 503 while Redis is down.
 */
import { spawnSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { contentDisposition, linkSigner, matchesEtag, registerDownloads } from '../../src/adapters/http/downloads.ts';
import { Readiness, registerReadiness } from '../../src/adapters/http/health.ts';
import { BODY_LIMIT, createHttpServer, registerWebhook, WEBHOOK_PATH, type HttpTimeouts } from '../../src/adapters/http/server.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import type { Document } from '../../src/core/document.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';
import { captureLog } from '../support/capture-log.ts';
import { startRedis } from '../support/redis-server.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => new Date('2025-03-10T09:00:00+08:00');
const SECRET = 'Webhook_secret-0123456789';
const LINK_SECRET = 'test-secret-that-is-long-enough-for-hmac-0001';
const CHAT = 8001;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(app: FastifyInstance): Promise<{ base: string; port: number }> {
  cleanups.push(() => app.close());
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { base, port: Number(new URL(base).port) };
}

/** A webhook server in front of a real bot talking to the emulator. */
async function webhookServer(timeouts?: Partial<HttpTimeouts>): Promise<{ emu: TelegramEmulator; base: string; port: number }> {
  const emu = await startTelegramEmulator();
  cleanups.push(() => emu.close());
  const store = new MemoryStore({ retentionSeconds: 3600 });
  const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service: new ConversationService({ campaigns: [campaign], store, clock }), store });
  const app = createHttpServer({ timeouts });
  registerWebhook(app, bot, SECRET);
  return { emu, ...(await listen(app)) };
}

const startUpdate = (updateId: number) => ({
  update_id: updateId,
  message: { message_id: 1, date: 0, chat: { id: CHAT, type: 'private', first_name: 'u' }, from: { id: CHAT, is_bot: false, first_name: 'u' }, text: '/start' },
});

const post = (base: string, body: unknown, secret?: string) =>
  fetch(`${base}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body: JSON.stringify(body),
  });

/** What a raw client saw: the bytes answered and whether (and when) the server closed the connection. */
type RawOutcome = { answer: string; closed: boolean; ms: number };

/** Resolves when the server has closed the socket (or after `boundMs`, with closed: false). */
function outcome(socket: Socket, boundMs: number): Promise<RawOutcome> {
  const started = performance.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined); // a reset after the answer is one way of being cut off
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false, ms: performance.now() - started });
    }, boundMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ answer, closed: true, ms: performance.now() - started });
    });
  });
}

/** Resolves with the first bytes the server answers (or '' after `boundMs`). */
function firstAnswer(socket: Socket, boundMs: number): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(''), boundMs);
    socket.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve(chunk.toString('latin1'));
    });
  });
}

async function rawSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  cleanups.push(async () => socket.destroy());
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

const webhookHead = (contentLength: number, secret: string | undefined) =>
  `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: bot.test\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n` +
  (secret === undefined ? '' : `X-Telegram-Bot-Api-Secret-Token: ${secret}\r\n`) +
  '\r\n';

describe('the webhook', () => {
  it('refuses a missing or wrong secret with 401 and never hands the update to the bot', async () => {
    const { emu, base } = await webhookServer();
    const wrongSameLength = SECRET.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
    for (const secret of [undefined, '', 'wrong', wrongSameLength, `${SECRET}x`, SECRET.toLowerCase()]) {
      const response = await post(base, startUpdate(1), secret);
      expect(response.status, `secret ${JSON.stringify(secret)}`).toBe(401);
      expect(await response.json()).toEqual({ ok: false });
    }
    expect(emu.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);

    const accepted = await post(base, startUpdate(2), SECRET);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ ok: true });
    expect(emu.sent(CHAT).length).toBeGreaterThan(0);
  });

  it('answers 400 to a body that is not an update (no numeric update_id), handing nothing to the bot', async () => {
    const { emu, base } = await webhookServer();
    for (const body of [{}, { update_id: '7' }, { message: startUpdate(3).message }, [startUpdate(4)], null, 'update', 42, true]) {
      const response = await post(base, body, SECRET);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toEqual({ ok: false });
    }
    const notJson = await fetch(`${base}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id":' });
    expect(notJson.status).toBe(400);
    // A client error says what was wrong with the request.
    expect(await notJson.json()).toEqual({ ok: false, error: expect.stringContaining('JSON') });
    expect(emu.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('cannot be registered without a secret', () => {
    const app = createHttpServer();
    cleanups.push(() => app.close());
    const bot = createBot({ token: '1:x', service: new ConversationService({ campaigns: [campaign], store: new MemoryStore(), clock }), store: new MemoryStore() });
    expect(() => registerWebhook(app, bot, '')).toThrow(/secret/);
  });

  it('checks the secret before reading the body: a forged post is answered while its body is still coming', async () => {
    const { port } = await webhookServer({ requestMs: 30_000 });
    const socket = await rawSocket(port);
    // Announces 200 KB (within the body limit) and sends 1 KB of it; the rest never comes.
    socket.write(webhookHead(200_000, 'wrong-secret') + `{"update_id":1,"pad":"${'x'.repeat(1000)}`);
    const answer = await firstAnswer(socket, 3000);
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.toLowerCase()).toContain('connection: close');
    // And the connection is closed, not kept waiting for the unread body.
    expect((await outcome(socket, 3000)).closed).toBe(true);
  });

  it('refuses a body over the limit with 413 before it is sent', async () => {
    const { port } = await webhookServer({ requestMs: 30_000 });
    const socket = await rawSocket(port);
    socket.write(webhookHead(BODY_LIMIT + 1, SECRET));
    expect(await firstAnswer(socket, 3000)).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe('slow clients', () => {
  const quick = { headersMs: 400, requestMs: 800, checkEveryMs: 50 };

  /** Writes one byte every `everyMs` until the server closes the socket; returns the bytes written. */
  function dribble(socket: Socket, text: string, everyMs: number): () => number {
    let written = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || written >= text.length) return clearInterval(timer);
      socket.write(text[written++] as string);
    }, everyMs);
    cleanups.push(async () => clearInterval(timer));
    return () => written;
  }

  it('cuts off a client that sends its headers a byte at a time', async () => {
    const { port } = await webhookServer(quick);
    const socket = await rawSocket(port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: bot.test\r\n');
    const headers = 'X-Slow: ' + 'a'.repeat(200) + '\r\n\r\n';
    const written = dribble(socket, headers, 20);
    const result = await outcome(socket, 4000);
    expect(result.closed).toBe(true);
    expect(written()).toBeLessThan(headers.length); // cut off before it finished
    expect(result.answer === '' || /^HTTP\/1\.1 408/.test(result.answer)).toBe(true);
  });

  it('cuts off a client that sends its body a byte at a time', async () => {
    const { emu, port } = await webhookServer(quick);
    const socket = await rawSocket(port);
    const body = JSON.stringify({ ...startUpdate(5), pad: 'p'.repeat(150) });
    socket.write(webhookHead(Buffer.byteLength(body), SECRET));
    const written = dribble(socket, body, 20);
    const result = await outcome(socket, 4000);
    expect(result.closed).toBe(true);
    expect(written()).toBeLessThan(body.length);
    expect(emu.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('closes a connection that never sends anything', async () => {
    const { port } = await webhookServer(quick);
    const socket = await rawSocket(port);
    expect((await outcome(socket, 4000)).closed).toBe(true);
  });
});

describe('the server', () => {
  it('sends security headers', async () => {
    const { base } = await listen(createHttpServer());
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // TLS ends at a proxy or nowhere: the browser must not be sent to an https port that may not exist.
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('answers an error that carries no client status (none, or a 3xx) with a bare 500, and a client error with its status and message', async () => {
    const app = createHttpServer();
    app.get('/plain', async () => {
      throw new Error('internal detail');
    });
    app.get('/redirect-status', async () => {
      throw Object.assign(new Error('internal detail'), { statusCode: 302 });
    });
    app.get('/client', async () => {
      throw Object.assign(new Error('bad query'), { statusCode: 422 });
    });
    const { base } = await listen(app);
    for (const path of ['/plain', '/redirect-status']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(500);
      expect(await response.json()).toEqual({ ok: false });
    }
    const client = await fetch(`${base}/client`);
    expect(client.status).toBe(422);
    expect(await client.json()).toEqual({ ok: false, error: 'bad query' });
  });

  it('starts without fastify deprecation warnings', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', "const m = await import('./src/adapters/http/server.ts'); const app = m.createHttpServer(); await app.ready(); await app.close();"], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/FSTDEP|DeprecationWarning/);
  });
});

describe('download links', () => {
  /** A unit that finished its review, on `store`; the renderer counts its calls. */
  async function finishedUnit(store: SessionStore, key: string) {
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    const rendered: Document[] = [];
    const documents = new DocumentService(service, [campaign], clock, async (doc) => {
      rendered.push(doc);
      return renderPdf(doc);
    });
    for (const line of ['开始', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseB))]) await service.handle(key, eventForText(line) as never);
    return { service, documents, rendered };
  }

  async function server(documents: DocumentService, perMinute?: number) {
    const app = createHttpServer();
    registerDownloads(app, documents, LINK_SECRET, clock, perMinute === undefined ? {} : { perMinute });
    const { base } = await listen(app);
    return linkSigner(base, LINK_SECRET, 7, clock);
  }

  it('renders a PDF once while its content holds: a repeated GET reuses it, If-None-Match gets 304', async () => {
    const key = 'tg:4242';
    const { service, documents, rendered } = await finishedUnit(new MemoryStore({ retentionSeconds: 3600 }), key);
    const link = (await server(documents))(key, 'summary');

    const first = await fetch(link);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(rendered).toHaveLength(1);

    const again = await fetch(link);
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    expect(rendered).toHaveLength(1);

    const revalidated = await fetch(link, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(rendered).toHaveLength(1);

    // Another document of the same unit is its own PDF.
    const form = await fetch((await server(documents))(key, 'review_form'));
    expect(form.status).toBe(200);
    expect(form.headers.get('etag')).not.toBe(etag);
    expect(rendered).toHaveLength(2);

    // A changed answer is new content: a new etag, the old one no longer matches, and one more rendering.
    await service.handle(key, { type: 'user.edit', questionId: 'unit_name' });
    await service.handle(key, { type: 'user.answer', input: '另一家有限公司' });
    const changed = await fetch(link, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(rendered).toHaveLength(3);
  });

  it('limits requests per client address with a plain 429 that says when to come back', async () => {
    const key = 'tg:4343';
    const { documents } = await finishedUnit(new MemoryStore({ retentionSeconds: 3600 }), key);
    const link = (await server(documents, 3))(key, 'checklist');
    for (let i = 0; i < 3; i++) expect((await fetch(link)).status).toBe(200);
    const limited = await fetch(link);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe(t('download.tooMany'));
    expect(limited.headers.get('content-type')).toContain('text/plain');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Tampered links count too: guessing is limited as well.
    expect((await fetch(`${link}x`)).status).toBe(429);
  });

  it('counts each client behind a trusted proxy by its own address', async () => {
    const key = 'tg:4545';
    const { documents } = await finishedUnit(new MemoryStore({ retentionSeconds: 3600 }), key);
    const app = createHttpServer({ trustProxy: '127.0.0.1' });
    registerDownloads(app, documents, LINK_SECRET, clock, { perMinute: 1 });
    const { base } = await listen(app);
    const link = linkSigner(base, LINK_SECRET, 7, clock)(key, 'filing_form');
    const from = (address: string) => fetch(link, { headers: { 'x-forwarded-for': address } });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.2')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
  });

  it('trusts no forwarded address unless told to: a client cannot dodge the limit with a forged X-Forwarded-For', async () => {
    const key = 'tg:4646';
    const { documents } = await finishedUnit(new MemoryStore({ retentionSeconds: 3600 }), key);
    const link = (await server(documents, 1))(key, 'filing_form');
    const from = (address: string) => fetch(link, { headers: { 'x-forwarded-for': address } });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.2')).status).toBe(429);
  });

  it('answers 503 with a plain message while Redis is down, and serves again once it is back', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const store = new RedisStore({ url: redis.url, retentionSeconds: 3600, commandTimeoutMs: 500 });
    await store.connect();
    cleanups.push(() => store.close());
    const key = 'tg:4444';
    const { documents } = await finishedUnit(store, key);
    const link = (await server(documents))(key, 'summary');
    expect((await fetch(link)).status).toBe(200);

    await redis.kill();
    const down = await fetch(link);
    expect(down.status).toBe(503);
    expect(await down.text()).toBe(t('download.unavailable'));

    const back = new Promise((resolve) => store.redis.once('ready', resolve));
    await redis.restart();
    await back;
    // The data did not persist (no AOF here), so the unit has nothing yet: a plain 404, not an error.
    const after = await fetch(link);
    expect(after.status).toBe(404);
    expect(await after.text()).toBe(t('download.nothing'));
  });

  it('answers 404 with a plain message for a unit with nothing yet, and says why an out-of-scope unit has no report', async () => {
    const store = new MemoryStore({ retentionSeconds: 3600 });
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    const documents = new DocumentService(service, [campaign], clock, renderPdf);
    for (const line of ['开始', '某某小吃店', '91350100M000100Y43', '个体经济组织', '阜康市', '2', '0']) await service.handle('tg:4646', eventForText(line) as never);
    const link = await server(documents);

    const outOfScope = await fetch(link('tg:4646', 'summary'));
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await outOfScope.text()).toBe(t('pdf.outOfScope'));

    const nobody = await fetch(link('tg:4747', 'summary'));
    expect(nobody.status).toBe(404);
    expect(await nobody.text()).toBe(t('download.nothing'));
  });

  it("answers 500 without the error's message when rendering fails, and logs it at error level", async () => {
    const key = 'tg:4848';
    const store = new MemoryStore({ retentionSeconds: 3600 });
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    const documents = new DocumentService(service, [campaign], clock, async () => {
      throw new Error('renderer broke at /srv/secret/path');
    });
    for (const line of ['开始', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseB))]) await service.handle(key, eventForText(line) as never);
    const log = captureLog('debug');
    const app = createHttpServer({ logger: log.logger });
    registerDownloads(app, documents, LINK_SECRET, clock);
    const { base } = await listen(app);
    const link = linkSigner(base, LINK_SECRET, 7, clock)(key, 'summary');
    const response = await fetch(link);
    // Neither a rate limit (429) nor Redis (503): a failure of ours, whose details stay in the log.
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ ok: false });
    const failed = log.entries().filter((e) => e.status === 500);
    expect(failed).toEqual([expect.objectContaining({ level: 'error', route: '/d/:token', method: 'GET' })]);
  });
});

describe('request log', () => {
  it('logs each request at debug with its route pattern, unknown routes as "unknown", and a reported 503 not as an error', async () => {
    const log = captureLog('debug');
    const app = createHttpServer({ logger: log.logger });
    registerReadiness(app, new Readiness().add('redis', () => 'connecting'));
    const { base } = await listen(app);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/no/such/route`)).status).toBe(404);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const requests = log.entries().filter((e) => typeof e.status === 'number');
    expect(requests.map((e) => [e.level, e.route, e.status])).toEqual([
      ['debug', '/healthz', 200],
      ['debug', 'unknown', 404],
      ['debug', '/readyz', 503],
    ]);
  });
});

describe('download headers', () => {
  it('names the file in Chinese with an ASCII fallback, inline unless asked otherwise', () => {
    expect(contentDisposition('自查报告.pdf')).toBe(`inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('自查报告.pdf')}`);
    expect(contentDisposition('a.pdf', 'attachment')).toBe(`attachment; filename="document.pdf"; filename*=UTF-8''a.pdf`);
  });

  it('matches If-None-Match as RFC 9110 asks: any tag of a list, spaces around, weak tags and *', () => {
    const etag = '"abc"';
    expect(matchesEtag(undefined, etag)).toBe(false);
    expect(matchesEtag('"abc"', etag)).toBe(true);
    expect(matchesEtag('"x", "abc"', etag)).toBe(true);
    expect(matchesEtag('"x" , "abc" ', etag)).toBe(true);
    expect(matchesEtag('W/"abc"', etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
    expect(matchesEtag('"x", "y"', etag)).toBe(false);
    expect(matchesEtag('W/"x"', etag)).toBe(false);
    expect(matchesEtag('"abcd"', etag)).toBe(false);
    expect(matchesEtag('"aW/bc"', etag)).toBe(false); // W/ marks a weak tag only in front
  });
});
