/** Wiring only: configuration → store → service → channel, and teardown on SIGTERM. */
import { campaigns } from '../flows/index.ts';
import { clockFrom, ConfigError, loadConfig, type Config } from './config.ts';
import { ConversationService } from './app/conversation-service.ts';
import { DocumentService } from './app/document-service.ts';
import { linkSigner, registerDownloads, type LinkSigner } from './adapters/downloads.ts';
import { renderPdf } from './adapters/pdf.ts';
import { createHttpServer, registerWebhook } from './adapters/http.ts';
import { FileStore } from './adapters/file-store.ts';
import { openStore } from './adapters/open-store.ts';
import { runTerminal } from './adapters/terminal.ts';
import { createBot } from './adapters/telegram/bot.ts';
import { startPolling, startWebhook, type RunningBot } from './adapters/telegram/run.ts';
import type { SessionStore } from './core/store.ts';

async function runTelegram(config: Config, token: string, service: ConversationService, store: SessionStore, documents: DocumentService): Promise<void> {
  const app = createHttpServer();
  const clock = clockFrom(config);
  let linkFor: LinkSigner | undefined;
  if (config.DOWNLOAD_SECRET) {
    registerDownloads(app, documents, config.DOWNLOAD_SECRET, clock);
    if (config.PUBLIC_BASE_URL) linkFor = linkSigner(config.PUBLIC_BASE_URL, config.DOWNLOAD_SECRET, config.DOWNLOAD_LINK_DAYS, clock);
  }
  const bot = createBot({ token, apiRoot: config.TELEGRAM_API_ROOT, service, store, documents, linkFor, linkDays: config.DOWNLOAD_LINK_DAYS });
  let running: RunningBot;
  if (config.WEBHOOK_URL) {
    registerWebhook(app, bot, config.WEBHOOK_SECRET as string);
    await app.listen({ host: config.HOST, port: config.PORT });
    running = await startWebhook(bot, config.WEBHOOK_URL, config.WEBHOOK_SECRET as string);
  } else {
    await app.listen({ host: config.HOST, port: config.PORT });
    running = await startPolling(bot);
  }
  console.log(`年审助手 bot running (${config.WEBHOOK_URL ? 'webhook' : 'long polling'}), http on ${config.HOST}:${config.PORT}`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await running.stop();
  await app.close();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  const clock = clockFrom(config);
  const service = new ConversationService({ campaigns, store, clock });
  const documents = new DocumentService(service, campaigns, clock, renderPdf);
  try {
    if (config.TELEGRAM_BOT_TOKEN) await runTelegram(config, config.TELEGRAM_BOT_TOKEN, service, store, documents);
    else {
      const sessionFile = store instanceof FileStore ? store.path : undefined;
      await runTerminal({ service, input: process.stdin, output: process.stdout, documents, outDir: config.OUT_DIR, ...(sessionFile ? { sessionFile } : {}) });
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
