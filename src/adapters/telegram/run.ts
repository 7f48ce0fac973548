/** Starts the bot: long polling locally, or a webhook behind the HTTP server in production. */
import type { Telegraf } from 'telegraf';
import { WEBHOOK_PATH } from '../http.ts';
import { setCommandMenu } from './bot.ts';

export type RunningBot = { stop(): Promise<void> };

export async function startPolling(bot: Telegraf): Promise<RunningBot> {
  await setCommandMenu(bot);
  // launch() resolves only when polling stops; its rejection (e.g. a bad token) must surface.
  const launched = bot.launch({ dropPendingUpdates: false });
  launched.catch((error: unknown) => {
    console.error('Telegram polling stopped:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
  return {
    stop: async () => {
      bot.stop('shutdown');
      await launched.catch(() => undefined);
    },
  };
}

/** Call `registerWebhook` on the HTTP server before it listens; this tells Telegram where to post. */
export async function startWebhook(bot: Telegraf, url: string, secret: string): Promise<RunningBot> {
  await setCommandMenu(bot);
  const target = new URL(WEBHOOK_PATH, url).toString();
  await bot.telegram.setWebhook(target, { secret_token: secret, drop_pending_updates: false });
  return { stop: async () => undefined };
}
