/**
 * Reminders for any channel: who a reminder is for (a staff member's areas, or the whole campaign on its
 * scheduled days), what each unit reads (from its conversation as it stands when the reminder leaves, not
 * when the run began), and the port the reminder queue implements (runs, previews, sent counts).
 */
import { randomBytes } from 'node:crypto';
import type { Campaign } from '../core/campaign.ts';
import { reminderButtons, reminderText, scheduledDecision, selectAudience, type Audience, type AudienceFilter, type ScheduledDecision, type Skipped } from '../core/reminders.ts';
import type { SessionStore } from '../core/store.ts';
import type { ConversationService } from './conversation-service.ts';
import type { ReminderLedger } from './staff-service.ts';
import { unitIndexEntry } from './unit-index.ts';

/** How many recipients' conversations a preview's sample reads at once. */
const SAMPLE_BATCH = 10;

export type RunKind = 'manual' | 'scheduled';

/** Who hears how a run went: the staff member who confirmed it, in their chat (and, on the web, their login). */
export type RunReport = { chatId?: number; staff: string; scope: string; login?: string };

/** One reminder run: the units to remind, the counts of those left out, and who hears the result. */
export type ReminderRun = {
  runId: string;
  campaignId: string;
  /**
   * What makes the reminder unique per unit (its job ids): a manual run's own id, which its confirm button
   * carries; for a scheduled run the day and the days before the deadline.
   */
  reminderId: string;
  kind: RunKind;
  skipPaused: boolean;
  recipients: string[];
  skipped: Skipped;
  /** Manual runs report to the staff member; scheduled runs are logged only. */
  report?: RunReport;
  createdAt: number;
};

/** A /remind preview waiting for its confirmation: what it covers and who made it. */
export type ReminderDraft = {
  runId: string;
  campaignId: string;
  staffTelegramId: number;
  /** The dashboard's staff member (signed in by login) whose preview this is; web drafts carry no Telegram id. */
  staffLogin?: string;
  area?: string;
  stuckDays?: number;
  createdAt: number;
};

/** The reminder queue as the app sees it (BullMQ in src/adapters/queue/). */
export interface ReminderDispatch extends ReminderLedger {
  saveDraft(draft: ReminderDraft, ttlSeconds: number): Promise<void>;
  draft(runId: string): Promise<ReminderDraft | undefined>;
  dropDraft(runId: string): Promise<void>;
  /** Starts a run once: `exists` when a run with this id was started before (its units are not sent to again). */
  start(run: ReminderRun): Promise<'started' | 'exists'>;
}

/** What one unit gets now: its reminder, or why none. */
export type UnitReminder =
  | { send: true; text: string; buttons: { label: string; word: string }[]; area?: string }
  | { send: false; reason: 'finished' | 'paused' | 'gone' };

/** A preview's sample reminder, or (none to show) the audience's skipped counts with every recipient counted in. */
export type PreviewSample = { text: string } | { text: undefined; skipped: Skipped };

export type ReminderServiceOptions = {
  campaigns: readonly Campaign[];
  store: SessionStore;
  conversations: ConversationService;
  /** Whether a unit's channel can receive a reminder (Telegram chats; the web has no way to reach a unit). */
  canReach: (unitKey: string) => boolean;
  clock?: () => Date;
};

/** A manual run's id: random, short enough for a button's callback data. */
export const newRunId = () => `m-${randomBytes(9).toString('base64url')}`;

export class ReminderService {
  private readonly clock: () => Date;

