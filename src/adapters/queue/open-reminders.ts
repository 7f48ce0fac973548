/**
 * Reminders from the configuration: on only with Redis (the queue lives there). The queue (for /remind and
 * the scheduler), and the worker when this process runs it (the bot by default, `npm run worker` alone).
 * Each BullMQ piece gets its own connection; everything closes on shutdown, the worker first.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { Telegram } from 'telegraf';
import type { Config } from '../../config.ts';
import type { Campaign } from '../../core/campaign.ts';
import type { SessionStore } from '../../core/store.ts';
import type { ConversationService } from '../../app/conversation-service.ts';
import { ReminderService } from '../../app/reminder-service.ts';
import type { ReadinessCheck } from '../http/health.ts';
import type { Logger } from '../log/log.ts';
import { RedisStore, redisTarget } from '../store/redis-store.ts';
import { chatKey } from '../telegram/bot.ts';
import { ReminderQueue } from './reminder-queue.ts';
import { ReminderRecords } from './reminder-records.ts';
import { ReminderWorker } from './reminder-worker.ts';

/** A BullMQ connection (one server or a Cluster, as REDIS_URL says): commands wait for a reconnect instead of failing. */
export function bullConnection(url: string, cluster: boolean): Redis | Cluster {
  const target = redisTarget(url, cluster);
  const redisOptions: RedisOptions = { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 200, 2000) };
  if ('nodes' in target) return new Cluster(target.nodes, { redisOptions, clusterRetryStrategy: (times) => Math.min(times * 200, 2000) });
  return new Redis(target.url, redisOptions);
}

async function quit(redis: Redis | Cluster): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

export type Reminders = {
  service: ReminderService;
  queue: ReminderQueue;
  /** The worker, when this process runs it. */
  worker: ReminderWorker | undefined;
  /** For /readyz: the worker running (or, without one here, the queue's connection). */
  readiness: ReadinessCheck;
  close(): Promise<void>;
};

export type OpenRemindersOptions = {
  config: Config;
  store: SessionStore;
  conversations: ConversationService;
  campaigns: readonly Campaign[];
  logger: Logger;
  clock: () => Date;
  /** Run the worker in this process (and keep the campaigns' schedulers up to date). */
  runWorker: boolean;
  hashKey?: (key: string) => string;
};

/** Undefined without Redis (terminal, memory or file store): reminders are off, and /remind says so. */
export async function openReminders(options: OpenRemindersOptions): Promise<Reminders | undefined> {
  const { config, store, logger } = options;
  if (!(store instanceof RedisStore) || !config.REDIS_URL) return undefined;
  const keyPrefix = config.REDIS_KEY_PREFIX;
  const connections: (Redis | Cluster)[] = [];
  const connect = () => {
    const c = bullConnection(config.REDIS_URL as string, config.REDIS_CLUSTER);
    // The store's connection logs Redis outages; these only note theirs at debug (and never print to the console).
    c.on('error', (error: Error) => logger.debug({ component: 'reminders', err: error }, 'reminder queue connection error'));
    connections.push(c);
    return c;
  };
  const service = new ReminderService({ campaigns: options.campaigns, store, conversations: options.conversations, canReach: (key) => key.startsWith(chatKey('')), clock: options.clock });
  const queue = new ReminderQueue({ connection: connect(), keyPrefix, records: new ReminderRecords(store.redis, keyPrefix), logger });
  let worker: ReminderWorker | undefined;
  const close = async () => {
    await worker?.close();
    await queue.close();
    await Promise.all(connections.map(quit));
  };
  try {
    if (options.runWorker) {
      const token = config.TELEGRAM_BOT_TOKEN;
      if (!token) throw new Error('the reminder worker needs TELEGRAM_BOT_TOKEN');
      worker = new ReminderWorker({
        connection: connect(),
        keyPrefix,
        queue,
        reminders: service,
        store,
        telegram: new Telegram(token, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
        rate: config.REMINDER_RATE,
        lockMs: config.REMINDER_LOCK_SECONDS * 1000,
        clock: options.clock,
        logger,
        ...(options.hashKey ? { hashKey: options.hashKey } : {}),
      });
      await queue.ensureSchedulers(options.campaigns);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const readiness: ReadinessCheck = () => {
    if (worker) return worker.state();
    const status = connections[0]?.status;
    return status === 'ready' ? true : status ?? 'closed';
  };
  return { service, queue, worker, readiness, close };
}
