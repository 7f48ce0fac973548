/** Wiring only: configuration → logger → store → service → channel (terminal, the bot in run-telegram.ts, the web in run-web.ts). */
import { campaigns as allCampaigns } from '../flows/index.ts';
import { clockFrom, ConfigError, loadConfig } from './config.ts';
import { ConversationService } from './app/conversation-service.ts';
import { DocumentService } from './app/document-service.ts';
import { createLogger } from './adapters/log/log.ts';
import { renderPdf } from './adapters/pdf/render.ts';
import { FileStore, SessionFileError } from './adapters/store/file-store.ts';
import { t } from './core/text.ts';
import { openStaffStores, openStore } from './adapters/store/open-store.ts';
import { StaffDirectory, StaffFileError } from './app/staff-directory.ts';
import { rosterHooks } from './app/staff-service.ts';
import { runTerminal } from './adapters/terminal/terminal.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const campaigns = offeredCampaigns(config.CAMPAIGNS);
  const bot = config.TELEGRAM_BOT_TOKEN;
  // The terminal chat's stdout is the chat: only warnings and errors reach its stderr unless asked.
  const logger = createLogger(config.LOG_LEVEL ?? (bot || config.WEB ? 'info' : 'warn'));
  // A bad staff file stops the start-up with the entry that is wrong, before anything is opened.
  const directory = config.STAFF_FILE ? StaffDirectory.load(config.STAFF_FILE, campaigns) : undefined;
  const store = await openStore(config, logger);
  const staffStores = openStaffStores(store, config.REDIS_KEY_PREFIX);
  const clock = clockFrom(config);
  const service = new ConversationService({ campaigns, store, clock, ...rosterHooks(staffStores.roster) });
  const documents = new DocumentService(service, campaigns, clock, renderPdf);
  try {
    if (bot) {
      const { runTelegram } = await import('./run-telegram.ts');
      process.exitCode = await runTelegram({ config, token: bot, service, store, documents, logger, directory, staffStores });
    } else if (config.WEB) {
      const { runWeb } = await import('./run-web.ts');
      process.exitCode = await runWeb({ config, service, store, documents, logger, ...(directory ? { directory } : {}), staffStores });
    } else {
      const sessionFile = store instanceof FileStore ? store.path : undefined;
      await runTerminal({ service, input: process.stdin, output: process.stdout, documents, outDir: config.OUT_DIR, ...(sessionFile ? { sessionFile } : {}) });
    }
  } finally {
    await store.close();
  }
}

/** CAMPAIGNS picks and orders the campaigns offered; an id no flow file has stops the start-up, naming the known ones. */
function offeredCampaigns(ids: string[] | undefined) {
  if (!ids) return allCampaigns;
  const unknown = ids.filter((id) => !allCampaigns.some((c) => c.id === id));
  if (unknown.length) throw new ConfigError(`CAMPAIGNS names unknown campaigns: ${unknown.join(', ')}; known: ${allCampaigns.map((c) => c.id).join(', ')}`);
  return ids.map((id) => allCampaigns.find((c) => c.id === id) as (typeof allCampaigns)[number]);
}

const SESSION_FILE_TEXTS = { busy: 'terminal.sessionFileBusy', unreadable: 'terminal.sessionFileUnreadable', inaccessible: 'terminal.sessionFileInaccessible' } as const;

main().catch((error: unknown) => {
  // The person at the terminal reads these: a plain sentence, not a stack.
  if (error instanceof SessionFileError) console.error(t(SESSION_FILE_TEXTS[error.reason], { path: error.path, code: error.code ?? '' }));
  else console.error(error instanceof ConfigError || error instanceof StaffFileError ? error.message : error);
  process.exitCode = 1;
});
