/** The embedded store: the same contract as Redis, kept in this process (lost on exit; see FileStore). */
import type { SessionStore, StoredSession, UnitIndexEntry } from '../core/store.ts';

type Entry = { session: StoredSession; index: UnitIndexEntry; expiresAt: number };
export type MemoryStoreOptions = { retentionSeconds: number; updateTtlSeconds?: number; now?: () => number };

export class MemoryStore implements SessionStore {
  readonly durable: boolean = false;
  protected sessions = new Map<string, Entry>();
  protected unreachable = new Set<string>();
  private updates = new Map<string, number>();

  constructor(private readonly options: MemoryStoreOptions = { retentionSeconds: 400 * 86_400 }) {}

  protected now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Called after every change; the file store writes itself out here. */
  protected async changed(): Promise<void> {}

  async load(key: string): Promise<StoredSession | undefined> {
    return this.loadNow(key);
  }

  // Synchronous, so that a compare-and-set cannot interleave with another save.
  private loadNow(key: string): StoredSession | undefined {
    const entry = this.sessions.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return { ...entry.session };
  }

  async save(key: string, expectedVersion: number, data: string, index: UnitIndexEntry): Promise<boolean> {
    const current = this.loadNow(key)?.version ?? 0;
    if (current !== expectedVersion) return false;
    const previous = this.sessions.get(key);
    const wasUnreachable = this.unreachable.has(key);
    // A chat that writes (and is saved) can be reached again.
    this.unreachable.delete(key);
    this.sessions.set(key, {
      session: { version: current + 1, data },
      index: { ...index },
      expiresAt: this.now() + this.options.retentionSeconds * 1000,
    });
    try {
      await this.changed();
    } catch (error) {
      // Not written, not saved: the unit is told so, and must not find the answer kept after all.
      if (previous) this.sessions.set(key, previous);
      else this.sessions.delete(key);
      if (wasUnreachable) this.unreachable.add(key);
      throw error;
    }
    return true;
  }

  async delete(key: string): Promise<void> {
    this.sessions.delete(key);
    this.unreachable.delete(key);
    await this.changed();
  }

  async claimUpdate(updateId: string): Promise<boolean> {
    const now = this.now();
    const seenUntil = this.updates.get(updateId);
    if (seenUntil !== undefined && seenUntil > now) return false;
    this.updates.set(updateId, now + (this.options.updateTtlSeconds ?? 86_400) * 1000);
    if (this.updates.size > 10_000) for (const [id, until] of this.updates) if (until <= now) this.updates.delete(id);
    return true;
  }

  async setUnreachable(key: string, unreachable: boolean): Promise<void> {
    if (unreachable) this.unreachable.add(key);
    else this.unreachable.delete(key);
    await this.changed();
  }

  async isUnreachable(key: string): Promise<boolean> {
    return this.unreachable.has(key);
  }

  async listUnits(campaignId: string, areas?: readonly string[]): Promise<UnitIndexEntry[]> {
    const now = this.now();
    return [...this.sessions.values()]
      .filter((e) => e.expiresAt > now && e.index.campaignId === campaignId && (!areas || areas.includes(e.index.area ?? '')))
      .map((e) => ({ ...e.index }))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async close(): Promise<void> {}
}
