/**
 * The conversation service: load → pure transition → compare-and-set save → replies.
 * Every accepted answer is saved before any reply goes out; a lost race reloads and re-applies the
 * event on the winner's state; a store that is down gets the user a clear "try again", never a crash.
 */
import { initialTransition, transition } from 'xstate';
import type { Campaign } from '../core/campaign.ts';
import { createConversationMachine, type ConversationEvent } from '../core/conversation.ts';
import { deadline, evaluate } from '../core/evaluate.ts';
import { assess, findStep } from '../core/engine.ts';
import { formatSource, questionHelp, questionPrompt, reviewText, type Reply } from '../core/present.ts';
import { checklistText, contactText, summaryText } from '../core/summary-text.ts';
import { StoreUnavailableError, type SessionStore, type UnitIndexEntry } from '../core/store.ts';
import { t, type TextKey, type TextParams } from '../core/text.ts';
import { menuWords } from '../../templates/commands.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { persist, restore, type ConversationSnapshot } from './snapshot.ts';

export type HandleResult = {
  replies: Reply[];
  /** The conversation as it now stands (undefined after forget or when nothing could be loaded). */
  snapshot: ConversationSnapshot | undefined;
  /** Why nothing changed, when nothing did for a reason the channel may care about. */
  outcome: 'ok' | 'duplicate' | 'store_unavailable' | 'conflict' | 'forgotten';
  /** The revision this event was applied to: with `snapshot`, tells whether this very event changed anything. */
  revBefore?: number;
};

export type ServiceOptions = {
  campaigns: readonly Campaign[];
  store: SessionStore;
  clock?: () => Date;
  /** How often a lost compare-and-set is re-applied before the user is asked to resend. */
  maxAttempts?: number;
};

export class ConversationService {
  readonly machine;
  private readonly campaigns: readonly Campaign[];
  private readonly store: SessionStore;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly queue = new KeyedQueue();

  constructor(options: ServiceOptions) {
    this.campaigns = options.campaigns;
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 10;
    this.machine = createConversationMachine(this.campaigns, this.clock);
  }

  /** Whether answers outlive this process (the channels say so only when it is true). */
  get durable(): boolean {
    return this.store.durable;
  }

  /** Handles one event from one unit (`key` names the chat, e.g. `tg:12345`), in arrival order per unit. */
  handle(key: string, event: ConversationEvent, updateId?: string): Promise<HandleResult> {
    return this.queue.run(key, () => this.handleNow(key, event, updateId));
  }

