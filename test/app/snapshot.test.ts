/**
 * Stored conversations, read back: the current schema as written, older schemas upgraded, answers carried
 * over from an older campaign version, and every snapshot that cannot be restored turned into a reason
 * (never a throw, never a machine in a state it does not have).
 */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { persist, restore, SCHEMA_VERSION } from '../../src/app/snapshot.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { createConversationMachine, emptyContext } from '../../src/core/conversation.ts';
import { completeAnswers, IN_WINDOW, PROFILES } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const campaigns = [changji, wenshui];
const machine = createConversationMachine(campaigns, () => IN_WINDOW);

const context = (over: Record<string, unknown> = {}) => ({ ...emptyContext(changji.id, 4), answers: { unit_name: '某某公司' }, ...over });
const stored = (over: Record<string, unknown> = {}, ctx: Record<string, unknown> = {}) =>
  JSON.stringify({ schemaVersion: SCHEMA_VERSION, campaignId: changji.id, campaignVersion: changji.version, rev: 4, state: 'asking', context: context(ctx), ...over });

describe('persist and restore', () => {
  it('writes the schema and campaign versions beside the state and context, and reads the same back', () => {
    const restored = restore(machine, campaigns, stored(), IN_WINDOW);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.migratedFrom).toBeUndefined();
    expect(restored.snapshot.value).toBe('asking');
    expect(restored.snapshot.context.answers).toEqual({ unit_name: '某某公司' });
    expect(Object.isFrozen(restored.snapshot.context.answers)).toBe(true);
    const written = persist(campaigns, restored.snapshot);
    expect(written).toMatchObject({ schemaVersion: SCHEMA_VERSION, campaignId: changji.id, campaignVersion: changji.version, rev: 4, state: 'asking' });
    expect(written.context).toBe(restored.snapshot.context);
  });

  it('writes no campaign version before a campaign is chosen', () => {
    const restored = restore(machine, campaigns, stored({ campaignId: null, campaignVersion: null, state: 'choosingCampaign' }, { campaignId: null, answers: {} }), IN_WINDOW);
    expect(restored.ok && persist(campaigns, restored.snapshot).campaignVersion).toBeNull();
  });

  it.each([
    ['not JSON', '{"schemaVersion":'],
    ['JSON of another shape', JSON.stringify({ schemaVersion: SCHEMA_VERSION, state: 'asking' })],
    ['a state the machine does not rest in', stored({ state: 'nowhere' })],
    ['an unknown schema version', stored({ schemaVersion: 99 })],
    ['an answer too long to be one', stored({}, { answers: { unit_name: 'x'.repeat(2001) } })],
  ])('calls %s unreadable', (_label, data) => {
    expect(restore(machine, campaigns, data, IN_WINDOW)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('names a campaign this deployment no longer offers', () => {
    expect(restore(machine, [wenshui], stored(), IN_WINDOW)).toEqual({ ok: false, reason: 'unknown_campaign' });
  });

  it('refuses a question state without a campaign, and keeps the states that need none', () => {
    expect(restore(machine, campaigns, stored({ campaignId: null, state: 'asking' }, { campaignId: null }), IN_WINDOW)).toEqual({ ok: false, reason: 'invalid_state' });
    for (const state of ['welcome', 'choosingCampaign', 'confirming']) {
      const restored = restore(machine, campaigns, stored({ campaignId: null, state }, { campaignId: null, answers: {} }), IN_WINDOW);
      expect(restored.ok && restored.snapshot.value).toBe(state);
    }
  });
});

describe('older snapshots', () => {
  const { form: _form, forms: _forms, parked: _parked, ...v2Context } = context({ editing: 'unit_name', editOrigin: 'back' });
  const { editOrigin: _origin, ...v1Context } = v2Context;

  it('version 2 (one campaign, no forms): read with no form, no forms and nothing parked', () => {
    const restored = restore(machine, campaigns, JSON.stringify({ schemaVersion: 2, campaignId: changji.id, campaignVersion: changji.version, rev: 4, state: 'editing', context: v2Context }), IN_WINDOW);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.snapshot.value).toBe('editing');
    expect(restored.snapshot.context).toMatchObject({ editing: 'unit_name', editOrigin: 'back', form: null, forms: {}, parked: {} });
  });

  it('version 1 (no edit origin): an edit in progress came from the review; none, no origin', () => {
    const editing = restore(machine, campaigns, JSON.stringify({ schemaVersion: 1, campaignId: changji.id, campaignVersion: changji.version, rev: 4, state: 'editing', context: v1Context }), IN_WINDOW);
    expect(editing.ok && editing.snapshot.context).toMatchObject({ editing: 'unit_name', editOrigin: 'review', form: null, forms: {}, parked: {} });
    const asking = restore(machine, campaigns, JSON.stringify({ schemaVersion: 1, campaignId: changji.id, campaignVersion: changji.version, rev: 4, state: 'asking', context: { ...v1Context, editing: null } }), IN_WINDOW);
    expect(asking.ok && asking.snapshot.context.editOrigin).toBeNull();
  });

  it('a form state is not one an old schema could be in', () => {
    expect(restore(machine, campaigns, JSON.stringify({ schemaVersion: 2, campaignId: changji.id, campaignVersion: changji.version, rev: 4, state: 'form', context: v2Context }), IN_WINDOW)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('a campaign that changed since the snapshot', () => {
  it('carries the answers over with a new revision, asks the next question, and says which version it came from', () => {
    const restored = restore(machine, campaigns, stored({ campaignVersion: changji.version - 1, state: 'finished' }, { pending: 'restart', editing: 'unit_name', editOrigin: 'review', parked: { [wenshui.id]: { version: wenshui.version, answers: { unit_name: 'x' } } } }), IN_WINDOW);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.migratedFrom).toBe(changji.version - 1);
    expect(restored.snapshot.value).toBe('asking');
    expect(restored.snapshot.context).toMatchObject({ rev: 5, pending: null, editing: null, editOrigin: null, answers: { unit_name: '某某公司' } });
    expect(restored.snapshot.context.parked).toEqual({ [wenshui.id]: { version: wenshui.version, answers: { unit_name: 'x' } } });
  });

  it('out of scope when an answer excludes the unit (a form gone, back to where the answers lead)', () => {
    const excluded = restore(machine, campaigns, stored({ state: 'form' }, { form: 'no-such-form', answers: { unit_name: '某某小吃店', credit_code: '91350100M000100Y43', unit_type: 'individual', area: 'fukang', staff: 2, part_time_staff: 0 } }), IN_WINDOW);
    expect(excluded.ok && excluded.snapshot.value).toBe('outOfScope');
    expect(excluded.ok && excluded.migratedFrom).toBeUndefined();
  });

  it('a form the campaign no longer has leads back to the checklist', () => {
    const gone = restore(machine, campaigns, stored({ state: 'form' }, { form: 'no-such-form' }), IN_WINDOW);
    expect(gone.ok && gone.snapshot.value).toBe('asking');
    expect(gone.ok && gone.snapshot.context.form).toBeNull();
    const all = completeAnswers(changji, PROFILES.enterpriseA);
    const done = restore(machine, campaigns, stored({ state: 'form' }, { form: 'no-such-form', answers: all }), IN_WINDOW);
    expect(done.ok && done.snapshot.value).toBe('finished');
  });

  it('a form the campaign still has stays open', () => {
    const form = wenshui.forms?.[0]?.id as string;
    const kept = restore(machine, campaigns, stored({ campaignId: wenshui.id, campaignVersion: wenshui.version, state: 'form' }, { campaignId: wenshui.id, answers: {}, form }), IN_WINDOW);
    expect(kept.ok && kept.snapshot.value).toBe('form');
    expect(kept.ok && kept.snapshot.context.form).toBe(form);
  });
});
