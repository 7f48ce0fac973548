/**
 * The conversation service: load → pure transition → compare-and-set save → replies.
 * Every accepted answer is saved before any reply goes out; a lost race reloads and re-applies the
 * event on the winner's state; a store that is down gets the user a clear "try again", never a crash.
 */
import type { Campaign } from '../core/campaign.ts';
import { answerShortcut, createConversationMachine, type ConversationEvent, type Invitation, type TurnAction } from '../core/conversation.ts';
import { pureTransitions, type PureTransition } from '../core/pure-transition.ts';
import { deadline, evaluate } from '../core/evaluate.ts';
import { assess, findStep } from '../core/engine.ts';
import { formatSource, questionHelp, questionPrompt, reviewText, type Reply } from '../core/present.ts';
import { checklistText, contactText, formResultText, formWords, summaryText } from '../core/summary-text.ts';
import { findForm, formByWord, formPosition, formResult } from '../core/forms.ts';
import { authorityOf, phoneOf, validityOf } from '../core/campaign-facts.ts';
import { StoreUnavailableError, type PromptRecord, type SessionStore, type StoredSession, type UnitIndexEntry } from '../core/store.ts';
import { t, type TextKey, type TextParams } from '../core/text.ts';
import { menuWords } from '../../templates/commands.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { Lru } from './lru.ts';
import { unitIndexEntry } from './unit-index.ts';
import { persist, restore, type ConversationSnapshot } from './snapshot.ts';

export type HandleResult = {
  replies: Reply[];
  /** The conversation as it now stands (undefined after forget or when nothing could be loaded). */
  snapshot: ConversationSnapshot | undefined;
  /**
   * Why nothing changed, when nothing did for a reason the channel may care about. `duplicate`: this update
   * was applied before (a redelivery after a crash): the replies are the current prompt again, never silence.
   * `stale`: an answer to a question no longer open (an old button, a message typed before the next question).
   */
  outcome: 'ok' | 'duplicate' | 'stale' | 'store_unavailable' | 'conflict' | 'forgotten';
  /** The revision this event was applied to: with `snapshot`, tells whether this very event changed anything. */
  revBefore?: number;
  /** This turn saved the conversation: its prompt is the first showing of what it asks (channels remember that one). */
  saved?: boolean;
};

/** What a turn starts from: the conversation, the stored version it came from, and what the load found besides. */
type Base = {
  snapshot: ConversationSnapshot;
  /** 0 when nothing is stored yet. */
  version: number;
  /** The stored session's incarnation (see `StoredSession.epoch`); a new one for a session this turn creates. */
  epoch: string;
  /** The stored session as loaded; undefined on the fast path (and when nothing is stored). */
  stored: StoredSession | undefined;
  migrated: boolean;
  replies: Reply[];
};

/** How many chats' last saved conversations a process keeps, so that a button press skips the load. */
const KNOWN_CHATS = 5000;
type Known = { version: number; epoch: string; snapshot: ConversationSnapshot };

/** A name for a new incarnation of a session: the time and a random part, unique in practice. */
const newEpoch = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;

/** Where an update came from: its id (exactly once) and, for a typed message, its chat message id. */
export type TurnMeta = { updateId?: string; messageId?: number };

export type ServiceOptions = {
  campaigns: readonly Campaign[];
  store: SessionStore;
  clock?: () => Date;
  /** How often a lost compare-and-set is re-applied before the user is asked to resend. */
  maxAttempts?: number;
  /** How long a press for a revision not saved yet waits for the earlier turn (another process) to land. */
  futureWaitMs?: number;
  /** Finds the unit a roster invitation token stands for (a `/start r_<token>` payload). */
  invitation?: (token: string) => Promise<Invitation | undefined>;
  /**
   * Told after the save when a unit gives its credit code (or another one): the roster counts its unit as
   * started. Best effort: a failure here only delays a figure, never the unit's turn.
   */
  unitIdentified?: (campaignId: string, creditCode: string) => Promise<void>;
};

/** The `/start` payload (and web link) prefix of a roster invitation. */
export const INVITE_PREFIX = 'r_';

