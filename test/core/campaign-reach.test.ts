/**
 * Every rule of every campaign can fire: each question is reached, each finding raised, each form question, date and
 * step shows, each material, rating rule, exclusion, consequence and reference note applies, for some profile found by search. An exhaustive
 * search over the data of flows/ (about 30 s): `npm run mutate` leaves this file out, as repeating it
 * for each mutant would take hours, while the engine it drives is tested in engine.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { campaigns } from '../../flows/index.ts';
import { conditionRefs as refsOf, holds } from '../../src/core/conditions.ts';
import { assess, steps } from '../../src/core/engine.ts';
import { formCampaign, formResult } from '../../src/core/forms.ts';
import { findAnswers } from '../support/reachability.ts';

// An exhaustive search: seconds each on a quiet machine, many times that on a loaded one.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

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

  it.each(campaign.forms.map((f) => [f.id, f] as const))('form %s: reaches every question and can count every date and show every step', (_formId, form) => {
    const fc = formCampaign(campaign, form);
    const appliesIn = (id: string) => (a: Record<string, unknown>, now: Date) => assess(fc, a as never, now).applicable.some((s) => s.id === id);
    for (const q of form.questions) expect(findAnswers(fc, [q.id], appliesIn(q.id)), `form ${form.id}: ${q.id}`).toBeDefined();
    const all = form.questions.map((q) => q.id);
    for (const rule of form.dates) {
      const found = findAnswers(fc, all, (a, now) => formResult(campaign, form, a, now).dates.some((d) => d.rule.id === rule.id));
      expect(found, `form ${form.id}: date ${rule.id} is never counted`).toBeDefined();
    }
    for (const [i, step] of form.steps.entries()) {
      const found = findAnswers(fc, all, (a, now) => formResult(campaign, form, a, now).steps.some((s) => s.text === step.text));
      expect(found, `form ${form.id}: step ${i + 1} never shows`).toBeDefined();
    }
  });

  it('can need every material and apply every rating rule, exclusion, consequence and reference note', () => {
    for (const m of campaign.materials) {
      expect(findAnswers(campaign, refsOf(m.when), (a, now) => !m.when || holdsAt(m.when)(a, now)), m.id).toBeDefined();
    }
    const consequences = campaign.consequences.flatMap((c, i) => (c.when ? [{ id: `consequence ${i + 1}`, when: c.when }] : []));
    for (const r of [...(campaign.rating?.rules ?? []), ...campaign.exclusions, ...consequences, ...(campaign.rating?.reference ? [{ id: 'reference', ...campaign.rating.reference }] : [])]) {
      expect(findAnswers(campaign, refsOf(r.when), holdsAt(r.when)), r.id).toBeDefined();
    }
  });
});
