/**
 * The terminal's embedded default: the memory store written to one local JSON file after every change,
 * atomically (a temporary file renamed over the old one), so a unit that quits can resume without Redis
 * and a crash mid-write never leaves half a file. One process at a time: it is a single user's store.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { UnitIndexEntry } from '../core/store.ts';
import { StoreUnavailableError } from '../core/store.ts';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';

const IndexEntry = z.object({
  key: z.string(),
  campaignId: z.string(),
  area: z.string().nullable(),
  unitName: z.string().nullable(),
  status: z.enum(['started', 'finished', 'out_of_scope']),
  updatedAt: z.number(),
});
const FileContents = z.object({
  version: z.literal(1),
  sessions: z.array(z.object({ key: z.string(), version: z.number().int(), data: z.string(), index: IndexEntry, expiresAt: z.number() })),
  unreachable: z.array(z.string()),
});

export class FileStore extends MemoryStore {
  override readonly durable = true;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string, options: MemoryStoreOptions) {
    super(options);
    let raw: string | undefined;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dirname(path), { recursive: true });
    }
    if (raw !== undefined) {
      const parsed = FileContents.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new Error(`${path} is not a 年审助手 session file; move it away to start afresh`);
      for (const s of parsed.data.sessions) {
        this.sessions.set(s.key, { session: { version: s.version, data: s.data }, index: s.index as UnitIndexEntry, expiresAt: s.expiresAt });
      }
      parsed.data.unreachable.forEach((k) => this.unreachable.add(k));
    }
  }

  /** Writes run one after another; a save returns only once its state is on disk. */
  protected override changed(): Promise<void> {
    const contents = JSON.stringify({
      version: 1,
      sessions: [...this.sessions].filter(([, e]) => e.expiresAt > this.now()).map(([key, e]) => ({ key, ...e.session, index: e.index, expiresAt: e.expiresAt })),
      unreachable: [...this.unreachable],
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
