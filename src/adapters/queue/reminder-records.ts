/**
 * What reminders keep in Redis beside the BullMQ queue: runs (counters, their units, each unit's outcome),
 * the per-day claims that let a unit get at most one reminder a day, sent counts per unit (staff figures),
 * and /remind previews waiting for confirmation. Every key sits under one hash tag (`nsz:{reminders}:…`), so
 * the scripts that touch several of them run on Redis Cluster as on one server.
 *
 * At most once: before a reminder leaves, its unit's outcome in the run is set to `sending` (and the day's
 * claim taken) in one script; only a final outcome replaces it. A job redelivered after a crash finds
 * `sending` and does not send again: it counts the unit as "unknown" (perhaps sent, perhaps not).
 */
import type { Cluster, Redis } from 'ioredis';
import type { ReminderDraft, ReminderRun, RunReport } from '../../app/reminder-service.ts';

/** A unit's final outcome in a run. */
export const OUTCOMES = ['sent', 'finished', 'paused', 'unreachable', 'today', 'blocked', 'failed', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A run's counters: units in all, units with an outcome, and how many of each outcome. */
export type RunCounts = Record<Outcome, number> & { total: number; done: number };
export type RunRecord = { counts: RunCounts; meta: RunMeta; reported: boolean };
export type RunMeta = { campaignId: string; kind: ReminderRun['kind']; reminderId: string; skipPaused: boolean; createdAt: number; report?: RunReport };

/** What a claim found: the unit is ours to send to, another run reached it today, our own send was cut short, or it is done. */
export type Claim = 'claimed' | 'taken' | 'sending' | Outcome;

/** How long runs, their outcomes and previews are kept. */
const RUN_TTL_SECONDS = 30 * 86_400;
const DAY_TTL_SECONDS = 3 * 86_400;

// KEYS: outcomes, day claims; ARGV: unit, runId, runTtl, dayTtl
const CLAIM = `
local mine = redis.call('HGET', KEYS[1], ARGV[1])
if mine then return mine end
local day = redis.call('HGET', KEYS[2], ARGV[1])
if day and day ~= ARGV[2] then return 'taken' end
redis.call('HSET', KEYS[1], ARGV[1], 'sending')
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 'claimed'
`;

// A send that certainly did not happen gives the unit back; a unit with an outcome keeps its day (a late
// release must not let a second reminder out the same day). KEYS: outcomes, day claims; ARGV: unit, runId
const RELEASE = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'sending' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
`;

// A final outcome, once: counted in the run (and a sent reminder in the unit's and its area's counts).
// Returns done, total. KEYS: run, outcomes, sent counts, sent by area; ARGV: unit, outcome, runTtl, area ('' for none)
const RECORD = `
local cur = redis.call('HGET', KEYS[2], ARGV[1])
if (not cur) or cur == 'sending' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
  redis.call('HINCRBY', KEYS[1], 'done', 1)
  if ARGV[2] == 'sent' then
    redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
    redis.call('HINCRBY', KEYS[4], ARGV[4], 1)
  end
end
return { tonumber(redis.call('HGET', KEYS[1], 'done') or '0'), tonumber(redis.call('HGET', KEYS[1], 'total') or '0') }
`;

// KEYS: run, run units; ARGV: ttl, total, done, finished, paused, unreachable, meta, units…
const START = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'total', ARGV[2], 'done', ARGV[3], 'finished', ARGV[4], 'paused', ARGV[5], 'unreachable', ARGV[6], 'meta', ARGV[7])
redis.call('EXPIRE', KEYS[1], ARGV[1])
for i = 8, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
if #ARGV >= 8 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
return 1
`;

type Scripts = {
  nszRemindClaim(...args: (string | number)[]): Promise<string>;
  nszRemindRelease(...args: (string | number)[]): Promise<number>;
  nszRemindRecord(...args: (string | number)[]): Promise<[number, number]>;
  nszRemindStart(...args: (string | number)[]): Promise<number>;
};

const numbers = (raw: Record<string, string>) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));

/** Where a run stands after an outcome: complete once every unit has one. */
export type Progress = { done: number; total: number; complete: boolean };

/** Complete once every unit has an outcome; a run that was never started (`total` null) never is. */
const progressOf = (done: number, total: number | null): Progress => ({ done, total: total ?? 0, complete: total !== null && done >= total });

export class ReminderRecords {
  private readonly redis: (Redis | Cluster) & Scripts;
  private readonly tag: string;

  /** `redis`: the session store's client (its key prefix, e.g. `nsz:`, goes before the hash tag). */
  constructor(redis: Redis | Cluster, prefix: string) {
    this.redis = redis as (Redis | Cluster) & Scripts;
    this.tag = `${prefix}{reminders}`;
    this.redis.defineCommand('nszRemindClaim', { numberOfKeys: 2, lua: CLAIM });
    this.redis.defineCommand('nszRemindRelease', { numberOfKeys: 2, lua: RELEASE });
    this.redis.defineCommand('nszRemindRecord', { numberOfKeys: 4, lua: RECORD });
    this.redis.defineCommand('nszRemindStart', { numberOfKeys: 2, lua: START });
  }

