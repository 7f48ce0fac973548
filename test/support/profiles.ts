/**
 * Builds complete answer sets for test profiles: the given answers, and for every other question the
 * first telling value that raises no finding, no rating rule and no exclusion (a compliant unit).
 */
import type { Campaign } from '../../src/core/campaign.ts';
import { evalExpr, holds, type AnswerValue, type Answers } from '../../src/core/conditions.ts';
import { nextQuestion, optionValueOf, relevantAnswers, type Step } from '../../src/core/engine.ts';
import { stepOptions } from '../../src/core/answer.ts';
import { t } from '../../src/core/text.ts';

function candidates(campaign: Campaign, answers: Answers, step: Step): AnswerValue[] {
  const ov = optionValueOf(campaign);
  const relevant = relevantAnswers(campaign, answers);
  switch (step.kind) {
    case 'yesno': return [true, false];
    case 'choice':
    case 'area': return stepOptions(campaign, answers, step).map((o) => o.code);
    case 'credit_code': return ['91350100M000100Y43'];
    case 'text': return ['昌吉市某某有限公司'];
    case 'number': {
      const max = step.max === undefined ? undefined : evalExpr(step.max, relevant, ov);
      const optionValues = campaign.questions.flatMap((q) => q.options?.map((o) => o.value) ?? []).filter((v): v is number => v !== undefined);
      return [...(max !== undefined ? [max] : []), 0, 8, 20, 36, ...optionValues.map((v) => v + 100), 5000];
    }
  }
}

function clean(campaign: Campaign, answers: Record<string, AnswerValue | null>, step: Step): boolean {
  const ov = optionValueOf(campaign);
  const relevant = relevantAnswers(campaign, answers);
  if (step.findings.some((f) => holds(f.when, relevant, ov))) return false;
  // Only rules this answer newly triggers count: an earlier given answer may already have triggered some.
  const before = relevantAnswers(campaign, { ...answers, [step.id]: undefined as never });
  if (campaign.rating.rules.some((r) => holds(r.when, relevant, ov) && !holds(r.when, before, ov))) return false;
  return !campaign.exclusions.some((e) => holds(e.when, relevant, ov));
}

/** Answers every applicable question: `given` where it says, a compliant value elsewhere (materials: ready). */
export function completeAnswers(campaign: Campaign, given: Answers): Record<string, AnswerValue | null> {
  const answers: Record<string, AnswerValue | null> = {};
  for (let guard = 0; guard < 500; guard++) {
    const step = nextQuestion(campaign, answers);
    if (!step) return answers;
    if (step.id in given) {
      answers[step.id] = given[step.id] ?? null;
      continue;
    }
    if (step.material) {
      answers[step.id] = true;
      continue;
    }
    const options = candidates(campaign, answers, step);
    answers[step.id] = options.find((v) => clean(campaign, { ...answers, [step.id]: v }, step)) ?? options[0] ?? null;
  }
  throw new Error('completeAnswers did not finish');
}

/** The profiles the engine, conversation and channel tests share. */
export const PROFILES = {
  /** A compliant small enterprise in 阜康市. */
  enterpriseA: { unit_type: 'enterprise', area: 'fukang', staff: 12, uses_dispatch: false },
  /** Sanctioned once in 2024: B. */
  enterpriseB: { unit_type: 'enterprise', area: 'qitai', staff: 25, uses_dispatch: false, sanctions_2024: 1 },
  /** On the wage-arrears blacklist: C. */
  enterpriseC: { unit_type: 'enterprise', area: 'changji_city', staff: 40, uses_dispatch: false, blacklist: true },
  /** An organ at prefecture level with no staff in labour relations. */
  organ: { unit_type: 'organ', area: 'prefecture_level', staff: 0, uses_dispatch: false },
} satisfies Record<string, Answers>;

/** What a person would type for an answer: 是/否, the option's label, the number, 跳过 for a skip. */
export function typedAnswer(campaign: Campaign, answers: Answers, step: Step, value: AnswerValue | null): string {
  if (value === null) return '跳过';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (step.kind === 'choice' || step.kind === 'area') {
    return stepOptions(campaign, answers, step).find((o) => o.code === value)?.label ?? String(value);
  }
  return String(value);
}

/** The lines a unit types to give these answers, in the order the conversation asks. */
export function typedConversation(campaign: Campaign, answers: Record<string, AnswerValue | null>): string[] {
  const given: Record<string, AnswerValue | null> = {};
  const lines: string[] = [];
  for (let step = nextQuestion(campaign, given); step; step = nextQuestion(campaign, given)) {
    if (!(step.id in answers)) throw new Error(`no answer for ${step.id}`);
    const value = answers[step.id] ?? null;
    lines.push(typedAnswer(campaign, given, step, value));
    given[step.id] = value;
  }
  return lines;
}

/** The summary line each profile ends with: its grade, or (organs) that no grade is given. */
export function gradeLine(profile: keyof typeof PROFILES): string {
  const grades = { enterpriseA: 'A', enterpriseB: 'B', enterpriseC: 'C' } as const;
  return profile === 'organ' ? t('summary.noGrade', { text: '', source: '' }).split('。')[0] as string : t('summary.grade', { grade: grades[profile] });
}
