/** Wiring only: configuration → store → service → channel. */
import { campaigns } from '../flows/index.ts';
import { clockFrom, ConfigError, loadConfig } from './config.ts';
import { ConversationService } from './app/conversation-service.ts';
import { openStore } from './adapters/open-store.ts';
import { runTerminal } from './adapters/terminal.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  const service = new ConversationService({ campaigns, store, clock: clockFrom(config) });
  try {
    await runTerminal({ service, input: process.stdin, output: process.stdout });
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
});