  private async handleNow(key: string, event: ConversationEvent, updateId?: string): Promise<HandleResult> {
    try {
      if (updateId !== undefined && !(await this.store.claimUpdate(updateId))) {
        return { replies: [], snapshot: undefined, outcome: 'duplicate' };
      }
      for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
        const result = await this.attempt(key, event);
        if (result) return result;
      }
      return { replies: [text('conversation.busy')], snapshot: undefined, outcome: 'conflict' };
    } catch (error) {
      if (error instanceof StoreUnavailableError) return { replies: [text('conversation.saveFailed')], snapshot: undefined, outcome: 'store_unavailable' };
      throw error;
    }
  }

  /** Loads the current conversation without changing it (for documents and staff views). */
  async current(key: string): Promise<ConversationSnapshot | undefined> {
    const stored = await this.store.load(key);
    if (!stored) return undefined;
    const restored = restore(this.machine, this.campaigns, stored.data, this.clock());
    return restored.ok ? restored.snapshot : undefined;
  }

  /** One load-transition-save round; undefined when another writer won the race. */
  private async attempt(key: string, event: ConversationEvent): Promise<HandleResult | undefined> {
    const stored = await this.store.load(key);
    const replies: Reply[] = [];
    let snapshot: ConversationSnapshot;
    let migrated = false;
    if (stored) {
      const restored = restore(this.machine, this.campaigns, stored.data, this.clock());
      if (!restored.ok) {
        // Forgetting must work even when nothing can be read back (the data is deleted, not restored).
        if (event.type === 'user.forget') {
          await this.store.delete(key);
          return { replies: [text('conversation.forgotten')], snapshot: undefined, outcome: 'forgotten' };
        }
        if (event.type !== 'user.restart') {
          return { replies: [text('conversation.cannotRestore', { reason: t(`restore.${restored.reason}`) })], snapshot: undefined, outcome: 'ok' };
        }
        snapshot = initialTransition(this.machine)[0];
      } else {
        snapshot = restored.snapshot;
        migrated = restored.migratedFrom !== undefined;
        if (restored.migratedFrom !== undefined) {
          const campaign = this.campaignOf(snapshot);
          replies.push(text('conversation.versionChanged', { from: restored.migratedFrom, to: campaign?.version ?? '' }));
        }
      }
    } else {
      snapshot = initialTransition(this.machine)[0];
    }

    const [next, actions] = transition(this.machine, snapshot, event);
    if (actions.some((a) => a.type === 'forgetData')) {
      await this.store.delete(key);
      return { replies: [text('conversation.forgotten')], snapshot: undefined, outcome: 'forgotten' };
    }
    // A migrated snapshot is saved at once, so the unit is told about the new version only once.
    const changed = next.value !== snapshot.value || next.context !== snapshot.context || !stored || migrated;
    if (changed) {
      const saved = await this.store.save(key, stored?.version ?? 0, JSON.stringify(persist(this.campaigns, next)), this.indexEntry(key, next));
      if (!saved) return undefined;
    }
    for (const action of actions) {
      if (action.type === 'welcome') {
        replies.push(text(this.store.durable ? 'conversation.welcome' : 'conversation.welcomeNotKept'));
      } else if (action.type === 'help') {
        replies.push(this.help(next));
      } else if (action.type === 'say') {
        const params = action.params as { key: TextKey; params?: TextParams };
        replies.push(text(params.key, params.params));
      } else if (action.type === 'prompt') {
        replies.push(...this.prompt(next));
      } else if (action.type === 'introduceCampaign') {
        const campaign = this.campaignOf(next);
        if (campaign) replies.push(this.intro(campaign));
      } else if (action.type === 'reprompt') {
        replies.push(...(next.value === 'finished' ? [text('conversation.finishedHint')] : this.prompt(next)));
      } else if (action.type === 'showChecklist' || action.type === 'showContacts') {
        const campaign = this.campaignOf(next) ?? this.campaigns[0];
        if (campaign) {
          const evaluation = evaluate(campaign, next.context.answers, this.clock());
          replies.push({ kind: 'text', text: action.type === 'showChecklist' ? checklistText(campaign, evaluation) : contactText(campaign, evaluation) });
        }
      }
    }
    const bureau = this.newBureau(snapshot, next);
    if (bureau) replies.unshift(bureau);
    // Never silent: an event this mode has no use for still gets the current prompt back.
    if (replies.length === 0) replies.push(text('conversation.notUnderstood'), ...this.prompt(next));
    return { replies, snapshot: next, outcome: 'ok', revBefore: snapshot.context.rev };
  }

  /** Once the unit names its area (or changes it), it hears who reviews it and their phone, first. */
  private newBureau(before: ConversationSnapshot, after: ConversationSnapshot): Reply | undefined {
    const campaign = this.campaignOf(after);
    if (!campaign) return undefined;
    const areaId = after.context.answers[campaign.unitFields.area];
    if (areaId === undefined || areaId === before.context.answers[campaign.unitFields.area]) return undefined;
    const area = campaign.areas.find((a) => a.id === areaId);
    const bureau = campaign.bureaus.find((b) => b.id === area?.bureau);
    return bureau ? text('conversation.yourBureau', { bureau: bureau.name, phone: bureau.phone, note: area?.note ?? '' }) : undefined;
  }

  private campaignOf(snapshot: ConversationSnapshot): Campaign | undefined {
    return this.campaigns.find((c) => c.id === snapshot.context.campaignId);
  }

  /** What the current mode shows: the question, the review list, the summary… */
  prompt(snapshot: ConversationSnapshot): Reply[] {
    const ctx = snapshot.context;
    const campaign = this.campaignOf(snapshot);
    const state = String(snapshot.value);
    if (state === 'choosingCampaign' || !campaign) {
      return [{
        kind: 'prompt',
        text: t('conversation.chooseCampaign'),
        questionId: undefined,
        rev: ctx.rev,
        options: this.campaigns.map((c, i) => ({ id: String(i + 1), label: c.title })),
        menu: [],
      }];
    }
    const position = assess(campaign, ctx.answers, this.clock());
    switch (state) {
      case 'asking':
      case 'editing': {
        const step = state === 'editing' ? findStep(campaign, ctx.editing ?? '') : position.next;
        if (!step) return [this.summary(campaign, snapshot)];
        const mode = state === 'asking' ? 'asking' : ctx.editOrigin === 'back' ? 'back' : 'review';
        return [questionPrompt(position, ctx.rev, step, mode)];
      }
      case 'reviewing':
        return [{ kind: 'prompt', text: reviewText(position), questionId: undefined, rev: ctx.rev, options: [], menu: [{ id: menuWords.continue, label: t('review.continue') }] }];
      case 'finished':
        return [this.summary(campaign, snapshot)];
      case 'outOfScope': {
        const excluded = position.excludedBy;
        return [text('conversation.outOfScope', { reason: excluded?.reason ?? '', source: excluded ? formatSource(excluded.source) : '' })];
      }
      case 'confirming':
        return [{
          kind: 'prompt',
          text: t(ctx.pending === 'forget' ? 'conversation.confirmForget' : 'conversation.confirmRestart'),
          questionId: undefined,
          rev: ctx.rev,
          options: [],
          menu: [{ id: menuWords.confirm, label: t('confirm.yes') }, { id: menuWords.cancel, label: t('confirm.no') }],
        }];
      default:
        return [];
    }
  }

  /** During a question: why it is asked. Elsewhere: how to use the chat. */
  private help(snapshot: ConversationSnapshot): Reply {
    const campaign = this.campaignOf(snapshot);
    const state = String(snapshot.value);
    if (campaign && (state === 'asking' || state === 'editing')) {
      const ctx = snapshot.context;
      const position = assess(campaign, ctx.answers, this.clock());
      const step = state === 'editing' ? findStep(campaign, ctx.editing ?? '') : position.next;
      if (step) return { kind: 'text', text: questionHelp(position, step) };
    }
    return text('conversation.help');
  }

  /** The campaign as a unit meets it: the notice, the window (or that it has closed), the platform, notes, honesty. */
  private intro(campaign: Campaign): Reply {
    const due = deadline(campaign, this.clock());
    const window = due.overdue
      ? t('intro.windowClosed', { start: campaign.window.start, end: campaign.window.end, days: -due.daysLeft, supervision: campaign.supervisionPhone.phone })
      : t('intro.windowOpen', { start: campaign.window.start, end: campaign.window.end, days: due.daysLeft });
    const notes = campaign.notes.filter((n) => n.show.includes('intro')).map((n) => t('intro.note', { text: n.text, source: formatSource(n.source) }));
    return text('conversation.campaignIntro', {
      title: campaign.title,
      document: campaign.document.number,
      window,
      platform: campaign.platform.name,
      url: campaign.platform.url,
      login: campaign.platform.login,
      notes: notes.length ? `\n${notes.join('\n')}` : '',
      honesty: campaign.honesty.text,
    });
  }

  private summary(campaign: Campaign, snapshot: ConversationSnapshot): Reply {
    const now = this.clock();
    const evaluation = evaluate(campaign, snapshot.context.answers, now);
    const position = assess(campaign, snapshot.context.answers, now);
    return { kind: 'summary', text: summaryText(campaign, evaluation, position.excludedBy ? 0 : position.applicable.length - position.answered) };
  }

  private indexEntry(key: string, snapshot: ConversationSnapshot): UnitIndexEntry {
    const campaign = this.campaignOf(snapshot);
    const answers = snapshot.context.answers;
    const position = campaign ? assess(campaign, answers, this.clock()) : undefined;
    const area = campaign ? position?.relevant[campaign.unitFields.area] : undefined;
    const name = campaign ? position?.relevant[campaign.unitFields.name] : undefined;
    return {
      key,
      campaignId: campaign?.id ?? '',
      area: typeof area === 'string' ? area : null,
      unitName: typeof name === 'string' ? name : null,
      status: position?.excludedBy ? 'out_of_scope' : position && !position.next ? 'finished' : 'started',
      updatedAt: this.clock().getTime(),
    };
  }
}

function text(key: TextKey, params?: TextParams): Reply {
  return { kind: 'text', text: t(key, params) };
}
