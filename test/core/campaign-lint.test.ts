/**
 * Lints every campaign file: schema, unique ids, known references. That every rule can fire is proved by
 * search in campaign-reach.test.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaigns, findCampaign } from '../../flows/index.ts';
import { Campaign, zoneOffsetHours } from '../../src/core/campaign.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';

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

/**
 * Each reference rule of the schema, broken one at a time in a copy of a real campaign: the message names
 * what is wrong and where, and the untouched campaign passes.
 */
describe('every reference rule, one at a time', () => {
  const changji = findCampaign('changji-2024') as Campaign;
  const wenshui = findCampaign('wenshui-2022') as Campaign;
  const NOPE = { q: 'nope', answered: true } as const;
  type Draft = Record<string, any>;
  const issues = (base: Campaign, edit: (c: Draft) => void) => {
    const draft = structuredClone(base) as Draft;
    edit(draft);
    const r = Campaign.safeParse(draft);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  const q = (c: Draft, id: string) => (c.questions as Draft[]).find((x) => x.id === id) as Draft;
  const form = (c: Draft, id: string) => (c.forms as Draft[]).find((f) => f.id === id) as Draft;

  it('the campaigns as they are, and a bare checklist, raise nothing', () => {
    expect(issues(changji, () => {})).toEqual([]);
    expect(issues(wenshui, () => {})).toEqual([]);
    expect(issues(checklistCampaign(numberedQuestions(3)), () => {})).toEqual([]);
  });

  const c = changji;
  const w = wenshui;
  const cases: [string, Campaign, (d: Draft) => void, string][] = [
    ['a duplicate material', c, (d) => d.materials.push(d.materials[0]), `duplicate material id "${c.materials[0]?.id}"`],
    ['a duplicate bureau', c, (d) => d.bureaus.push(d.bureaus[0]), `duplicate bureau id "${c.bureaus[0]?.id}"`],
    ['a duplicate area', c, (d) => d.areas.push(d.areas[0]), `duplicate area id "${c.areas[0]?.id}"`],
    ['a duplicate finding', c, (d) => q(d, 'contracts_signed').findings.push(q(d, 'contracts_signed').findings[0]), 'duplicate finding id "contracts_missing"'],
    ['a duplicate rating rule', c, (d) => d.rating.rules.push(d.rating.rules[0]), `duplicate rating rule id "${c.rating?.rules[0]?.id}"`],
    ['a duplicate glossary term', c, (d) => d.glossary.push(d.glossary[0]), `duplicate glossary term id "${c.glossary[0]?.term}"`],
    ['a duplicate form', w, (d) => d.forms.push(d.forms[0]), `duplicate form id "${w.forms[0]?.id}"`],
    ['an area of an unknown bureau', c, (d) => (d.areas[0].bureau = 'nope'), `area ${c.areas[0]?.id} names unknown bureau "nope"`],
    ['an area offered on an unknown question', c, (d) => (d.areas[0].when = NOPE), `area ${c.areas[0]?.id} names unknown question "nope"`],
    ['a bound read from a later question', c, (d) => (q(d, 'staff').max = { ref: 'contracts_signed' }), 'question staff bounds looks at "contracts_signed", which is not asked before it'],
    ['a lower bound read from an unknown question', c, (d) => (q(d, 'staff').min = { ref: 'nope' }), 'question staff bounds names unknown question "nope"'],
    ['a check on an unknown question', c, (d) => (q(d, 'contracts_signed').checks[0].rule = { all: [q(d, 'contracts_signed').checks[0].rule, NOPE] }), 'question contracts_signed check names unknown question "nope"'],
    ['a finding on an unknown question', c, (d) => (q(d, 'contracts_signed').findings[0].when = NOPE), 'finding contracts_missing names unknown question "nope"'],
    ['options on a yes/no question', c, (d) => (q(d, 'uses_dispatch').options = [{ code: 'x', label: 'x' }]), 'question uses_dispatch: options go with kind choice only'],
    ['a choice with no options', c, (d) => (q(d, 'unit_type').options = []), 'question unit_type: options go with kind choice only'],
    ['a unit field on an unknown question', c, (d) => (d.unitFields.address = 'nope'), 'unitFields names unknown question "nope"'],
    ['the area field on a question of another kind', c, (d) => (d.unitFields.area = 'staff'), 'unitFields.area must be a question of kind area'],
    ['the unit type field on a question of another kind', c, (d) => (d.unitFields.unitType = 'staff'), 'unitFields.unitType must be a question of kind choice'],
    ['an area question with no areas', c, (d) => (d.areas = []), 'a question of kind area needs areas to offer'],
    ['a rating reference on an unknown question', c, (d) => (d.rating.reference.when = NOPE), 'rating.reference names unknown question "nope"'],
    ['a rating caveat on an unknown question', c, (d) => (d.rating.caveats[0].when = NOPE), `rating caveat ${c.rating?.caveats[0]?.id} names unknown question "nope"`],
    ['a revision asking an unknown question again', c, (d) => d.revisions[0].reask.push('nope'), `revision ${c.revisions[0]?.version} names unknown question "nope"`],
    ['a material on an unknown question', c, (d) => (d.materials[0].when = NOPE), `material ${c.materials[0]?.id} names unknown question "nope"`],
    ['an exclusion on an unknown question', c, (d) => (d.exclusions[0].when = NOPE), `exclusion ${c.exclusions[0]?.id} names unknown question "nope"`],
    ['a rating rule on an unknown question', c, (d) => (d.rating.rules[0].when = NOPE), `rating rule ${c.rating?.rules[0]?.id} names unknown question "nope"`],
    ['grading applying on an unknown question', c, (d) => (d.rating.appliesWhen = NOPE), 'rating.appliesWhen names unknown question "nope"'],
    ['grading for some units with nothing to tell the others', c, (d) => delete d.rating.notApplicable, 'rating.appliesWhen needs rating.notApplicable: what ungraded units are told'],
    ['consequences without rating rules', w, (d) => delete d.rating, 'consequences need rating rules: a campaign without them grades nothing'],
    ['disclosure without rating rules', w, (d) => delete d.rating, 'disclosure needs rating rules: a campaign without them grades nothing'],
    ['a consequence on an unknown question', w, (d) => (d.consequences[0].when = NOPE), `consequence 1 (${w.consequences[0]?.grade}) names unknown question "nope"`],
    ['a disclosed field from an unknown question', w, (d) => (d.disclosure.fields.find((f: Draft) => f.from).from = 'nope'), `disclosure field ${w.disclosure?.fields.find((f) => f.from)?.label} names unknown question "nope"`],
    ['a form with a duplicate question', w, (d) => form(d, 'objection').questions.push(form(d, 'objection').questions[0]), 'form objection: duplicate question ids'],
    ['a form question looking forward', w, (d) => (form(d, 'objection').questions[0].when = { q: 'other_departments', answered: true }), `form objection: question ${form(w as Draft, 'objection').questions[0].id} looks at "other_departments", which is not asked before it`],
    ['a form question on an unknown question', w, (d) => (form(d, 'objection').questions[1].when = NOPE), `form objection: question ${form(w as Draft, 'objection').questions[1].id} names unknown question "nope"`],
    ['a form question with findings', w, (d) => (form(d, 'objection').questions[0].findings = q(d, 'uses_dispatch')?.findings ?? [{ id: 'x', when: NOPE, severity: 'advice', problem: 'p', fix: 'f', basis: [{ doc: 'd' }] }]), `form objection: question ${form(w as Draft, 'objection').questions[0].id} has findings (forms raise none)`],
    ['a duplicate date rule', w, (d) => form(d, 'objection').dates.push(form(d, 'objection').dates[0]), 'form objection: duplicate date rule "answer_by_own"'],
    ['a date rule on an unknown question', w, (d) => (form(d, 'objection').dates[0].when = NOPE), 'form objection: date answer_by_own names unknown question "nope"'],
    ['a date counted from an unknown question', w, (d) => (form(d, 'objection').dates[0].from = { q: 'nope' }), 'form objection: date answer_by_own names unknown question "nope"'],
    ['a date counted from a question that is no date', w, (d) => (form(d, 'objection').dates[0].from = { q: 'other_departments' }), 'form objection: date answer_by_own counts from "other_departments", which is not a date question'],
    ['a date counted from a later date rule', w, (d) => form(d, 'objection').dates.reverse(), 'form objection: date platform_by counts from "answer_by_own", which is not an earlier date rule'],
    ['a date counted from itself', w, (d) => (form(d, 'objection').dates[2].from = { rules: ['platform_by'] }), 'form objection: date platform_by counts from "platform_by", which is not an earlier date rule'],
    ['a form step on an unknown question', w, (d) => (form(d, 'repair').steps[1].when = NOPE), 'form repair: step 2 names unknown question "nope"'],
  ];
  it.each(cases)('refuses %s', (_what, base, edit, message) => {
    expect(issues(base, edit)).toContain(message);
  });

  it('a form\'s date from an earlier rule, and a question looking back, are fine', () => {
    expect(issues(w, (d) => (form(d, 'objection').questions[1].when = { q: form(d, 'objection').questions[0].id, answered: true }))).toEqual([]);
    expect(issues(c, (d) => (q(d, 'staff').max = { ref: 'unit_type' }))).toEqual([]);
  });
});

describe('reminders keep to the day and to the campaign\'s clock', () => {
  const changji = findCampaign('changji-2024') as Campaign;
  const parse = (reminders: Record<string, unknown>, edit: (c: Record<string, any>) => void = () => {}) => {
    const draft = { ...structuredClone(changji), reminders: { ...changji.reminders, ...reminders } };
    edit(draft);
    const r = Campaign.safeParse(draft);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it.each(['08:00', '20:59', '10:00'])('sends at %s', (at) => expect(parse({ at })).toEqual([]));
  it.each(['07:59', '21:00', '23:30', '00:00'])('never at %s', (at) => expect(parse({ at })).toEqual(['reminders.at must be between 08:00 and 20:59 (never at night)']));
  it('refuses a time zone away from the campaign\'s offset on its deadline, naming both', () => {
    expect(parse({ timeZone: 'Europe/London' })).toEqual([
      `reminders.timeZone Europe/London is not at UTC+8 (utcOffsetHours) on the deadline (or the date the document is in force to)`,
    ]);
    expect(parse({}, (d) => (d.utcOffsetHours = -5))).toEqual([expect.stringContaining('is not at UTC-5 (utcOffsetHours)')]);
    expect(parse({ timeZone: 'Asia/Shanghai' }, (d) => (d.utcOffsetHours = 0))).toEqual([expect.stringContaining('is not at UTC+0 (utcOffsetHours)')]);
    expect(parse({ timeZone: 'Nowhere/Atlantis' })).toEqual([expect.stringContaining('reminders.timeZone Nowhere/Atlantis is not at UTC+8')]);
  });
  it('reads the offset on the deadline: London is UTC+1 in summer and UTC+0 in winter', () => {
    const summer = (d: Record<string, any>) => {
      d.utcOffsetHours = 1;
      d.review.window.end = '2025-07-01';
    };
    expect(parse({ timeZone: 'Europe/London' }, summer)).toEqual([]);
    expect(parse({ timeZone: 'Europe/London' }, (d) => { summer(d); d.review.window.end = '2025-12-01'; })).toHaveLength(1);
  });
  it.each([
    ['Asia/Shanghai', '2025-05-30', 8],
    ['UTC', '2025-05-30', 0],
    ['America/New_York', '2025-01-15', -5],
    ['America/New_York', '2025-07-15', -4],
    ['Asia/Kolkata', '2025-05-30', 5.5],
    ['Asia/Kathmandu', '2025-05-30', 5.75],
    ['America/St_Johns', '2025-01-15', -3.5],
  ])('%s is at UTC%s on %s', (zone, day, hours) => expect(zoneOffsetHours(zone, new Date(`${day}T12:00:00Z`))).toBe(hours));
  it('knows no offset for a zone that does not exist', () => expect(zoneOffsetHours('Nowhere/Atlantis', new Date())).toBeUndefined());
});
