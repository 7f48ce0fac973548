/**
 * The session store port (after grammY's StorageAdapter): one small interface, Redis and memory (and a
 * local file) behind it, one shared test suite run against all of them.
 *
 * Exactly once: a save records the update id it applies in the same atomic write, so a crash before
 * the save lets the redelivered update apply, and one after it is recognised (`duplicate`).
 */

/** What staff lists are built from; written in the same save as the session. */
export type UnitIndexEntry = {
  key: string;
  campaignId: string;
  area: string | null;
  unitName: string | null;
  status: 'started' | 'finished' | 'out_of_scope';
  updatedAt: number;
  /**
   * The counters this unit adds one to (e.g. `s:fukang:finished`): the store keeps per-campaign totals by
   * adding the new ones and taking back the old ones on each save, so figures never need a scan.
   */
  counters?: string[];
  creditCode?: string | null;
  /** The unit type's option code. */
  unitType?: string | null;
  /** Questions answered, and at most how many are left. */
  answered?: number;
  remaining?: number;
  /** Where a unit in progress stands (a question id): what the drop-off figure counts. */
  stop?: string | null;
  /** Once finished: the outcome it is heading for, its provisional grade, the materials it still lacks. */
  verdict?: 'pass' | 'fail' | 'pending' | null;
  grade?: 'A' | 'B' | 'C' | null;
  missing?: string[];
  /** The unit asked not to get scheduled reminders. */
  remindersPaused?: boolean;
};

/** A question prompt a chat was shown: which message, which question, which revision. */
export type PromptRecord = { messageId: number; questionId: string; rev: number };

export type StoredSession = {
  version: number;
  data: string;
  /** The most recent update ids applied to this session (exactly-once). */
  updates: string[];
  /** The latest question prompts sent to this chat, oldest first (to bind a typed answer to what was on screen). */
  prompts: PromptRecord[];
  /** The chat message id of the typed message the last save applied, if any. */
  messageId?: number;
  /**
   * Names this incarnation of the session (set by the save that created it): versions start again after a
   * forget, so a version alone does not tell a conversation this process saw from a new one that reached it.
   */
  epoch?: string;
};

/** `duplicate`: this update id was already applied; `conflict`: another writer saved first (reload and retry). */
export type SaveResult = 'saved' | 'conflict' | 'duplicate';

export type SaveOptions = {
  /** The update being applied, recorded with the save. */
  updateId?: string;
  /** The unit's staff-index entry; none before a campaign is chosen. */
  index?: UnitIndexEntry;
  /** The chat message id of the typed message being applied. */
  messageId?: number;
  /**
   * The incarnation the caller's conversation belongs to: a session of another one is a conflict (when both are
   * named); a session that has none yet (created by this save, or by an older version) takes this one.
   */
  epoch?: string;
};

/** How many update ids a session remembers: Telegram redelivers only the few it has not had confirmed. */
export const REMEMBERED_UPDATES = 16;
/** How many prompt records a session keeps (the Redis store keeps the latest one only). */
export const REMEMBERED_PROMPTS = 4;
/** How long a web session's last page is kept for a reload. */
export const VIEW_SECONDS = 86_400;

export interface SessionStore {
  /** Whether answers outlive this process (Redis, a file): the unit is told the truth about resuming. */
  readonly durable: boolean;
  load(key: string): Promise<StoredSession | undefined>;
  /** Compare-and-set on `expectedVersion` (0 = none stored yet), recording `updateId` atomically. */
  save(key: string, expectedVersion: number, data: string, options?: SaveOptions): Promise<SaveResult>;
  /**
   * Remembers a question prompt sent to the chat (best effort: a later turn does not wait for it). What counts is
   * the first showing of a revision (a message typed after it answered that question): channels note the prompt
   * of a turn that saved, which is that first showing; a store may keep only the latest record.
   */
  notePrompt(key: string, record: PromptRecord): Promise<void>;
  /** Deletes everything stored about this chat: session, prompts, index entries (for these campaigns), marks, web view and resume code. */
  forget(key: string, campaignIds: readonly string[]): Promise<void>;
  /** Marks a chat that blocked the bot (Telegram 403), or clears the mark; every save clears it too. */
  setUnreachable(key: string, unreachable: boolean): Promise<void>;
  isUnreachable(key: string): Promise<boolean>;
  /** Every chat marked unreachable (a short list: chats that blocked the bot). */
  unreachable(): Promise<string[]>;
  /** The index entries of these units (a short list: unreachable units, a sample), undefined where none. */
  units(campaignId: string, keys: readonly string[]): Promise<(UnitIndexEntry | undefined)[]>;
  /** Units of a campaign, optionally of some areas, most recently active first. */
  listUnits(campaignId: string, areas?: readonly string[]): Promise<UnitIndexEntry[]>;
  /** The campaign's counters (see `UnitIndexEntry.counters`), summed. */
  counters(campaignId: string): Promise<Record<string, number>>;
  /** Drops index entries of units inactive past the retention period (their sessions have expired). */
  prune(campaignIds: readonly string[], now: number): Promise<number>;
  /**
   * Web: gives a session a short resume code (to continue on another device). False when the code is taken
   * already (the caller draws another). The code lasts as long as the session's answers are kept.
   */
  claimResumeCode(code: string, key: string): Promise<boolean>;
  /** Web: the session a resume code names, if any. */
  resumeKey(code: string): Promise<string | undefined>;
  /** Web: the resume code of a session, if it has one. */
  resumeCode(key: string): Promise<string | undefined>;
  /**
   * Web: the page a session's last turn produced (its replies, serialised by the channel), shown again on a
   * reload; kept a day. Saving it also keeps the session's resume code alive as long as its answers.
   */
  saveView(key: string, view: string): Promise<void>;
  loadView(key: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The store could not be reached or answered too slowly; the user is told to try again. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('session store unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
