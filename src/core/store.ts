/**
 * The session store port (after grammY's StorageAdapter): one small interface, Redis and memory
 * behind it, one shared test suite run against both.
 */

/** What staff lists are built from; written in the same save as the session. */
export type UnitIndexEntry = {
  key: string;
  campaignId: string;
  area: string | null;
  unitName: string | null;
  status: 'started' | 'finished' | 'out_of_scope';
  updatedAt: number;
};

export type StoredSession = { version: number; data: string };

export interface SessionStore {
  /** Whether answers outlive this process (Redis, a file): the unit is told the truth about resuming. */
  readonly durable: boolean;
  load(key: string): Promise<StoredSession | undefined>;
  /**
   * Compare-and-set: writes only when the stored version is `expectedVersion` (0 = none stored yet).
   * Returns false when another writer got there first.
   */
  save(key: string, expectedVersion: number, data: string, index: UnitIndexEntry): Promise<boolean>;
  /** Deletes the session and its index entries (the unit asked us to forget it). */
  delete(key: string): Promise<void>;
  /** True the first time an update id is seen (de-duplicates redelivered Telegram updates). */
  claimUpdate(updateId: string): Promise<boolean>;
  /** Marks a chat that blocked the bot (Telegram 403), or clears the mark; every save clears it too. */
  setUnreachable(key: string, unreachable: boolean): Promise<void>;
  isUnreachable(key: string): Promise<boolean>;
  /** Units of a campaign, optionally of some areas, most recently active first. */
  listUnits(campaignId: string, areas?: readonly string[]): Promise<UnitIndexEntry[]>;
  close(): Promise<void>;
}

/** The store could not be reached or answered too slowly; the user is told to try again. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('session store unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
