/**
 * Searches for answers under which a condition holds, to prove every question can be reached (and
 * every finding raised) by some profile. Tries every combination of telling values for the questions
 * the condition transitively reads: each option, yes, no and 不确定, the numbers around every threshold,
 * and, for rules that read the clock, a day on each side of every date the campaign names.
 */
import type { Campaign, Condition } from '../../src/core/campaign.ts';
import { conditionRefs, exprRefs, UNKNOWN, type AnswerValue, type Answers } from '../../src/core/conditions.ts';
import { findStep, steps, type Step } from '../../src/core/engine.ts';

function numbersIn(campaign: Campaign): number[] {
  const found = new Set<number>([0, 1, 2, 3, 19, 20, 25, 100]);
  const visit = (value: unknown): void => {
    if (typeof value === 'number') [value - 1, value, value + 1].forEach((n) => found.add(n));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const s of steps(campaign)) visit([s.when, s.findings.map((f) => f.when)]);
  visit(campaign.materials.map((m) => m.when));
  visit((campaign.rating?.rules ?? []).map((r) => r.when));
  visit(campaign.exclusions.map((e) => e.when));
  campaign.questions.forEach((q) => q.options?.forEach((o) => o.value !== undefined && visit(o.value)));
  return [...found].filter((n) => n >= 0).sort((a, b) => a - b);
}

/** Every `after` date in the campaign's rules. */
function datesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => datesIn(v, out));
  else if (value && typeof value === 'object') {
    const after = (value as { after?: unknown }).after;
    if (typeof after === 'string') out.add(after);
    Object.values(value).forEach((v) => datesIn(v, out));
  }
  return out;
}

/** Moments to try: noon (UTC) on each date the rules name and on the day after, or just the window's start. */
export function clocksFor(campaign: Campaign): Date[] {
  const dates = [...datesIn([campaign.questions, campaign.materials, campaign.rating, campaign.exclusions])];
  if (dates.length === 0) return [new Date(`${campaign.review?.window.start ?? campaign.validity?.from ?? campaign.document.issued}T04:00:00Z`)];
  return dates.flatMap((d) => [new Date(`${d}T04:00:00Z`), new Date(Date.parse(`${d}T04:00:00Z`) + 86_400_000)]);
}

function closure(campaign: Campaign, ids: string[]): Step[] {
  const seen = new Set<string>();
  const queue = [...ids];
  while (queue.length) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = findStep(campaign, id);
    if (!step) continue;
    queue.push(...conditionRefs(step.when));
    for (const e of [step.min, step.max]) if (e !== undefined) queue.push(...exprRefs(e));
  }
  return steps(campaign).filter((s) => seen.has(s.id));
}

function candidates(campaign: Campaign, step: Step, numbers: number[]): AnswerValue[] {
  switch (step.kind) {
    case 'yesno': return [true, false, UNKNOWN];
    case 'choice': return (step.options ?? []).map((o) => o.code);
    case 'area': return campaign.areas.map((a) => a.id);
    case 'number': return numbers;
    case 'credit_code': return ['91350100M000100Y43'];
    case 'text': return ['测试单位'];
    case 'phone': return ['13800138000'];
    case 'date': return ['2025-04-29'];
  }
}

/**
 * Answers (and a moment) under which `test` passes, trying every combination over the questions `ids`
 * need; undefined if none.
 */
export function findAnswers(
  campaign: Campaign,
  ids: string[],
  test: (answers: Answers, now: Date) => boolean,
  limit = 200_000,
): { answers: Answers; now: Date } | undefined {
  const vars = closure(campaign, ids);
  const numbers = numbersIn(campaign);
  const domains = vars.map((s) => candidates(campaign, s, numbers));
  const clocks = clocksFor(campaign);
  const answers: Record<string, AnswerValue> = {};
  let tried = 0;
  const search = (i: number): { answers: Answers; now: Date } | undefined => {
    if (tried > limit) return undefined;
    if (i === vars.length) {
      for (const now of clocks) {
        tried++;
        if (test({ ...answers }, now)) return { answers: { ...answers }, now };
      }
      return undefined;
    }
    const step = vars[i] as Step;
    for (const value of domains[i] ?? []) {
      answers[step.id] = value;
      const found = search(i + 1);
      if (found) return found;
    }
    delete answers[step.id];
    return search(i + 1); // also try with this question unanswered
  };
  return search(0);
}

export type { Condition };
