/**
 * The bureau's side, for any channel (Telegram now, the web dashboard next): figures, the units list, a
 * unit's PDF, exports, the roster and invitations, each for the caller's own areas only and each written
 * to the audit log. The caller is checked on every call: anyone not in the staff directory gets nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Campaign } from '../core/campaign.ts';
import { findStep } from '../core/engine.ts';
import { parseRoster, type RosterProblem } from '../core/roster.ts';
import type { AuditLog, RosterEntry, RosterStore } from '../core/staff-store.ts';
import type { SessionStore, UnitIndexEntry } from '../core/store.ts';
import type { DocumentService, PdfResult } from './document-service.ts';
import type { StaffDirectory, StaffMember } from './staff-directory.ts';
import { parseCounter } from './unit-index.ts';

/** Who is asking, about which campaign, for which areas: what every staff call is limited to. */
export type StaffScope = { member: StaffMember; campaign: Campaign; areas: string[] };

export type UnitStatus = UnitIndexEntry['status'];
export type UnitFilter = { status?: UnitStatus | 'not_started'; area?: string; stuckDays?: number };

/** Reminders sent so far (kept by the reminder queue); none when reminders are off. */
export interface ReminderLedger {
  /** Per unit (chat key), for the units list and exports. */
  sentCounts(campaignId: string): Promise<Record<string, number>>;
  /** Per area, for the figures. */
  sentByArea(campaignId: string): Promise<Record<string, number>>;
}

export type StaffStats = {
  areas: string[];
  /** Units on the roster; of them, how many have not started. */
  expected: number;
  notStarted: number;
  started: number;
  finished: number;
  outOfScope: number;
  /** Units that found the bot by themselves (not on the roster). */
  selfRegistered: number;
  verdicts: Record<'pass' | 'fail' | 'pending', number>;
  grades: Record<'A' | 'B' | 'C', number>;
  /** For units in progress, where they stand: the questions they stopped at, most first. */
  dropOff: { questionId: string; text: string; count: number }[];
  /** Materials finished units still lack, most first. */
  missing: { materialId: string; name: string; count: number }[];
  remindersSent: number;
  unreachable: number;
  /** Per area: the same status figures, for the report's chart. */
  byArea: { area: string; expected: number; notStarted: number; started: number; finished: number; outOfScope: number }[];
};

/** One unit in a list or an export; a roster unit that has not started has no chat key. */
export type UnitRow = {
  key: string | undefined;
  name: string;
  creditCode: string;
  area: string;
  unitType: string | null;
  status: UnitStatus | 'not_started';
  answered: number;
  remaining: number;
  verdict: UnitIndexEntry['verdict'];
  grade: UnitIndexEntry['grade'];
  missing: number;
  updatedAt: number | undefined;
  remindersSent: number;
  onRoster: boolean;
  /** The roster invitation token, for units on the roster. */
  inviteToken: string | undefined;
  remindersPaused: boolean;
  stop: string | null;
};

export type StaffServiceOptions = {
  directory: StaffDirectory;
  campaigns: readonly Campaign[];
  store: SessionStore;
  roster: RosterStore;
  audit: AuditLog;
  documents?: DocumentService;
  reminders?: ReminderLedger;
  clock?: () => Date;
};

/** What the conversation asks of the roster: the unit behind an invitation token, and who has started. */
export const rosterHooks = (roster: RosterStore) => ({
  invitation: async (token: string) => {
    const entry = await roster.byToken(token);
    return entry && { campaignId: entry.campaignId, name: entry.name, creditCode: entry.creditCode, area: entry.area };
  },
  unitIdentified: (campaignId: string, creditCode: string) => roster.markStarted(campaignId, creditCode),
});

/** An invitation token: 12 characters a URL and a Telegram /start payload both carry as they are. */
export const newInviteToken = () => randomBytes(9).toString('base64url');

export class StaffService {
  private readonly clock: () => Date;

