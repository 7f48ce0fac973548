/**
 * The conversation as an XState v5 machine. The machine holds the mode (asking, reviewing, finished…);
 * the engine holds the checklist. Effects are named stubs (`say`, `prompt`, `forgetData`): the
 * conversation service reads them from the pure `transition()` and the channels render them.
 */
import { and, assign, setup } from 'xstate';
import { confirmWords, reviewPickPrefixes } from '../../templates/commands.ts';
import type { Campaign } from './campaign.ts';
import type { AnswerValue } from './conditions.ts';
import { parseAnswer } from './answer.ts';
import type { Message } from './validate.ts';
import { answeredSteps, assess, findStep, frozenAnswers, previousAnswered, steps } from './engine.ts';
import { findForm, formPosition } from './forms.ts';
import type { TextKey, TextParams } from './text.ts';

export type ConversationContext = {
  campaignId: string | null;
  /** Answers by question id; `null` marks a skipped question. */
  answers: Record<string, AnswerValue | null>;
  /** Grows with every accepted change; stale buttons carry an older one. */
  rev: number;
  /** The question being changed: picked in the review, or reached with 返回 (it keeps its answer until a new one is given). */
  editing: string | null;
  /** Where a change started: the review (back to it afterwards) or 返回 (going further back is 返回 again). */
  editOrigin: 'review' | 'back' | null;
  /** What the unit is asked to confirm. */
  pending: 'restart' | 'forget' | null;
  /** The unit asked the bureau's scheduled reminders to stop (暂停提醒) until it resumes them. */
  remindersPaused?: boolean;
  /** The side conversation (a campaign form: 异议, 修复) being filled in, in the `form` mode. */
  form: string | null;
  /** Each form's answers: the one being filled in, or the last one completed (its PDF). */
  forms: Record<string, Record<string, AnswerValue | null>>;
  /** The unit's answers to the other campaigns it has started, kept while it works on this one. */
  parked: Record<string, ParkedCampaign>;
};

/** A campaign the unit switched away from: its answers, as of which campaign version. */
export type ParkedCampaign = { version: number; answers: Record<string, AnswerValue | null>; remindersPaused?: boolean };

/** What a roster invitation fills in: the unit as the bureau's register knows it. */
export type Invitation = { campaignId: string; name: string; creditCode: string; area: string };

export type ConversationEvent =
  | { type: 'user.start'; campaignId?: string; invite?: Invitation }
  /**
   * `questionId` and `rev` come from a button (or the web form of the question): they make a press on an old
   * keyboard stale. `typed`: the unit's own words, not a pressed option: a form's word there starts that form.
   */
  | { type: 'user.answer'; input: string; questionId?: string; rev?: number; typed?: boolean }
  | { type: 'user.back' }
  | { type: 'user.skip' }
  | { type: 'user.review' }
  | { type: 'user.edit'; questionId: string }
  | { type: 'user.continue' }
  | { type: 'user.restart' }
  | { type: 'user.forget' }
  | { type: 'user.help' }
  | { type: 'user.status' }
  | { type: 'user.checklist' }
  | { type: 'user.contact' }
  | { type: 'user.reminders'; paused: boolean }
  /** Starts one of the campaign's side conversations (its words were typed). */
  | { type: 'user.form'; formId: string }
  /** Choose another campaign (切换), keeping this one's answers. */
  | { type: 'user.switch' };

/** The modes a persisted conversation may be in (transient ones never persist). */
export const RESTING_STATES = ['welcome', 'choosingCampaign', 'asking', 'editing', 'reviewing', 'finished', 'outOfScope', 'confirming', 'form'] as const;
export type RestingState = (typeof RESTING_STATES)[number];

export const emptyContext = (campaignId: string | null = null, rev = 0): ConversationContext => ({
  campaignId,
  answers: {},
  rev,
  editing: null,
  editOrigin: null,
  pending: null,
  form: null,
  forms: {},
  parked: {},
});

/**
 * A parked campaign's answers as the current version of it reads them: answers to questions that no longer
 * exist, or whose meaning changed since (its revisions), are dropped and asked again.
 */
export function carriedAnswers(campaign: Campaign, parked: ParkedCampaign): Record<string, AnswerValue | null> {
  if (parked.version === campaign.version) return parked.answers;
  const known = new Set(steps(campaign).map((s) => s.id));
  const changed = new Set(campaign.revisions.filter((r) => r.version > parked.version).flatMap((r) => r.reask));
  return Object.fromEntries(Object.entries(parked.answers).filter(([id]) => known.has(id) && !changed.has(id)));
}

