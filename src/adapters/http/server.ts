/**
 * The HTTP server (fastify): Telegram's webhook, health, and routes other adapters register (signed PDF
 * downloads, /readyz). Built so that a stranger cannot tie it up: slow clients are cut off by header,
 * request and idle timeouts, bodies are small, the webhook's secret is checked before its body is read,
 * and security headers come from @fastify/helmet. Closes with the process.
 */
import { timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { Server } from 'node:http';
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { silentLogger, type Logger } from '../log/log.ts';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Telegram updates are a few KB; nothing this server accepts is larger. */
export const BODY_LIMIT = 256 * 1024;

export type HttpTimeouts = {
  /** All request headers must arrive within this. */
  headersMs: number;
  /** The whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** A socket with no traffic either way is closed after this (covers a slow handler too, generously). */
  idleMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** How often Node looks for requests past their header or request timeout. */
  checkEveryMs: number;
};

export const HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 5_000, requestMs: 10_000, idleMs: 60_000, keepAliveMs: 5_000, checkEveryMs: 1_000 };

export type HttpOptions = {
  logger?: Logger;
  /** fastify's `trustProxy`: set behind a reverse proxy, so rate limits see the client's address. */
  trustProxy?: boolean | string;
  timeouts?: Partial<HttpTimeouts>;
};

export function createHttpServer(options: HttpOptions = {}): FastifyInstance {
  const timeouts = { ...HTTP_TIMEOUTS, ...options.timeouts };
  const log = options.logger ?? silentLogger();
  const serverOptions: FastifyHttpOptions<Server> = {
    logger: false,
    bodyLimit: BODY_LIMIT,
    // Signed download tokens are ~100–200 characters: the default 100-character parameter limit would 414 them.
    routerOptions: { maxParamLength: 1024 },
    trustProxy: options.trustProxy ?? false,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
  };
  const app = Fastify(serverOptions);
  // TLS ends at the reverse proxy (or nowhere, on localhost or a bureau's intranet): upgrade-insecure-requests
  // would send the web chat's own redirects and form posts to an https port that does not exist.
  void app.register(helmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  // The route pattern, never the URL: a download URL carries a signed token naming the chat.
  app.addHook('onResponse', async (request, reply) => {
    const fields = { method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    // 503 is a reported state (not ready, Redis down), whose cause is logged where it happens.
    if (reply.statusCode >= 500 && reply.statusCode !== 503) log.error(fields, 'http request failed');
    else log.debug(fields, 'http request');
  });
  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      log.error({ err: error, route: request.routeOptions.url ?? 'unknown' }, 'http handler failed');
      return reply.code(status).send({ ok: false });
    }
    return reply.code(status).send({ ok: false, error: error.message });
  });
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}

const sameSecret = (given: unknown, secret: string): boolean => {
  if (typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(given), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Accepts Telegram's webhook posts that carry the secret token header; anything else gets 401. */
export function registerWebhook(app: FastifyInstance, bot: Telegraf, secret: string): void {
  if (!secret) throw new Error('registerWebhook needs a non-empty secret');
  app.post(
    WEBHOOK_PATH,
    {
      bodyLimit: BODY_LIMIT,
      // onRequest runs before the body is read: a forged post is answered at once and its connection
      // closed, so whatever it still has to send is never read into memory.
      onRequest: async (request, reply) => {
        if (sameSecret(request.headers['x-telegram-bot-api-secret-token'], secret)) return;
        return reply.code(401).header('connection', 'close').send({ ok: false });
      },
    },
    async (request, reply) => {
      // Any JSON that is not an object with a numeric update_id (null, an array, a string…) is not an update.
      const update = request.body as Update | null;
      if (typeof update?.update_id !== 'number') return reply.code(400).send({ ok: false });
      await bot.handleUpdate(update);
      return reply.send({ ok: true });
    },
  );
}