export class ConversationService {
  readonly machine;
  private readonly pure: PureTransition<ConversationService['machine']>;
  /** An accepted answer that leaves the unit asking, decided without the machine's macrostep (same rules). */
  private readonly shortcut: ReturnType<typeof answerShortcut>;
  private readonly campaignList: readonly Campaign[];
  private readonly store: SessionStore;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly futureWaitMs: number;
  private readonly invitation: ServiceOptions['invitation'];
  private readonly unitIdentified: ServiceOptions['unitIdentified'];
  private readonly queue = new KeyedQueue();
  /**
   * The conversation each chat had after this process last loaded or saved it. A button press for its revision
   * is applied to it without a load: the compare-and-set of the save still tells whether another process wrote
   * meanwhile (then the turn is redone from a load), and the save itself refuses an update applied before.
   */
  private readonly known = new Lru<string, Known>(KNOWN_CHATS);
  /** Chats whose last save timed out here: it may have landed anyway. The rev it would have reached. */
  private readonly unsure = new Map<string, { from: number; to: number }>();

  constructor(options: ServiceOptions) {
    this.campaignList = options.campaigns;
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 10;
    this.futureWaitMs = options.futureWaitMs ?? 2000;
    this.invitation = options.invitation;
    this.unitIdentified = options.unitIdentified;
    this.machine = createConversationMachine(this.campaigns, this.clock);
    this.pure = pureTransitions(this.machine);
    this.shortcut = answerShortcut(this.campaigns, this.clock);
  }

  /** The campaigns this service runs. */
  get campaigns(): readonly Campaign[] {
    return this.campaignList;
  }

  /** The campaigns this service runs (what a forget or a prune must cover). */
  get campaignIds(): string[] {
    return this.campaigns.map((c) => c.id);
  }

  /** Whether answers outlive this process (the channels say so only when it is true). */
  get durable(): boolean {
    return this.store.durable;
  }

  /** Handles one event from one unit (`key` names the chat, e.g. `tg:12345`), in arrival order per unit. */
  handle(key: string, event: ConversationEvent, meta: TurnMeta = {}): Promise<HandleResult> {
    return this.queue.run(key, () => this.handleNow(key, event, meta));
  }

  /** Remembers the prompt a chat was shown, so that a message typed later is bound to it (best effort). */
  notePrompt(key: string, record: PromptRecord): Promise<void> {
    return this.store.notePrompt(key, record);
  }

