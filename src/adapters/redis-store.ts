/**
 * Sessions in Redis (ioredis). A unit's session is one hash `{prefix}s:{<key>}` (hash tag: its keys share a
 * Cluster slot) holding `version`, `data` and the index fields; a save is a Lua compare-and-set on
 * `version` that also updates the staff index of the campaign in the same script.
 * (On Redis Cluster the index keys sit in another slot; the index write would then have to move to a
 * second call. One Redis or Sentinel is what this deployment targets.)
 */
import { Redis, type RedisOptions } from 'ioredis';
import { StoreUnavailableError, type SessionStore, type StoredSession, type UnitIndexEntry } from '../core/store.ts';

// KEYS: session, units index (hash key → entry JSON), activity (zset key → updatedAt), unreachable set
// ARGV: expectedVersion, data, entry JSON, updatedAt, retentionSeconds, unit key, '1' to index (a campaign is chosen)
const SAVE = `
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', current + 1, 'data', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('SREM', KEYS[4], ARGV[6])
if ARGV[7] == '1' then
  redis.call('HSET', KEYS[2], ARGV[6], ARGV[3])
  redis.call('ZADD', KEYS[3], tonumber(ARGV[4]), ARGV[6])
end
return 1
`;

export type RedisStoreOptions = {
  url: string;
  prefix?: string;
  retentionSeconds: number;
  /** How long a command may take before the user is told to try again. */
  commandTimeoutMs?: number;
};

export class RedisStore implements SessionStore {
  readonly durable = true;
  readonly redis: Redis;
  private readonly prefix: string;

  constructor(private readonly options: RedisStoreOptions) {
    this.prefix = options.prefix ?? 'nsz:';
    const redisOptions: RedisOptions = {
      // Fail fast while disconnected instead of queueing: the user hears "try again" at once,
      // and ioredis keeps reconnecting in the background.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      lazyConnect: true,
    };
    this.redis = new Redis(options.url, redisOptions);
    // Errors surface per command; without a listener ioredis would log every reconnect attempt.
    this.redis.on('error', () => {});
    this.redis.defineCommand('nszSave', { numberOfKeys: 4, lua: SAVE });
  }

  /** Connects (and fails clearly when Redis cannot be reached at start-up). */
  async connect(): Promise<void> {
    await this.redis.connect();
  }

  private sessionKey = (key: string) => `${this.prefix}s:{${key}}`;
  private unitsKey = (campaignId: string) => `${this.prefix}units:${campaignId}`;
  private activityKey = (campaignId: string) => `${this.prefix}activity:${campaignId}`;

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async load(key: string): Promise<StoredSession | undefined> {
    const [version, data] = await this.call(() => this.redis.hmget(this.sessionKey(key), 'version', 'data'));
    if (version == null || data == null) return undefined;
    return { version: Number(version), data };
  }

  async save(key: string, expectedVersion: number, data: string, index: UnitIndexEntry): Promise<boolean> {
    const result = await this.call(() =>
      (this.redis as Redis & { nszSave(...args: (string | number)[]): Promise<number> }).nszSave(
        this.sessionKey(key),
        this.unitsKey(index.campaignId),
        this.activityKey(index.campaignId),
        this.unreachableKey(),
        expectedVersion,
        data,
        JSON.stringify(index),
        index.updatedAt,
        this.options.retentionSeconds,
        key,
        index.campaignId ? '1' : '0',
      ),
    );
    return result === 1;
  }

  async delete(key: string): Promise<void> {
    const stored = await this.load(key);
    const campaignId = stored ? campaignOf(stored.data) : undefined;
    await this.call(async () => {
      const tx = this.redis.multi().del(this.sessionKey(key)).srem(this.unreachableKey(), key);
      if (campaignId) tx.hdel(this.unitsKey(campaignId), key).zrem(this.activityKey(campaignId), key);
      await tx.exec();
    });
  }

  async claimUpdate(updateId: string): Promise<boolean> {
    const result = await this.call(() => this.redis.set(`${this.prefix}u:${updateId}`, '1', 'EX', 86_400, 'NX'));
    return result === 'OK';
  }

  private unreachableKey = () => `${this.prefix}unreachable`;

  async setUnreachable(key: string, unreachable: boolean): Promise<void> {
    await this.call(() => (unreachable ? this.redis.sadd(this.unreachableKey(), key) : this.redis.srem(this.unreachableKey(), key)));
  }

  async isUnreachable(key: string): Promise<boolean> {
    return (await this.call(() => this.redis.sismember(this.unreachableKey(), key))) === 1;
  }

  async listUnits(campaignId: string, areas?: readonly string[]): Promise<UnitIndexEntry[]> {
    const cutoff = Date.now() - this.options.retentionSeconds * 1000;
    return this.call(async () => {
      // Entries whose session expired are dropped here, so the index never outlives the retention period.
      const stale = await this.redis.zrangebyscore(this.activityKey(campaignId), '-inf', cutoff);
      if (stale.length) await this.redis.multi().zrem(this.activityKey(campaignId), ...stale).hdel(this.unitsKey(campaignId), ...(stale as [string, ...string[]])).exec();
      const keys = await this.redis.zrevrange(this.activityKey(campaignId), 0, -1);
      if (keys.length === 0) return [];
      const raw = await this.redis.hmget(this.unitsKey(campaignId), ...keys);
      return raw
        .filter((r): r is string => r !== null)
        .map((r) => JSON.parse(r) as UnitIndexEntry)
        .filter((e) => !areas || areas.includes(e.area ?? ''));
    });
  }

  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}

function campaignOf(data: string): string | undefined {
  try {
    const parsed = JSON.parse(data) as { campaignId?: unknown };
    return typeof parsed.campaignId === 'string' ? parsed.campaignId : undefined;
  } catch {
    return undefined;
  }
}
