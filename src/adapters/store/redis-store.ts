/**
 * Sessions in Redis (ioredis), on one server, Sentinel, or Redis Cluster.
 *
 * Cluster refuses a script whose keys sit in different slots, and the staff index spans units. So units
 * are spread over SHARDS hash tags (`{nsz:17}`): a unit's session, its prompts and the index, activity and
 * counters of its shard share one slot, and one Lua script saves the session and the index atomically on
 * every deployment. Staff figures read the SHARDS shards (a few dozen small reads), never scan keys.
 *
 * A session is one string, `<version>|<update ids>|<counters>|<unreachable>|<message id>|<epoch>|<activity>\n<data>`
 * (sessions written before the last two fields are read as without them): loading is one MGET (with the prompt
 * record), a save one script: GET, then SET with the retention as expiry, plus what the staff index needs on that
 * turn (HSET of the unit's entry; HINCRBY of the counters that changed, HDEL of one that fell to 0 (a question's
 * stop count with no unit left there: zeros would pile up, one per question and area); ZADD of its activity
 * once a day).
 * The prompt record is one plain SET (`<rev>:<message id>:<question id>`, the latest first showing).
 */
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import {
  REMEMBERED_UPDATES,
  StoreUnavailableError,
  VIEW_SECONDS,
  type PromptRecord,
  type SaveOptions,
  type SaveResult,
  type SessionStore,
  type StoredSession,
  type UnitIndexEntry,
} from '../../core/store.ts';

/** How many hash tags units are spread over: enough to balance a cluster's masters, few enough to read. */
export const SHARDS = 32;
/** How many shards' unit lists are read at once. */
const LIST_PARALLEL = 4;

// KEYS: session, units, activity, counters, unreachable set
// ARGV: expectedVersion, data, updateId ('' = none), ttlSeconds, unitKey, entryJson ('' = no index), updatedAt,
//       counters (comma-separated), maxUpdates, messageId ('' = none), epoch ('' = none), activity token
// The activity score only needs to be as fine as a day (entries are pruned after the retention period, with a
// day's margin): it is written when the token (campaign and local day) changes, not on every turn.
const SAVE = `
local cur = redis.call('GET', KEYS[1])
local v, ups, ctrs, unreachable, epoch, activity = 0, '', '', '0', '', ''
if cur then
  local f = {}
  for part in string.gmatch(string.match(cur, '^[^\\n]*') .. '|', '([^|]*)|') do f[#f + 1] = part end
  v, ups, ctrs, unreachable, epoch, activity = tonumber(f[1]) or 0, f[2] or '', f[3] or '', f[4] or '0', f[6] or '', f[7] or ''
end
local ids = {}
for id in string.gmatch(ups, '[^,]+') do
  if id == ARGV[3] then return -1 end
  ids[#ids + 1] = id
end
if v ~= tonumber(ARGV[1]) then return 0 end
if epoch ~= '' and ARGV[11] ~= '' and epoch ~= ARGV[11] then return 0 end
if epoch == '' then epoch = ARGV[11] end
if ARGV[3] ~= '' then ids[#ids + 1] = ARGV[3] end
while #ids > tonumber(ARGV[9]) do table.remove(ids, 1) end
local newCtrs, newActivity = ctrs, activity
if ARGV[6] ~= '' then newCtrs, newActivity = ARGV[8], ARGV[12] end
redis.call('SET', KEYS[1], (v + 1) .. '|' .. table.concat(ids, ',') .. '|' .. newCtrs .. '|0|' .. ARGV[10] .. '|' .. epoch .. '|' .. newActivity .. '\\n' .. ARGV[2], 'EX', ARGV[4])
if unreachable == '1' then redis.call('SREM', KEYS[5], ARGV[5]) end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[5], ARGV[6])
  if newActivity ~= activity then redis.call('ZADD', KEYS[3], ARGV[7], ARGV[5]) end
  local old, new = {}, {}
  for f in string.gmatch(ctrs, '[^,]+') do old[f] = true end
  for f in string.gmatch(newCtrs, '[^,]+') do new[f] = true end
  for f in pairs(old) do if not new[f] and redis.call('HINCRBY', KEYS[4], f, -1) == 0 then redis.call('HDEL', KEYS[4], f) end end
  for f in pairs(new) do if not old[f] then redis.call('HINCRBY', KEYS[4], f, 1) end end
end
return 1
`;

