/**
 * The reminder queue (BullMQ): one job per unit and reminder, whose id (`<campaign>|<reminder>|<unit>`) makes
 * a second add of the same reminder a no-op (two presses of one confirm, a scheduler firing twice, a run
 * enqueued again after a crash); one job scheduler per campaign (a daily cron at its `reminders.at`, in its
 * time zone) whose job decides whether today is a reminder day; and a report job per run.
 *
 * On Redis Cluster every key of a queue must sit in one slot: the queue's prefix is a hash tag (`{nsz:bull}`).
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { ReminderDispatch, ReminderDraft, ReminderRun } from '../../app/reminder-service.ts';
import type { Campaign } from '../../core/campaign.ts';
import { reminderCron } from '../../core/reminders.ts';
import type { ReminderRecords } from './reminder-records.ts';
import type { Logger } from '../log/log.ts';

export const QUEUE_NAME = 'reminders';

/** The BullMQ prefix for a deployment's key prefix: a hash tag, so that a queue's keys share one Cluster slot. */
export const bullPrefix = (keyPrefix: string) => `{${keyPrefix}bull}`;

export type UnitJob = { kind: 'unit'; runId: string; campaignId: string; reminderId: string; unitKey: string; skipPaused: boolean };
export type ScheduledJob = { kind: 'scheduled'; campaignId: string };
export type ReportJob = { kind: 'report'; runId: string };
export type ReminderJob = UnitJob | ScheduledJob | ReportJob;

/** BullMQ refuses `:` in a custom job id (unit keys are `tg:<id>`), so ids join their parts with `|` and `.`. */
export const unitJobId = (campaignId: string, reminderId: string, unitKey: string) => `${campaignId}|${reminderId}|${unitKey.replaceAll(':', '.')}`;
export const reportJobId = (runId: string) => `report|${runId}`;
export const schedulerId = (campaignId: string) => `reminders-${campaignId}`;

export type ReminderQueueOptions = {
  /** A connection for the queue (BullMQ duplicates nothing from it; the caller closes it). */
  connection: Redis | Cluster;
  keyPrefix: string;
  records: ReminderRecords;
  /** Tries per reminder before it is reported failed (429s do not count). */
  attempts?: number;
  /** The first retry's delay; each next one doubles. At least a second, so a chat never gets two tries within one. */
  backoffMs?: number;
  logger?: Logger;
};

/** How many jobs one addBulk call carries. */
const BATCH = 500;

export class ReminderQueue implements ReminderDispatch {
  readonly queue: Queue<ReminderJob>;
  private readonly unitJobOptions: JobsOptions;

  constructor(private readonly options: ReminderQueueOptions) {
    this.queue = new Queue<ReminderJob>(QUEUE_NAME, { connection: options.connection, prefix: bullPrefix(options.keyPrefix) });
    // Without a listener BullMQ prints connection errors to the console; the store's connection logs outages.
    this.queue.on('error', (error) => options.logger?.debug({ component: 'reminders', err: error }, 'reminder queue error'));
    this.unitJobOptions = {
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 2000 },
      // Kept a while, so that adding the same reminder again stays a no-op; the run's outcomes guard beyond that.
      removeOnComplete: { age: 2 * 86_400, count: 50_000 },
      removeOnFail: { age: 14 * 86_400 },
    };
  }

  get records(): ReminderRecords {
    return this.options.records;
  }

  /**
   * Starts a run: its record (counters, units) once, then a job per unit. A run started before is enqueued
   * again from its stored units (after a crash half-way through the adding, nothing is missed; jobs already
   * there are not added twice). A run with nothing to send is complete at once: its report follows.
   */
  async start(run: ReminderRun): Promise<'started' | 'exists'> {
    const fresh = await this.options.records.startRun(run);
    const units = fresh ? run.recipients : await this.options.records.runUnits(run.runId);
    for (let i = 0; i < units.length; i += BATCH) {
      await this.queue.addBulk(
        units.slice(i, i + BATCH).map((unitKey) => ({
          name: 'unit',
          data: { kind: 'unit', runId: run.runId, campaignId: run.campaignId, reminderId: run.reminderId, unitKey, skipPaused: run.skipPaused },
          opts: { ...this.unitJobOptions, jobId: unitJobId(run.campaignId, run.reminderId, unitKey) },
        })),
      );
    }
    if ((await this.options.records.progress(run.runId)).complete) await this.enqueueReport(run.runId);
    return fresh ? 'started' : 'exists';
  }

  /** The run's report, once (its job id, and the report's own claim when it is sent). */
  async enqueueReport(runId: string): Promise<void> {
    await this.queue.add('report', { kind: 'report', runId }, { jobId: reportJobId(runId), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 14 * 86_400 } });
  }

  /**
   * One scheduler per campaign with a written review's deadline: a daily job at its reminder time; the job
   * itself decides whether today is a reminder day. A campaign without a deadline has none (and loses one
   * it had, when its file changed).
   */
  async ensureSchedulers(campaigns: readonly Campaign[]): Promise<void> {
    for (const campaign of campaigns) {
      if (!campaign.review) {
        await this.queue.removeJobScheduler(schedulerId(campaign.id));
        continue;
      }
      await this.queue.upsertJobScheduler(schedulerId(campaign.id), reminderCron(campaign), {
        name: 'scheduled',
        data: { kind: 'scheduled', campaignId: campaign.id },
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 14 * 86_400 } },
      });
    }
  }

  sentCounts(campaignId: string): Promise<Record<string, number>> {
    return this.options.records.sentCounts(campaignId);
  }

  sentByArea(campaignId: string): Promise<Record<string, number>> {
    return this.options.records.sentByArea(campaignId);
  }

  saveDraft(draft: ReminderDraft, ttlSeconds: number): Promise<void> {
    return this.options.records.saveDraft(draft, ttlSeconds);
  }

  draft(runId: string): Promise<ReminderDraft | undefined> {
    return this.options.records.draft(runId);
  }

  dropDraft(runId: string): Promise<void> {
    return this.options.records.dropDraft(runId);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
