/**
 * Bureau staff, from the file STAFF_FILE names (JSON), checked with zod at start-up: who they are, how they
 * sign in (their Telegram user ids), and which areas they cover; the prefecture bureau covers all. Every
 * staff action asks this directory on every call: anyone else learns nothing, not even counts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Campaign } from '../core/campaign.ts';

export const StaffMember = z.strictObject({
  /** How the audit log and reports name this person. */
  name: z.string().trim().min(1),
  /** Telegram user ids this person uses (several phones are fine). */
  telegramIds: z.array(z.number().int().positive()).default([]),
  /** Area ids covered (as in the campaign files), or "all" for the prefecture bureau. */
  areas: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
  /** The web dashboard's sign-in name (letters, digits, . _ -), with the password's argon2 hash (`npm run staff-password`). */
  login: z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'login: 2–40 letters, digits, ".", "_" or "-"').optional(),
  passwordHash: z.string().regex(/^\$argon2(id|i|d)\$/, 'passwordHash: an argon2 hash from `npm run staff-password`').optional(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffFile = z.strictObject({ staff: z.array(StaffMember) });

/** A staff file that cannot be used, with the entry and field that are wrong. */
export class StaffFileError extends Error {
  override name = 'StaffFileError';
}

export class StaffDirectory {
  private readonly byTelegram = new Map<number, StaffMember>();
  private readonly byLoginName = new Map<string, StaffMember>();

  constructor(
    readonly members: readonly StaffMember[],
    private readonly campaigns: readonly Campaign[],
  ) {
    const known = new Set(campaigns.flatMap((c) => c.areas.map((a) => a.id)));
    const problems: string[] = [];
    members.forEach((m, i) => {
      if (m.areas !== 'all') for (const a of m.areas) if (!known.has(a)) problems.push(`staff[${i}] (${m.name}): unknown area "${a}"; known: ${[...known].join(', ')}`);
      if ((m.login === undefined) !== (m.passwordHash === undefined)) problems.push(`staff[${i}] (${m.name}): login and passwordHash go together`);
      if (m.login !== undefined) {
        const other = this.byLoginName.get(m.login.toLowerCase());
        if (other) problems.push(`staff[${i}] (${m.name}): login "${m.login}" is also ${other.name}'s`);
        this.byLoginName.set(m.login.toLowerCase(), m);
      }
      for (const id of m.telegramIds) {
        const other = this.byTelegram.get(id);
        if (other) problems.push(`staff[${i}] (${m.name}): Telegram id ${id} is also ${other.name}'s`);
        this.byTelegram.set(id, m);
      }
    });
    if (problems.length) throw new StaffFileError(`Invalid staff file:\n  ${problems.join('\n  ')}`);
  }

  /** Reads and checks a staff file; every problem is named with its entry. */
  static load(path: string, campaigns: readonly Campaign[]): StaffDirectory {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new StaffFileError(`STAFF_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
    }
    const parsed = StaffFile.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
      throw new StaffFileError(`Invalid staff file ${path}:\n  ${problems.join('\n  ')}`);
    }
    return new StaffDirectory(parsed.data.staff, campaigns);
  }

  /** The staff member behind a Telegram user, if any. */
  byTelegramId(id: number | undefined): StaffMember | undefined {
    return id === undefined ? undefined : this.byTelegram.get(id);
  }

  /** The staff member who signs in to the dashboard with this login (any case), if any. */
  byLogin(login: string): StaffMember | undefined {
    return this.byLoginName.get(login.toLowerCase());
  }

  /** The areas of a campaign this member covers. */
  areasOf(member: StaffMember, campaign: Campaign): string[] {
    const all = campaign.areas.map((a) => a.id);
    return member.areas === 'all' ? all : all.filter((a) => member.areas.includes(a));
  }

  /** Whether a member covers this area of this campaign. */
  covers(member: StaffMember, campaign: Campaign, area: string | null): boolean {
    return area !== null && this.areasOf(member, campaign).includes(area);
  }
}
