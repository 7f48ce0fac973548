/**
 * A campaign's side conversations (an objection, a request to repair a grade), run by the same engine as
 * the checklist: a form is walked as a small campaign of its own questions, and its dates are counted from
 * its answers in Chinese working days or calendar months.
 */
import type { Campaign, DateRule, Form, Source } from './campaign.ts';
import { holds, type Answers } from './conditions.ts';
import { assess, type Assessment } from './engine.ts';
import { addMonths, addWorkingDays } from './working-days.ts';

const asCampaign = new WeakMap<Form, Campaign>();

/** The form as a campaign the engine can walk: its questions only, nothing to exclude, no materials. */
export function formCampaign(campaign: Campaign, form: Form): Campaign {
  let derived = asCampaign.get(form);
  if (!derived) {
    derived = { ...campaign, questions: form.questions, materials: [], exclusions: [], forms: [] };
    asCampaign.set(form, derived);
  }
  return derived;
}

export const findForm = (campaign: Campaign, id: string | null | undefined): Form | undefined => campaign.forms.find((f) => f.id === id);

/** The form whose words (or /<id>) the unit typed, if the campaign has one. */
export function formByWord(campaign: Campaign, input: string): Form | undefined {
  const text = input.normalize('NFKC').trim().toLowerCase().replace(/^\//, '');
  return campaign.forms.find((f) => f.id === text || f.words.some((w) => w.normalize('NFKC').toLowerCase() === text));
}

export function formPosition(campaign: Campaign, form: Form, answers: Answers, now: Date): Assessment {
  return assess(formCampaign(campaign, form), answers, now);
}

export type FormDate = { rule: DateRule; date: string; holidaysKnown: boolean };
export type FormResult = { form: Form; dates: FormDate[]; steps: { text: string; source: Source }[] };

/** The dates that follow from a form's answers, and the steps that apply. */
export function formResult(campaign: Campaign, form: Form, answers: Answers, now: Date): FormResult {
  const a = formPosition(campaign, form, answers, now);
  const dates: FormDate[] = [];
  const byId = new Map<string, FormDate>();
  for (const rule of form.dates) {
    if (rule.when && !holds(rule.when, a.relevant, a.ctx)) continue;
    let start: { date: string; holidaysKnown: boolean } | undefined;
    if ('q' in rule.from) {
      const v = a.relevant[rule.from.q];
      if (typeof v === 'string') start = { date: v, holidaysKnown: true };
    } else {
      start = rule.from.rules.map((id) => byId.get(id)).find((d) => d !== undefined);
    }
    if (!start) continue;
    const counted = 'workingDays' in rule.add ? addWorkingDays(start.date, rule.add.workingDays) : { date: addMonths(start.date, rule.add.months), holidaysKnown: true };
    const result = { rule, date: counted.date, holidaysKnown: counted.holidaysKnown && start.holidaysKnown };
    dates.push(result);
    byId.set(rule.id, result);
  }
  const steps = form.steps.filter((s) => !s.when || holds(s.when, a.relevant, a.ctx)).map(({ text, source }) => ({ text, source }));
  return { form, dates, steps };
}
