/**
 * The roster and the audit log, in memory (the embedded default) and in Redis. A campaign's roster keys
 * share a hash tag; the invitation hash and the capped audit list stand alone: all of it works on Redis
 * Cluster as it is.
 */
import type { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError } from '../../core/store.ts';
import type { AuditEntry, AuditLog, RosterCounts, RosterEntry, RosterStore } from '../../core/staff-store.ts';

/** How many staff actions the audit log keeps (older ones are dropped, newest first). */
export const AUDIT_KEPT = 100_000;

type Upsert = Parameters<RosterStore['upsert']>;

export class MemoryRosterStore implements RosterStore {
  private readonly rosters = new Map<string, Map<string, RosterEntry>>();
  private readonly tokens = new Map<string, RosterEntry>();
  /** Credit codes units have given, per campaign. */
  private readonly given = new Map<string, Set<string>>();

  async upsert(campaignId: string, entries: Upsert[1], newToken: Upsert[2]): Promise<RosterEntry[]> {
    const roster = this.rosters.get(campaignId) ?? new Map<string, RosterEntry>();
    const stored = entries.map((e) => ({ ...e, campaignId, token: roster.get(e.creditCode)?.token ?? newToken() }));
    for (const e of stored) {
      roster.set(e.creditCode, e);
      this.tokens.set(e.token, e);
    }
    this.rosters.set(campaignId, roster);
    return stored;
  }

  async list(campaignId: string, areas?: readonly string[]): Promise<RosterEntry[]> {
    return [...(this.rosters.get(campaignId)?.values() ?? [])].filter((e) => !areas || areas.includes(e.area));
  }

  async markStarted(campaignId: string, creditCode: string): Promise<void> {
    const given = this.given.get(campaignId) ?? new Set<string>();
    given.add(creditCode);
    this.given.set(campaignId, given);
  }

  async counts(campaignId: string): Promise<Record<string, RosterCounts>> {
    const given = this.given.get(campaignId);
    const counts: Record<string, RosterCounts> = {};
    for (const e of this.rosters.get(campaignId)?.values() ?? []) {
      const c = (counts[e.area] ??= { expected: 0, started: 0 });
      c.expected++;
      if (given?.has(e.creditCode)) c.started++;
    }
    return counts;
  }

  async byToken(token: string): Promise<RosterEntry | undefined> {
    return this.tokens.get(token);
  }
}

export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, AUDIT_KEPT);
  }

  async list(limit = 1000): Promise<AuditEntry[]> {
    return this.entries.slice(0, limit);
  }
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
}

// KEYS: entries, areas, given, counts. ARGV: pairs of credit code, entry JSON (with its area at "area").
// Adds or updates entries; per area, `e:<area>` counts roster units and `s:<area>` those that started.
const UPSERT = `
for i = 1, #ARGV, 2 do
  local code, json = ARGV[i], ARGV[i + 1]
  local area = cjson.decode(json).area
  local old = redis.call('HGET', KEYS[2], code)
  local started = redis.call('SISMEMBER', KEYS[3], code) == 1
  if old ~= area then
    if old then
      redis.call('HINCRBY', KEYS[4], 'e:' .. old, -1)
      if started then redis.call('HINCRBY', KEYS[4], 's:' .. old, -1) end
    end
    redis.call('HINCRBY', KEYS[4], 'e:' .. area, 1)
    if started then redis.call('HINCRBY', KEYS[4], 's:' .. area, 1) end
    redis.call('HSET', KEYS[2], code, area)
  end
  redis.call('HSET', KEYS[1], code, json)
end
return 1
`;

// KEYS: areas, given, counts. ARGV: credit code. A code given for the first time counts its roster unit started.
const MARK_STARTED = `
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
local area = redis.call('HGET', KEYS[1], ARGV[1])
if area then redis.call('HINCRBY', KEYS[3], 's:' .. area, 1) end
return 1
`;

type RosterScripts = {
  nszRosterUpsert(...args: (string | number)[]): Promise<number>;
  nszRosterStarted(...args: (string | number)[]): Promise<number>;
};

