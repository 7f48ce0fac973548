/**
 * The reminder worker (BullMQ): sends each unit its reminder on Telegram, runs the daily scheduled job, and
 * sends each run's report.
 *
 * - A global limiter (across every worker of the queue) keeps under REMINDER_RATE a second, in windows
 *   small enough that no one second holds more than that plus one window's worth (27 at 25/s). A reminder is one message per chat per
 *   day (the day's claim), and retries wait at least a second, so a chat never gets two within a second.
 * - 429: the whole queue waits `retry_after` (`queue.rateLimit`) and the job goes back without using an
 *   attempt (`Worker.RateLimitError`). 403: the unit is marked unreachable and not retried
 *   (`UnrecoverableError`). Any other refusal is retried with exponential backoff, then reported failed.
 * - At most once: the unit is claimed before the send (see reminder-records.ts); a job redelivered after a
 *   crash between the send and its record does not send again and counts as "unknown".
 * - Never at night: a reminder due between 21:00 and 08:00 local waits for 08:00 (a delayed job).
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { TelegramError, type Telegram } from 'telegraf';
import { outcomeOfSkip, type ReminderService } from '../../app/reminder-service.ts';
import type { SessionStore } from '../../core/store.ts';
import { isDaytime, localClock, nextDaytime } from '../../core/reminders.ts';
import { t } from '../../core/text.ts';
import { silentLogger, type Logger } from '../log/log.ts';
import { encodeAnswerButton } from '../telegram/callback-data.ts';
import type { Outcome, RunRecord } from './reminder-records.ts';
import { bullPrefix, QUEUE_NAME, type ReminderJob, type ReminderQueue, type ReportJob, type ScheduledJob, type UnitJob } from './reminder-queue.ts';

export type ReminderWorkerOptions = {
  /** The worker's own connection (`maxRetriesPerRequest: null`); the caller closes it after the worker. */
  connection: Redis | Cluster;
  keyPrefix: string;
  queue: ReminderQueue;
  reminders: ReminderService;
  store: SessionStore;
  /** A Bot API client that does not retry 429s itself (the queue does). */
  telegram: Telegram;
  /** Reminders a second at most, across every worker. */
  rate: number;
  /** How long a job is held before another worker may take it over (after a crash). */
  lockMs?: number;
  concurrency?: number;
  clock?: () => Date;
  logger?: Logger;
  /** Names a chat in the log (a salted hash). */
  hashKey?: (key: string) => string;
};

/**
 * BullMQ's limiter counts jobs in fixed windows: `max` per `duration`. Windows of about a tenth of a second
 * keep any one second within the rate plus one window's worth (2 jobs per 80 ms at 25/s: at most 27 in any
 * second, under Telegram's 30), never a burst at a window's edge; much smaller windows lose throughput to
 * the wait between them.
 */
export function limiterFor(rate: number): { max: number; duration: number } {
  const max = Math.max(1, Math.floor(rate / 10));
  return { max, duration: Math.max(1, Math.ceil((1000 * max) / rate)) };
}

/** Connection errors raised before a request could reach Telegram: nothing was sent, a retry is safe. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Whether an error means the message certainly did not leave: Telegram answered with an error, or no connection was made. */
export function certainlyNotSent(error: unknown): boolean {
  if (error instanceof TelegramError) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true;
  }
  return false;
}

const telegramCode = (error: unknown) => (error instanceof TelegramError ? error.code : undefined);
const retryAfterMs = (error: TelegramError) => Math.max(1, error.parameters?.retry_after ?? 1) * 1000;

export class ReminderWorker {
  readonly worker: Worker<ReminderJob>;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly hashKey: (key: string) => string;

