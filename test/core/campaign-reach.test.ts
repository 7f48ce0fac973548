/**
 * Every rule of every campaign can fire: each question is reached, each finding raised, each material,
 * rating rule, exclusion and reference note applies, for some profile found by search. An exhaustive
 * search over the data of flows/ (about 30 s): `npm run mutate` leaves this file out, as repeating it
 * for each mutant would take hours, while the engine it drives is tested in engine.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { campaigns } from '../../flows/index.ts';
import { conditionRefs as refsOf, holds } from '../../src/core/conditions.ts';
import { assess, steps } from '../../src/core/engine.ts';
import { findAnswers } from '../support/reachability.ts';

describe.each(campaigns.map((c) => [c.id, c] as const))('campaign %s', (_id, campaign) => {
  const applies = (id: string) => (a: Record<string, unknown>, now: Date) => assess(campaign, a as never, now).applicable.some((s) => s.id === id);
  const holdsAt = (cond: Parameters<typeof holds>[0]) => (a: Record<string, unknown>, now: Date) => {
    const p = assess(campaign, a as never, now);
    return holds(cond, p.relevant, p.ctx);
  };

  it.each(steps(campaign).map((s) => [s.id] as const))('reaches question %s for some profile', (id) => {
    expect(findAnswers(campaign, [id], applies(id)), `no profile reaches ${id}`).toBeDefined();
  });

  it('can raise every finding', () => {
    for (const step of steps(campaign)) {
      for (const finding of step.findings) {
        const found = findAnswers(campaign, [step.id, ...refsOf(finding.when)], (a, now) => applies(step.id)(a, now) && step.id in a && holdsAt(finding.when)(a, now));
        expect(found, `finding ${finding.id} can never be raised`).toBeDefined();
      }
    }
  });

  it('can need every material and apply every rating rule, exclusion and reference note', () => {
    for (const m of campaign.materials) {
      expect(findAnswers(campaign, refsOf(m.when), (a, now) => !m.when || holdsAt(m.when)(a, now)), m.id).toBeDefined();
    }
    for (const r of [...campaign.rating.rules, ...campaign.exclusions, ...(campaign.rating.reference ? [{ id: 'reference', ...campaign.rating.reference }] : [])]) {
      expect(findAnswers(campaign, refsOf(r.when), holdsAt(r.when)), r.id).toBeDefined();
    }
  });
});
