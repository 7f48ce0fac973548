/**
 * The Telegram channel. A factory: configuration and ports in, a telegraf instance out, not launched,
 * so it can be driven by long polling, a webhook, or `handleUpdate` in tests and benchmarks.
 * Handlers are thin: an update becomes an event, the service decides and saves, replies are rendered.
 */
import { Telegraf, type Context, type Middleware, type Telegram } from 'telegraf';
import { message } from 'telegraf/filters';
import type { ConversationService } from '../../app/conversation-service.ts';
import { missingPdfText, type DocumentService } from '../../app/document-service.ts';
import type { DocumentKind } from '../../core/signed-link.ts';
import type { LinkSigner } from '../http/downloads.ts';
import { KeyedQueue } from '../../app/keyed-queue.ts';
import { eventForText } from '../../core/commands.ts';
import type { ConversationEvent } from '../../core/conversation.ts';
import type { Reply } from '../../core/present.ts';
import { StoreUnavailableError, type SessionStore } from '../../core/store.ts';
import { t } from '../../core/text.ts';
import { keyHasher, silentLogger, type Logger } from '../log/log.ts';
import { isNotModified, isTelegramError, retrying429, retryOn429, type RetryOptions } from './api-retry.ts';
import { decodeAnswerButton } from './callback-data.ts';
import { messagesFor, splitText } from './render.ts';

export type BotOptions = {
  token: string;
  apiRoot?: string;
  service: ConversationService;
  store: SessionStore;
  /** PDFs to send (the summary after the last answer, /pdf, /checklist); none when absent. */
  documents?: DocumentService;
  /** Signed browser links to the PDFs, when the HTTP server is public. */
  linkFor?: LinkSigner;
  linkDays?: number;
  retry?: RetryOptions;
  /** Operator log: update ids, hashed chat keys, outcomes and errors; never what a unit typed. */
  logger?: Logger;
  /** Names a chat key in the log (a salted hash); default: unsalted. */
  hashKey?: (key: string) => string;
  /** Handlers that come before the conversation's (the bureau staff's commands and buttons). */
  extensions?: Middleware<Context>[];
};

export const chatKey = (chatId: number | string) => `tg:${chatId}`;

/** One update's Bot API client (429s retried and logged with the update) and its logger, made when first used. */
type Turn = { telegram: Telegram; log: () => Logger };

/** The command menu set with setMyCommands at start-up (descriptions from templates/). */
export const BOT_COMMANDS = ['start', 'back', 'skip', 'status', 'review', 'restart', 'checklist', 'contact', 'pdf', 'help', 'forget'] as const;