/** A campaign picked by its number in the list, its id or its title. */
export function campaignByInput(campaigns: readonly Campaign[], input: string): Campaign | undefined {
  const text = input.normalize('NFKC').trim();
  // Titles are compared as typed text is: NFKC turns their full-width brackets into ASCII ones.
  return campaigns[Number(text) - 1] ?? campaigns.find((c) => c.id === text || c.title.normalize('NFKC') === text);
}

const CONFIRM = new Set<string>(confirmWords);
const PICK = new RegExp(`^(${reviewPickPrefixes.join('|')})\\s*(\\d+)$`);

/** The answer number in "改3" / "修改 3", or undefined: in the review a bare number is never a pick. */
export function reviewPickNumber(input: string): number | undefined {
  const match = PICK.exec(input.normalize('NFKC').trim());
  return match ? Number(match[2]) : undefined;
}

/**
 * The rules an answer to the checklist is held to (which question is asked, whether an input answers it, what
 * is recorded): one copy, used by the machine's guards and actions and by `answerShortcut`.
 */
function answerRules(campaigns: readonly Campaign[], clock: () => Date) {
  const campaignOf = (ctx: ConversationContext): Campaign => {
    const campaign = campaigns.find((c) => c.id === ctx.campaignId);
    if (!campaign) throw new Error(`campaign ${ctx.campaignId} is not loaded`);
    return campaign;
  };
  const position = (ctx: ConversationContext) => assess(campaignOf(ctx), ctx.answers, clock());
  const askedId = (ctx: ConversationContext, editing: boolean) => (editing ? ctx.editing ?? undefined : position(ctx).next?.id);
  const parse = (ctx: ConversationContext, input: string, editing: boolean) => {
    const step = findStep(campaignOf(ctx), askedId(ctx, editing) ?? '');
    return step ? { step, result: parseAnswer(position(ctx), step, input) } : undefined;
  };
  const isStale = (ctx: ConversationContext, event: ConversationEvent, editing: boolean) =>
    event.type === 'user.answer' && event.questionId !== undefined && event.questionId !== askedId(ctx, editing);
  /** What an answer that counts changes (its value recorded, the revision moved on); undefined for one that does not. */
  const recorded = (ctx: ConversationContext, event: ConversationEvent, editing: boolean): Partial<ConversationContext> | undefined => {
    if (event.type !== 'user.answer' || isStale(ctx, event, editing)) return undefined;
    const parsed = parse(ctx, event.input, editing);
    if (!parsed?.result.ok) return undefined;
    return {
      answers: frozenAnswers({ ...ctx.answers, [parsed.step.id]: parsed.result.value }),
      rev: ctx.rev + 1,
      editing: null,
      editOrigin: null,
    };
  };
  const accepts = (ctx: ConversationContext, event: ConversationEvent, editing: boolean) => recorded(ctx, event, editing) !== undefined;
  const recordAnswer = (ctx: ConversationContext, event: ConversationEvent, editing: boolean): Partial<ConversationContext> => recorded(ctx, event, editing) ?? {};
  const rejection = (ctx: ConversationContext, event: ConversationEvent, editing: boolean): Message => {
    if (event.type !== 'user.answer') return { key: 'answer.empty' };
    if (isStale(ctx, event, editing)) return { key: 'conversation.stale' };
    const parsed = parse(ctx, event.input, editing);
    return parsed && !parsed.result.ok ? parsed.result.error : { key: 'answer.empty' };
  };
  return { campaignOf, position, askedId, recorded, accepts, recordAnswer, rejection };
}

/** What one turn asks the channel to do (`say`, `prompt`…), as the machine's transition yields it. */
export type TurnAction = { type: string; params?: unknown };

/**
 * The most frequent turn without XState: an answer accepted in `asking` that leaves the unit asking (the next
 * question). The machine's macrostep for it (guards, assign, its eventless `leaveChecklist`) was about a third
 * of the conversation service's own CPU per answer, measured on its own; this applies the same rules (`recorded`, behind the guard `accepts` and the action that records, and
 * `leaveChecklist`'s guards) directly.
 * Undefined for anything else (a stale press, a refusal, an answer that ends the checklist or puts the unit
 * out of scope, any other mode or event): the machine decides those. test/core/answer-shortcut.test.ts holds
 * it to the machine's own transition on random walks through every campaign.
 */