  private runKey = (runId: string) => `${this.tag}:run:${runId}`;
  private unitsKey = (runId: string) => `${this.tag}:run:${runId}:units`;
  private outcomesKey = (runId: string) => `${this.tag}:run:${runId}:out`;
  private dayKey = (campaignId: string, date: string) => `${this.tag}:day:${campaignId}:${date}`;
  private sentKey = (campaignId: string) => `${this.tag}:sent:${campaignId}`;
  private sentAreaKey = (campaignId: string) => `${this.tag}:sent-area:${campaignId}`;
  private draftKey = (runId: string) => `${this.tag}:draft:${runId}`;

  /** Creates a run once; false when it exists already. */
  async startRun(run: ReminderRun): Promise<boolean> {
    const meta: RunMeta = { campaignId: run.campaignId, kind: run.kind, reminderId: run.reminderId, skipPaused: run.skipPaused, createdAt: run.createdAt, ...(run.report ? { report: run.report } : {}) };
    const { finished, paused, unreachable } = run.skipped;
    const total = run.recipients.length + finished + paused + unreachable;
    const created = await this.redis.nszRemindStart(
      this.runKey(run.runId), this.unitsKey(run.runId),
      RUN_TTL_SECONDS, total, finished + paused + unreachable, finished, paused, unreachable, JSON.stringify(meta), ...run.recipients,
    );
    return created === 1;
  }

  /** The units a run was started for (to enqueue them again after a crash: their job ids make it a no-op). */
  runUnits(runId: string): Promise<string[]> {
    return this.redis.lrange(this.unitsKey(runId), 0, -1);
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const raw = await this.redis.hgetall(this.runKey(runId));
    if (!raw.meta) return undefined;
    const n = (field: string) => Number(raw[field] ?? 0);
    const counts = { total: n('total'), done: n('done'), ...Object.fromEntries(OUTCOMES.map((o) => [o, n(o)])) } as RunCounts;
    return { counts, meta: JSON.parse(raw.meta) as RunMeta, reported: raw.reported === '1' };
  }

  /** Takes the unit for this run and today (`date`, local), unless it has an outcome or another run reached it today. */
  async claim(runId: string, campaignId: string, date: string, unitKey: string): Promise<Claim> {
    return (await this.redis.nszRemindClaim(this.outcomesKey(runId), this.dayKey(campaignId, date), unitKey, runId, RUN_TTL_SECONDS, DAY_TTL_SECONDS)) as Claim;
  }

  /** Gives the unit back after a send that certainly did not happen (Telegram refused it, or no connection was made). */
  async release(runId: string, campaignId: string, date: string, unitKey: string): Promise<void> {
    await this.redis.nszRemindRelease(this.outcomesKey(runId), this.dayKey(campaignId, date), unitKey, runId);
  }

  /** Records a unit's final outcome once; a sent reminder also counts in the unit's and its area's sent counts. */
  async record(runId: string, campaignId: string, unitKey: string, outcome: Outcome, area = ''): Promise<Progress> {
    const [done, total] = await this.redis.nszRemindRecord(this.runKey(runId), this.outcomesKey(runId), this.sentKey(campaignId), this.sentAreaKey(campaignId), unitKey, outcome, RUN_TTL_SECONDS, area);
    // A unit's outcome belongs to a run of at least that unit: a total of 0 means the run was never started.
    return progressOf(done, total > 0 ? total : null);
  }

  /** A run started with nothing at all (no recipients, none skipped) is complete at once; one never started is not. */
  async progress(runId: string): Promise<Progress> {
    const [done, total] = await this.redis.hmget(this.runKey(runId), 'done', 'total');
    return progressOf(Number(done ?? 0), total === null ? null : Number(total));
  }

  /** The report of a run goes out at most once: true for the one caller that may send it. */
  async claimReport(runId: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.runKey(runId), 'reported', '1')) === 1;
  }

  async releaseReport(runId: string): Promise<void> {
    await this.redis.hdel(this.runKey(runId), 'reported');
  }

  /** Reminders sent per unit of a campaign. */
  async sentCounts(campaignId: string): Promise<Record<string, number>> {
    return numbers(await this.redis.hgetall(this.sentKey(campaignId)));
  }

  /** Reminders sent per area of a campaign (`''`: units that had not said where they are). */
  async sentByArea(campaignId: string): Promise<Record<string, number>> {
    return numbers(await this.redis.hgetall(this.sentAreaKey(campaignId)));
  }

  async saveDraft(draft: ReminderDraft, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.draftKey(draft.runId), JSON.stringify(draft), 'EX', ttlSeconds);
  }

  async draft(runId: string): Promise<ReminderDraft | undefined> {
    const raw = await this.redis.get(this.draftKey(runId));
    return raw ? (JSON.parse(raw) as ReminderDraft) : undefined;
  }

  async dropDraft(runId: string): Promise<void> {
    await this.redis.del(this.draftKey(runId));
  }
}
