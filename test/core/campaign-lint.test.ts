/**
 * Lints every campaign file: schema, unique ids, known references. That every rule can fire is proved by
 * search in campaign-reach.test.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaigns } from '../../flows/index.ts';
import { Campaign } from '../../src/core/campaign.ts';

describe('flows/', () => {
  it('registers every campaign file in flows/index.ts', () => {
    const files = readdirSync(new URL('../../flows/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBe(campaigns.length);
    expect(new Set(campaigns.map((c) => c.id)).size).toBe(campaigns.length);
  });
});

describe.each(campaigns.map((c) => [c.id, c] as const))('campaign %s', (_id, campaign) => {
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
