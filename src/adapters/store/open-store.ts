/**
 * Picks the session store from the configuration: Redis when REDIS_URL is set; otherwise a local file
 * (SESSION_FILE), or memory when SESSION_FILE is `:memory:`.
 */
import { clockFrom, type Config } from '../../config.ts';
import type { AuditLog, RosterStore } from '../../core/staff-store.ts';
import type { SessionStore } from '../../core/store.ts';
import { FileStore } from './file-store.ts';
import type { ReadinessCheck } from '../http/health.ts';
import { silentLogger, type Logger } from '../log/log.ts';
import { MemoryStore } from './memory-store.ts';
import { logRedisEvents, redisReadiness } from './redis-health.ts';
import { RedisStore } from './redis-store.ts';
import { MemoryAuditLog, MemoryRosterStore, RedisAuditLog, RedisRosterStore } from './staff-stores.ts';

/** The SESSION_FILE value that keeps sessions in memory only. */
export const MEMORY = ':memory:';

export async function openStore(config: Config, logger: Logger = silentLogger()): Promise<SessionStore> {
  const retentionSeconds = config.SESSION_RETENTION_DAYS * 86_400;
  // The store ages units on the same clock the conversations date them with (NIANSHEN_NOW in a demo).
  const clock = clockFrom(config);
  const now = () => clock().getTime();
  if (!config.REDIS_URL) {
    return config.SESSION_FILE === MEMORY ? new MemoryStore({ retentionSeconds, now }) : new FileStore(config.SESSION_FILE, { retentionSeconds, now });
  }
  const store = new RedisStore({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER, prefix: config.REDIS_KEY_PREFIX, retentionSeconds, now });
  // Before connecting, so that the first "ready" and any start-up error are logged too.
  logRedisEvents(store.redis, logger);
  try {
    await store.connect();
  } catch (error) {
    await store.close();
    throw new Error(`Cannot reach Redis at REDIS_URL (${(error as Error).message})`);
  }
  return store;
}

/** What /readyz asks of the store: Redis answers PING. The memory store is always ready. */
export function storeReadiness(store: SessionStore): ReadinessCheck | undefined {
  return store instanceof RedisStore ? redisReadiness(store.redis) : undefined;
}

/** The roster and the audit log beside the session store: in Redis with it (same connection), else in memory. */
export function openStaffStores(store: SessionStore, prefix: string): { roster: RosterStore; audit: AuditLog } {
  if (store instanceof RedisStore) return { roster: new RedisRosterStore(store.redis, prefix), audit: new RedisAuditLog(store.redis, prefix) };
  return { roster: new MemoryRosterStore(), audit: new MemoryAuditLog() };
}
