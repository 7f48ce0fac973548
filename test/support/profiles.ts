/**
 * Builds complete answer sets for test profiles: the given answers, and for every other question the
 * first telling value that raises no finding, no rating rule and no exclusion (a compliant unit).
 */
import type { Campaign } from '../../src/core/campaign.ts';
import { evalExpr, holds, type AnswerValue, type Answers } from '../../src/core/conditions.ts';
import { assess, type Step } from '../../src/core/engine.ts';
import { stepOptions } from '../../src/core/answer.ts';
import { t } from '../../src/core/text.ts';

/** Inside the Changji review window (2025-03-10 09:00 in Changji): the default clock of the profiles. */
export const IN_WINDOW = new Date('2025-03-10T01:00:00Z');
/** After the window closed (2025-06-02 in Changji): the lateness question is asked. */
export const AFTER_WINDOW = new Date('2025-06-02T02:00:00Z');

/** Values a unit might give `step`: every option, or a few telling ones (a number at and past its maximum…). */
export function candidates(campaign: Campaign, answers: Answers, step: Step, now: Date): AnswerValue[] {
  const a = assess(campaign, answers, now);
  switch (step.kind) {
    case 'yesno': return [true, false];
    case 'choice':
    case 'area': return stepOptions(a, step).map((o) => o.code);
    case 'credit_code': return ['91350100M000100Y43'];
    case 'text': return ['昌吉市某某有限公司'];
    case 'phone': return ['13800138000'];
    case 'date': return [a.ctx.today];
    case 'number': {
      const max = step.max === undefined ? undefined : evalExpr(step.max, a.relevant, a.ctx.optionValue);
      const optionValues = campaign.questions.flatMap((q) => q.options?.map((o) => o.value) ?? []).filter((v): v is number => v !== undefined);
      return [...(max !== undefined ? [max] : []), 0, 8, 20, 36, ...optionValues.map((v) => v + 100), 5000];
    }
  }
}

function clean(campaign: Campaign, answers: Record<string, AnswerValue | null>, step: Step, now: Date): boolean {
  const a = assess(campaign, answers, now);
  // A value the question refuses (0 dispatched workers) is no answer at all.
  if (!(step.id in a.relevant)) return false;
  if (step.findings.some((f) => holds(f.when, a.relevant, a.ctx))) return false;
  // Only rules this answer newly triggers count: an earlier given answer may already have triggered some.
  const { [step.id]: _, ...rest } = answers;
  const before = assess(campaign, rest, now);
  if ((campaign.rating?.rules ?? []).some((r) => holds(r.when, a.relevant, a.ctx) && !holds(r.when, before.relevant, before.ctx))) return false;
  return !campaign.exclusions.some((e) => holds(e.when, a.relevant, a.ctx));
}

/** Answers every applicable question: `given` where it says, a compliant value elsewhere (materials: ready). */
export function completeAnswers(campaign: Campaign, given: Answers, now: Date = IN_WINDOW): Record<string, AnswerValue | null> {
  const answers: Record<string, AnswerValue | null> = {};
  for (let guard = 0; guard < 500; guard++) {
    const step = assess(campaign, { ...answers }, now).next;
    if (!step) return answers;
    if (step.id in given) {
      answers[step.id] = given[step.id] ?? null;
      continue;
    }
    if (step.material) {
      answers[step.id] = true;
      continue;
    }
    const options = candidates(campaign, { ...answers }, step, now);
    const valid = options.filter((v) => step.id in assess(campaign, { ...answers, [step.id]: v }, now).relevant);
    answers[step.id] = valid.find((v) => clean(campaign, { ...answers, [step.id]: v }, step, now)) ?? valid[0] ?? null;
  }
  throw new Error('completeAnswers did not finish');
}

/** The profiles the engine, conversation and channel tests share. */
export const PROFILES = {
  /** A compliant small enterprise in 阜康市. */
  enterpriseA: { unit_type: 'enterprise', area: 'fukang', staff: 12, part_time_staff: 0, retirees: 0, uses_dispatch: false },
  /** Sanctioned once in 2024: B. */
  enterpriseB: { unit_type: 'enterprise', area: 'qitai', staff: 25, part_time_staff: 0, retirees: 0, uses_dispatch: false, sanctions_2024: 1 },
  /** On the wage-arrears blacklist in 2024: C. */
  enterpriseC: { unit_type: 'enterprise', area: 'changji_city', staff: 40, part_time_staff: 0, retirees: 0, uses_dispatch: false, blacklist: true },
  /** An organ at prefecture level with no staff in labour relations. */
  organ: { unit_type: 'organ', area: 'prefecture_level', staff: 0, part_time_staff: 0, retirees: 0, uses_dispatch: false },
} satisfies Record<string, Answers>;

/** What a person would type for an answer: 是/否/不确定, the option's label, the number, 跳过 for a skip. */
export function typedAnswer(campaign: Campaign, answers: Answers, step: Step, value: AnswerValue | null, now: Date = IN_WINDOW): string {
  if (value === null) return '跳过';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (step.kind === 'yesno' && value === 'unknown') return '不确定';
  if (step.kind === 'choice' || step.kind === 'area') {
    return stepOptions(assess(campaign, answers, now), step).find((o) => o.code === value)?.label ?? String(value);
  }
  return String(value);
}

/** The lines a unit types to give these answers, in the order the conversation asks. */
export function typedConversation(campaign: Campaign, answers: Record<string, AnswerValue | null>, now: Date = IN_WINDOW): string[] {
  const given: Record<string, AnswerValue | null> = {};
  const lines: string[] = [];
  for (let step = assess(campaign, { ...given }, now).next; step; step = assess(campaign, { ...given }, now).next) {
    if (!(step.id in answers)) throw new Error(`no answer for ${step.id}`);
    const value = answers[step.id] ?? null;
    lines.push(typedAnswer(campaign, { ...given }, step, value, now));
    given[step.id] = value;
  }
  return lines;
}

/** The summary line each profile ends with: its grade, or (organs) that no grade is given. */
export function gradeLine(profile: keyof typeof PROFILES): string {
  const grades = { enterpriseA: 'A', enterpriseB: 'B', enterpriseC: 'C' } as const;
  return profile === 'organ' ? t('summary.noGrade', { text: '', source: '' }).split('。')[0] as string : t('summary.grade', { grade: grades[profile] });
}

/** A small Wenshui food company, not sanctioned: what the Wenshui tests start from. */
export const WENSHUI_SHOP = { unit_name: '文水县某某食品有限公司', unit_type: 'enterprise', area: 'wenshui', legal_rep: '张三', staff: 12, sanctions: 0 } satisfies Answers;
/** The same company sanctioned three times (a C), with the record a C's publication prints. */
export const WENSHUI_PUBLISHED_C = {
  ...WENSHUI_SHOP,
  credit_code: '91652300MA0000001Y',
  sanctions: 3,
  last_penalty_date: '2024-11-05',
  penalty_number: '文人社监罚字〔2024〕7号',
  violation: '未与职工订立书面劳动合同',
  penalty_result: null,
} satisfies Answers;
