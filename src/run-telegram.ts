/**
 * Wiring of the bot process: HTTP server (webhook, downloads, health), bot, update feed, and teardown.
 * Loaded by main.ts only when a bot token is set, so the terminal chat starts without fastify and telegraf.
 */
import { clockFrom, type Config } from './config.ts';
import type { ConversationService } from './app/conversation-service.ts';
import type { DocumentService } from './app/document-service.ts';
import { linkSigner, registerDownloads, type LinkSigner } from './adapters/http/downloads.ts';
import { Readiness, registerReadiness } from './adapters/http/health.ts';
import { createHttpServer, registerWebhook } from './adapters/http/server.ts';
import { keyHasher, logSalt, type Logger } from './adapters/log/log.ts';
import { storeReadiness } from './adapters/store/open-store.ts';
import { createBot } from './adapters/telegram/bot.ts';
import { UpdateFeed } from './adapters/telegram/run.ts';
import type { SessionStore } from './core/store.ts';
import type { AuditLog, RosterStore } from './core/staff-store.ts';
import type { StaffDirectory } from './app/staff-directory.ts';
import { StaffService } from './app/staff-service.ts';
import { renderPdf } from './adapters/pdf/render.ts';
import { staffCommands } from './adapters/telegram/staff.ts';
import { mountWeb, startPruning } from './run-web.ts';
import { INVITE_PREFIX } from './app/conversation-service.ts';
import { remindCommands } from './adapters/telegram/remind.ts';
import { openReminders } from './adapters/queue/open-reminders.ts';

export type Parts = {
  config: Config;
  token: string;
  service: ConversationService;
  store: SessionStore;
  documents: DocumentService;
  logger: Logger;
  /** Bureau staff, when STAFF_FILE is set. */
  directory?: StaffDirectory;
  staffStores: { roster: RosterStore; audit: AuditLog };
};

/** Runs the bot until SIGTERM/SIGINT (exit 0) or until Telegram cannot be reached for good (exit 1). */
export async function runTelegram({ config, token, service, store, documents, logger, directory, staffStores }: Parts): Promise<number> {
  const clock = clockFrom(config);
  const app = createHttpServer({ logger, trustProxy: config.TRUST_PROXY });
  const readiness = new Readiness();
  registerReadiness(app, readiness);
  const redisCheck = storeReadiness(store);
  if (redisCheck) readiness.add('redis', redisCheck);
  let linkFor: LinkSigner | undefined;
  if (config.DOWNLOAD_SECRET) {
    // With the web on, the web mounts the download links (with this same secret).
    if (!config.WEB) registerDownloads(app, documents, config.DOWNLOAD_SECRET, clock, { perMinute: config.DOWNLOAD_RATE_LIMIT });
    if (config.PUBLIC_BASE_URL) linkFor = linkSigner(config.PUBLIC_BASE_URL, config.DOWNLOAD_SECRET, config.DOWNLOAD_LINK_DAYS, clock);
  }
  // Chat keys in logs are hashed with a per-deployment salt: LOG_SALT, or one derived from the (secret) token.
  const hashKey = keyHasher(logSalt(config.LOG_SALT, token));
  // Reminders need Redis; the worker runs here unless REMINDER_WORKER=false (then `npm run worker` runs it).
  const reminders = await openReminders({ config, store, conversations: service, campaigns: service.campaigns, logger, clock, runWorker: config.REMINDER_WORKER, hashKey });
  if (reminders) readiness.add('reminders', reminders.readiness);
  // With the web chat public, /invite gives its link too: it opens in WeChat, where Telegram cannot.
  const webBase = config.WEB ? config.WEB_BASE_URL ?? config.PUBLIC_BASE_URL : undefined;
  const webInvite = webBase ? (token: string) => new URL(`start/${INVITE_PREFIX}${token}`, webBase).toString() : undefined;
  const staff = directory && new StaffService({ directory, campaigns: service.campaigns, store, ...staffStores, documents, clock, ...(reminders ? { reminders: reminders.queue } : {}) });
  // The username is known once start-up's getMe has answered (before any update is handled).
  const extensions = staff
    ? [
        staffCommands({ staff, renderPdf, botUsername: () => bot.botInfo?.username, logger, ...(webInvite ? { webInviteLink: webInvite } : {}) }).middleware(),
        remindCommands({ staff, ...(reminders ? { reminders: { service: reminders.service, dispatch: reminders.queue } } : {}), logger, clock }).middleware(),
      ]
    : [];
  const bot = createBot({ token, apiRoot: config.TELEGRAM_API_ROOT, service, store, documents, linkFor, linkDays: config.DOWNLOAD_LINK_DAYS, logger, hashKey, extensions });

  let giveUp: (error: unknown) => void = () => undefined;
  const gaveUp = new Promise<'gave_up'>((resolve) => (giveUp = () => resolve('gave_up')));
  const feed = new UpdateFeed(bot, { logger, maxFailures: config.TELEGRAM_MAX_FAILURES, onGiveUp: giveUp });
  readiness.add('telegram', () => feed.ready || feed.state);
  const webhook = config.WEBHOOK_URL && config.WEBHOOK_SECRET ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET } : undefined;
  if (webhook) registerWebhook(app, bot, webhook.secret);
  // One process, one server: the web chat and the dashboard beside the webhook, over the same store.
  if (config.WEB) {
    mountWeb(app, {
      config, service, store, documents, logger, staffStores,
      ...(directory ? { directory } : {}),
      ...(staff ? { staff } : {}),
      ...(reminders ? { reminders: { service: reminders.service, queue: reminders.queue } } : {}),
      botUsername: () => bot.botInfo?.username,
    });
  }
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

  // Listening first: /healthz and /readyz answer while the Bot API is still being reached.
  await app.listen({ host: config.HOST, port: config.PORT }).catch(async (error: unknown) => {
    await reminders?.close();
    throw error;
  });
  logger.info({ mode: webhook ? 'webhook' : 'polling', host: config.HOST, port: config.PORT }, 'bot starting');
  (webhook ? feed.startWebhook(webhook.url, webhook.secret) : feed.startPolling()).catch((error: unknown) => {
    logger.fatal({ err: error }, 'telegram start-up failed');
    giveUp(error);
  });
  // Index entries go when their sessions expire: prune hourly (and whenever staff list units).
  const stopPruning = startPruning(store, service.campaignIds, clock, logger);
  const reason = await Promise.race([signalled, gaveUp]);
  stopPruning();
  logger.info({ reason }, 'shutting down');
  await feed.stop();
  // The worker finishes the reminders in hand, then the queue and its connections close.
  await reminders?.close();
  await app.close();
  return reason === 'gave_up' ? 1 : 0;
}