// Takes one unit out of one campaign's index (KEYS[i], KEYS[i+1], KEYS[i+2]: units, activity, counters).
const UNINDEX = `
local function unindex(units, activity, counters, unit)
  local entry = redis.call('HGET', units, unit)
  if not entry then return 0 end
  local ok, decoded = pcall(cjson.decode, entry)
  if ok and type(decoded.counters) == 'table' then
    for _, f in ipairs(decoded.counters) do
      if redis.call('HINCRBY', counters, f, -1) == 0 then redis.call('HDEL', counters, f) end
    end
  end
  redis.call('HDEL', units, unit)
  redis.call('ZREM', activity, unit)
  return 1
end
`;

// KEYS: session, prompts, unreachable set, web view, web resume code, then (units, activity, counters) per
// campaign; ARGV: unitKey. Returns the resume code, whose own key (code → session) sits in another slot.
const FORGET = `${UNINDEX}
local code = redis.call('GET', KEYS[5])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[4], KEYS[5])
redis.call('SREM', KEYS[3], ARGV[1])
for i = 6, #KEYS, 3 do unindex(KEYS[i], KEYS[i + 1], KEYS[i + 2], ARGV[1]) end
return code or ''
`;

// KEYS: units, activity, counters; ARGV: cutoff (ms), batch
const PRUNE = `${UNINDEX}
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, unit in ipairs(stale) do
  if unindex(KEYS[1], KEYS[2], KEYS[3], unit) == 0 then redis.call('ZREM', KEYS[2], unit) end
end
return #stale
`;

// KEYS: session, unreachable set; ARGV: unitKey, '1' | '0'. The session's header carries the mark so that a
// save knows (without another command) whether it has a mark to clear.
const MARK = `
if ARGV[2] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
local cur = redis.call('GET', KEYS[1])
if cur then
  local ttl = redis.call('TTL', KEYS[1])
  local head, rest = string.match(cur, '^(%d+|[^|]*|[^|]*|)[01](|.*)$')
  if head and ttl > 0 then redis.call('SET', KEYS[1], head .. ARGV[2] .. rest, 'EX', ttl) end
end
return 1
`;

type Scripts = {
  nszSave(...args: (string | number)[]): Promise<number>;
  nszForget(...args: (string | number)[]): Promise<string>;
  nszPrune(...args: (string | number)[]): Promise<number>;
  nszMark(...args: (string | number)[]): Promise<number>;
};

export type RedisStoreOptions = {
  /** `redis://host:port`, or several comma-separated (or `cluster: true`) for Redis Cluster seed nodes. */
  url: string;
  cluster?: boolean;
  prefix?: string;
  retentionSeconds: number;
  /** How long a command may take before the user is told to try again. */
  commandTimeoutMs?: number;
  now?: () => number;
};

/** FNV-1a: a unit's shard, the same in every process. */
export function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

/** Counter fields and update ids live in a comma-separated header: nothing in them may break it. */
const headerSafe = (s: string) => /^[^,|\n]+$/.test(s);

/** The prompt record: `<rev>:<message id>:<question id>` (a JSON list of records before). */
const encodePrompt = (p: PromptRecord) => `${p.rev}:${p.messageId}:${p.questionId}`;
function parsePrompts(raw: string | null): PromptRecord[] {
  if (!raw) return [];
  if (raw.startsWith('[')) {
    try {
      return JSON.parse(raw) as PromptRecord[];
    } catch {
      return [];
    }
  }
  const [rev, messageId, questionId = ''] = raw.split(':');
  return rev && messageId ? [{ rev: Number(rev), messageId: Number(messageId), questionId }] : [];
}

