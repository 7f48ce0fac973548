/**
 * The HTTP server (fastify): Telegram's webhook, health, and routes other adapters register
 * (signed PDF downloads). Closes with the process.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';

export const WEBHOOK_PATH = '/telegram/webhook';

export function createHttpServer(): FastifyInstance {
  // Signed download tokens are ~100–200 characters: fastify's default 100-character parameter limit would 414 them.
  const app = Fastify({ logger: false, bodyLimit: 1_048_576, maxParamLength: 1024 });
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
  app.post(WEBHOOK_PATH, async (request, reply) => {
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], secret)) return reply.code(401).send({ ok: false });
    const update = request.body as Update;
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') return reply.code(400).send({ ok: false });
    await bot.handleUpdate(update);
    return reply.send({ ok: true });
  });
}
