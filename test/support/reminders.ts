/**
 * Reminder tests and the bench share these: units seeded into a real store as the conversation would have
 * saved them (session and staff-index entry in one save), and the reminder pieces (records, queue, worker)
 * wired on a real Redis, sending to the Bot API emulator, with a clock the test moves.
 */
import type { Job } from 'bullmq';
import { Telegram } from 'telegraf';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { ReminderService } from '../../src/app/reminder-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { persist } from '../../src/app/snapshot.ts';
import { unitIndexEntry } from '../../src/app/unit-index.ts';
import type { Logger } from '../../src/adapters/log/log.ts';
import { bullConnection } from '../../src/adapters/queue/open-reminders.ts';
import { ReminderQueue, type ReminderJob } from '../../src/adapters/queue/reminder-queue.ts';
import { ReminderRecords } from '../../src/adapters/queue/reminder-records.ts';
import { ReminderWorker } from '../../src/adapters/queue/reminder-worker.ts';
import type { RedisStore } from '../../src/adapters/store/redis-store.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { createConversationMachine, emptyContext, type ConversationContext } from '../../src/core/conversation.ts';
import { assess } from '../../src/core/engine.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { completeAnswers, IN_WINDOW, PROFILES } from './profiles.ts';

export type SeedUnit = {
  /** The chat key, e.g. `tg:90001`. */
  key: string;
  name?: string;
  area?: string;
  /** Started (a few questions answered, the default) or finished. */
  status?: 'started' | 'finished';
  /** How many questions a started unit has answered (at least the four that say who it is). */
  answered?: number;
  paused?: boolean;
  /** The last activity; the seeding clock when absent. */
  at?: Date;
  /** The stored version this save replaces: 0 (the default) for a new unit, the count of earlier saves to change one. */
  version?: number;
};

/** The answers a unit of this area has given after `count` questions (or all of them); built once per shape. */
function answersOf(campaign: Campaign, unit: SeedUnit, now: Date, shapes: Map<string, Record<string, AnswerValue | null>>): Record<string, AnswerValue | null> {
  const shape = `${unit.area ?? 'fukang'}|${unit.status ?? 'started'}|${unit.answered ?? 6}`;
  let answers = shapes.get(shape);
  if (!answers) {
    const complete = completeAnswers(campaign, { ...PROFILES.enterpriseA, area: unit.area ?? 'fukang' }, now);
    answers = {};
    if (unit.status === 'finished') answers = complete;
    else {
      for (let i = 0; i < (unit.answered ?? 6); i++) {
        const step = assess(campaign, answers, now).next;
        if (!step) break;
        answers[step.id] = complete[step.id] ?? null;
      }
    }
    shapes.set(shape, answers);
  }
  return { ...answers, [campaign.unitFields.name ?? 'unit_name']: unit.name ?? `${unit.key} 有限公司` };
}

/** Saves units as the conversation service would have: their sessions, with their staff-index entries. */
export async function seedUnits(store: SessionStore, campaign: Campaign, units: readonly SeedUnit[], now: Date = IN_WINDOW): Promise<void> {
  const machine = createConversationMachine([campaign], () => now);
  const shapes = new Map<string, Record<string, AnswerValue | null>>();
  const batch = 50;
  for (let i = 0; i < units.length; i += batch) {
    await Promise.all(
      units.slice(i, i + batch).map(async (unit) => {
        const answers = answersOf(campaign, unit, now, shapes);
        const context: ConversationContext = { ...emptyContext(campaign.id, Object.keys(answers).length), answers, remindersPaused: unit.paused ?? false };
        const snapshot = machine.resolveState({ value: unit.status === 'finished' ? 'finished' : 'asking', context });
        const data = JSON.stringify(persist([campaign], snapshot));
        const index = unitIndexEntry(unit.key, campaign, context, unit.at ?? now);
        const result = await store.save(unit.key, unit.version ?? 0, data, { index });
        if (result !== 'saved') throw new Error(`seeding ${unit.key}: ${result}`);
      }),
    );
  }
}