export function createBot(options: BotOptions): Telegraf {
  const { service, store } = options;
  const bot = new Telegraf(options.token, options.apiRoot ? { telegram: { apiRoot: options.apiRoot } } : {});
  const logger = options.logger ?? silentLogger();
  const hashKey = options.hashKey ?? keyHasher('');
  const logFor = (ctx: { update: { update_id: number }; chat?: { id: number } }) =>
    logger.child({ updateId: ctx.update.update_id, ...(ctx.chat ? { chat: hashKey(chatKey(ctx.chat.id)) } : {}) });
  const on429 = (log: () => Logger) => (method: string, retryAfter: number) => log().warn({ method, retryAfterS: retryAfter }, 'telegram 429: waiting retry_after');
  const callApi = bot.telegram.callApi.bind(bot.telegram);
  retryOn429(bot.telegram, { ...options.retry, onRetry: on429(() => logger) });
  /**
   * What one update's handlers send through and log to: the bot's client with 429s retried and logged with the
   * update id and chat, and a child logger made only when something is logged (hashing a chat key costs).
   */
  const turnOf = (ctx: Context): Turn => {
    const kept = (ctx.state as { turn?: Turn }).turn;
    if (kept) return kept;
    let child: Logger | undefined;
    const log = () => (child ??= logFor(ctx));
    const telegram = Object.create(bot.telegram) as Telegram;
    telegram.callApi = retrying429(callApi, { ...options.retry, onRetry: on429(log) });
    const turn = { telegram, log };
    (ctx.state as { turn?: Turn }).turn = turn;
    return turn;
  };
  const queue = new KeyedQueue();
  /** The store said no: logged for the operator (the unit was already told to try again). */
  const noteOutcome = (turn: Turn, key: string, outcome: string) => {
    // 删除我的数据 deletes everything: renderings of the unit's PDFs kept in memory too.
    if (outcome === 'forgotten') options.documents?.forget(key);
    if (outcome === 'store_unavailable' || outcome === 'conflict') turn.log().warn({ outcome }, 'update not applied');
    else if (outcome === 'duplicate') turn.log().info({ outcome }, 'update applied before: current prompt sent again');
  };

  /** Runs a delivery; a chat that blocked the bot (403) is marked unreachable, not retried. */
  const deliver = async (turn: Turn, chatId: number, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      if (!isTelegramError(error, 403)) throw error;
      turn.log().info({ err: error }, 'telegram 403: chat blocked the bot; marked unreachable');
      await store.setUnreachable(chatKey(chatId), true);
    }
  };
  /**
   * Sends replies in order; when an answer completes the review, the summary's PDF follows. Each prompt's
   * message id is remembered (not awaited: the next turn does not wait for it, and this connection sends it
   * before that turn's load), so that a message typed later is bound to the question it answers.
   */
  const send = (turn: Turn, chatId: number, replies: Reply[], answered = false, remember = true): Promise<void> =>
    deliver(turn, chatId, async () => {
      for (const reply of replies) {
        let last: number | undefined;
        for (const m of messagesFor(reply)) {
          last = (await turn.telegram.sendMessage(chatId, m.text, m.keyboard ? { reply_markup: m.keyboard } : {})).message_id;
        }
        if (remember && reply.kind === 'prompt' && last !== undefined) {
          service.notePrompt(chatKey(chatId), { messageId: last, questionId: reply.questionId ?? '', rev: reply.rev }).catch((error: unknown) => {
            turn.log().warn({ err: error }, 'prompt not remembered');
          });
        }
      }
      if (answered && replies.some((r) => r.kind === 'summary') && options.documents) {
        await sendPdfs(turn, chatId, ['summary']);
        await turn.telegram.sendMessage(chatId, await options.documents.offerText(chatKey(chatId)));
      }
    });
  const say = (turn: Turn, chatId: number, text: string) => send(turn, chatId, [{ kind: 'text', text }]);

  /** Sends the unit's PDFs with their Chinese file names, and a browser link to the first when links are on. */
  const sendPdfs = async (turn: Turn, chatId: number, kinds: DocumentKind[] | (() => Promise<DocumentKind[]>)): Promise<void> => {
    try {
      await sendEachPdf(turn, chatId, typeof kinds === 'function' ? await kinds() : kinds);
    } catch (error) {
      // Which PDFs a unit has, and their answers, come from the store: while it is down, say so and send nothing.
      if (!(error instanceof StoreUnavailableError)) throw error;
      await turn.telegram.sendMessage(chatId, t('pdf.storeDown'));
    }
  };
  const sendEachPdf = async (turn: Turn, chatId: number, kinds: DocumentKind[]): Promise<void> => {
    const documents = options.documents;
    const telegram = turn.telegram;
    if (!documents) return void (await telegram.sendMessage(chatId, t('telegram.notAvailable')));
    const key = chatKey(chatId);
    let sent = 0;
    const missing: ('nothing_yet' | 'out_of_scope')[] = [];
    for (const kind of kinds) {
      const result = await documents.pdf(key, kind);
      if (!result.ok) {
        missing.push(result.reason);
        continue;
      }
      const file = result.file;
      await telegram.sendDocument(chatId, { source: file.bytes, filename: file.fileName }, { caption: t('pdf.caption', { name: file.fileName.replace(/\.pdf$/, '') }) });
      if (sent++ === 0 && options.linkFor) {
        await telegram.sendMessage(chatId, t('pdf.link', { url: options.linkFor(key, kind), days: options.linkDays ?? 7 }));
      }
    }
    if (missing.length) await telegram.sendMessage(chatId, t(missingPdfText(missing)));
  };

  bot.catch(async (error, ctx) => {
    const turn = turnOf(ctx);
    turn.log().error({ err: error }, 'update failed');
    const chatId = ctx.chat?.id;
    if (chatId !== undefined) await say(turn, chatId, t('telegram.error')).catch(() => undefined);
  });

  // A review concerns one unit: the bot talks in private chats only.
  const privateOnly = async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    if (!ctx.chat || ctx.chat.type === 'private') return next();
    if (ctx.callbackQuery) return void (await ctx.answerCbQuery(t('telegram.privateOnly')).catch(() => undefined));
    if (ctx.message) await say(turnOf(ctx), ctx.chat.id, t('telegram.privateOnly'));
  };
  // One middleware (each one costs every update): one chat's updates in arrival order inside this process,
  // other chats in parallel; private chats only; each update logged at debug level with its own child logger.
  bot.use(async (ctx, next) => {
    const log = logger.isLevelEnabled('debug') ? turnOf(ctx).log() : undefined;
    const started = performance.now();
    log?.debug({ type: ctx.updateType }, 'update received');
    await (ctx.chat ? queue.run(String(ctx.chat.id), () => privateOnly(ctx, next)) : next());
    log?.debug({ ms: Math.round(performance.now() - started) }, 'update handled');
  });

  for (const extension of options.extensions ?? []) bot.use(extension);

  bot.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const button = decodeAnswerButton('data' in query ? query.data : undefined);
    // A menu button (no question) sends its word as if typed: 继续 is a command, 是/取消 answer the menu.
    // No menu of ours carries a channel's own word (下载, 退出): such a button is forged.
    const typed = button && button.questionId === undefined ? eventForText(button.option) : undefined;
    const forged = !button || typeof typed === 'string';
    // Answer the query first (the spinner stops at once); a forged button gets a notice and nothing else.
    await ctx.answerCbQuery(forged ? t('telegram.invalidButton') : undefined).catch(() => undefined);
    if (!button || forged || !ctx.chat) return;
    const turn = turnOf(ctx);
    const key = chatKey(ctx.chat.id);
    const event: ConversationEvent =
      typed !== undefined && typed.type !== 'user.answer'
        ? typed
        : { type: 'user.answer', input: button.option, questionId: button.questionId, rev: button.rev };
    const result = await service.handle(key, event, { updateId: String(ctx.update.update_id) });
    noteOutcome(turn, key, result.outcome);
    // A second tap on the very button just answered (before its keyboard was taken away): the first tap's
    // reply is on its way, more messages would only repeat it. Another option of that question is a change
    // of mind: it is told the question was answered, and shown where the unit is.
    if (result.outcome === 'stale' && button.questionId !== undefined && result.snapshot?.context.rev === button.rev + 1) {
      const recorded = result.snapshot.context.answers[button.questionId];
      const code = recorded === true ? 'yes' : recorded === false ? 'no' : recorded;
      if (code === button.option) return;
    }
    // Accepted means this press itself moved the conversation on from the revision its keyboard showed;
    // a press rejected as stale (after the answer was typed, or a double tap) must not look answered.
    const accepted = result.outcome === 'ok' && result.revBefore === button.rev && (result.snapshot?.context.rev ?? -1) > button.rev;
    const original = query.message && 'text' in query.message ? query.message : undefined;
    if (accepted && original && 'data' in query) {
      // The question message becomes a record of the answer: its text plus the choice, no keyboard.
      const buttons = original.reply_markup?.inline_keyboard.flat() ?? [];
      const label = buttons.find((b) => 'callback_data' in b && b.callback_data === query.data)?.text ?? button.option;
      const text = splitText(`${original.text}\n\n${t('telegram.chosen', { label })}`)[0] ?? original.text;
      // The record is cosmetic: a failed edit is logged and the next question still goes out.
      await turn.telegram.editMessageText(ctx.chat.id, original.message_id, undefined, text).catch(async (error: unknown) => {
        if (isNotModified(error)) return;
        if (isTelegramError(error, 403)) return store.setUnreachable(key, true);
        turn.log().warn({ err: error }, 'telegram edit failed');
      });
    }
    // Only a turn that saved shows a prompt for the first time; a redelivery or a refusal shows a copy.
    await send(turn, ctx.chat.id, result.replies, accepted, result.saved === true);
  });

  bot.on(message('text'), async (ctx) => {
    const key = chatKey(ctx.chat.id);
    const event = eventForText(ctx.message.text);
    const chatId = ctx.chat.id;
    const turn = turnOf(ctx);
    if (event === 'pdf') return deliver(turn, chatId, async () => sendPdfs(turn, chatId, async () => (await options.documents?.kindsFor(key)) ?? ['summary']));
    if (event === 'quit') return say(turn, chatId, t(service.durable ? 'telegram.quit' : 'telegram.quitNotKept'));
    if (event.type === 'user.checklist' && options.documents) await deliver(turn, chatId, () => sendPdfs(turn, chatId, ['checklist']));
    const result = await service.handle(key, event, { updateId: String(ctx.update.update_id), messageId: ctx.message.message_id });
    noteOutcome(turn, key, result.outcome);
    // Saves clear the unreachable mark; a /start that saved nothing clears it itself (best effort).
    if (event.type === 'user.start' && result.outcome === 'ok' && !result.saved) await store.setUnreachable(key, false).catch(() => undefined);
    await send(turn, chatId, result.replies, event.type === 'user.answer' || event.type === 'user.skip', result.saved === true);
  });

  bot.on('edited_message', (ctx) => (ctx.chat ? say(turnOf(ctx), ctx.chat.id, t('telegram.editedIgnored')) : undefined));
  bot.on('message', (ctx) => say(turnOf(ctx), ctx.chat.id, t('telegram.textOnly')));

  return bot;
}

/** Sets the command menu (Chinese descriptions) so /commands show up in Telegram's UI. */
export async function setCommandMenu(bot: Telegraf): Promise<void> {
  await bot.telegram.setMyCommands(BOT_COMMANDS.map((command) => ({ command, description: t(`command.${command}`) })));
}
