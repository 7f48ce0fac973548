/**
 * The review engine: a checklist, not a flowchart. The answers are the truth; what to ask next,
 * how far along the unit is and where it stands are all computed from them, so changing an earlier
 * answer re-derives everything and questions that stop applying simply drop out.
 */
import type { Campaign, Material, Question, Source } from './campaign.ts';
import { holds, type Answers } from './conditions.ts';
import { t } from './text.ts';
import { stillValid } from './validate.ts';

/** A question as the unit meets it: a campaign question, or one asking whether a material is ready. */
export type Step = Omit<Question, 'phase'> & { phase: Question['phase'] | 'materials'; material?: Material };

/** Ids of the synthesised "do you have this material?" questions. */
export const materialQuestionId = (materialId: string): string => `has_${materialId}`;

const stepCache = new WeakMap<Campaign, Step[]>();

/** All questions in the order a unit meets them: identity, profile, the items, materials, the record. */
export function steps(campaign: Campaign): Step[] {
  const cached = stepCache.get(campaign);
  if (cached) return cached;
  const byPhase = (phase: Question['phase']) => campaign.questions.filter((q) => q.phase === phase);
  const materialSteps: Step[] = campaign.materials
    .filter((m) => m.ask)
    .map((m) => ({
      id: materialQuestionId(m.id),
      phase: 'materials',
      kind: 'yesno',
      text: t('material.question', { name: m.name, detail: m.detail ? t('material.detail', { detail: m.detail }) : '' }),
      when: m.when,
      optional: true,
      checks: [],
      findings: [],
      source: m.source,
      material: m,
    }));
  const all = [
    ...byPhase('identity'),
    ...byPhase('profile'),
    ...byPhase('items'),
    ...materialSteps,
    ...byPhase('record'),
  ];
  stepCache.set(campaign, all);
  return all;
}

export function findStep(campaign: Campaign, id: string): Step | undefined {
  return steps(campaign).find((s) => s.id === id);
}

/** Reads an option's numeric value, for `optionValue` expressions. */
export function optionValueOf(campaign: Campaign) {
  return (questionId: string, code: string): number | undefined =>
    findStep(campaign, questionId)?.options?.find((o) => o.code === code)?.value;
}

/** The exclusion that puts this unit out of the campaign's scope, if any. */
export function exclusion(campaign: Campaign, answers: Answers) {
  return walk(campaign, answers).excludedBy;
}

/** The questions that apply to this unit given its answers so far (none past an exclusion). */
export function applicableSteps(campaign: Campaign, answers: Answers): Step[] {
  return walk(campaign, answers).applicable;
}

/** Only the answers to questions that still apply: what every derived figure is computed from. */
export function relevantAnswers(campaign: Campaign, answers: Answers): Answers {
  return walk(campaign, answers).relevant;
}

/**
 * One pass in question order. A question applies when its condition holds on the answers to the
 * questions before it that still apply (rules only look back, the campaign lint makes sure), so an
 * answer left behind by a branch the unit has since left never counts. An exclusion ends the walk.
 */
function walk(campaign: Campaign, answers: Answers) {
  const ov = optionValueOf(campaign);
  const applicable: Step[] = [];
  const relevant: Record<string, Answers[string]> = {};
  for (const step of steps(campaign)) {
    if (step.when && !holds(step.when, relevant, ov)) continue;
    applicable.push(step);
    if (!(step.id in answers)) continue;
    const value = answers[step.id] ?? null;
    // An answer an earlier change has made wrong counts as unanswered, so it is asked again.
    if (!stillValid(campaign, step, value, relevant, ov)) continue;
    relevant[step.id] = value;
    const excludedBy = campaign.exclusions.find((e) => holds(e.when, relevant, ov));
    if (excludedBy) return { applicable, relevant, excludedBy };
  }
  return { applicable, relevant, excludedBy: undefined };
}

/** The first applicable question without an answer, or undefined when the checklist is done (or out of scope). */
export function nextQuestion(campaign: Campaign, answers: Answers): Step | undefined {
  if (exclusion(campaign, answers)) return undefined;
  const { applicable, relevant } = walk(campaign, answers);
  return applicable.find((s) => !(s.id in relevant));
}

/**
 * The answer BACK takes away: the last one that still counts before the current question, in question
 * order (after the last question: the last answer). Order, not history, so that going back after an
 * edit from the review never removes an answer the unit cannot see.
 */
export function previousAnswered(campaign: Campaign, answers: Answers): Step | undefined {
  const { applicable, relevant } = walk(campaign, answers);
  const current = applicable.findIndex((s) => !(s.id in relevant));
  const before = current === -1 ? applicable : applicable.slice(0, current);
  return before.reverse().find((s) => s.id in relevant);
}

/** Answered / applicable: honest even when branches change. */
export function progress(campaign: Campaign, answers: Answers): { answered: number; applicable: number } {
  const { applicable, relevant } = walk(campaign, answers);
  return { answered: applicable.filter((s) => s.id in relevant).length, applicable: applicable.length };
}

export type { Source };
