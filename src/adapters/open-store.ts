/** Picks the session store from the configuration: Redis when REDIS_URL is set, memory otherwise. */
import type { Config } from '../config.ts';
import type { SessionStore } from '../core/store.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';

export async function openStore(config: Config): Promise<SessionStore> {
  const retentionSeconds = config.SESSION_RETENTION_DAYS * 86_400;
  if (!config.REDIS_URL) return new MemoryStore({ retentionSeconds });
  const store = new RedisStore({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, retentionSeconds });
  try {
    await store.connect();
  } catch (error) {
    await store.close();
    throw new Error(`Cannot reach Redis at REDIS_URL (${(error as Error).message})`);
  }
  return store;
}