/**
 * A campaign's roster keys share one hash tag (`{roster:<campaign>}`), so that the scripts keeping the
 * counts with the entries run on Redis Cluster too; invitations are one hash of token → campaign and code.
 */
export class RedisRosterStore implements RosterStore {
  private readonly redis: (Redis | Cluster) & RosterScripts;

  constructor(
    redis: Redis | Cluster,
    private readonly prefix: string,
  ) {
    this.redis = redis as (Redis | Cluster) & RosterScripts;
    this.redis.defineCommand('nszRosterUpsert', { numberOfKeys: 4, lua: UPSERT });
    this.redis.defineCommand('nszRosterStarted', { numberOfKeys: 3, lua: MARK_STARTED });
  }

  private keys = (campaignId: string) => {
    const tag = `${this.prefix}{roster:${campaignId}}`;
    return { entries: `${tag}:entries`, areas: `${tag}:areas`, given: `${tag}:given`, counts: `${tag}:counts` };
  };
  private invitesKey = () => `${this.prefix}invites`;

  async upsert(campaignId: string, entries: Upsert[1], newToken: Upsert[2]): Promise<RosterEntry[]> {
    return call(async () => {
      const k = this.keys(campaignId);
      const stored: RosterEntry[] = [];
      // In slices, so that a 50,000-row roster is a few dozen round trips and no script holds Redis for long.
      for (let i = 0; i < entries.length; i += 1000) {
        const slice = entries.slice(i, i + 1000);
        const raw = await this.redis.hmget(k.entries, ...slice.map((e) => e.creditCode));
        const merged = slice.map((e, j) => {
          const token = raw[j] ? (JSON.parse(raw[j] as string) as RosterEntry).token : newToken();
          return { ...e, campaignId, token };
        });
        await this.redis.hset(this.invitesKey(), Object.fromEntries(merged.map((e) => [e.token, `${campaignId}\t${e.creditCode}`])));
        await this.redis.nszRosterUpsert(k.entries, k.areas, k.given, k.counts, ...merged.flatMap((e) => [e.creditCode, JSON.stringify(e)]));
        stored.push(...merged);
      }
      return stored;
    });
  }

  async list(campaignId: string, areas?: readonly string[]): Promise<RosterEntry[]> {
    const raw = await call(() => this.redis.hvals(this.keys(campaignId).entries));
    return raw.map((r) => JSON.parse(r) as RosterEntry).filter((e) => !areas || areas.includes(e.area));
  }

  async markStarted(campaignId: string, creditCode: string): Promise<void> {
    const k = this.keys(campaignId);
    await call(() => this.redis.nszRosterStarted(k.areas, k.given, k.counts, creditCode));
  }

  async counts(campaignId: string): Promise<Record<string, RosterCounts>> {
    const raw = await call(() => this.redis.hgetall(this.keys(campaignId).counts));
    const counts: Record<string, RosterCounts> = {};
    for (const [field, n] of Object.entries(raw)) {
      const [kind, area] = [field.slice(0, 1), field.slice(2)];
      const c = (counts[area] ??= { expected: 0, started: 0 });
      if (kind === 'e') c.expected += Number(n);
      else if (kind === 's') c.started += Number(n);
    }
    return counts;
  }

  async byToken(token: string): Promise<RosterEntry | undefined> {
    return call(async () => {
      const ref = await this.redis.hget(this.invitesKey(), token);
      if (!ref) return undefined;
      const [campaignId, code] = ref.split('\t');
      const raw = await this.redis.hget(this.keys(campaignId as string).entries, code as string);
      return raw ? (JSON.parse(raw) as RosterEntry) : undefined;
    });
  }
}

export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
  ) {}

  private key = () => `${this.prefix}audit`;

  async append(entry: AuditEntry): Promise<void> {
    await call(async () => {
      await this.redis.lpush(this.key(), JSON.stringify(entry));
      await this.redis.ltrim(this.key(), 0, AUDIT_KEPT - 1);
    });
  }

  async list(limit = 1000): Promise<AuditEntry[]> {
    const raw = await call(() => this.redis.lrange(this.key(), 0, limit - 1));
    return raw.map((r) => JSON.parse(r) as AuditEntry);
  }
}
