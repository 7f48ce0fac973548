/**
 * Evaluating the campaign's data predicates against a unit's answers.
 * A comparison with an unanswered (or skipped) question is false, so rules fire only on what the unit said.
 */
import type { Condition, Expr } from './campaign.ts';

/** A unit's answers by question id; `null` marks a question the unit skipped. */
export type AnswerValue = string | number | boolean;
export type Answers = Readonly<Record<string, AnswerValue | null>>;

/** Looks up an option's numeric value (for `optionValue` expressions). */
export type OptionValueOf = (questionId: string, code: string) => number | undefined;

const COMPARISONS = ['gte', 'gt', 'lte', 'lt'] as const;
type Comparison = (typeof COMPARISONS)[number];

function comparison(cond: Condition): [Comparison, Expr] | undefined {
  for (const op of COMPARISONS) if (op in cond) return [op, (cond as { [k in Comparison]?: Expr })[op] as Expr];
  return undefined;
}

/** The number an expression stands for, or undefined when an answer it needs is missing. */
export function evalExpr(expr: Expr, answers: Answers, optionValue: OptionValueOf): number | undefined {
  if (typeof expr === 'number') return expr;
  if ('ref' in expr) {
    const v = answers[expr.ref];
    return typeof v === 'number' ? v : undefined;
  }
  if ('optionValue' in expr) {
    const v = answers[expr.optionValue];
    return typeof v === 'string' ? optionValue(expr.optionValue, v) : undefined;
  }
  if ('sum' in expr) {
    let total = 0;
    for (const part of expr.sum) {
      const v = evalExpr(part, answers, optionValue);
      if (v === undefined) return undefined;
      total += v;
    }
    return total;
  }
  const v = evalExpr(expr.of, answers, optionValue);
  return v === undefined ? undefined : v * expr.times;
}

export function holds(cond: Condition, answers: Answers, optionValue: OptionValueOf): boolean {
  if ('all' in cond) return cond.all.every((c) => holds(c, answers, optionValue));
  if ('any' in cond) return cond.any.some((c) => holds(c, answers, optionValue));
  if ('not' in cond) return !holds(cond.not, answers, optionValue);
  const value = answers[cond.q];
  const present = value !== undefined && value !== null;
  if ('answered' in cond) return present === cond.answered;
  if (!present) return false;
  if ('eq' in cond) return value === cond.eq;
  if ('in' in cond) return cond.in.includes(value);
  const cmp = comparison(cond);
  if (!cmp || typeof value !== 'number') return false;
  const bound = evalExpr(cmp[1], answers, optionValue);
  if (bound === undefined) return false;
  // Compare in integer hundredths so that 10% of 30 is exactly 3.
  const [a, b] = [Math.round(value * 100), Math.round(bound * 100)];
  switch (cmp[0]) {
    case 'gte': return a >= b;
    case 'gt': return a > b;
    case 'lte': return a <= b;
    case 'lt': return a < b;
  }
}

/** The question ids a condition reads. */
export function conditionRefs(cond: Condition | undefined, out: string[] = []): string[] {
  if (!cond) return out;
  if ('all' in cond) cond.all.forEach((c) => conditionRefs(c, out));
  else if ('any' in cond) cond.any.forEach((c) => conditionRefs(c, out));
  else if ('not' in cond) conditionRefs(cond.not, out);
  else {
    out.push(cond.q);
    const cmp = comparison(cond);
    if (cmp) exprRefs(cmp[1], out);
  }
  return out;
}

/** The question ids an expression reads. */
export function exprRefs(expr: Expr, out: string[] = []): string[] {
  if (typeof expr === 'number') return out;
  if ('ref' in expr) out.push(expr.ref);
  else if ('optionValue' in expr) out.push(expr.optionValue);
  else if ('sum' in expr) expr.sum.forEach((e) => exprRefs(e, out));
  else exprRefs(expr.of, out);
  return out;
}
