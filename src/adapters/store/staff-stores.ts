/**
 * The roster and the audit log, in memory (the embedded default) and in Redis. Each Redis key here stands
 * alone (one roster hash per campaign, one invitation hash, one capped audit list), so they work on Redis
 * Cluster as they are.
 */
import type { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError } from '../../core/store.ts';
import type { AuditEntry, AuditLog, RosterEntry, RosterStore } from '../../core/staff-store.ts';

/** How many staff actions the audit log keeps (older ones are dropped, newest first). */
export const AUDIT_KEPT = 100_000;

type Upsert = Parameters<RosterStore['upsert']>;

function merge(existing: Map<string, RosterEntry>, campaignId: string, entries: Upsert[1], newToken: Upsert[2]): RosterEntry[] {
  return entries.map((e) => ({ ...e, campaignId, token: existing.get(e.creditCode)?.token ?? newToken() }));
}

export class MemoryRosterStore implements RosterStore {
  private readonly rosters = new Map<string, Map<string, RosterEntry>>();
  private readonly tokens = new Map<string, RosterEntry>();

  async upsert(campaignId: string, entries: Upsert[1], newToken: Upsert[2]): Promise<RosterEntry[]> {
    const roster = this.rosters.get(campaignId) ?? new Map<string, RosterEntry>();
    const stored = merge(roster, campaignId, entries, newToken);
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

export class RedisRosterStore implements RosterStore {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
  ) {}

  private rosterKey = (campaignId: string) => `${this.prefix}roster:${campaignId}`;
  private invitesKey = () => `${this.prefix}invites`;

  async upsert(campaignId: string, entries: Upsert[1], newToken: Upsert[2]): Promise<RosterEntry[]> {
    return call(async () => {
      const existing = new Map<string, RosterEntry>();
      const codes = entries.map((e) => e.creditCode);
      // In slices, so that a 5,000-row roster is a few round trips, not one huge reply.
      for (let i = 0; i < codes.length; i += 1000) {
        const slice = codes.slice(i, i + 1000);
        const raw = await this.redis.hmget(this.rosterKey(campaignId), ...slice);
        raw.forEach((r, j) => r && existing.set(slice[j] as string, JSON.parse(r) as RosterEntry));
      }
      const stored = merge(existing, campaignId, entries, newToken);
      for (let i = 0; i < stored.length; i += 1000) {
        const slice = stored.slice(i, i + 1000);
        await this.redis.hset(this.rosterKey(campaignId), Object.fromEntries(slice.map((e) => [e.creditCode, JSON.stringify(e)])));
        await this.redis.hset(this.invitesKey(), Object.fromEntries(slice.map((e) => [e.token, `${campaignId}\t${e.creditCode}`])));
      }
      return stored;
    });
  }

  async list(campaignId: string, areas?: readonly string[]): Promise<RosterEntry[]> {
    const raw = await call(() => this.redis.hvals(this.rosterKey(campaignId)));
    return raw.map((r) => JSON.parse(r) as RosterEntry).filter((e) => !areas || areas.includes(e.area));
  }

  async byToken(token: string): Promise<RosterEntry | undefined> {
    return call(async () => {
      const ref = await this.redis.hget(this.invitesKey(), token);
      if (!ref) return undefined;
      const [campaignId, code] = ref.split('\t');
      const raw = await this.redis.hget(this.rosterKey(campaignId as string), code as string);
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
