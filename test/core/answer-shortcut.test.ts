/**
 * `answerShortcut` against the machine it stands in for: on random walks through every campaign (both review
 * windows, a bare checklist, two campaigns at once), each answer a unit could give in `asking` (every option,
 * typed or pressed, with or without its question and revision, wrong words, stale or foreign buttons) is put
 * to both. Where the shortcut decides, it must decide exactly what XState's transition does (mode, context,
 * status, what is stored, actions); where it declines, the machine decides alone. The walks go on from the
 * shortcut's own snapshots, and now and then from their stored form restored, as the service does. The walks must also reach the turns it declines: the last answer, an exclusion, refusals.
 */
import { describe, expect, it } from 'vitest';
import { campaigns as allCampaigns, findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { answerShortcut, createConversationMachine, type ConversationEvent, type TurnAction } from '../../src/core/conversation.ts';
import { assess, findStep } from '../../src/core/engine.ts';
import { pureTransitions } from '../../src/core/pure-transition.ts';
import { persist, restore } from '../../src/app/snapshot.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';
import { AFTER_WINDOW, IN_WINDOW, candidates, typedAnswer } from '../support/profiles.ts';

/** mulberry32: the same walks on every run, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plain = (actions: TurnAction[]) => actions.map((a) => ({ type: a.type, params: a.params }));

type Tally = { decided: number; declined: number; declinedAccepted: number; outOfScope: number; checked: number };

/** Walks `walks` units through `campaigns` at `now`; every answer event in `asking` is checked both ways. */
function walk(campaigns: readonly Campaign[], now: Date, walks: number, seed: number): Tally {
  const clock = () => now;
  const machine = createConversationMachine(campaigns, clock);
  const pure = pureTransitions(machine);
  const shortcut = answerShortcut(campaigns, clock);
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const tally: Tally = { decided: 0, declined: 0, declinedAccepted: 0, outOfScope: 0, checked: 0 };

  for (let w = 0; w < walks; w++) {
    let [snapshot] = pure.initialTransition();
    [snapshot] = pure.transition(snapshot, { type: 'user.start', campaignId: pick(campaigns).id });
    for (let turn = 0; turn < 200 && snapshot.value !== 'finished' && snapshot.value !== 'outOfScope'; turn++) {
      const ctx = snapshot.context;
      const campaign = campaigns.find((c) => c.id === ctx.campaignId);
      if (!campaign) break;
      const events: ConversationEvent[] = [
        { type: 'user.answer', input: '' },
        { type: 'user.answer', input: '这个我说不清楚啊', typed: true },
        { type: 'user.answer', input: 'x'.repeat(3000), typed: true },
        { type: 'user.answer', input: '是', rev: ctx.rev + 1 },
        { type: 'user.answer', input: '是', rev: Math.max(0, ctx.rev - 1) },
      ];
      let advance: ConversationEvent | undefined;
      const asked = snapshot.value === 'asking' ? assess(campaign, ctx.answers, now).next : undefined;
      if (asked) {
        const step = findStep(campaign, asked.id);
        if (!step) throw new Error(`no step ${asked.id}`);
        const inputs = candidates(campaign, ctx.answers, step, now).map((v) => typedAnswer(campaign, ctx.answers, step, v, now));
        for (const input of inputs) {
          events.push({ type: 'user.answer', input, typed: true });
          events.push({ type: 'user.answer', input, questionId: step.id, rev: ctx.rev });
          events.push({ type: 'user.answer', input, questionId: step.id });
          events.push({ type: 'user.answer', input, rev: ctx.rev });
          events.push({ type: 'user.answer', input, questionId: step.id, rev: ctx.rev + 1 });
          events.push({ type: 'user.answer', input, questionId: 'some_other_question', rev: ctx.rev });
        }
        advance = { type: 'user.answer', input: pick(inputs), questionId: step.id, rev: ctx.rev };
      }
      for (const event of events) {
        const [viaMachine, machineActions] = pure.transition(snapshot, event);
        const viaShortcut = shortcut(snapshot, event);
        tally.checked++;
        if (viaShortcut) {
          tally.decided++;
          expect(snapshot.value).toBe('asking');
          expect(viaShortcut[0].value).toBe(viaMachine.value);
          expect(viaShortcut[0].context).toEqual(viaMachine.context);
          expect(viaShortcut[0].status).toBe(viaMachine.status);
          expect(persist(campaigns, viaShortcut[0])).toEqual(persist(campaigns, viaMachine));
          expect(plain(viaShortcut[1])).toEqual(plain(machineActions));
        } else {
          tally.declined++;
          // An accepted answer the shortcut leaves to the machine: one that ends the checklist (or the scope).
          if (viaMachine.context.rev > ctx.rev && snapshot.value === 'asking') {
            tally.declinedAccepted++;
            expect(['finished', 'outOfScope']).toContain(viaMachine.value);
            if (viaMachine.value === 'outOfScope') tally.outOfScope++;
          }
        }
      }
      // Now and then a side step (返回, the review and back), so that other modes are met too.
      const side = rnd();
      if (!advance || side < 0.08) {
        const detour: ConversationEvent = pick([{ type: 'user.back' }, { type: 'user.review' }, { type: 'user.continue' }, { type: 'user.skip' }]);
        [snapshot] = pure.transition(snapshot, detour);
        if (snapshot.value !== 'asking' && snapshot.value !== 'finished' && snapshot.value !== 'outOfScope') [snapshot] = pure.transition(snapshot, { type: 'user.continue' });
        continue;
      }
      // Go on from the shortcut's own snapshot where it decides (as the service does), now and then from the
      // stored form of it (as after a restart): the machine must take either as its own.
      [snapshot] = shortcut(snapshot, advance) ?? pure.transition(snapshot, advance);
      if (rnd() < 0.2) {
        const restored = restore(machine, campaigns, JSON.stringify(persist(campaigns, snapshot)), now);
        if (!restored.ok) throw new Error(`not restored: ${restored.reason}`);
        snapshot = restored.snapshot;
      }
    }
  }
  return tally;
}

describe('the answer shortcut decides as the machine does', () => {
  const changji = findCampaign('changji-2024') as Campaign;
  const wenshui = findCampaign('wenshui-2022') as Campaign;

  it.each([
    ['changji-2024 in its window', [changji], IN_WINDOW, 4, false],
    ['changji-2024 after its window (the lateness question)', [changji], AFTER_WINDOW, 4, false],
    ['wenshui-2022', [wenshui], IN_WINDOW, 8, true],
    ['every campaign at once', allCampaigns, IN_WINDOW, 6, true],
  ] as const)('%s', (_, campaigns, now, walks, reachesExclusion) => {
    const tally = walk(campaigns, now, walks, 20261201);
    // The walks exercise both sides: most accepted answers go the short way, the last one never does.
    expect(tally.decided).toBeGreaterThan(250);
    expect(tally.declinedAccepted).toBeGreaterThan(0);
    // An answer that puts the unit out of scope (the machine's `outOfScope` guard) is met on these walks.
    if (reachesExclusion) expect(tally.outOfScope).toBeGreaterThan(0);
  });

  it('a bare checklist: every answer but the last goes the short way', () => {
    const checklist = checklistCampaign(numberedQuestions(12));
    const tally = walk([checklist], IN_WINDOW, 10, 7);
    expect(tally.decided).toBeGreaterThan(100);
    expect(tally.declinedAccepted).toBeGreaterThan(0);
  });

  it('declines every event but an answer, and every mode but asking', () => {
    const clock = () => IN_WINDOW;
    const pure = pureTransitions(createConversationMachine([changji], clock));
    const shortcut = answerShortcut([changji], clock);
    let [snapshot] = pure.initialTransition();
    [snapshot] = pure.transition(snapshot, { type: 'user.start' });
    const rev = snapshot.context.rev;
    expect(shortcut(snapshot, { type: 'user.answer', input: '企业', rev })).toBeDefined();
    for (const event of [{ type: 'user.skip' }, { type: 'user.help' }, { type: 'user.status' }, { type: 'user.back' }] as const) {
      expect(shortcut(snapshot, event)).toBeUndefined();
    }
    [snapshot] = pure.transition(snapshot, { type: 'user.review' });
    expect(snapshot.value).toBe('reviewing');
    expect(shortcut(snapshot, { type: 'user.answer', input: '企业', rev: snapshot.context.rev })).toBeUndefined();
  });
});