  constructor(private readonly options: ReminderWorkerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.log = (options.logger ?? silentLogger()).child({ component: 'reminders' });
    this.hashKey = options.hashKey ?? ((key) => key);
    const lockMs = options.lockMs ?? 30_000;
    this.worker = new Worker<ReminderJob>(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: options.connection,
      prefix: bullPrefix(options.keyPrefix),
      concurrency: options.concurrency ?? 8,
      limiter: limiterFor(options.rate),
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job whose worker died is taken over; the run's outcomes keep it from sending twice however often.
      maxStalledCount: 10,
    });
    this.worker.on('error', (error) => this.log.warn({ err: error }, 'reminder worker error'));
    // A safety net for final failures the processor could not record (e.g. Redis away at that moment).
    this.worker.on('failed', (job, error) => {
      if (!job || job.data.kind !== 'unit') return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (final) void this.finish(job.data, 'failed').catch((e: unknown) => this.log.warn({ err: e }, 'failed reminder not recorded'));
    });
  }

  /** For /readyz: running, or why not. */
  state(): true | string {
    if (this.worker.closing) return 'closing';
    return this.worker.isRunning() ? true : 'stopped';
  }

  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Stops taking jobs, waits for those in hand, and closes the worker's own connections. */
  async close(): Promise<void> {
    await this.worker.close();
  }

  private process(job: Job<ReminderJob>, token: string | undefined): Promise<unknown> {
    const data = job.data;
    switch (data.kind) {
      case 'unit':
        return this.remind(job as Job<UnitJob>, data, token);
      case 'scheduled':
        return this.scheduled(data);
      case 'report':
        return this.report(data);
    }
  }

  /** One unit's reminder: checked afresh, claimed, sent, recorded. */
  private async remind(job: Job<UnitJob>, data: UnitJob, token: string | undefined): Promise<Outcome | 'night'> {
    const campaign = this.options.reminders.campaign(data.campaignId);
    const now = this.clock();
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!campaign) return this.finish(data, 'failed');
    if (!isDaytime(campaign, now)) {
      // Never at night: back to the queue until 08:00 local (a wait measured on the campaign clock).
      await job.moveToDelayed(Date.now() + (nextDaytime(campaign, now).getTime() - now.getTime()), token);
      throw new DelayedError();
    }
    let plan;
    try {
      plan = await this.options.reminders.forUnit(data.unitKey, data.campaignId, data.skipPaused, now);
      if (plan.send && (await this.options.store.isUnreachable(data.unitKey))) plan = { send: false as const, reason: 'unreachable' as const };
    } catch (error) {
      // Nothing was sent: retried, and recorded failed after the last try, here, before the job is marked failed
      // (the 'failed' listener's record is a safety net that nothing waits for, not even close()).
      if (lastAttempt) await this.finish(data, 'failed');
      throw error;
    }
    if (!plan.send) return this.finish(data, outcomeOfSkip(plan.reason));
    const date = localClock(campaign, now).date;
    const records = this.options.queue.records;
    const claim = await records.claim(data.runId, data.campaignId, date, data.unitKey);
    if (claim === 'taken') return this.finish(data, 'today');
    if (claim === 'sending') {
      this.log.warn({ runId: data.runId, chat: this.hashKey(data.unitKey) }, 'reminder redelivered after a cut-off send: not sent again, counted unknown');
      return this.finish(data, 'unknown');
    }
    if (claim !== 'claimed') return this.finish(data, claim);
    const chatId = Number(data.unitKey.slice(data.unitKey.indexOf(':') + 1));
    try {
      await this.options.telegram.sendMessage(chatId, plan.text, {
        reply_markup: { inline_keyboard: [plan.buttons.map((b) => ({ text: b.label, callback_data: encodeAnswerButton({ option: b.word, rev: 0 }) }))] },
      });
    } catch (error) {
      return this.failedSend(job, data, date, error, lastAttempt);
    }
    return this.finish(data, 'sent', plan.area);
  }

  private async failedSend(job: Job<UnitJob>, data: UnitJob, date: string, error: unknown, lastAttempt: boolean): Promise<Outcome> {
    const records = this.options.queue.records;
    const chat = this.hashKey(data.unitKey);
    const code = telegramCode(error);
    if (code === 429) {
      await records.release(data.runId, data.campaignId, date, data.unitKey);
      const ms = retryAfterMs(error as TelegramError);
      this.log.info({ retryAfterMs: ms }, 'telegram 429: reminders wait retry_after');
      await this.options.queue.queue.rateLimit(ms);
      throw Worker.RateLimitError();
    }
    if (code === 403) {
      await this.options.store.setUnreachable(data.unitKey, true);
      this.log.info({ chat }, 'telegram 403: chat blocked the bot; marked unreachable, not retried');
      await this.finish(data, 'blocked');
      throw new UnrecoverableError('chat blocked the bot');
    }
    if (certainlyNotSent(error)) {
      await records.release(data.runId, data.campaignId, date, data.unitKey);
      this.log.warn({ err: error, chat, attempt: job.attemptsMade + 1 }, lastAttempt ? 'reminder failed: no more tries' : 'reminder failed: will retry');
      if (lastAttempt) await this.finish(data, 'failed');
      throw error;
    }
    // The request may have reached Telegram (a reset or a timeout mid-request): at most once, so no retry.
    this.log.warn({ err: error, chat }, 'reminder send cut off: perhaps sent, not retried, counted unknown');
    return this.finish(data, 'unknown');
  }

  /** Records the unit's outcome; when that completes the run, its report is enqueued (once: by job id). */
  private async finish(data: UnitJob, outcome: Outcome, area?: string): Promise<Outcome> {
    const progress = await this.options.queue.records.record(data.runId, data.campaignId, data.unitKey, outcome, area);
    if (progress.complete) await this.options.queue.enqueueReport(data.runId);
    return outcome;
  }

  /** The daily job: today's scheduled run for the campaign, or nothing. */
  private async scheduled(data: ScheduledJob): Promise<string> {
    const campaign = this.options.reminders.campaign(data.campaignId);
    if (!campaign) return 'unknown campaign';
    const { run, decision } = await this.options.reminders.scheduledRun(campaign, this.clock());
    if (!run) {
      this.log.info({ campaignId: campaign.id, decision }, 'scheduled reminders: none today');
      return decision.fire ? 'fired' : decision.reason;
    }
    const started = await this.options.queue.start(run);
    this.log.info({ campaignId: campaign.id, runId: run.runId, recipients: run.recipients.length, skipped: run.skipped, started }, 'scheduled reminders enqueued');
    return started;
  }

  /** A finished run's report: logged, and sent to the staff member who confirmed it (at most once). */
  private async report(data: ReportJob): Promise<string> {
    const records = this.options.queue.records;
    const run = await records.run(data.runId);
    if (!run) return 'no run';
    if (!(await records.claimReport(data.runId))) return 'reported before';
    this.log.info({ runId: data.runId, kind: run.meta.kind, campaignId: run.meta.campaignId, counts: run.counts }, 'reminder run finished');
    const to = run.meta.report;
    // A run confirmed on the dashboard by someone without Telegram: its report is the dashboard's run page.
    if (!to || to.chatId === undefined) return 'logged';
    try {
      await this.options.telegram.sendMessage(to.chatId, reportText(run));
    } catch (error) {
      if (telegramCode(error) === 429) {
        await records.releaseReport(data.runId);
        await this.options.queue.queue.rateLimit(retryAfterMs(error as TelegramError));
        throw Worker.RateLimitError();
      }
      if (certainlyNotSent(error) && telegramCode(error) !== 403) {
        await records.releaseReport(data.runId);
        throw error;
      }
      this.log.warn({ err: error, runId: data.runId }, 'reminder report not delivered');
      return 'not delivered';
    }
    return 'sent';
  }
}

/** The staff member's report: sent, skipped (finished, unreachable, paused, reminded today), failed. */
export function reportText(run: RunRecord): string {
  const c = run.counts;
  return t('remind.report', {
    scope: run.meta.report?.scope ?? '',
    sent: c.sent,
    skipped: c.finished + c.unreachable + c.paused + c.today,
    finished: c.finished,
    unreachable: c.unreachable,
    paused: c.paused,
    today: c.today,
    failed: c.blocked + c.failed + c.unknown,
    blocked: c.blocked,
    errors: c.failed,
    unknown: c.unknown,
  });
}
