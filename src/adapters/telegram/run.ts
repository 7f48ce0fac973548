/**
 * Starts the bot and keeps updates flowing: long polling locally, or a webhook behind the HTTP server in
 * production. Start-up calls to the Bot API (getMe, deleteWebhook/setWebhook, setMyCommands) are retried
 * with backoff while Telegram is unreachable; `state` tells /readyz whether updates are flowing.
 */
import { TelegramError, type Telegraf } from 'telegraf';
import { backoffDelay, DEFAULT_BACKOFF, pause, type Backoff } from './backoff.ts';
import { WEBHOOK_PATH } from '../http/server.ts';
import { silentLogger, type Logger } from '../log/log.ts';
import { setCommandMenu } from './bot.ts';
import { PollingLoop } from './polling.ts';

export type FeedOptions = {
  logger?: Logger;
  backoff?: Backoff;
  /** Failed Bot API calls in a row (at start-up, or getUpdates while polling) before giving up; 0 = never. */
  maxFailures?: number;
  /** Long-poll timeout in seconds. */
  pollTimeoutSeconds?: number;
  /** Called once when the feed gives up (main then exits non-zero so a supervisor restarts it). */
  onGiveUp?: (error: unknown) => void;
};

/** `ready`: polling is alive, or the webhook is registered. */
export type FeedState = 'starting' | 'ready' | 'retrying' | 'stopped' | 'gave_up';

/** Where a bot's updates come from, and whether they are coming. */
export class UpdateFeed {
  private startState: 'starting' | 'started' | 'stopped' | 'gave_up' = 'starting';
  private loop: PollingLoop | undefined;
  private readonly stopping = new AbortController();
  private readonly log: Logger;

  constructor(
    private readonly bot: Telegraf,
    private readonly options: FeedOptions = {},
  ) {
    this.log = options.logger ?? silentLogger();
  }

  get state(): FeedState {
    if (this.startState !== 'started') return this.startState;
    if (!this.loop) return 'ready';
    const s = this.loop.state;
    return s === 'polling' ? 'ready' : s === 'starting' ? 'starting' : s;
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Long polling. Resolves once polling runs; false when stopped or given up before that. */
  async startPolling(): Promise<boolean> {
    // A webhook left from an earlier deployment would make every getUpdates a 409.
    const ok = await this.startUp([['deleteWebhook', () => this.bot.telegram.deleteWebhook({ drop_pending_updates: false })]]);
    if (!ok) return false;
    this.loop = new PollingLoop(this.bot, {
      logger: this.log,
      timeoutSeconds: this.options.pollTimeoutSeconds,
      backoff: this.options.backoff,
      maxFailures: this.options.maxFailures,
      onGiveUp: (error) => this.options.onGiveUp?.(error),
    });
    this.startState = 'started';
    this.loop.start();
    return true;
  }

  /** Webhook mode: call `registerWebhook` on the HTTP server first; this tells Telegram where to post. */
  async startWebhook(url: string, secret: string): Promise<boolean> {
    const target = new URL(WEBHOOK_PATH, url).toString();
    const ok = await this.startUp([['setWebhook', () => this.bot.telegram.setWebhook(target, { secret_token: secret, drop_pending_updates: false })]]);
    if (ok) {
      this.startState = 'started';
      this.log.info('webhook registered');
    }
    return ok;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.startState === 'starting') this.startState = 'stopped';
    await this.loop?.stop();
  }

  /** getMe, the mode's own call, then the command menu; each retried until it succeeds. */
  private async startUp(calls: [string, () => Promise<unknown>][]): Promise<boolean> {
    const steps: [string, () => Promise<unknown>][] = [
      ['getMe', async () => (this.bot.botInfo = await this.bot.telegram.getMe())],
      ...calls,
      ['setMyCommands', () => setCommandMenu(this.bot)],
    ];
    let failures = 0;
    for (const [name, call] of steps) {
      for (;;) {
        if (this.stopping.signal.aborted) return false;
        try {
          await call();
          failures = 0;
          break;
        } catch (error) {
          failures++;
          const max = this.options.maxFailures ?? 0;
          if ((error instanceof TelegramError && error.code === 401) || (max > 0 && failures >= max)) {
            this.startState = 'gave_up';
            this.log.fatal({ err: error, call: name, failures }, 'telegram start-up gave up');
            this.options.onGiveUp?.(error);
            return false;
          }
          const waitMs = backoffDelay(failures, this.options.backoff ?? DEFAULT_BACKOFF);
          this.log.warn({ err: error, call: name, failures, retryInMs: waitMs }, 'telegram start-up call failed; retrying');
          await pause(waitMs, this.stopping.signal);
        }
      }
    }
    return !this.stopping.signal.aborted;
  }
}

/** Starts long polling and resolves once it runs (kept for tests and benches that need no options). */
export async function startPolling(bot: Telegraf, options: FeedOptions = {}): Promise<UpdateFeed> {
  const feed = new UpdateFeed(bot, options);
  await feed.startPolling();
  return feed;
}

/** Registers the webhook and resolves once Telegram accepted it. */
export async function startWebhook(bot: Telegraf, url: string, secret: string, options: FeedOptions = {}): Promise<UpdateFeed> {
  const feed = new UpdateFeed(bot, options);
  await feed.startWebhook(url, secret);
  return feed;
}

export type RunningBot = Pick<UpdateFeed, 'stop' | 'state' | 'ready'>;
