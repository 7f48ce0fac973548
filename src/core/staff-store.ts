/**
 * Ports for the bureau's side: the roster of expected units (with each one's invitation token) and the
 * audit log of staff actions. Redis and memory behind them, like the session store.
 */

/** A unit a bureau expects to take the review, from its registers. */
export type RosterEntry = {
  /** The invitation token: the `/start` payload and the web link that bring this unit in, pre-filled. */
  token: string;
  campaignId: string;
  name: string;
  creditCode: string;
  area: string;
  importedAt: number;
  importedBy: string;
};

export type RosterCounts = { expected: number; started: number };

export interface RosterStore {
  /** Adds or updates entries by credit code; an entry already there keeps its token. Returns what was stored. */
  upsert(campaignId: string, entries: readonly Omit<RosterEntry, 'token' | 'campaignId'>[], newToken: () => string): Promise<RosterEntry[]>;
  list(campaignId: string, areas?: readonly string[]): Promise<RosterEntry[]>;
  /**
   * A unit gave this credit code: a roster unit with it has started (and one imported later starts counted
   * as started). Idempotent; "started" means "has ever begun", whatever the unit did next.
   */
  markStarted(campaignId: string, creditCode: string): Promise<void>;
  /** Per area: roster units, and how many of them have started. Kept as they change, never counted. */
  counts(campaignId: string): Promise<Record<string, RosterCounts>>;
  byToken(token: string): Promise<RosterEntry | undefined>;
}

/** One staff action: who, when, what, how many (never a unit's answers). */
export type AuditEntry = { at: number; staff: string; action: string; count?: number; detail?: string };

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Most recent first. */
  list(limit?: number): Promise<AuditEntry[]>;
}
