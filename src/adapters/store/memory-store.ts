/** The embedded store: the same contract as Redis, kept in this process (lost on exit; see FileStore). */
import { REMEMBERED_PROMPTS, REMEMBERED_UPDATES, VIEW_SECONDS, type PromptRecord, type SaveOptions, type SaveResult, type SessionStore, type StoredSession, type UnitIndexEntry } from '../../core/store.ts';

export type SessionEntry = { version: number; data: string; updates: string[]; counters: string[]; expiresAt: number; messageId?: number; epoch?: string };
export type MemoryStoreOptions = { retentionSeconds: number; now?: () => number };

export class MemoryStore implements SessionStore {
  readonly durable: boolean = false;
  protected sessions = new Map<string, SessionEntry>();
  /** Staff index: campaign → unit key → entry (entries outlive sessions until pruned, as in Redis). */
  protected index = new Map<string, Map<string, UnitIndexEntry>>();
  protected totals = new Map<string, Map<string, number>>();
  protected marked = new Set<string>();
  private prompts = new Map<string, PromptRecord[]>();
  /** Web resume codes: code → session and its expiry, and session → code. */
  protected codes = new Map<string, { key: string; expiresAt: number }>();
  protected codeOf = new Map<string, string>();
  private views = new Map<string, { view: string; expiresAt: number }>();

  constructor(private readonly options: MemoryStoreOptions = { retentionSeconds: 400 * 86_400 }) {}

  protected now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Called after every change; the file store writes itself out here. */
  protected async changed(): Promise<void> {}

  private live(key: string): SessionEntry | undefined {
    const entry = this.sessions.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return entry;
  }

  async load(key: string): Promise<StoredSession | undefined> {
    const entry = this.live(key);
    if (!entry) return undefined;
    return {
      version: entry.version,
      data: entry.data,
      updates: [...entry.updates],
      prompts: [...(this.prompts.get(key) ?? [])],
      ...(entry.messageId !== undefined ? { messageId: entry.messageId } : {}),
      ...(entry.epoch !== undefined ? { epoch: entry.epoch } : {}),
    };
  }

  private count(campaignId: string, fields: readonly string[], by: number): void {
    const totals = this.totals.get(campaignId) ?? new Map<string, number>();
    for (const f of fields) totals.set(f, (totals.get(f) ?? 0) + by);
    this.totals.set(campaignId, totals);
  }

  // Synchronous up to `changed()`, so that a compare-and-set cannot interleave with another save.
  async save(key: string, expectedVersion: number, data: string, options: SaveOptions = {}): Promise<SaveResult> {
    const current = this.live(key);
    if (options.updateId !== undefined && current?.updates.includes(options.updateId)) return 'duplicate';
    if ((current?.version ?? 0) !== expectedVersion) return 'conflict';
    if (current?.epoch !== undefined && options.epoch !== undefined && current.epoch !== options.epoch) return 'conflict';
    const epoch = current?.epoch ?? options.epoch;
    const before = { session: current, index: options.index ? this.index.get(options.index.campaignId)?.get(key) : undefined, unreachable: this.marked.has(key) };
    const updates = [...(current?.updates ?? []), ...(options.updateId !== undefined ? [options.updateId] : [])].slice(-REMEMBERED_UPDATES);
    const counters = options.index?.counters ?? current?.counters ?? [];
    this.sessions.set(key, {
      version: expectedVersion + 1,
      data,
      updates,
      counters,
      expiresAt: this.now() + this.options.retentionSeconds * 1000,
      ...(options.messageId !== undefined ? { messageId: options.messageId } : {}),
      ...(epoch !== undefined ? { epoch } : {}),
    });
    // A chat that writes (and is saved) can be reached again.
    this.marked.delete(key);
    if (options.index) this.writeIndex(key, options.index, current?.counters ?? []);
    try {
      await this.changed();
    } catch (error) {
      // Not written, not saved: the unit is told so, and must not find the answer kept after all.
      if (before.session) this.sessions.set(key, before.session);
      else this.sessions.delete(key);
      if (options.index) {
        this.count(options.index.campaignId, options.index.counters ?? [], -1);
        this.count(options.index.campaignId, current?.counters ?? [], 1);
        if (before.index) this.index.get(options.index.campaignId)?.set(key, before.index);
        else this.index.get(options.index.campaignId)?.delete(key);
      }
      if (before.unreachable) this.marked.add(key);
      throw error;
    }
    return 'saved';
  }