  constructor(private readonly options: StaffServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  get campaigns(): readonly Campaign[] {
    return this.options.campaigns;
  }

  /** The service's clock: what exports and reports are dated with. */
  now(): Date {
    return this.clock();
  }

  /** The caller's scope, or undefined for anyone who is not staff (or a campaign that does not exist). */
  scope(telegramId: number | undefined, campaignId?: string): StaffScope | undefined {
    const member = this.options.directory.byTelegramId(telegramId);
    return member ? this.scopeOf(member, campaignId) : undefined;
  }

  scopeOf(member: StaffMember, campaignId?: string): StaffScope | undefined {
    // Without a campaign named: the first one whose areas this member covers (a Wenshui clerk gets Wenshui).
    const campaigns = this.options.campaigns;
    const campaign = campaignId
      ? campaigns.find((c) => c.id === campaignId)
      : campaigns.find((c) => this.options.directory.areasOf(member, c).length > 0) ?? campaigns[0];
    if (!campaign) return undefined;
    return { member, campaign, areas: this.options.directory.areasOf(member, campaign) };
  }

  /** Records a staff action: who, when, what, how many. */
  async audit(scope: StaffScope, action: string, count?: number, detail?: string): Promise<void> {
    await this.options.audit.append({
      at: this.clock().getTime(),
      staff: scope.member.name,
      action,
      ...(count !== undefined ? { count } : {}),
      ...(detail !== undefined ? { detail: `${scope.campaign.id} ${detail}` } : { detail: scope.campaign.id }),
    });
  }

  /** Every unit in the caller's areas: those that started (from the index) and the roster's others. */
  async rows(scope: StaffScope): Promise<UnitRow[]> {
    const [entries, roster, sent] = await Promise.all([
      this.options.store.listUnits(scope.campaign.id, scope.areas),
      this.options.roster.list(scope.campaign.id, scope.areas),
      this.options.reminders?.sentCounts(scope.campaign.id) ?? Promise.resolve({} as Record<string, number>),
    ]);
    const onRoster = new Map(roster.map((r) => [r.creditCode, r]));
    const startedCodes = new Set<string>();
    const rows: UnitRow[] = entries.map((e) => {
      if (e.creditCode) startedCodes.add(e.creditCode);
      const r = e.creditCode ? onRoster.get(e.creditCode) : undefined;
      return {
        key: e.key,
        name: e.unitName ?? r?.name ?? '',
        creditCode: e.creditCode ?? '',
        area: e.area ?? '',
        unitType: e.unitType ?? null,
        status: e.status,
        answered: e.answered ?? 0,
        remaining: e.remaining ?? 0,
        verdict: e.verdict ?? null,
        grade: e.grade ?? null,
        missing: e.missing?.length ?? 0,
        updatedAt: e.updatedAt,
        remindersSent: sent[e.key] ?? 0,
        onRoster: r !== undefined,
        inviteToken: r?.token,
        remindersPaused: e.remindersPaused ?? false,
        stop: e.stop ?? null,
      };
    });
    for (const r of roster) {
      if (startedCodes.has(r.creditCode)) continue;
      rows.push({
        key: undefined, name: r.name, creditCode: r.creditCode, area: r.area, unitType: null, status: 'not_started', answered: 0, remaining: 0,
        verdict: null, grade: null, missing: 0, updatedAt: undefined, remindersSent: 0, onRoster: true, inviteToken: r.token, remindersPaused: false, stop: null,
      });
    }
    return rows;
  }

  /**
   * The caller's figures, from counters kept as units save and as the roster changes: no unit's entry is
   * read (but the few unreachable ones'), so /stats costs the same with a prefecture's 100,000 units.
   */
  async stats(scope: StaffScope): Promise<StaffStats> {
    const campaignId = scope.campaign.id;
    const [counters, roster, unreachableKeys, sent] = await Promise.all([
      this.options.store.counters(campaignId),
      this.options.roster.counts(campaignId),
      this.options.store.unreachable(),
      this.options.reminders?.sentByArea(campaignId) ?? Promise.resolve({} as Record<string, number>),
    ]);
    const inScope = new Set(scope.areas);
    const parsed = Object.entries(counters).flatMap(([field, count]) => {
      const c = parseCounter(field);
      return c && count > 0 ? [{ ...c, count }] : [];
    });
    const sum = (kind: string, value?: string, area?: string) =>
      parsed.reduce((n, c) => (c.kind === kind && (area ? c.area === area : inScope.has(c.area)) && (value === undefined || c.value === value) ? n + c.count : n), 0);
    const tally = (kind: string) => {
      const by = new Map<string, number>();
      for (const c of parsed) if (c.kind === kind && inScope.has(c.area)) by.set(c.value, (by.get(c.value) ?? 0) + c.count);
      return [...by].sort((a, b) => b[1] - a[1]);
    };
    const byArea = scope.areas.map((area) => ({
      area,
      expected: roster[area]?.expected ?? 0,
      notStarted: (roster[area]?.expected ?? 0) - (roster[area]?.started ?? 0),
      started: sum('s', 'started', area),
      finished: sum('s', 'finished', area),
      outOfScope: sum('s', 'out_of_scope', area),
    }));
    const total = (k: Exclude<keyof (typeof byArea)[number], 'area'>) => byArea.reduce((n, a) => n + a[k], 0);
    const rosterStarted = scope.areas.reduce((n, area) => n + (roster[area]?.started ?? 0), 0);
    const unreachable = (await this.options.store.units(campaignId, unreachableKeys)).filter((e) => e && inScope.has(e.area ?? '')).length;
    const campaign = scope.campaign;
    return {
      areas: scope.areas,
      expected: total('expected'),
      notStarted: total('notStarted'),
      started: total('started'),
      finished: total('finished'),
      outOfScope: total('outOfScope'),
      selfRegistered: Math.max(0, total('started') + total('finished') + total('outOfScope') - rosterStarted),
      verdicts: { pass: sum('v', 'pass'), fail: sum('v', 'fail'), pending: sum('v', 'pending') },
      grades: { A: sum('g', 'A'), B: sum('g', 'B'), C: sum('g', 'C') },
      dropOff: tally('q').map(([questionId, count]) => ({ questionId, text: (findStep(campaign, questionId)?.text ?? questionId).split('\n')[0] ?? '', count })),
      missing: tally('m').map(([materialId, count]) => ({ materialId, name: campaign.materials.find((m) => m.id === materialId)?.name ?? materialId, count })),
      remindersSent: scope.areas.reduce((n, area) => n + (sent[area] ?? 0), 0),
      unreachable,
      byArea,
    };
  }

  /** A page of the caller's units, most recently active first (not-started roster units last). */
  async units(scope: StaffScope, filter: UnitFilter, page: number, pageSize = 10): Promise<{ rows: UnitRow[]; total: number; page: number; pages: number }> {
    const cutoff = filter.stuckDays === undefined ? undefined : this.clock().getTime() - filter.stuckDays * 86_400_000;
    const rows = (await this.rows(scope))
      .filter((r) => (!filter.status || r.status === filter.status) && (!filter.area || r.area === filter.area))
      .filter((r) => cutoff === undefined || (r.updatedAt !== undefined && r.updatedAt <= cutoff))
      .sort((a, b) => (b.updatedAt ?? -1) - (a.updatedAt ?? -1));
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    const p = Math.min(Math.max(0, page), pages - 1);
    return { rows: rows.slice(p * pageSize, (p + 1) * pageSize), total: rows.length, page: p, pages };
  }

  /**
   * A unit's summary PDF for a campaign whose areas the caller covers and in which the unit sits there: the
   * answers it gave in that campaign, even when it has since switched to another.
   */
  async unitPdf(scope: StaffScope, unitKey: string): Promise<PdfResult | 'forbidden'> {
    if (!this.options.documents) return 'forbidden';
    for (const campaign of this.options.campaigns) {
      const mine = this.scopeOf(scope.member, campaign.id);
      const [entry] = await this.options.store.units(campaign.id, [unitKey]);
      if (!mine || !entry || !mine.areas.includes(entry.area ?? '')) continue;
      await this.audit(mine, 'unit_pdf', 1);
      return this.options.documents.pdf(unitKey, 'summary', campaign.id);
    }
    return 'forbidden';
  }

  /** Imports a roster (rows with a header line): all of it, or nothing and every bad line named. */
  async importRoster(scope: StaffScope, rows: readonly (readonly unknown[])[]): Promise<{ ok: true; imported: RosterEntry[] } | { ok: false; problems: RosterProblem[] }> {
    const parsed = parseRoster(scope.campaign, rows, scope.areas);
    if (!parsed.ok) {
      await this.audit(scope, 'roster_import_refused', parsed.problems.length);
      return parsed;
    }
    const now = this.clock().getTime();
    const imported = await this.options.roster.upsert(
      scope.campaign.id,
      parsed.rows.map((r) => ({ ...r, importedAt: now, importedBy: scope.member.name })),
      newInviteToken,
    );
    await this.audit(scope, 'roster_import', imported.length);
    return { ok: true, imported };
  }

  /** A roster unit of the caller's areas, by credit code (for its invitation). */
  async rosterUnit(scope: StaffScope, creditCode: string): Promise<RosterEntry | undefined> {
    const code = creditCode.normalize('NFKC').replace(/\s/g, '').toUpperCase();
    return (await this.options.roster.list(scope.campaign.id, scope.areas)).find((r) => r.creditCode === code);
  }

  async auditLog(scope: StaffScope, limit = 10_000) {
    await this.audit(scope, 'audit_export');
    return this.options.audit.list(limit);
  }
}
