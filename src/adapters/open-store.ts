/**
 * Picks the session store from the configuration: Redis when REDIS_URL is set; otherwise a local file
 * (SESSION_FILE), or memory when SESSION_FILE is `:memory:`.
 */
import type { Config } from '../config.ts';
import type { SessionStore } from '../core/store.ts';
import { FileStore } from './file-store.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';

/** The SESSION_FILE value that keeps sessions in memory only. */
export const MEMORY = ':memory:';

export async function openStore(config: Config): Promise<SessionStore> {
  const retentionSeconds = config.SESSION_RETENTION_DAYS * 86_400;
  if (!config.REDIS_URL) {
    return config.SESSION_FILE === MEMORY ? new MemoryStore({ retentionSeconds }) : new FileStore(config.SESSION_FILE, { retentionSeconds });
  }
  const store = new RedisStore({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, retentionSeconds });
  try {
    await store.connect();
  } catch (error) {
    await store.close();
    throw new Error(`Cannot reach Redis at REDIS_URL (${(error as Error).message})`);
  }
  return store;
}
