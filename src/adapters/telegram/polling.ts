/**
 * Long polling that does not stop for good. telegraf 4.16's own loop throws on a 409 Conflict (a second
 * poller, a webhook set by someone else) and on most errors, and then polls no more while the process
 * looks alive. This loop calls getUpdates itself, hands each update to `bot.handleUpdate`, and after a
 * failure polls again with capped exponential backoff; after `maxFailures` failures in a row (or a 401:
 * a wrong token never heals) it gives up so that the process can exit and a supervisor restart it.
 */
import { TelegramError, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { backoffDelay, DEFAULT_BACKOFF, pause, type Backoff } from './backoff.ts';
import type { Logger } from '../log/log.ts';

export type PollingOptions = {
  logger: Logger;
  /** Seconds Telegram holds a getUpdates open when there is nothing to deliver. */
  timeoutSeconds?: number;
  backoff?: Backoff;
  /** Failed getUpdates in a row before giving up; 0 = never give up. */
  maxFailures?: number;
  /** Called once, when the loop gives up. */
  onGiveUp: (error: unknown) => void;
};

/** `polling`: the last getUpdates succeeded. `retrying`: it failed and the loop is waiting to poll again. */
export type PollingState = 'starting' | 'polling' | 'retrying' | 'stopped' | 'gave_up';

/** telegraf types its abort signal with the abort-controller shim; Node's own AbortSignal is what it gets at run time. */
type ApiSignal = NonNullable<Parameters<Telegraf['telegram']['callApi']>[2]>['signal'];
const apiSignal = (signal: AbortSignal) => signal as unknown as ApiSignal;

/** A request that takes this much longer than its long-poll timeout is treated as lost. */
const LOST_AFTER_MS = 15_000;

export class PollingLoop {
  state: PollingState = 'starting';
  /** Failed getUpdates in a row. */
  failures = 0;
  private offset = 0;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly bot: Telegraf,
    private readonly options: PollingOptions,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Stops polling, waits for the updates in hand, and confirms them to Telegram. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const log = this.options.logger;
    // The first call after start or a failure returns at once, so readiness shows within one round trip
    // instead of one long poll.
    let timeout = 0;
    while (!this.stopping.signal.aborted) {
      let updates: Update[];
      try {
        const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(timeout * 1000 + LOST_AFTER_MS)]);
        updates = await this.bot.telegram.callApi('getUpdates', { offset: this.offset, timeout, allowed_updates: [] }, { signal: apiSignal(signal) });
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        if (!(await this.failed(error))) return;
        timeout = 0;
        continue;
      }
      if (this.failures > 0) log.info({ failures: this.failures }, 'polling resumed');
      else if (this.state === 'starting') log.info('polling started');
      this.failures = 0;
      this.state = 'polling';
      timeout = this.options.timeoutSeconds ?? 50;
      await this.handle(updates);
      const last = updates.at(-1);
      if (last) this.offset = last.update_id + 1;
    }
    this.state = 'stopped';
    await this.confirm();
  }

  /** One batch in parallel (the bot queues each chat's updates in order). The next poll confirms them. */
  private async handle(updates: Update[]): Promise<void> {
    await Promise.all(
      updates.map((update) =>
        // bot.catch logs and answers failures; this catches only a failure of that handler itself.
        this.bot.handleUpdate(update).catch((error: unknown) => this.options.logger.error({ err: error, updateId: update.update_id }, 'update failed')),
      ),
    );
  }

  /** Counts a failure and waits before the next poll; false when the loop gives up instead. */
  private async failed(error: unknown): Promise<boolean> {
    this.failures++;
    this.state = 'retrying';
    const log = this.options.logger;
    const code = error instanceof TelegramError ? error.code : undefined;
    const max = this.options.maxFailures ?? 0;
    if (code === 401 || (max > 0 && this.failures >= max)) {
      this.state = 'gave_up';
      log.fatal({ err: error, failures: this.failures }, code === 401 ? 'polling stopped: the bot token was refused (401)' : 'polling gave up after repeated failures');
      this.options.onGiveUp(error);
      return false;
    }
    const retryAfter = error instanceof TelegramError ? error.parameters?.retry_after : undefined;
    const waitMs = retryAfter !== undefined ? retryAfter * 1000 : backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF);
    const message = code === 409 ? 'polling conflict (409: another getUpdates or a webhook); restarting polling' : 'polling failed; restarting polling';
    log.warn({ err: error, failures: this.failures, retryInMs: waitMs }, message);
    await pause(waitMs, this.stopping.signal);
    return true;
  }

  /** Tells Telegram the handled updates are done, so a restart does not get them again (best effort). */
  private async confirm(): Promise<void> {
    if (this.offset === 0) return;
    await this.bot.telegram
      .callApi('getUpdates', { offset: this.offset, limit: 1, timeout: 0 }, { signal: apiSignal(AbortSignal.timeout(2000)) })
      .catch(() => undefined);
  }
}
