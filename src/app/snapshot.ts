/**
 * Persisted conversations: `{ schemaVersion, campaignId, campaignVersion, rev }` beside the machine's
 * state and context, checked with zod on the way in. Restoring never throws: a snapshot that cannot be
 * restored comes back as a reason the user is told.
 */
import { z } from 'zod';
import type { Campaign } from '../core/campaign.ts';
import { RESTING_STATES, carriedAnswers, emptyContext, type ConversationContext, type createConversationMachine } from '../core/conversation.ts';
import { assess, frozenAnswers } from '../core/engine.ts';
import { findForm } from '../core/forms.ts';

/**
 * 3: the context holds forms (异议, 修复) and the answers of other campaigns the unit started (`parked`);
 * 2: it records where a change started (`editOrigin`). Older snapshots are read and upgraded.
 */
export const SCHEMA_VERSION = 3;

const AnswerValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const PersistedConversation = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  campaignId: z.string().nullable(),
  campaignVersion: z.number().int().nullable(),
  rev: z.number().int().min(0),
  state: z.enum(RESTING_STATES),
  context: z.strictObject({
    campaignId: z.string().nullable(),
    answers: z.record(z.string(), AnswerValue),
    rev: z.number().int().min(0),
    editing: z.string().nullable(),
    editOrigin: z.enum(['review', 'back']).nullable(),
    pending: z.enum(['restart', 'forget']).nullable(),
    remindersPaused: z.boolean().optional(),
    form: z.string().nullable(),
    forms: z.record(z.string(), z.record(z.string(), AnswerValue)),
    parked: z.record(z.string(), z.strictObject({ version: z.number().int(), answers: z.record(z.string(), AnswerValue), remindersPaused: z.boolean().optional() })),
  }),
});
export type PersistedConversation = z.infer<typeof PersistedConversation>;

/** Older snapshot versions, upgraded on load. Version 2 had one campaign and no forms. */
const v2Context = PersistedConversation.shape.context.omit({ form: true, forms: true, parked: true });
const PersistedV2 = PersistedConversation.extend({ schemaVersion: z.literal(2), state: z.enum(RESTING_STATES).exclude(['form']), context: v2Context }).transform(
  (v2): PersistedConversation => ({ ...v2, schemaVersion: SCHEMA_VERSION, context: { ...v2.context, form: null, forms: {}, parked: {} } }),
);
/** Version 1 had no `editOrigin` either: its edits all came from the review. */
const PersistedV1 = PersistedConversation.extend({
  schemaVersion: z.literal(1),
  state: z.enum(RESTING_STATES).exclude(['form']),
  context: v2Context.omit({ editOrigin: true }),
}).transform((v1): PersistedConversation => ({
  ...v1,
  schemaVersion: SCHEMA_VERSION,
  context: { ...v1.context, editOrigin: v1.context.editing ? 'review' : null, form: null, forms: {}, parked: {} },
}));
const Stored = z.union([PersistedConversation, PersistedV2, PersistedV1]);

type Machine = ReturnType<typeof createConversationMachine>;
export type ConversationSnapshot = ReturnType<Machine['resolveState']>;

export function persist(campaigns: readonly Campaign[], snapshot: ConversationSnapshot): PersistedConversation {
  const ctx = snapshot.context;
  const state = snapshot.value as PersistedConversation['state'];
  return {
    schemaVersion: SCHEMA_VERSION,
    campaignId: ctx.campaignId,
    campaignVersion: campaigns.find((c) => c.id === ctx.campaignId)?.version ?? null,
    rev: ctx.rev,
    state,
    context: ctx,
  };
}

export type Restored =
  | { ok: true; snapshot: ConversationSnapshot; migratedFrom: number | undefined }
  | { ok: false; reason: 'unreadable' | 'unknown_campaign' | 'invalid_state' };

/**
 * Restores a stored conversation. From an older campaign version it keeps the answers whose questions
 * still exist and re-asks the rest. Checked before XState sees it: an actor restored into a state that
 * does not exist errors asynchronously and would take the process down.
 */
export function restore(machine: Machine, campaigns: readonly Campaign[], data: string, now: Date): Restored {
  let parsed: PersistedConversation;
  try {
    const result = Stored.safeParse(JSON.parse(data));
    if (!result.success) return { ok: false, reason: 'unreadable' };
    parsed = result.data;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  // Nothing changes answers in place: frozen, a walk over them is made once and trusted afterwards.
  let context: ConversationContext = { ...parsed.context, answers: frozenAnswers(parsed.context.answers) };
  let state = parsed.state;
  let migratedFrom: number | undefined;
  if (context.campaignId !== null) {
    const campaign = campaigns.find((c) => c.id === context.campaignId);
    if (!campaign) return { ok: false, reason: 'unknown_campaign' };
    if (parsed.campaignVersion !== campaign.version) {
      migratedFrom = parsed.campaignVersion ?? undefined;
      context = {
        ...emptyContext(campaign.id, context.rev + 1),
        // A question whose meaning changed since the stored version is asked again, even under the same id.
        answers: carriedAnswers(campaign, { version: parsed.campaignVersion ?? 0, answers: context.answers }),
        parked: context.parked,
      };
      const position = assess(campaign, context.answers, now);
      state = position.excludedBy ? 'outOfScope' : position.next ? 'asking' : 'finished';
    }
    // A form the campaign no longer has: back to the checklist.
    if (state === 'form' && !findForm(campaign, context.form)) {
      const position = assess(campaign, context.answers, now);
      [state, context] = [position.excludedBy ? 'outOfScope' : position.next ? 'asking' : 'finished', { ...context, form: null }];
    }
  } else if (!['welcome', 'choosingCampaign', 'confirming'].includes(state)) {
    return { ok: false, reason: 'invalid_state' };
  }
  try {
    return { ok: true, snapshot: machine.resolveState({ value: state, context }), migratedFrom };
  } catch {
    return { ok: false, reason: 'invalid_state' };
  }
}