export function answerShortcut(campaigns: readonly Campaign[], clock: () => Date = () => new Date()) {
  const { position, recorded } = answerRules(campaigns, clock);
  return <S extends { value: unknown; context: ConversationContext }>(snapshot: S, event: ConversationEvent): [S, TurnAction[]] | undefined => {
    const ctx = snapshot.context;
    if (snapshot.value !== 'asking' || event.type !== 'user.answer' || (event.rev !== undefined && event.rev !== ctx.rev)) return undefined;
    const change = recorded(ctx, event, false);
    if (!change) return undefined;
    const context = { ...ctx, ...change };
    // No next question: the checklist is done, or the unit is out of scope (an exclusion ends the walk).
    if (position(context).next === undefined) return undefined;
    // The mode and its state nodes stay as they are: only the context is new (what XState's own clone does).
    return [{ ...snapshot, context }, [{ type: 'prompt' }]];
  };
}

/** The conversation machine over these campaigns; `clock` is the time rules that read the date see. */
export function createConversationMachine(campaigns: readonly Campaign[], clock: () => Date = () => new Date()) {
  const { campaignOf, position, askedId, accepts, recordAnswer, rejection } = answerRules(campaigns, clock);
  const answeredInOrder = (ctx: ConversationContext) => answeredSteps(position(ctx));
  const picked = (ctx: ConversationContext, event: ConversationEvent) => {
    const n = event.type === 'user.answer' ? reviewPickNumber(event.input) : undefined;
    return n === undefined ? undefined : answeredInOrder(ctx)[n - 1];
  };
  /** Where 返回 leads: the answered question before the one on screen (while editing) or before the current one. */
  const backTarget = (ctx: ConversationContext, editing: boolean) =>
    ctx.campaignId === null ? undefined : previousAnswered(position(ctx), editing && ctx.editing ? ctx.editing : undefined);
  const goBack = (context: ConversationContext, editing: boolean): Partial<ConversationContext> => ({
    editing: backTarget(context, editing)?.id ?? null,
    editOrigin: 'back',
  });

  // ── Side conversations (forms) ──
  const activeForm = (ctx: ConversationContext) => (ctx.campaignId === null ? undefined : findForm(campaignOf(ctx), ctx.form));
  const formAt = (ctx: ConversationContext) => {
    const form = activeForm(ctx);
    return form ? { form, position: formPosition(campaignOf(ctx), form, ctx.forms[form.id] ?? {}, clock()) } : undefined;
  };
  const parseForm = (ctx: ConversationContext, input: string) => {
    const at = formAt(ctx);
    const step = at?.position.next;
    return at && step ? { at, step, result: parseAnswer(at.position, step, input) } : undefined;
  };
  const formStale = (ctx: ConversationContext, event: ConversationEvent) =>
    event.type === 'user.answer' && event.questionId !== undefined && event.questionId !== formAt(ctx)?.position.next?.id;
  const setFormAnswer = (ctx: ConversationContext, id: string, value: AnswerValue | null): Partial<ConversationContext> => {
    const form = ctx.form as string;
    return { forms: { ...ctx.forms, [form]: { ...(ctx.forms[form] ?? {}), [id]: value } }, rev: ctx.rev + 1 };
  };
  /** Leaves the campaign for another, parking its answers; the other's parked answers come back. */
  const switchTo = (ctx: ConversationContext, campaignId: string): ConversationContext => {
    const parked = { ...ctx.parked };
    const current = campaigns.find((c) => c.id === ctx.campaignId);
    if (current) parked[current.id] = { version: current.version, answers: ctx.answers, ...(ctx.remindersPaused ? { remindersPaused: true } : {}) };
    const next = campaigns.find((c) => c.id === campaignId) as Campaign;
    const back = parked[campaignId];
    delete parked[campaignId];
    return {
      ...emptyContext(campaignId, ctx.rev + 1),
      answers: back ? carriedAnswers(next, back) : {},
      ...(back?.remindersPaused ? { remindersPaused: true } : {}),
      // A form belongs to its campaign: another campaign's forms are not kept.
      forms: {},
      parked,
    };
  };

  /** A press on a keyboard from an older revision changes nothing: every mode checks it first. */
  const rejectStale = {
    guard: 'staleRev',
    actions: [{ type: 'say', params: { key: 'conversation.stale' } }, 'prompt'],
  } as const;

  /** Where the answers end the checklist: out of scope, or finished (checked by `route`, and by `asking` after an answer). */
  const leaveChecklist = [
    { guard: 'outOfScope', target: 'outOfScope' },
    { guard: 'done', target: 'finished' },
  ] as const;

  const cancel = [
    { guard: 'hasCampaign', target: 'route', actions: [{ type: 'say', params: { key: 'conversation.cancelled' } }] },
    { target: 'welcome', actions: [{ type: 'say', params: { key: 'conversation.cancelled' } }] },
  ] as const;

  return setup({
    types: {
      context: {} as ConversationContext,
      events: {} as ConversationEvent,
    },
    actions: {
      /** Say one message from templates/. Provided by the channel; the service renders it. */
      say: (_, _params: { key: TextKey; params?: TextParams }) => {},
      /** Help: during a question, why it is asked (plain words, source, terms); elsewhere, how to use the chat. */
      help: () => {},
      /** Show what the current mode asks for: the question, the review list, the summary… */
      prompt: () => {},
      /** Greet a new unit (and say truthfully whether answers are kept). */
      welcome: () => {},
      /** Introduce the chosen campaign once: its notice, window, platform and the honesty warning. */
      introduceCampaign: () => {},
      /** After an aside (help, contacts): the question again, or only a short hint once finished. */
      reprompt: () => {},
      /** Delete everything stored about this unit. */
      forgetData: () => {},
      /** Show the materials list for the unit's type (or all types, before it is known). */
      showChecklist: () => {},
      /** Show the reviewing bureau's phone (or every bureau's, before the area is known). */
      showContacts: () => {},
      /** A form starts: what it is for. */
      formIntro: () => {},
      /** A form is complete: its dates, what to do next, and its PDF. */
      formResult: () => {},
    },
    guards: {
      oneCampaign: () => campaigns.length === 1,
      knownCampaign: (_, params: { campaignId: string | undefined }) => campaigns.some((c) => c.id === params.campaignId),
      outOfScope: ({ context }) => position(context).excludedBy !== undefined,
      done: ({ context }) => position(context).next === undefined,
      accepts: ({ context, event }) => accepts(context, event, false),
      acceptsEdit: ({ context, event }) => accepts(context, event, true),
      canGoBack: ({ context }) => backTarget(context, false) !== undefined,
      canGoFurtherBack: ({ context }) => context.editOrigin === 'back' && backTarget(context, true) !== undefined,
      fromReview: ({ context }) => context.editOrigin === 'review',
      canSkip: ({ context }) => findStep(campaignOf(context), askedId(context, false) ?? '')?.optional === true,
      reviewPick: ({ context, event }) => picked(context, event) !== undefined,
      editable: ({ context, event }) =>
        event.type === 'user.edit' && answeredInOrder(context).some((s) => s.id === event.questionId),
      confirmed: ({ event }) => event.type === 'user.answer' && CONFIRM.has(event.input.normalize('NFKC').trim().toLowerCase()),
      pendingForget: ({ context }) => context.pending === 'forget',
      hasCampaign: ({ context }) => context.campaignId !== null,
      staleRev: ({ context, event }) => event.type === 'user.answer' && event.rev !== undefined && event.rev !== context.rev,
      formAvailable: ({ context, event }) => event.type === 'user.form' && context.campaignId !== null && findForm(campaignOf(context), event.formId) !== undefined,
      acceptsForm: ({ context, event }) => event.type === 'user.answer' && !formStale(context, event) && parseForm(context, event.input)?.result.ok === true,
      canSkipForm: ({ context }) => formAt(context)?.position.next?.optional === true,
      canGoBackInForm: ({ context }) => (formAt(context)?.position.answered ?? 0) > 0,
      formDone: ({ context }) => formAt(context)?.position.next === undefined,
      severalCampaigns: () => campaigns.length > 1,
      otherCampaign: ({ context, event }) =>
        event.type === 'user.start' && event.campaignId !== undefined && event.campaignId !== context.campaignId && campaigns.some((c) => c.id === event.campaignId),
    },
  }).createMachine({
    id: 'conversation',
    context: emptyContext(),
    initial: 'welcome',
    on: {
      'user.help': { actions: ['help', 'reprompt'] },
      'user.status': { actions: ['prompt'] },
      'user.start': [
        // A link to another campaign: that one, with this one's answers kept for later.
        { guard: 'otherCampaign', target: '.route', actions: [assign(({ context, event }) => switchTo(context, (event as { campaignId: string }).campaignId)), 'introduceCampaign'] },
        { actions: [{ type: 'say', params: { key: 'conversation.welcomeBack' } }, 'prompt'] },
      ],
      'user.switch': [
        { guard: and(['severalCampaigns', 'hasCampaign']), target: '.choosingCampaign', actions: assign({ rev: ({ context }) => context.rev + 1 }) },
        { actions: [{ type: 'say', params: { key: 'conversation.onlyOneCampaign' } }, 'reprompt'] },
      ],
      'user.form': [
        {
          guard: 'formAvailable',
          target: '.formRoute',
          actions: [
            assign(({ context, event }) => {
              const id = (event as { formId: string }).formId;
              const form = findForm(campaignOf(context), id);
              const kept = context.forms[id] ?? {};
              // A form completed before starts afresh; one left half way goes on where it stopped.
              const done = form !== undefined && Object.keys(kept).length > 0 && formPosition(campaignOf(context), form, kept, clock()).next === undefined;
              return { form: id, forms: { ...context.forms, [id]: done ? {} : kept }, rev: context.rev + 1, editing: null, editOrigin: null };
            }),
            'formIntro',
          ],
        },
        { actions: [{ type: 'say', params: { key: 'form.unavailable' } }, 'reprompt'] },
      ],
      'user.checklist': { actions: ['showChecklist', 'reprompt'] },
      'user.reminders': [
        {
          guard: 'hasCampaign',
          actions: [
            assign({ remindersPaused: ({ event }) => event.type === 'user.reminders' && event.paused }),
            { type: 'say', params: ({ event }) => ({ key: event.type === 'user.reminders' && event.paused ? 'reminders.paused' : 'reminders.resumed' }) },
            'reprompt',
          ],
        },
        { actions: [{ type: 'say', params: { key: 'reminders.nothingYet' } }, 'reprompt'] },
      ],
      'user.contact': { actions: ['showContacts', 'reprompt'] },
      // Asking to confirm bumps the revision, so a confirm button from an earlier request cannot fire.
      'user.restart': { guard: 'hasCampaign', target: '.confirming', actions: assign({ pending: 'restart', rev: ({ context }) => context.rev + 1 }) },
      'user.forget': { target: '.confirming', actions: assign({ pending: 'forget', rev: ({ context }) => context.rev + 1 }) },
      'user.review': { guard: 'hasCampaign', target: '.reviewing' },
      // Asking and editing handle skip themselves; elsewhere there is no question to skip.
      'user.skip': { actions: [{ type: 'say', params: { key: 'conversation.nothingToSkip' } }, 'reprompt'] },
      'user.edit': [
        {
          guard: 'editable',
          target: '.editing',
          actions: assign({ editing: ({ event }) => (event.type === 'user.edit' ? event.questionId : null), editOrigin: 'review' }),
        },
        { actions: [{ type: 'say', params: { key: 'conversation.cannotEdit' } }, 'reprompt'] },
      ],
      'user.continue': { guard: 'hasCampaign', target: '.route', actions: assign({ editing: null, editOrigin: null, form: null }) },
      // 返回 shows the previous question with its answer, which stays until a new one is given.
      'user.back': [
        { guard: 'canGoBack', target: '.editing', actions: assign(({ context }) => goBack(context, false)) },
        { actions: [{ type: 'say', params: { key: 'conversation.nothingToGoBackTo' } }, 'prompt'] },
      ],
    },
    states: {
      welcome: {
        on: {
          '*': [
            {
              // Arrived by a roster invitation: the unit's name, code and area are filled in, shown, and can be changed.
              guard: ({ event }) => event.type === 'user.start' && event.invite !== undefined && campaigns.some((c) => c.id === event.invite?.campaignId),
              target: 'route',
              actions: [
                assign(({ event }) => {
                  const invite = (event as { invite: Invitation }).invite;
                  const fields = (campaigns.find((c) => c.id === invite.campaignId) as Campaign).unitFields;
                  // A campaign without such questions (a bare checklist) keeps none of them.
                  const given: [string | undefined, string][] = [[fields.name, invite.name], [fields.creditCode, invite.creditCode], [fields.area, invite.area]];
                  return { campaignId: invite.campaignId, answers: Object.fromEntries(given.filter(([id]) => id !== undefined)) };
                }),
                'welcome',
                'introduceCampaign',
                { type: 'say', params: ({ event }) => ({ key: 'conversation.invited', params: (event as { invite: Invitation }).invite }) },
              ],
            },
            {
              guard: { type: 'knownCampaign', params: ({ event }) => ({ campaignId: event.type === 'user.start' ? event.campaignId : undefined }) },
              target: 'route',
              actions: [
                assign({ campaignId: ({ event }) => (event.type === 'user.start' ? event.campaignId ?? null : null) }),
                'welcome',
                'introduceCampaign',
              ],
            },
            {
              guard: 'oneCampaign',
              target: 'route',
              actions: [assign({ campaignId: campaigns[0]?.id ?? null }), 'welcome', 'introduceCampaign'],
            },
            { target: 'choosingCampaign', actions: 'welcome' },
          ],
        },
      },
      choosingCampaign: {
        entry: 'prompt',
        on: {
          'user.answer': [
            rejectStale,
            // The same campaign again: back to it as it was.
            { guard: ({ context, event }) => campaignByInput(campaigns, event.input)?.id === context.campaignId, target: 'route', actions: assign({ rev: ({ context }) => context.rev + 1 }) },
            {
              guard: ({ event }) => campaignByInput(campaigns, event.input) !== undefined,
              target: 'route',
              actions: [assign(({ context, event }) => switchTo(context, campaignByInput(campaigns, event.input)?.id as string)), 'introduceCampaign'],
            },
            { actions: [{ type: 'say', params: { key: 'conversation.chooseCampaignAgain' } }, 'prompt'] },
          ],
          'user.start': [
            { guard: 'otherCampaign', target: 'route', actions: [assign(({ context, event }) => switchTo(context, event.campaignId as string)), 'introduceCampaign'] },
            { guard: ({ context, event }) => event.campaignId !== undefined && event.campaignId === context.campaignId, target: 'route' },
            { actions: 'prompt' },
          ],
          'user.back': [{ guard: 'hasCampaign', target: 'route' }, { actions: 'prompt' }],
        },
      },
      /** Transient: decides the mode from the answers. */
      route: {
        always: [...leaveChecklist, { target: 'asking' }],
      },
      // An answer stays in this state (no exit, no entry, no pass through `route`: the cheapest XState step),
      // and these eventless transitions leave it when that answer ends the checklist or puts the unit out of scope.
      asking: {
        entry: 'prompt',
        always: leaveChecklist,
        on: {
          'user.answer': [
            rejectStale,
            { guard: 'accepts', actions: [assign(({ context, event }) => recordAnswer(context, event, false)), 'prompt'] },
            { actions: [{ type: 'say', params: ({ context, event }) => rejection(context, event, false) }, 'prompt'] },
          ],
          'user.skip': [
            {
              guard: 'canSkip',
              actions: [
                assign(({ context }) => {
                  const id = askedId(context, false) as string;
                  return { answers: frozenAnswers({ ...context.answers, [id]: null }), rev: context.rev + 1 };
                }),
                'prompt',
              ],
            },
            { actions: [{ type: 'say', params: { key: 'answer.notSkippable' } }, 'prompt'] },
          ],
        },
      },
      editing: {
        entry: 'prompt',
        on: {
          'user.answer': [
            rejectStale,
            // "改5" while changing answer 3 picks answer 5: a review command is never taken for an answer.
            {
              guard: 'reviewPick',
              target: 'editing',
              reenter: true,
              actions: assign({ editing: ({ context, event }) => picked(context, event)?.id ?? null, editOrigin: 'review' }),
            },
            { guard: 'acceptsEdit', target: 'route', actions: assign(({ context, event }) => recordAnswer(context, event, true)) },
            { actions: [{ type: 'say', params: ({ context, event }) => rejection(context, event, true) }, 'prompt'] },
          ],
          'user.back': [
            { guard: 'fromReview', target: 'reviewing', actions: assign({ editing: null, editOrigin: null }) },
            { guard: 'canGoFurtherBack', target: 'editing', reenter: true, actions: assign(({ context }) => goBack(context, true)) },
            { actions: [{ type: 'say', params: { key: 'conversation.nothingToGoBackTo' } }, 'prompt'] },
          ],
          // 跳过 while changing an answer keeps the answer as it is.
          'user.skip': [
            { guard: 'fromReview', target: 'reviewing', actions: assign({ editing: null, editOrigin: null }) },
            { target: 'route', actions: assign({ editing: null, editOrigin: null }) },
          ],
        },
      },
      reviewing: {
        entry: 'prompt',
        on: {
          'user.answer': [
            rejectStale,
            {
              guard: 'reviewPick',
              target: 'editing',
              actions: assign({ editing: ({ context, event }) => picked(context, event)?.id ?? null, editOrigin: 'review' }),
            },
            { actions: [{ type: 'say', params: { key: 'conversation.reviewPickAgain' } }, 'prompt'] },
          ],
          'user.back': { target: 'route' },
        },
      },
      finished: {
        entry: 'prompt',
        on: {
          'user.answer': [rejectStale, { actions: [{ type: 'say', params: { key: 'conversation.finishedHint' } }] }],
        },
      },
      outOfScope: {
        entry: 'prompt',
        on: {
          'user.answer': [rejectStale, { actions: [{ type: 'say', params: { key: 'conversation.outOfScopeHint' } }, 'prompt'] }],
        },
      },
      confirming: {
        entry: 'prompt',
        // However the unit leaves (confirm, cancel, review…), the confirm buttons must not answer anything later.
        exit: assign({ pending: null, rev: ({ context }) => context.rev + 1 }),
        on: {
          'user.answer': [
            rejectStale,
            { guard: and(['confirmed', 'pendingForget']), target: 'forgotten', actions: 'forgetData' },
            {
              guard: 'confirmed',
              target: 'route',
              actions: [
                assign(({ context }) => ({ ...emptyContext(context.campaignId, context.rev + 1) })),
                { type: 'say', params: { key: 'conversation.restarted' } },
              ],
            },
            ...cancel,
          ],
          'user.back': cancel,
        },
      },
      /** A side conversation: its own questions, then its dates and PDF; 返回 goes back a question or leaves it. */
      form: {
        entry: 'prompt',
        on: {
          'user.answer': [
            rejectStale,
            {
              guard: 'acceptsForm',
              target: 'formRoute',
              actions: assign(({ context, event }) => {
                const parsed = parseForm(context, (event as { input: string }).input);
                return parsed?.result.ok ? setFormAnswer(context, parsed.step.id, parsed.result.value) : {};
              }),
            },
            {
              actions: [
                {
                  type: 'say',
                  params: ({ context, event }) => {
                    if (event.type !== 'user.answer') return { key: 'answer.empty' };
                    if (formStale(context, event)) return { key: 'conversation.stale' };
                    const parsed = parseForm(context, event.input);
                    return parsed && !parsed.result.ok ? parsed.result.error : { key: 'answer.empty' };
                  },
                },
                'prompt',
              ],
            },
          ],
          'user.skip': [
            { guard: 'canSkipForm', target: 'formRoute', actions: assign(({ context }) => setFormAnswer(context, formAt(context)?.position.next?.id as string, null)) },
            { actions: [{ type: 'say', params: { key: 'answer.notSkippable' } }, 'prompt'] },
          ],
          'user.back': [
            {
              guard: 'canGoBackInForm',
              target: 'form',
              reenter: true,
              actions: assign(({ context }) => {
                const at = formAt(context);
                const last = at ? previousAnswered(at.position) : undefined;
                const kept = { ...(context.forms[context.form as string] ?? {}) };
                if (last) delete kept[last.id];
                return { forms: { ...context.forms, [context.form as string]: kept }, rev: context.rev + 1 };
              }),
            },
            { target: 'route', actions: [assign({ form: null }), { type: 'say', params: { key: 'form.left' } }] },
          ],
        },
      },
      /** Transient: the next question of the form, or its result. */
      formRoute: {
        always: [
          { guard: 'formDone', target: 'route', actions: ['formResult', assign({ form: null })] },
          { target: 'form' },
        ],
      },
      /** Everything was deleted; the service stores nothing for this state. */
      forgotten: { type: 'final', entry: { type: 'say', params: { key: 'conversation.forgotten' } } },
    },
  });
}
