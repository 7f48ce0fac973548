/** Lints every campaign file: schema, unique ids, known references, and that every rule can fire. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaigns } from '../../flows/index.ts';
import { Campaign } from '../../src/core/campaign.ts';
import { conditionRefs as refsOf, holds } from '../../src/core/conditions.ts';
import { assess, steps } from '../../src/core/engine.ts';
import { formCampaign, formResult } from '../../src/core/forms.ts';
import { findAnswers } from '../support/reachability.ts';

describe('flows/', () => {
  it('registers every campaign file in flows/index.ts', () => {
    const files = readdirSync(new URL('../../flows/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBe(campaigns.length);
    expect(new Set(campaigns.map((c) => c.id)).size).toBe(campaigns.length);
  });
});

describe.each(campaigns.map((c) => [c.id, c] as const))('campaign %s', (_id, campaign) => {
  const applies = (id: string) => (a: Record<string, unknown>, now: Date) => assess(campaign, a as never, now).applicable.some((s) => s.id === id);
  const holdsAt = (cond: Parameters<typeof holds>[0]) => (a: Record<string, unknown>, now: Date) => {
    const p = assess(campaign, a as never, now);
    return holds(cond, p.relevant, p.ctx);
  };

  it('passes the schema with every reference known', () => {
    expect(Campaign.safeParse(campaign).success).toBe(true);
  });

  it.runIf(campaign.review !== undefined)('asks for every one of the 12 review items of its written review', () => {
    const items = new Set(campaign.questions.map((q) => q.item).filter((i) => i !== undefined));
    expect([...items].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('explains every question in plain words (帮助 / 为什么问)', () => {
    expect(campaign.questions.filter((q) => !q.why).map((q) => q.id)).toEqual([]);
  });

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

describe('the campaign schema refuses', () => {
  const base = campaigns[0] as Campaign;
  const withQuestions = (questions: unknown[]) => Campaign.safeParse({ ...base, questions });
  const messages = (r: ReturnType<typeof withQuestions>) => (r.success ? [] : r.error.issues.map((i) => i.message));

  it('a duplicate question id', () => {
    expect(messages(withQuestions([...base.questions, base.questions[0]]))).toContain(`duplicate question id "${base.questions[0]?.id}"`);
  });

  it('a rule naming an unknown question', () => {
    const q = { ...base.questions[1], id: 'extra', when: { q: 'no_such_question', eq: true } };
    expect(messages(withQuestions([...base.questions, q])).join()).toContain('unknown question "no_such_question"');
  });

  it('a rule looking forward at a later question', () => {
    const last = base.questions[base.questions.length - 1];
    const first = { ...base.questions[0], when: { q: last?.id ?? '', answered: true } };
    expect(messages(withQuestions([first, ...base.questions.slice(1)])).join()).toContain('is not asked before it');
  });

  it('a condition written as a string', () => {
    const q = { ...base.questions[1], id: 'extra', when: "staff >= 20" };
    expect(withQuestions([...base.questions, q]).success).toBe(false);
  });

  it('a finding whose numbers read an unknown question', () => {
    const q = { ...base.questions[1], id: 'extra', findings: [{ id: 'x', when: { q: 'extra', answered: true }, severity: 'advice', problem: '{n}', fix: 'f', basis: [{ doc: 'd' }], params: { n: { ref: 'nope' } } }] };
    expect(messages(withQuestions([...base.questions, q])).join()).toContain('unknown question "nope"');
  });
});