function parseSession(raw: string | null, prompts: string | null): StoredSession | undefined {
  if (raw == null) return undefined;
  const nl = raw.indexOf('\n');
  const [version, updates, , , messageId, epoch] = raw.slice(0, nl).split('|');
  return {
    version: Number(version),
    data: raw.slice(nl + 1),
    updates: updates ? updates.split(',') : [],
    prompts: parsePrompts(prompts),
    ...(messageId ? { messageId: Number(messageId) } : {}),
    ...(epoch ? { epoch } : {}),
  };
}

/**
 * An index entry as stored: without what the hash key and its field already say (campaign, unit) and without
 * empty fields (nulls, false, empty lists), a third of its size; `unpackEntry` puts them back.
 */
const packEntry = (entry: UnitIndexEntry, counters: string[]): string => {
  // A plain loop over the top-level fields (a replacer function would be called for every key, every save).
  const packed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...entry, counters })) {
    if (k === 'key' || k === 'campaignId' || v === null || v === false || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    packed[k] = v;
  }
  return JSON.stringify(packed);
};
const unpackEntry = (key: string, campaignId: string, raw: string): UnitIndexEntry =>
  ({ key, campaignId, area: null, unitName: null, ...(JSON.parse(raw) as Partial<UnitIndexEntry>) }) as UnitIndexEntry;

/**
 * What REDIS_URL names: one server, or Redis Cluster seed nodes when several URLs are listed (commas, with
 * spaces around them) or `cluster` is set. A lone URL with a stray comma or spaces is still that server.
 */
export function redisTarget(url: string, cluster: boolean): { url: string } | { nodes: ClusterNode[] } {
  const urls = url.split(',').map((u) => u.trim()).filter(Boolean);
  if (!cluster && urls.length <= 1) return { url: urls[0] ?? url };
  return {
    nodes: urls.map((u) => {
      const parsed = new URL(u);
      return { host: parsed.hostname, port: Number(parsed.port || 6379) };
    }),
  };
}

/** The activity score is written once per grain (a day, or a hundredth of a shorter retention period). */
const activityGrainMs = (retentionSeconds: number) => Math.min(86_400_000, (retentionSeconds * 1000) / 100);