  constructor(private readonly options: ReminderServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  campaign(id: string): Campaign | undefined {
    return this.options.campaigns.find((c) => c.id === id);
  }

  get campaigns(): readonly Campaign[] {
    return this.options.campaigns;
  }

  /** The units a reminder with this filter covers now, and those it leaves out. */
  async audience(campaign: Campaign, filter: AudienceFilter, now = this.clock()): Promise<Audience> {
    const [entries, unreachable] = await Promise.all([this.options.store.listUnits(campaign.id, filter.areas), this.options.store.unreachable()]);
    const blocked = new Set(unreachable);
    return selectAudience(entries, (key) => this.options.canReach(key) && !blocked.has(key), filter, now);
  }

  /** A manual run for a confirmed preview: the staff member's units as they stand now. */
  async manualRun(campaign: Campaign, runId: string, filter: Omit<AudienceFilter, 'skipPaused'>, report: RunReport, now = this.clock()): Promise<ReminderRun> {
    const audience = await this.audience(campaign, { ...filter, skipPaused: false }, now);
    return {
      runId,
      campaignId: campaign.id,
      reminderId: runId,
      kind: 'manual',
      skipPaused: false,
      recipients: audience.recipients.map((e) => e.key),
      skipped: audience.skipped,
      report,
      createdAt: now.getTime(),
    };
  }

  /**
   * What the daily scheduled job does at `now`: a run for every unfinished unit of the campaign (paused ones
   * left out) when today is one of its reminder days and it is daytime; otherwise the reason for nothing.
   */
  async scheduledRun(campaign: Campaign, now = this.clock()): Promise<{ run: ReminderRun; decision: ScheduledDecision } | { run: undefined; decision: ScheduledDecision }> {
    const decision = scheduledDecision(campaign, now);
    if (!decision.fire) return { run: undefined, decision };
    const audience = await this.audience(campaign, { skipPaused: true }, now);
    const runId = `s-${campaign.id}-${decision.reminderId}`;
    return {
      decision,
      run: {
        runId,
        campaignId: campaign.id,
        reminderId: decision.reminderId,
        kind: 'scheduled',
        skipPaused: true,
        recipients: audience.recipients.map((e) => e.key),
        skipped: audience.skipped,
        createdAt: now.getTime(),
      },
    };
  }

  /** The reminder one unit gets now, from its conversation as it stands (it may have moved on since the run began). */
  async forUnit(unitKey: string, campaignId: string, skipPaused: boolean, now = this.clock()): Promise<UnitReminder> {
    const campaign = this.campaign(campaignId);
    const snapshot = campaign && (await this.options.conversations.current(unitKey));
    if (!campaign || !snapshot || snapshot.context.campaignId !== campaignId) return { send: false, reason: 'gone' };
    const entry = unitIndexEntry(unitKey, campaign, snapshot.context, now);
    if (entry.status !== 'started') return { send: false, reason: 'finished' };
    if (skipPaused && entry.remindersPaused) return { send: false, reason: 'paused' };
    return { send: true, text: reminderText(campaign, entry, snapshot.context.answers, now), buttons: reminderButtons(), area: entry.area ?? undefined };
  }

  /**
   * What a preview shows as a sample: the reminder of the first recipient whose conversation still has something
   * to do. An index entry outlives an expired conversation until the prune, so the first few may have none: it
   * looks on until one does (usually the first). When none does, every recipient has been read, and the audience's
   * skipped counts come back with them added as a run would count them: finished, or gone as unreachable.
   */
  async sample(campaignId: string, audience: Pick<Audience, 'recipients' | 'skipped'>, now = this.clock()): Promise<PreviewSample> {
    const skipped = { ...audience.skipped };
    const { recipients } = audience;
    // Read a few at a time, in order: one round trip for the usual case, few for a county of expired ones.
    for (let at = 0; at < recipients.length; at += SAMPLE_BATCH) {
      const plans = await Promise.all(recipients.slice(at, at + SAMPLE_BATCH).map((unit) => this.forUnit(unit.key, campaignId, false, now)));
      for (const plan of plans) {
        if (plan.send) return { text: plan.text };
        skipped[outcomeOfSkip(plan.reason)]++;
      }
    }
    return { text: undefined, skipped };
  }
}

/** Where a unit a reminder skips is counted (a run's outcome): a conversation gone counts as unreachable. */
export function outcomeOfSkip(reason: Extract<UnitReminder, { send: false }>['reason'] | 'unreachable'): keyof Skipped {
  switch (reason) {
    case 'finished':
      return 'finished';
    case 'paused':
      return 'paused';
    case 'gone':
    case 'unreachable':
      return 'unreachable';
  }
}
