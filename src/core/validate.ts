/**
 * Whether a value is a valid answer to a step given the other answers: checked when it is typed and
 * again whenever an earlier answer changes, since a later answer can become wrong (25 contracts when
 * staff is now 3; 州直单位 when the unit is now an enterprise). An answer no longer valid is asked again.
 */
import type { Campaign } from './campaign.ts';
import { evalExpr, holds, UNKNOWN, type Answers, type AnswerValue, type EvalContext } from './conditions.ts';
import { fill, type TextKey, type TextParams } from './text.ts';

/** A message id and its values: the channel renders it with `t()`. */
export type Message = { key: TextKey; params?: TextParams };

/** The parts of a step validation needs (campaign questions and synthesised material questions alike). */
type Checked = Pick<Campaign['questions'][number], 'id' | 'kind' | 'options' | 'min' | 'max' | 'checks'>;

/** An answer as the unit's own words in a message: numbers as numbers, everything else as typed. */
export const answerParams = (relevant: Answers): Record<string, string> =>
  Object.fromEntries(Object.entries(relevant).map(([k, v]) => [k, String(v)]));

/** Why a number is not acceptable here, or undefined when it is. */
export function numberProblem(step: Checked, value: number, relevant: Answers, ctx: EvalContext): Message | undefined {
  // The campaign's own messages first: they say why in the unit's terms ("more than your staff").
  const withValue = { ...relevant, [step.id]: value };
  for (const check of step.checks) {
    if (!holds(check.rule, withValue, ctx)) {
      return { key: 'answer.checkFailed', params: { message: fill(check.message, { ...answerParams(relevant), value }) } };
    }
  }
  const min = step.min === undefined ? undefined : evalExpr(step.min, relevant, ctx.optionValue);
  const max = step.max === undefined ? undefined : evalExpr(step.max, relevant, ctx.optionValue);
  if (min !== undefined && value < min) return { key: 'answer.belowMin', params: { min } };
  if (max !== undefined && value > max) return { key: 'answer.aboveMax', params: { max } };
  return undefined;
}

/** The area ids offered given the answers so far (e.g. 州直单位 only to organs, institutions, groups). */
export function offeredAreas(campaign: Campaign, relevant: Answers, ctx: EvalContext): string[] {
  return campaign.areas.filter((a) => !a.when || holds(a.when, relevant, ctx)).map((a) => a.id);
}

/** Whether a stored answer (null = skipped) still stands given the earlier answers. */
export function stillValid(campaign: Campaign, step: Checked, value: AnswerValue | null, relevant: Answers, ctx: EvalContext): boolean {
  if (value === null) return true;
  switch (step.kind) {
    case 'yesno': return typeof value === 'boolean' || value === UNKNOWN;
    case 'choice': return step.options?.some((o) => o.code === value) ?? false;
    case 'area': return typeof value === 'string' && offeredAreas(campaign, relevant, ctx).includes(value);
    case 'number': return typeof value === 'number' && numberProblem(step, value, relevant, ctx) === undefined;
    case 'text':
    case 'credit_code':
    case 'phone': return typeof value === 'string';
    case 'date': return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }
}
