/**
 * Wiring of the web channel: the unit's chat, the staff dashboard and the PDF downloads on the HTTP server.
 * `runWeb` serves them alone (`npm run web`, no Telegram token); with a token, run-telegram.ts mounts them
 * beside the webhook on the same server, over the same store, sessions and documents.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { clockFrom, type Config } from './config.ts';
import type { ConversationService } from './app/conversation-service.ts';
import type { DocumentService } from './app/document-service.ts';
import type { StaffDirectory } from './app/staff-directory.ts';
import { StaffService } from './app/staff-service.ts';
import type { AuditLog, RosterStore } from './core/staff-store.ts';
import { signLink, type DocumentKind } from './core/signed-link.ts';
import type { SessionStore } from './core/store.ts';
import { DOWNLOAD_PATH, registerDownloads } from './adapters/http/downloads.ts';
import { Readiness, registerReadiness } from './adapters/http/health.ts';
import { createHttpServer } from './adapters/http/server.ts';
import type { Logger } from './adapters/log/log.ts';
import { renderPdf } from './adapters/pdf/render.ts';
import { openReminders } from './adapters/queue/open-reminders.ts';
import type { ReminderQueue } from './adapters/queue/reminder-queue.ts';
import type { ReminderService } from './app/reminder-service.ts';
import { FileStore } from './adapters/store/file-store.ts';
import { storeReadiness } from './adapters/store/open-store.ts';
import { dashboardRoutes } from './adapters/web/dashboard-routes.ts';
import { registerWeb } from './adapters/web/web.ts';

export type WebParts = {
  config: Config;
  service: ConversationService;
  store: SessionStore;
  documents: DocumentService;
  logger: Logger;
  directory?: StaffDirectory;
  staffStores: { roster: RosterStore; audit: AuditLog };
  /** The Telegram bot's username, when the bot runs in this process (for t.me invitation links). */
  botUsername?: () => string | undefined;
  /** The bot's staff service (with its reminder ledger), when the bot runs in this process. */
  staff?: StaffService;
  /** Reminders (with Redis): the dashboard's reminders page. */
  reminders?: { service: ReminderService; queue: ReminderQueue };
};

/** The cookie key: COOKIE_SECRET, or for a local try-out one generated and kept beside the session file. */
export function cookieSecret(config: Config, store: SessionStore, logger: Logger): string {
  if (config.COOKIE_SECRET) return config.COOKIE_SECRET;
  const file = store instanceof FileStore ? join(dirname(store.path), 'web-cookie-secret') : undefined;
  if (file && existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) {
      logger.warn({ file }, 'COOKIE_SECRET is not set: using the development secret kept in this file. Set COOKIE_SECRET before serving real units.');
      return kept;
    }
  }
  const secret = randomBytes(48).toString('base64url');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  logger.warn(
    { file: file ?? null },
    '!!! COOKIE_SECRET is not set: generated a development secret. Fine on localhost; set COOKIE_SECRET (32+ random characters) before serving real units. !!!',
  );
  return secret;
}

/** Download links of the web: DOWNLOAD_SECRET when set (the bot's links too), else a key derived from the cookie key. */
export const downloadSecret = (config: Config, cookieKey: string) => config.DOWNLOAD_SECRET ?? createHmac('sha256', cookieKey).update('download-links').digest('base64url');

/** Mounts the web chat, the dashboard (with STAFF_FILE) and the download links on `app`. */
export function mountWeb(app: FastifyInstance, parts: WebParts): void {
  const { config, service, store, documents, logger } = parts;
  const clock = clockFrom(config);
  const secret = cookieSecret(config, store, logger);
  const links = downloadSecret(config, secret);
  registerDownloads(app, documents, links, clock, { perMinute: config.DOWNLOAD_RATE_LIMIT });
  const downloadPath = (key: string, kind: DocumentKind) => DOWNLOAD_PATH + signLink(links, key, kind, new Date(clock().getTime() + config.DOWNLOAD_LINK_DAYS * 86_400_000));
  const baseUrl = config.WEB_BASE_URL ?? config.PUBLIC_BASE_URL;
  const staff = parts.staff ?? (parts.directory && new StaffService({ directory: parts.directory, campaigns: service.campaigns, store, ...parts.staffStores, documents, clock, ...(parts.reminders ? { reminders: parts.reminders.queue } : {}) }));
  registerWeb(app, {
    service,
    store,
    documents,
    downloadPath,
    linkDays: config.DOWNLOAD_LINK_DAYS,
    cookieSecret: secret,
    cookieSecure: config.COOKIE_SECURE,
    retentionSeconds: config.SESSION_RETENTION_DAYS * 86_400,
    ...(baseUrl ? { baseUrl } : {}),
    resumePerMinute: config.WEB_RESUME_RATE_LIMIT,
    clock,
    logger,
    ...(staff
      ? {
          dashboard: async (scope: FastifyInstance) => {
            await dashboardRoutes(scope, {
              staff,
              directory: parts.directory as StaffDirectory,
              renderPdf,
              cookieSecure: config.COOKIE_SECURE,
              sessionHours: config.STAFF_SESSION_HOURS,
              loginPerMinute: config.STAFF_LOGIN_RATE_LIMIT,
              ...(baseUrl ? { baseUrl } : {}),
              ...(parts.botUsername ? { botUsername: parts.botUsername } : {}),
              ...(parts.reminders ? { reminders: parts.reminders } : {}),
              logger,
            });
          },
        }
      : {}),
  });
}

/** Prunes expired units out of the staff index now and hourly; returns the stop function. */
export function startPruning(store: SessionStore, campaignIds: string[], clock: () => Date, logger: Logger): () => void {
  const prune = () =>
    store.prune(campaignIds, clock().getTime()).then(
      (n) => n && logger.info({ pruned: n }, 'expired units taken out of the staff index'),
      (error: unknown) => logger.warn({ err: error }, 'prune failed'),
    );
  void prune();
  const timer = setInterval(prune, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Serves the web chat and dashboard until SIGTERM/SIGINT (exit 0). */
export async function runWeb(parts: WebParts): Promise<number> {
  const { config, store, logger } = parts;
  const app = createHttpServer({ logger, trustProxy: config.TRUST_PROXY });
  const readiness = new Readiness();
  registerReadiness(app, readiness);
  const redisCheck = storeReadiness(store);
  if (redisCheck) readiness.add('redis', redisCheck);
  // Reminders need Redis; without a bot here, the queue only: `npm run worker` (with the token) sends them.
  const reminders = await openReminders({ config, store, conversations: parts.service, campaigns: parts.service.campaigns, logger, clock: clockFrom(config), runWorker: false });
  if (reminders) readiness.add('reminders', reminders.readiness);
  mountWeb(app, { ...parts, ...(reminders ? { reminders: { service: reminders.service, queue: reminders.queue } } : {}) });
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ host: config.HOST, port, staff: parts.directory !== undefined }, 'web chat listening');
  // Said on stdout too, for the person who typed `npm run web`.
  process.stdout.write(`年审助手 web: http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}/${parts.directory ? `  (staff: /staff)` : ''}\n`);
  const stopPruning = startPruning(store, parts.service.campaignIds, clockFrom(config), logger);
  const reason = await signalled;
  stopPruning();
  logger.info({ reason }, 'shutting down');
  await app.close();
  await reminders?.close();
  return 0;
}
