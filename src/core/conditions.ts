/**
 * Evaluating the campaign's data predicates against a unit's answers.
 * A comparison with an unanswered (or skipped) question is false, so rules fire only on what the unit said.
 */
import type { Condition, Expr } from './campaign.ts';

/** A unit's answers by question id; `null` marks a question the unit skipped. */
export type AnswerValue = string | number | boolean;
export type Answers = Readonly<Record<string, AnswerValue | null>>;

/** What a yes/no question holds when the unit answered 不知道 / 不确定: neither yes nor no, a thing to verify. */
export const UNKNOWN = 'unknown';

/** Looks up an option's numeric value (for `optionValue` expressions). */
export type OptionValueOf = (questionId: string, code: string) => number | undefined;

/** What a condition is evaluated against besides the answers: option values and the region's date today. */
export type EvalContext = {
  optionValue: OptionValueOf;
  /** The campaign's local calendar date, `YYYY-MM-DD`, for `after` conditions. */
  today: string;
};

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
  if ('divide' in expr) {
    const [a, b] = [evalExpr(expr.divide, answers, optionValue), evalExpr(expr.by, answers, optionValue)];
    return a === undefined || b === undefined || b === 0 ? undefined : a / b;
  }
  const v = evalExpr(expr.of, answers, optionValue);
  return v === undefined ? undefined : v * expr.times;
}

export function holds(cond: Condition, answers: Answers, ctx: EvalContext): boolean {
  if ('all' in cond) return cond.all.every((c) => holds(c, answers, ctx));
  if ('any' in cond) return cond.any.some((c) => holds(c, answers, ctx));
  if ('not' in cond) return !holds(cond.not, answers, ctx);
  if ('after' in cond) return ctx.today > cond.after;
  const value = answers[cond.q];
  const present = value !== undefined && value !== null;
  if ('answered' in cond) return present === cond.answered;
  if (!present) return false;
  if ('eq' in cond) return value === cond.eq;
  if ('in' in cond) return cond.in.includes(value);
  const cmp = comparison(cond);
  if (!cmp || typeof value !== 'number') return false;
  const bound = evalExpr(cmp[1], answers, ctx.optionValue);
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

/**
 * Three-valued `holds`: undefined when the outcome depends on a question that is still `open` (may yet be
 * answered). Lets the engine count the questions that may still come, and a blank checklist keep a
 * material that may apply ("20 staff or more") instead of dropping it.
 */
export function mayHold(cond: Condition, answers: Answers, open: (id: string) => boolean, ctx: EvalContext): boolean | undefined {
  if ('all' in cond || 'any' in cond) {
    const parts = 'all' in cond ? cond.all : cond.any;
    const decisive = !('all' in cond);
    let result: boolean | undefined = !decisive;
    for (const part of parts) {
      const v = mayHold(part, answers, open, ctx);
      if (v === decisive) return decisive;
      if (v === undefined) result = undefined;
    }
    return result;
  }
  if ('not' in cond) {
    const v = mayHold(cond.not, answers, open, ctx);
    return v === undefined ? undefined : !v;
  }
  return conditionRefs(cond).some(open) ? undefined : holds(cond, answers, ctx);
}

/** The question ids a condition reads. */
export function conditionRefs(cond: Condition | undefined, out: string[] = []): string[] {
  if (!cond) return out;
  if ('all' in cond) cond.all.forEach((c) => conditionRefs(c, out));
  else if ('any' in cond) cond.any.forEach((c) => conditionRefs(c, out));
  else if ('not' in cond) conditionRefs(cond.not, out);
  else if ('after' in cond) return out;
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
  else if ('divide' in expr) {
    exprRefs(expr.divide, out);
    exprRefs(expr.by, out);
  } else exprRefs(expr.of, out);
  return out;
}

/** Whether a condition reads the clock (`after`): the campaign lint tries such rules on both sides of the date. */
export function readsClock(cond: Condition | undefined): boolean {
  if (!cond) return false;
  if ('after' in cond) return true;
  if ('all' in cond) return cond.all.some(readsClock);
  if ('any' in cond) return cond.any.some(readsClock);
  if ('not' in cond) return readsClock(cond.not);
  return false;
}
