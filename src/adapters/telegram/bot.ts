/**
 * The Telegram channel. A factory: configuration and ports in, a telegraf instance out, not launched,
 * so it can be driven by long polling, a webhook, or `handleUpdate` in tests and benchmarks.
 * Handlers are thin: an update becomes an event, the service decides and saves, replies are rendered.
 */
import { Telegraf, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { ConversationService } from '../../app/conversation-service.ts';
import { KeyedQueue } from '../../app/keyed-queue.ts';
import { eventForText } from '../../core/commands.ts';
import type { Reply } from '../../core/present.ts';
import type { SessionStore } from '../../core/store.ts';
import { t } from '../../core/text.ts';
import { isNotModified, isTelegramError, retryOn429, type RetryOptions } from './api-retry.ts';
import { decodeAnswerButton } from './callback-data.ts';
import { messagesFor, splitText } from './render.ts';

/** Sends a channel document (a PDF) to a chat; supplied by the documents adapter. */
export type DocumentSender = (ctx: Context, key: string) => Promise<void>;

export type BotOptions = {
  token: string;
  apiRoot?: string;
  service: ConversationService;
  store: SessionStore;
  sendPdf?: DocumentSender;
  sendChecklistPdf?: DocumentSender;
  retry?: RetryOptions;
  /** Where errors are reported; never given personal data, only ids and stacks. */
  logError?: (message: string, details: Record<string, unknown>) => void;
};

export const chatKey = (chatId: number | string) => `tg:${chatId}`;

/** The command menu set with setMyCommands at start-up (descriptions from templates/). */
export const BOT_COMMANDS = ['start', 'back', 'skip', 'status', 'review', 'restart', 'checklist', 'contact', 'pdf', 'help', 'forget'] as const;

export function createBot(options: BotOptions): Telegraf {
  const { service, store } = options;
  const bot = new Telegraf(options.token, options.apiRoot ? { telegram: { apiRoot: options.apiRoot } } : {});
  retryOn429(bot.telegram, options.retry);
  const queue = new KeyedQueue();
  const logError = options.logError ?? ((msg, details) => console.error(msg, JSON.stringify(details)));

  /** Sends replies in order; a chat that blocked the bot is marked unreachable, not retried. */
  const send = async (chatId: number, replies: Reply[]): Promise<void> => {
    try {
      for (const reply of replies) {
        for (const m of messagesFor(reply)) {
          await bot.telegram.sendMessage(chatId, m.text, m.keyboard ? { reply_markup: m.keyboard } : {});
        }
      }
    } catch (error) {
      if (!isTelegramError(error, 403)) throw error;
      await store.setUnreachable(chatKey(chatId), true);
    }
  };
  const say = (chatId: number, text: string) => send(chatId, [{ kind: 'text', text }]);

  bot.catch(async (error, ctx) => {
    logError('telegram update failed', { updateId: ctx.update.update_id, error: error instanceof Error ? error.stack : String(error) });
    const chatId = ctx.chat?.id;
    if (chatId !== undefined) await say(chatId, t('telegram.error')).catch(() => undefined);
  });

  // One chat's updates in arrival order inside this process; other chats in parallel.
  bot.use((ctx, next) => (ctx.chat ? queue.run(String(ctx.chat.id), next) : next()));

  // A review concerns one unit: the bot talks in private chats only.
  bot.use(async (ctx, next) => {
    if (!ctx.chat || ctx.chat.type === 'private') return next();
    if (ctx.callbackQuery) return void (await ctx.answerCbQuery(t('telegram.privateOnly')).catch(() => undefined));
    if (ctx.message) await say(ctx.chat.id, t('telegram.privateOnly'));
  });

  bot.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const button = decodeAnswerButton('data' in query ? query.data : undefined);
    // Answer the query first (the spinner stops at once); a forged button gets a notice and nothing else.
    await ctx.answerCbQuery(button ? undefined : t('telegram.invalidButton')).catch(() => undefined);
    if (!button || !ctx.chat) return;
    const key = chatKey(ctx.chat.id);
    const result = await service.handle(key, { type: 'user.answer', input: button.option, questionId: button.questionId, rev: button.rev }, String(ctx.update.update_id));
    const accepted = result.outcome === 'ok' && (result.snapshot?.context.rev ?? -1) > button.rev;
    const original = query.message && 'text' in query.message ? query.message : undefined;
    if (accepted && original && 'data' in query) {
      // The question message becomes a record of the answer: its text plus the choice, no keyboard.
      const buttons = original.reply_markup?.inline_keyboard.flat() ?? [];
      const label = buttons.find((b) => 'callback_data' in b && b.callback_data === query.data)?.text ?? button.option;
      const text = splitText(`${original.text}\n\n${t('telegram.chosen', { label })}`)[0] ?? original.text;
      await ctx.telegram.editMessageText(ctx.chat.id, original.message_id, undefined, text).catch((error: unknown) => {
        if (!isNotModified(error)) throw error;
      });
    }
    await send(ctx.chat.id, result.replies);
  });

  bot.on(message('text'), async (ctx) => {
    const key = chatKey(ctx.chat.id);
    const event = eventForText(ctx.message.text);
    if (event === 'pdf') return options.sendPdf ? options.sendPdf(ctx, key) : say(ctx.chat.id, t('telegram.notAvailable'));
    if (event === 'quit') return say(ctx.chat.id, t('telegram.quit'));
    if (event.type === 'user.start') await store.setUnreachable(key, false);
    if (event.type === 'user.checklist' && options.sendChecklistPdf) await options.sendChecklistPdf(ctx, key);
    const result = await service.handle(key, event, String(ctx.update.update_id));
    await send(ctx.chat.id, result.replies);
  });

  bot.on('edited_message', (ctx) => (ctx.chat ? say(ctx.chat.id, t('telegram.editedIgnored')) : undefined));
  bot.on('message', (ctx) => say(ctx.chat.id, t('telegram.textOnly')));

  return bot;
}

/** Sets the command menu (Chinese descriptions) so /commands show up in Telegram's UI. */
export async function setCommandMenu(bot: Telegraf): Promise<void> {
  await bot.telegram.setMyCommands(BOT_COMMANDS.map((command) => ({ command, description: t(`command.${command}`) })));
}
