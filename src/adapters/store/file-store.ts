/**
 * The terminal's embedded default: the memory store written to one local JSON file after every change,
 * atomically (a temporary file renamed over the old one), so a unit that quits can resume without Redis
 * and a crash mid-write never leaves half a file. One process at a time, enforced by a lock file holding
 * its pid (a lock left by a process that died is taken over): a second process would bring back data the
 * first had deleted.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StoreUnavailableError, type UnitIndexEntry } from '../../core/store.ts';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';

const IndexEntry = z.object({
  key: z.string(),
  campaignId: z.string(),
  area: z.string().nullable(),
  unitName: z.string().nullable(),
  status: z.enum(['started', 'finished', 'out_of_scope']),
  updatedAt: z.number(),
  counters: z.array(z.string()).optional(),
});
const Session = z.object({
  key: z.string(),
  version: z.number().int(),
  data: z.string(),
  updates: z.array(z.string()).default([]),
  counters: z.array(z.string()).default([]),
  expiresAt: z.number(),
  messageId: z.number().int().optional(),
  epoch: z.string().optional(),
  // Version 1 files kept the index entry beside the session.
  index: IndexEntry.optional(),
});
const FileContents = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  sessions: z.array(Session),
  index: z.array(IndexEntry).default([]),
  unreachable: z.array(z.string()),
  // Web resume codes (absent in files written before the web channel).
  codes: z.array(z.object({ code: z.string(), key: z.string(), expiresAt: z.number() })).default([]),
});

const MESSAGES = {
  busy: (path: string) => `${path} is in use by another process`,
  unreadable: (path: string) => `${path} is not a session file; move it away to start afresh`,
  inaccessible: (path: string, code?: string) => `${path} cannot be read or written (${code}): a folder in its place, or no permission`,
};

/**
 * The session file cannot be used: another process holds it, it is not a session file, or the system refuses
 * it (a folder in its place, no permission: `code` is the system's, e.g. EISDIR or EACCES).
 */
export class SessionFileError extends Error {
  constructor(readonly reason: keyof typeof MESSAGES, readonly path: string, readonly code?: string) {
    super(MESSAGES[reason](path, code));
    this.name = 'SessionFileError';
  }
}

/** A system error (errno) while opening the session file, as a SessionFileError; anything else as it is. */
const refused = (error: unknown, path: string) => {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? new SessionFileError('inaccessible', path, code) : error;
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock file beside the session file, or says who holds it. */
function lock(path: string): string {
  const lockPath = `${path}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
      return lockPath;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new SessionFileError('busy', path);
      rmSync(lockPath, { force: true }); // left by a process that is gone
    }
  }
  throw new SessionFileError('busy', path);
}

export class FileStore extends MemoryStore {
  override readonly durable = true;
  private writing: Promise<void> = Promise.resolve();
  private readonly lockPath: string;

  constructor(readonly path: string, options: MemoryStoreOptions) {
    super(options);
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.lockPath = lock(path);
    } catch (error) {
      throw refused(error, path);
    }
    let raw: string | undefined;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        // A file that cannot be read (a folder, no permission) leaves no lock behind to refuse the next start.
        this.unlock();
        throw refused(error, path);
      }
    }
    if (raw !== undefined) this.restore(raw);
  }

  private restore(raw: string): void {
    let parsed;
    try {
      parsed = FileContents.safeParse(JSON.parse(raw));
    } catch {
      parsed = { success: false as const };
    }
    if (!parsed.success) {
      this.unlock();
      throw new SessionFileError('unreadable', this.path);
    }
    const entries = [...parsed.data.index, ...parsed.data.sessions.flatMap((s) => (s.index ? [s.index] : []))];
    for (const e of entries) {
      const units = this.index.get(e.campaignId) ?? new Map<string, UnitIndexEntry>();
      units.set(e.key, e);
      this.index.set(e.campaignId, units);
      const totals = this.totals.get(e.campaignId) ?? new Map<string, number>();
      for (const f of e.counters ?? []) totals.set(f, (totals.get(f) ?? 0) + 1);
      this.totals.set(e.campaignId, totals);
    }
    for (const s of parsed.data.sessions) {
      this.sessions.set(s.key, {
        version: s.version,
        data: s.data,
        updates: s.updates,
        counters: s.counters,
        expiresAt: s.expiresAt,
        ...(s.messageId !== undefined ? { messageId: s.messageId } : {}),
        ...(s.epoch !== undefined ? { epoch: s.epoch } : {}),
      });
    }
    parsed.data.unreachable.forEach((k) => this.marked.add(k));
    for (const c of parsed.data.codes) {
      this.codes.set(c.code, { key: c.key, expiresAt: c.expiresAt });
      this.codeOf.set(c.key, c.code);
    }
  }

  private unlock(): void {
    rmSync(this.lockPath, { force: true });
  }

  override async close(): Promise<void> {
    await this.writing.catch(() => undefined);
    this.unlock();
  }

  /** Writes run one after another; a save returns only once its state is on disk. */
  protected override changed(): Promise<void> {
    const now = this.now();
    const contents = JSON.stringify({
      version: 2,
      sessions: [...this.sessions].filter(([, e]) => e.expiresAt > now).map(([key, e]) => ({ key, ...e })),
      index: [...this.index.values()].flatMap((units) => [...units.values()]),
      unreachable: [...this.marked],
      codes: [...this.codes].filter(([, c]) => c.expiresAt > now).map(([code, c]) => ({ code, ...c })),
    });
    const write = async () => {
      const tmp = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        // The answers are the unit's own: readable by this user only.
        await writeFile(tmp, contents, { mode: 0o600 });
        await rename(tmp, this.path);
      } catch (error) {
        throw new StoreUnavailableError(error);
      }
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