export type RigOptions = {
  store: RedisStore;
  campaign: Campaign;
  /** The store's key prefix (and so the queue's hash tag). */
  prefix: string;
  redisUrl: string;
  cluster?: boolean;
  apiRoot: string;
  token: string;
  rate?: number;
  attempts?: number;
  backoffMs?: number;
  lockMs?: number;
  clock: () => Date;
  logger?: Logger;
  /** false: the queue only, no worker in this process. */
  worker?: boolean;
};

export type Rig = {
  conversations: ConversationService;
  service: ReminderService;
  records: ReminderRecords;
  queue: ReminderQueue;
  worker: ReminderWorker | undefined;
  /** Resolves with the job when the next job named `name` (and matching `match`) completes in this worker. */
  completed(name: ReminderJob['kind'], match?: (job: Job<ReminderJob>) => boolean): Promise<Job<ReminderJob>>;
  close(): Promise<void>;
};

export async function startRig(o: RigOptions): Promise<Rig> {
  const conversations = new ConversationService({ campaigns: [o.campaign], store: o.store, clock: o.clock });
  const service = new ReminderService({ campaigns: [o.campaign], store: o.store, conversations, canReach: (key) => key.startsWith('tg:'), clock: o.clock });
  const records = new ReminderRecords(o.store.redis, o.prefix);
  const connections = [bullConnection(o.redisUrl, o.cluster ?? false)];
  const queue = new ReminderQueue({ connection: connections[0]!, keyPrefix: o.prefix, records, attempts: o.attempts ?? 5, backoffMs: o.backoffMs ?? 2000 });
  let worker: ReminderWorker | undefined;
  if (o.worker !== false) {
    const connection = bullConnection(o.redisUrl, o.cluster ?? false);
    connections.push(connection);
    worker = new ReminderWorker({
      connection,
      keyPrefix: o.prefix,
      queue,
      reminders: service,
      store: o.store,
      telegram: new Telegram(o.token, { apiRoot: o.apiRoot }),
      rate: o.rate ?? 25,
      lockMs: o.lockMs ?? 30_000,
      clock: o.clock,
      ...(o.logger ? { logger: o.logger } : {}),
    });
    await worker.waitUntilReady();
  }
  return {
    conversations,
    service,
    records,
    queue,
    worker,
    completed(name, match = () => true) {
      const w = worker?.worker;
      if (!w) return Promise.reject(new Error('no worker in this rig'));
      return new Promise((resolve) => {
        const listener = (job: Job<ReminderJob>) => {
          if (job.name !== name || !match(job)) return;
          w.off('completed', listener);
          resolve(job);
        };
        w.on('completed', listener);
      });
    },
    async close() {
      await worker?.close();
      await queue.close();
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

/** `count` Telegram units (`tg:<first + i>`) in an area, started. */
export const telegramUnits = (first: number, count: number, extra: Partial<SeedUnit> = {}): SeedUnit[] =>
  Array.from({ length: count }, (_, i) => ({ key: `tg:${first + i}`, name: `单位${first + i}有限公司`, ...extra }));

/** The /remind tests' clerks (their Telegram chats): two in 阜康, one in 奇台, the prefecture's, and a stranger. */
export const REMIND_CLERKS = { FUKANG: 9001, FUKANG_2: 9003, QITAI: 9002, PREFECTURE: 9004, STRANGER: 9999 } as const;

/** The /remind tests' staff file over one campaign (the stranger is not in it). */
export const remindDirectory = (campaign: Campaign) =>
  new StaffDirectory(
    [
      { name: '阜康市人社局 王芳', telegramIds: [REMIND_CLERKS.FUKANG], areas: ['fukang'] },
      { name: '阜康市人社局 张伟', telegramIds: [REMIND_CLERKS.FUKANG_2], areas: ['fukang'] },
      { name: '奇台县人社局 李明', telegramIds: [REMIND_CLERKS.QITAI], areas: ['qitai'] },
      { name: '州人社局 赵强', telegramIds: [REMIND_CLERKS.PREFECTURE], areas: 'all' },
    ],
    [campaign],
  );

/** The /remind tests' units (Telegram chats): five started in 阜康, two in 奇台. */
export const FUKANG_UNITS = [300_001, 300_002, 300_003, 300_004, 300_005];
export const QITAI_UNITS = [300_101, 300_102];
