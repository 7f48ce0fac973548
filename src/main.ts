/** Wiring only: configuration → logger → store → service → channel, and teardown on SIGTERM. */
import { createHash } from 'node:crypto';
import { campaigns } from '../flows/index.ts';
import { clockFrom, ConfigError, loadConfig, type Config } from './config.ts';
import { ConversationService } from './app/conversation-service.ts';
import { DocumentService } from './app/document-service.ts';
import { linkSigner, registerDownloads, type LinkSigner } from './adapters/downloads.ts';
import { Readiness, registerReadiness } from './adapters/health.ts';
import { createHttpServer, registerWebhook } from './adapters/http.ts';
import { createLogger, keyHasher, type Logger } from './adapters/log.ts';
import { renderPdf } from './adapters/pdf.ts';
import { openStore, storeReadiness } from './adapters/open-store.ts';
import { runTerminal } from './adapters/terminal.ts';
import { createBot } from './adapters/telegram/bot.ts';
import { UpdateFeed } from './adapters/telegram/run.ts';
import type { SessionStore } from './core/store.ts';

type Parts = { config: Config; token: string; service: ConversationService; store: SessionStore; documents: DocumentService; logger: Logger };

/** Runs the bot until SIGTERM/SIGINT (exit 0) or until Telegram cannot be reached for good (exit 1). */
async function runTelegram({ config, token, service, store, documents, logger }: Parts): Promise<number> {
  const clock = clockFrom(config);
  const app = createHttpServer({ logger, trustProxy: config.TRUST_PROXY });
  const readiness = new Readiness();
  registerReadiness(app, readiness);
  const redisCheck = storeReadiness(store);
  if (redisCheck) readiness.add('redis', redisCheck);
  let linkFor: LinkSigner | undefined;
  if (config.DOWNLOAD_SECRET) {
    registerDownloads(app, documents, config.DOWNLOAD_SECRET, clock, { perMinute: config.DOWNLOAD_RATE_LIMIT });
    if (config.PUBLIC_BASE_URL) linkFor = linkSigner(config.PUBLIC_BASE_URL, config.DOWNLOAD_SECRET, config.DOWNLOAD_LINK_DAYS, clock);
  }
  // Chat keys in logs are hashed with a per-deployment salt: LOG_SALT, or one derived from the (secret) token.
  const salt = config.LOG_SALT ?? createHash('sha256').update(`log-salt:${token}`).digest('hex');
  const bot = createBot({ token, apiRoot: config.TELEGRAM_API_ROOT, service, store, documents, linkFor, linkDays: config.DOWNLOAD_LINK_DAYS, logger, hashKey: keyHasher(salt) });

  let giveUp: (error: unknown) => void = () => undefined;
  const gaveUp = new Promise<'gave_up'>((resolve) => (giveUp = () => resolve('gave_up')));
  const feed = new UpdateFeed(bot, { logger, maxFailures: config.TELEGRAM_MAX_FAILURES, onGiveUp: giveUp });
  readiness.add('telegram', () => feed.ready || feed.state);
  const webhook = config.WEBHOOK_URL && config.WEBHOOK_SECRET ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET } : undefined;
  if (webhook) registerWebhook(app, bot, webhook.secret);
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

  // Listening first: /healthz and /readyz answer while the Bot API is still being reached.
  await app.listen({ host: config.HOST, port: config.PORT });
  logger.info({ mode: webhook ? 'webhook' : 'polling', host: config.HOST, port: config.PORT }, 'bot starting');
  (webhook ? feed.startWebhook(webhook.url, webhook.secret) : feed.startPolling()).catch((error: unknown) => {
    logger.fatal({ err: error }, 'telegram start-up failed');
    giveUp(error);
  });
  const reason = await Promise.race([signalled, gaveUp]);
  logger.info({ reason }, 'shutting down');
  await feed.stop();
  await app.close();
  return reason === 'gave_up' ? 1 : 0;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const bot = config.TELEGRAM_BOT_TOKEN;
  // The terminal chat's stdout is the chat: only warnings and errors reach its stderr unless asked.
  const logger = createLogger(config.LOG_LEVEL ?? (bot ? 'info' : 'warn'));
  const store = await openStore(config, logger);
  const clock = clockFrom(config);
  const service = new ConversationService({ campaigns, store, clock });
  const documents = new DocumentService(service, campaigns, clock, renderPdf);
  try {
    if (bot) process.exitCode = await runTelegram({ config, token: bot, service, store, documents, logger });
    else await runTerminal({ service, input: process.stdin, output: process.stdout, documents, outDir: config.OUT_DIR, persistent: Boolean(config.REDIS_URL) });
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