  private async handleNow(key: string, incoming: ConversationEvent, meta: TurnMeta): Promise<HandleResult> {
    try {
      const unsure = this.unsure.get(key);
      if (unsure) return await this.tellWhatWasRecorded(key, unsure);
      const event = await this.resolveInvitation(incoming);
      for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
        const result = await this.attempt(key, event, meta);
        if (result) return result;
      }
      return { replies: [text('conversation.busy')], snapshot: undefined, outcome: 'conflict' };
    } catch (error) {
      if (error instanceof StoreUnavailableError) return { replies: [text('conversation.saveFailed')], snapshot: undefined, outcome: 'store_unavailable' };
      throw error;
    }
  }

  /** A `/start r_<token>` becomes a start with the unit's invitation, or a plain start if the token is unknown. */
  private async resolveInvitation(event: ConversationEvent): Promise<ConversationEvent> {
    if (event.type !== 'user.start' || !event.campaignId?.startsWith(INVITE_PREFIX)) return event;
    const invite = await this.invitation?.(event.campaignId.slice(INVITE_PREFIX.length));
    return invite ? { type: 'user.start', invite } : { type: 'user.start' };
  }

  /**
   * After a save that timed out, the next message first re-reads and says whether that answer was
   * recorded, before anything else is applied: a retyped answer must not land on the next question.
   */
  private async tellWhatWasRecorded(key: string, unsure: { from: number; to: number }): Promise<HandleResult> {
    const snapshot = await this.current(key);
    this.unsure.delete(key);
    const rev = snapshot?.context.rev ?? 0;
    const said = text(rev >= unsure.to ? 'conversation.lastSaved' : 'conversation.lastNotSaved');
    return { replies: [said, ...(snapshot ? this.prompt(snapshot) : [])], snapshot, outcome: 'ok', revBefore: rev };
  }

  /** Loads the current conversation without changing it (for documents and staff views). */
  async current(key: string): Promise<ConversationSnapshot | undefined> {
    const { restored } = await this.load(key);
    return restored?.ok ? restored.snapshot : undefined;
  }

  /** Reads the stored conversation: its snapshot (or why none), with what the store knows besides. */
  private async load(key: string) {
    const stored = await this.store.load(key);
    if (!stored) return { stored, restored: undefined };
    // The version this process saved last: its snapshot is still this one (no parsing, no validation again).
    const known = this.known.get(key);
    if (known && known.version === stored.version && known.epoch === stored.epoch) return { stored, restored: { ok: true as const, snapshot: known.snapshot, migratedFrom: undefined } };
    const restored = restore(this.machine, this.campaigns, stored.data, this.clock());
    if (restored.ok && restored.migratedFrom === undefined && stored.epoch) this.known.set(key, { version: stored.version, epoch: stored.epoch, snapshot: restored.snapshot });
    return { stored, restored };
  }

  /**
   * A press from a keyboard of a revision the store has not reached yet: the turn that made it (in another
   * process) has not landed. Wait for it, bounded, rather than refuse the press as stale.
   */
  private async awaitRevision(key: string, rev: number, loaded: Awaited<ReturnType<ConversationService['load']>>) {
    const deadline = Date.now() + this.futureWaitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
      const current = loaded.restored?.ok ? loaded.restored.snapshot.context.rev : undefined;
      if (current === undefined || current >= rev || Date.now() >= deadline) return loaded;
      await new Promise((resolve) => setTimeout(resolve, delay));
      loaded = await this.load(key);
    }
  }

  /**
   * Binds a typed message to the prompt the unit saw: message ids of a private chat only grow, so a message
   * older than the prompt of the current revision was typed before that prompt appeared, and answers a
   * question that is no longer open: it is refused. When that prompt's record is missing (not sent yet by
   * another process, or lost in a crash), a message older than the one the last save applied, or right
   * after it, was typed ahead (no reply came between them): refused too. Otherwise it answers the current
   * question.
   */
  private bindTyped(event: ConversationEvent, meta: TurnMeta, stored: StoredSession | undefined, snapshot: ConversationSnapshot): ConversationEvent | 'stale' {
    if (event.type !== 'user.answer' || event.rev !== undefined || meta.messageId === undefined || !stored) return event;
    const rev = snapshot.context.rev;
    // The first time the current revision's prompt was shown (a redelivery may have shown it again later).
    const shown = stored.prompts.find((p) => p.rev === rev);
    if (shown) {
      if (meta.messageId < shown.messageId) return 'stale';
      return { ...event, rev, ...(shown.questionId ? { questionId: shown.questionId } : {}) };
    }
    // Older than the message the last save applied, or right after it: typed before any reply could come.
    if (stored.messageId !== undefined && meta.messageId <= stored.messageId + 1) return 'stale';
    return event;
  }

  /**
   * The fast path: a button press for the revision this process last saw is applied to that conversation
   * without a load. Anything else (a typed message, a press for another revision, a turn that saves nothing,
   * a lost compare-and-set) is done from a load. Undefined: not taken, or given up.
   */
  private async pressAtKnown(key: string, incoming: ConversationEvent, meta: TurnMeta): Promise<HandleResult | undefined> {
    const known = this.known.get(key);
    if (!known || incoming.type !== 'user.answer' || incoming.rev === undefined || incoming.rev !== known.snapshot.context.rev) return undefined;
    const result = await this.apply(key, incoming, meta, { snapshot: known.snapshot, version: known.version, epoch: known.epoch, stored: undefined, migrated: false, replies: [] }, true);
    if (result === 'slow' || result === undefined) this.known.delete(key);
    return result === 'slow' ? undefined : result;
  }

  /** One load-transition-save round; undefined when another writer won the race. */
  private async attempt(key: string, incoming: ConversationEvent, meta: TurnMeta): Promise<HandleResult | undefined> {
    const fast = await this.pressAtKnown(key, incoming, meta);
    if (fast) return fast;
    let loaded = await this.load(key);
    const { stored } = loaded;
    // Applied before (a redelivery after a crash, or a webhook retry): say where the unit stands, change nothing.
    if (stored && meta.updateId !== undefined && stored.updates.includes(meta.updateId)) return this.duplicate(loaded);
    if (!stored && incoming.type === 'user.forget') {
      // Nothing to confirm: delete whatever is left (index entries, marks) without creating a session.
      this.known.delete(key);
      await this.store.forget(key, this.campaigns.map((c) => c.id));
      return { replies: [text('conversation.nothingStored')], snapshot: undefined, outcome: 'forgotten' };
    }
    if (incoming.type === 'user.answer' && incoming.rev !== undefined) loaded = await this.awaitRevision(key, incoming.rev, loaded);
    const replies: Reply[] = [];
    let snapshot: ConversationSnapshot;
    let migrated = false;
    if (loaded.stored && loaded.restored) {
      const restored = loaded.restored;
      if (!restored.ok) {
        // Forgetting must work even when nothing can be read back (the data is deleted, not restored).
        if (incoming.type === 'user.forget') {
          this.known.delete(key);
          await this.store.forget(key, this.campaigns.map((c) => c.id));
          return { replies: [text('conversation.forgotten')], snapshot: undefined, outcome: 'forgotten' };
        }
        if (incoming.type !== 'user.restart') {
          return { replies: [text('conversation.cannotRestore', { reason: t(`restore.${restored.reason}`) })], snapshot: undefined, outcome: 'ok' };
        }
        snapshot = this.pure.initialTransition()[0];
      } else {
        snapshot = restored.snapshot;
        migrated = restored.migratedFrom !== undefined;
        if (restored.migratedFrom !== undefined) {
          const campaign = this.campaignOf(snapshot);
          replies.push(text('conversation.versionChanged', { from: restored.migratedFrom, to: campaign?.version ?? '' }));
        }
      }
    } else {
      snapshot = this.pure.initialTransition()[0];
    }
    const base = { snapshot, version: loaded.stored?.version ?? 0, epoch: loaded.stored?.epoch ?? newEpoch(), stored: loaded.stored, migrated, replies };
    const result = await this.apply(key, incoming, meta, base, false);
    return result === 'slow' ? undefined : result;
  }

  /**
   * Transition, save (compare-and-set), replies. On the fast path (`fast`) a turn that would not save, or
   * forget, is handed back ('slow') to be done from a load: only a save can tell that the conversation was current.
   */
  private async apply(key: string, incoming: ConversationEvent, meta: TurnMeta, base: Base, fast: boolean): Promise<HandleResult | 'slow' | undefined> {
    const { snapshot, stored: current, migrated, replies } = base;
    const exists = fast || current !== undefined;
    const event = this.bindTyped(this.formEvent(incoming, snapshot), meta, current, snapshot);
    if (event === 'stale') {
      return { replies: [text('conversation.typedStale'), ...this.prompt(snapshot)], snapshot, outcome: 'stale', revBefore: snapshot.context.rev };
    }
    const [next, actions]: [ConversationSnapshot, TurnAction[]] = this.shortcut(snapshot, event) ?? this.pure.transition(snapshot, event);
    // A migrated snapshot is saved at once, so the unit is told about the new version only once.
    const changed = next.value !== snapshot.value || next.context !== snapshot.context || !exists || migrated;
    if (fast && !changed) return 'slow';
    if (actions.some((a) => a.type === 'forgetData')) {
      if (fast) return 'slow';
      this.known.delete(key);
      await this.store.forget(key, this.campaigns.map((c) => c.id));
      return { replies: [text('conversation.forgotten')], snapshot: undefined, outcome: 'forgotten' };
    }
    if (changed) {
      const data = JSON.stringify(persist(this.campaigns, next));
      const index = this.indexEntry(key, next);
      let saved;
      try {
        saved = await this.store.save(key, base.version, data, {
          ...(meta.updateId !== undefined ? { updateId: meta.updateId } : {}),
          ...(meta.messageId !== undefined ? { messageId: meta.messageId } : {}),
          ...(index ? { index } : {}),
          epoch: base.epoch,
        });
      } catch (error) {
        // A timed-out save may still land: the next message re-reads before applying anything.
        if (error instanceof StoreUnavailableError) this.unsure.set(key, { from: snapshot.context.rev, to: next.context.rev });
        this.known.delete(key);
        throw error;
      }
      if (saved === 'conflict') return fast ? 'slow' : undefined;
      if (saved === 'duplicate') {
        this.known.delete(key);
        return this.duplicate(await this.load(key));
      }
      this.known.set(key, { version: base.version + 1, epoch: base.epoch, snapshot: next });
      const code = index?.creditCode;
      const field = this.campaignOf(next)?.unitFields.creditCode;
      if (code && field && this.unitIdentified && (!exists || snapshot.context.answers[field] !== next.context.answers[field])) {
        await this.unitIdentified(index.campaignId, code).catch(() => undefined);
      }
    }
    const stale = event.type === 'user.answer' && actions.some((a) => a.type === 'say' && (a.params as { key?: string } | undefined)?.key === 'conversation.stale');
    let prompted = false;
    for (const action of actions) {
      if (action.type === 'welcome') {
        replies.push(text(this.store.durable ? 'conversation.welcome' : 'conversation.welcomeNotKept'));
      } else if (action.type === 'help') {
        replies.push(this.help(next));
      } else if (action.type === 'say') {
        const params = action.params as { key: TextKey; params?: TextParams };
        replies.push(text(params.key, params.params));
      } else if (action.type === 'prompt') {
        // Every prompt shows the state the turn ends in: an answer that finishes the checklist asks for it
        // twice (the answer's, then the summary's entry), and the unit sees it once.
        if (!prompted) replies.push(...this.prompt(next));
        prompted = true;
      } else if (action.type === 'introduceCampaign') {
        const campaign = this.campaignOf(next);
        if (campaign) replies.push(this.intro(campaign));
      } else if (action.type === 'reprompt') {
        replies.push(...(next.value === 'finished' ? [text('conversation.finishedHint')] : this.prompt(next)));
      } else if (action.type === 'formIntro') {
        const campaign = this.campaignOf(next);
        const form = campaign && findForm(campaign, next.context.form);
        if (form) replies.push(text('form.intro', { title: form.title, intro: form.intro, source: formatSource(form.source) }));
      } else if (action.type === 'formResult') {
        const campaign = this.campaignOf(snapshot);
        const form = campaign && findForm(campaign, snapshot.context.form ?? next.context.form);
        if (campaign && form) replies.push({ kind: 'text', text: formResultText(formResult(campaign, form, next.context.forms[form.id] ?? {}, this.clock())) });
      } else if (action.type === 'showChecklist' || action.type === 'showContacts') {
        const campaign = this.campaignOf(next) ?? this.campaigns[0];
        if (campaign) {
          const evaluation = evaluate(campaign, next.context.answers, this.clock());
          replies.push({ kind: 'text', text: action.type === 'showChecklist' ? checklistText(campaign, evaluation) : contactText(campaign, evaluation) });
        }
      }
    }
    // Back from a form to a finished checklist: the result stands, the long summary is not repeated.
    if (actions.some((a) => a.type === 'formResult')) {
      const at = replies.findIndex((r) => r.kind === 'summary');
      if (at >= 0) replies.splice(at, 1, text('conversation.finishedHint'));
    }
    const bureau = this.newBureau(snapshot, next);
    if (bureau) replies.unshift(bureau);
    // Never silent: an event this mode has no use for still gets the current prompt back.
    if (replies.length === 0) replies.push(text('conversation.notUnderstood'), ...this.prompt(next));
    return { replies, snapshot: next, outcome: stale ? 'stale' : 'ok', revBefore: snapshot.context.rev, saved: changed };
  }

  /** The reply to an update applied before: where the unit stands now. */
  private duplicate(loaded: Awaited<ReturnType<ConversationService['load']>>): HandleResult {
    const snapshot = loaded.restored?.ok ? loaded.restored.snapshot : undefined;
    return { replies: snapshot ? this.prompt(snapshot) : [], snapshot, outcome: 'duplicate', revBefore: snapshot?.context.rev };
  }

  /**
   * A typed word that starts one of the campaign's forms (异议, 修复, /objection) is that, not an answer; a
   * pressed option is always an answer.
   */
  private formEvent(event: ConversationEvent, snapshot: ConversationSnapshot): ConversationEvent {
    if (event.type !== 'user.answer' || event.typed !== true) return event;
    const campaign = this.campaignOf(snapshot);
    const form = campaign && formByWord(campaign, event.input);
    return form ? { type: 'user.form', formId: form.id } : event;
  }

  /** Once the unit names its area (or changes it), it hears who reviews it and their phone, first. */
  private newBureau(before: ConversationSnapshot, after: ConversationSnapshot): Reply | undefined {
    const campaign = this.campaignOf(after);
    // Switching campaigns introduces the other one; its bureau is not news.
    if (!campaign || before.context.campaignId !== after.context.campaignId) return undefined;
    const field = campaign.unitFields.area;
    if (field === undefined) return undefined;
    const areaId = after.context.answers[field];
    if (areaId === undefined || areaId === before.context.answers[field]) return undefined;
    const area = campaign.areas.find((a) => a.id === areaId);
    const bureau = campaign.bureaus.find((b) => b.id === area?.bureau);
    return bureau ? text('conversation.yourBureau', { authority: authorityOf(campaign), bureau: bureau.name, phone: phoneOf(bureau), note: area?.note ?? '' }) : undefined;
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
      // Campaigns the unit has answers in say so: switching keeps them.
      const started = (id: string) => (id === ctx.campaignId ? Object.keys(ctx.answers).length > 0 : id in ctx.parked);
      return [{
        kind: 'prompt',
        text: t('conversation.chooseCampaign'),
        questionId: undefined,
        rev: ctx.rev,
        options: this.campaigns.map((c, i) => ({ id: String(i + 1), label: started(c.id) ? `${c.title}${t('conversation.campaignStarted')}` : c.title })),
        menu: [],
      }];
    }
    const position = assess(campaign, ctx.answers, this.clock());
    switch (state) {
      case 'form': {
        const form = findForm(campaign, ctx.form);
        const at = form && formPosition(campaign, form, ctx.forms[form.id] ?? {}, this.clock());
        if (!form || !at?.next) return [];
        const prompt = questionPrompt(at, ctx.rev, at.next, 'asking');
        if (prompt.kind !== 'prompt') return [prompt];
        // The form's title stands where the checklist's phase would.
        return [{ ...prompt, text: `${t('form.header', { title: form.title })}\n${prompt.text.split('\n').slice(1).join('\n')}`, menu: [...prompt.menu, { id: menuWords.back, label: t('menu.back') }] }];
      }
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
    const form = campaign && state === 'form' ? findForm(campaign, snapshot.context.form) : undefined;
    if (campaign && form) {
      const at = formPosition(campaign, form, snapshot.context.forms[form.id] ?? {}, this.clock());
      if (at.next) return { kind: 'text', text: questionHelp(at, at.next) };
    }
    return text('conversation.help');
  }

  /**
   * The campaign as a unit meets it: the notice, whether it is still in force, the review's window (or that
   * it has closed) and platform, notes, the side conversations it offers, honesty.
   */
  private intro(campaign: Campaign): Reply {
    const now = this.clock();
    const due = deadline(campaign, now);
    const review = campaign.review;
    const supervision = campaign.supervisionPhone ? t('intro.supervision', { phone: campaign.supervisionPhone.phone }) : '';
    const window = !review || !due ? '' : due.overdue
      ? t('intro.windowClosed', { start: review.window.start, end: review.window.end, days: -due.daysLeft, supervision })
      : t('intro.windowOpen', { start: review.window.start, end: review.window.end, days: due.daysLeft });
    const v = validityOf(campaign, now);
    const validity = v ? t(v.lapsed ? 'intro.validityLapsed' : 'intro.validityInForce', { from: v.from, until: v.until, source: formatSource(v.source), authority: authorityOf(campaign) }) : '';
    const notes = campaign.notes.filter((n) => n.show.includes('intro')).map((n) => t('intro.note', { text: n.text, source: formatSource(n.source) }));
    const forms = campaign.forms.length ? t('intro.forms', { words: formWords(campaign) }) : '';
    return text('conversation.campaignIntro', {
      title: campaign.title,
      document: campaign.document.number,
      validity,
      window,
      platform: review ? t('intro.platform', { platform: review.platform.name, url: review.platform.url, login: review.platform.login }) : '',
      notes: (notes.length ? `\n${notes.join('\n')}` : '') + forms,
      honesty: campaign.honesty ? t('intro.honesty', { text: campaign.honesty.text }) : '',
    });
  }

  private summary(campaign: Campaign, snapshot: ConversationSnapshot): Reply {
    const now = this.clock();
    const evaluation = evaluate(campaign, snapshot.context.answers, now);
    const position = assess(campaign, snapshot.context.answers, now);
    return { kind: 'summary', text: summaryText(campaign, evaluation, position.excludedBy ? 0 : position.applicable.length - position.answered) };
  }

  /** The unit's staff-index entry: none before a campaign is chosen. */
  private indexEntry(key: string, snapshot: ConversationSnapshot): UnitIndexEntry | undefined {
    const campaign = this.campaignOf(snapshot);
    return campaign ? unitIndexEntry(key, campaign, snapshot.context, this.clock()) : undefined;
  }
}

function text(key: TextKey, params?: TextParams): Reply {
  return { kind: 'text', text: t(key, params) };
}