  private writeIndex(key: string, entry: UnitIndexEntry, oldCounters: readonly string[]): void {
    const units = this.index.get(entry.campaignId) ?? new Map<string, UnitIndexEntry>();
    units.set(key, { ...entry, counters: [...(entry.counters ?? [])] });
    this.index.set(entry.campaignId, units);
    const next = new Set(entry.counters ?? []);
    const prev = new Set(oldCounters);
    this.count(entry.campaignId, [...prev].filter((f) => !next.has(f)), -1);
    this.count(entry.campaignId, [...next].filter((f) => !prev.has(f)), 1);
  }

  async notePrompt(key: string, record: PromptRecord): Promise<void> {
    // Channels note a prompt only the first time a revision is shown (a turn that saved), as Redis keeps it.
    this.prompts.set(key, [...(this.prompts.get(key) ?? []), record].slice(-REMEMBERED_PROMPTS));
  }

  /** Takes a unit out of a campaign's index, its counters with it. */
  private unindex(key: string, campaignId: string): boolean {
    const entry = this.index.get(campaignId)?.get(key);
    if (!entry) return false;
    this.count(campaignId, entry.counters ?? [], -1);
    this.index.get(campaignId)?.delete(key);
    return true;
  }

  async forget(key: string, campaignIds: readonly string[]): Promise<void> {
    this.sessions.delete(key);
    this.prompts.delete(key);
    this.marked.delete(key);
    this.views.delete(key);
    const code = this.codeOf.get(key);
    if (code !== undefined) this.codes.delete(code);
    this.codeOf.delete(key);
    for (const id of campaignIds) this.unindex(key, id);
    await this.changed();
  }

  async setUnreachable(key: string, unreachable: boolean): Promise<void> {
    if (unreachable) this.marked.add(key);
    else this.marked.delete(key);
    await this.changed();
  }

  async isUnreachable(key: string): Promise<boolean> {
    return this.marked.has(key);
  }

  async unreachable(): Promise<string[]> {
    return [...this.marked];
  }

  async units(campaignId: string, keys: readonly string[]): Promise<(UnitIndexEntry | undefined)[]> {
    const index = this.index.get(campaignId);
    return keys.map((key) => {
      const entry = index?.get(key);
      return entry && { ...entry };
    });
  }

  async listUnits(campaignId: string, areas?: readonly string[]): Promise<UnitIndexEntry[]> {
    await this.prune([campaignId], this.now());
    return [...(this.index.get(campaignId)?.values() ?? [])]
      .filter((e) => !areas || areas.includes(e.area ?? ''))
      .map((e) => ({ ...e }))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async counters(campaignId: string): Promise<Record<string, number>> {
    return Object.fromEntries([...(this.totals.get(campaignId) ?? [])].filter(([, n]) => n !== 0));
  }

  async prune(campaignIds: readonly string[], now: number): Promise<number> {
    const cutoff = now - this.options.retentionSeconds * 1000;
    let pruned = 0;
    for (const id of campaignIds) {
      for (const entry of [...(this.index.get(id)?.values() ?? [])]) {
        if (entry.updatedAt <= cutoff && this.unindex(entry.key, id)) pruned++;
      }
    }
    if (pruned) await this.changed();
    return pruned;
  }

  async claimResumeCode(code: string, key: string): Promise<boolean> {
    const held = this.codes.get(code);
    if (held && held.expiresAt > this.now()) return held.key === key;
    this.codes.set(code, { key, expiresAt: this.now() + this.options.retentionSeconds * 1000 });
    this.codeOf.set(key, code);
    await this.changed();
    return true;
  }

  async resumeKey(code: string): Promise<string | undefined> {
    const held = this.codes.get(code);
    return held && held.expiresAt > this.now() ? held.key : undefined;
  }

  async resumeCode(key: string): Promise<string | undefined> {
    const code = this.codeOf.get(key);
    return code !== undefined && (await this.resumeKey(code)) === key ? code : undefined;
  }

  async saveView(key: string, view: string): Promise<void> {
    this.views.set(key, { view, expiresAt: this.now() + VIEW_SECONDS * 1000 });
    const code = this.codeOf.get(key);
    const held = code === undefined ? undefined : this.codes.get(code);
    // The code lives as long as the answers: each turn keeps it alive (written out with the next save).
    if (held?.key === key) held.expiresAt = this.now() + this.options.retentionSeconds * 1000;
  }

  async loadView(key: string): Promise<string | undefined> {
    const held = this.views.get(key);
    return held && held.expiresAt > this.now() ? held.view : undefined;
  }

  async close(): Promise<void> {}
}