export class RedisStore implements SessionStore {
  readonly durable = true;
  readonly redis: (Redis | Cluster) & Scripts;
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
      // Commands issued in one tick (many chats' turns at once) go out in one socket write.
      enableAutoPipelining: true,
    };
    const target = redisTarget(options.url, options.cluster === true);
    if ('nodes' in target) {
      this.redis = new Cluster(target.nodes, {
        redisOptions,
        lazyConnect: true,
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
      }) as Cluster & Scripts;
    } else {
      this.redis = new Redis(target.url, redisOptions) as Redis & Scripts;
    }
    // Errors surface per command; without a listener ioredis would log every reconnect attempt.
    this.redis.on('error', () => {});
    this.redis.defineCommand('nszSave', { numberOfKeys: 5, lua: SAVE });
    this.redis.defineCommand('nszForget', { lua: FORGET });
    this.redis.defineCommand('nszPrune', { numberOfKeys: 3, lua: PRUNE });
    this.redis.defineCommand('nszMark', { numberOfKeys: 2, lua: MARK });
  }

  /** Connects (and fails clearly when Redis cannot be reached at start-up). */
  async connect(): Promise<void> {
    await this.redis.connect();
    if (this.redis instanceof Cluster) {
      // A cluster is usable once it knows which node serves which slot.
      if (this.redis.status !== 'ready') await new Promise<void>((resolve, reject) => {
        this.redis.once('ready', resolve);
        this.redis.once('error', reject);
      });
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private tag = (shard: number) => `${this.prefix}{${shard}}`;
  private sessionKey = (key: string) => `${this.tag(shardOf(key))}:s:${key}`;
  private promptsKey = (key: string) => `${this.tag(shardOf(key))}:p:${key}`;
  private indexKeys = (shard: number, campaignId: string) => {
    const t = this.tag(shard);
    return [`${t}:u:${campaignId}`, `${t}:a:${campaignId}`, `${t}:c:${campaignId}`] as const;
  };
  private unreachableKey = (shard: number) => `${this.tag(shard)}:x`;
  /** Web: the last page (`w`) and the resume code (`r`) of a session sit in its slot; code → session stands alone. */
  private viewKey = (key: string) => `${this.tag(shardOf(key))}:w:${key}`;
  private codeOfKey = (key: string) => `${this.tag(shardOf(key))}:r:${key}`;
  private codeKey = (code: string) => `${this.prefix}code:${code}`;

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async load(key: string): Promise<StoredSession | undefined> {
    const [raw, prompts] = await this.call(() => this.redis.mget(this.sessionKey(key), this.promptsKey(key)));
    return parseSession(raw ?? null, prompts ?? null);
  }

  async save(key: string, expectedVersion: number, data: string, options: SaveOptions = {}): Promise<SaveResult> {
    const shard = shardOf(key);
    const index = options.index;
    const updateId = options.updateId ?? '';
    if (updateId !== '' && !headerSafe(updateId)) throw new Error(`update id ${updateId} cannot be stored`);
    const epoch = options.epoch ?? '';
    if (epoch !== '' && !headerSafe(epoch)) throw new Error(`epoch ${epoch} cannot be stored`);
    const counters = (index?.counters ?? []).filter(headerSafe);
    const [units, activity, countersKey] = this.indexKeys(shard, index?.campaignId ?? '-');
    const result = await this.call(() =>
      this.redis.nszSave(
        this.sessionKey(key),
        units,
        activity,
        countersKey,
        this.unreachableKey(shard),
        expectedVersion,
        data,
        updateId,
        this.options.retentionSeconds,
        key,
        index ? packEntry(index, counters) : '',
        index?.updatedAt ?? 0,
        counters.join(','),
        REMEMBERED_UPDATES,
        options.messageId ?? '',
        epoch,
        // What decides whether this save writes the activity score: the campaign and the grain it falls in.
        index ? `${index.campaignId}@${Math.floor(index.updatedAt / activityGrainMs(this.options.retentionSeconds))}` : '',
      ),
    );
    return result === 1 ? 'saved' : result === -1 ? 'duplicate' : 'conflict';
  }

  async notePrompt(key: string, record: PromptRecord): Promise<void> {
    await this.call(() => this.redis.set(this.promptsKey(key), encodePrompt(record), 'EX', this.options.retentionSeconds));
  }

  async forget(key: string, campaignIds: readonly string[]): Promise<void> {
    const shard = shardOf(key);
    const keys = [
      this.sessionKey(key),
      this.promptsKey(key),
      this.unreachableKey(shard),
      this.viewKey(key),
      this.codeOfKey(key),
      ...campaignIds.flatMap((id) => this.indexKeys(shard, id)),
    ];
    const code = await this.call(() => this.redis.nszForget(keys.length, ...keys, key));
    if (code) await this.call(() => this.redis.del(this.codeKey(code)));
  }

  async claimResumeCode(code: string, key: string): Promise<boolean> {
    const ttl = this.options.retentionSeconds;
    return this.call(async () => {
      const set = await this.redis.set(this.codeKey(code), key, 'EX', ttl, 'NX');
      if (set === null && (await this.redis.get(this.codeKey(code))) !== key) return false;
      await this.redis.set(this.codeOfKey(key), code, 'EX', ttl);
      return true;
    });
  }

  async resumeKey(code: string): Promise<string | undefined> {
    return (await this.call(() => this.redis.get(this.codeKey(code)))) ?? undefined;
  }

  async resumeCode(key: string): Promise<string | undefined> {
    return (await this.call(() => this.redis.get(this.codeOfKey(key)))) ?? undefined;
  }

  async saveView(key: string, view: string): Promise<void> {
    const ttl = this.options.retentionSeconds;
    await this.call(async () => {
      // View and code-of-session share the session's slot (one MULTI); code → session is refreshed beside it.
      const results = await this.redis.multi().set(this.viewKey(key), view, 'EX', VIEW_SECONDS).expire(this.codeOfKey(key), ttl).get(this.codeOfKey(key)).exec();
      const code = results?.[2]?.[1];
      if (typeof code === 'string') await this.redis.expire(this.codeKey(code), ttl);
    });
  }

  async loadView(key: string): Promise<string | undefined> {
    return (await this.call(() => this.redis.get(this.viewKey(key)))) ?? undefined;
  }

  async setUnreachable(key: string, unreachable: boolean): Promise<void> {
    await this.call(() => this.redis.nszMark(this.sessionKey(key), this.unreachableKey(shardOf(key)), key, unreachable ? '1' : '0'));
  }

  async isUnreachable(key: string): Promise<boolean> {
    return (await this.call(() => this.redis.sismember(this.unreachableKey(shardOf(key)), key))) === 1;
  }

  async unreachable(): Promise<string[]> {
    const perShard = await this.call(() => Promise.all(this.shards().map((shard) => this.redis.smembers(this.unreachableKey(shard)))));
    return perShard.flat();
  }

  private shards(): number[] {
    return Array.from({ length: SHARDS }, (_, i) => i);
  }

  async units(campaignId: string, keys: readonly string[]): Promise<(UnitIndexEntry | undefined)[]> {
    const raw = await this.call(() => Promise.all(keys.map((key) => this.redis.hget(this.indexKeys(shardOf(key), campaignId)[0], key))));
    return raw.map((r, i) => (r ? unpackEntry(keys[i] as string, campaignId, r) : undefined));
  }

  async listUnits(campaignId: string, areas?: readonly string[]): Promise<UnitIndexEntry[]> {
    await this.prune([campaignId], this.now());
    // A few shards at a time: each reply is large with many units, and 32 sent at once would queue behind
    // each other in Redis until the last ones time out (and hold up every unit's turn meanwhile).
    const perShard: UnitIndexEntry[][] = [];
    const shards = this.shards();
    for (let i = 0; i < shards.length; i += LIST_PARALLEL) {
      const batch = await this.call(() =>
        Promise.all(
          shards.slice(i, i + LIST_PARALLEL).map(async (shard) =>
            Object.entries(await this.redis.hgetall(this.indexKeys(shard, campaignId)[0])).map(([key, raw]) => unpackEntry(key, campaignId, raw)),
          ),
        ),
      );
      perShard.push(...batch);
    }
    return perShard
      .flat()
      .filter((e) => !areas || areas.includes(e.area ?? ''))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async counters(campaignId: string): Promise<Record<string, number>> {
    const perShard = await this.call(() => Promise.all(this.shards().map((shard) => this.redis.hgetall(this.indexKeys(shard, campaignId)[2]))));
    const totals: Record<string, number> = {};
    for (const shard of perShard) for (const [field, n] of Object.entries(shard)) totals[field] = (totals[field] ?? 0) + Number(n);
    return Object.fromEntries(Object.entries(totals).filter(([, n]) => n !== 0));
  }

  async prune(campaignIds: readonly string[], now: number): Promise<number> {
    // Activity scores are written once per grain: a grain's margin keeps a unit whose session lives from being pruned.
    const cutoff = now - this.options.retentionSeconds * 1000 - activityGrainMs(this.options.retentionSeconds);
    let pruned = 0;
    for (const campaignId of campaignIds) {
      const counts = await this.call(() =>
        Promise.all(
          this.shards().map(async (shard) => {
            let total = 0;
            // In batches, so that one script never holds Redis for long.
            for (let n = -1; n !== 0; total += n) n = await this.redis.nszPrune(...this.indexKeys(shard, campaignId), cutoff, 500);
            return total;
          }),
        ),
      );
      pruned += counts.reduce((a, b) => a + b, 0);
    }
    return pruned;
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
