/**
 * The review engine: a checklist, not a flowchart. The answers are the truth; what to ask next,
 * how far along the unit is and where it stands are all computed from them, so changing an earlier
 * answer re-derives everything and questions that stop applying simply drop out.
 *
 * One walk over the checklist (`assess`) yields everything a turn needs; it is cached per answers object,
 * so the machine's guards, the prompt and the staff index of one turn share a single walk.
 */
import type { Campaign, Material, Question, Source } from './campaign.ts';
import { holds, mayHold, type Answers, type EvalContext } from './conditions.ts';
import { fill, t } from './text.ts';
import { answerParams, stillValid } from './validate.ts';

/** A question as the unit meets it: a campaign question, or one asking whether a material is ready. */
export type Step = Omit<Question, 'phase'> & { phase: Question['phase'] | 'materials'; material?: Material };

/** Ids of the synthesised "do you have this material?" questions. */
export const materialQuestionId = (materialId: string): string => `has_${materialId}`;

/** The phases in the order a unit meets them. */
export const STEP_PHASES = ['identity', 'profile', 'items', 'materials', 'record', 'contact'] as const;

type Compiled = {
  steps: Step[];
  byId: Map<string, Step>;
  optionValue: EvalContext['optionValue'];
  /** Whether any step has a condition: without one, no walk needs to know which questions are still open. */
  conditional: boolean;
};
const compiled = new WeakMap<Campaign, Compiled>();

function compile(campaign: Campaign): Compiled {
  const cached = compiled.get(campaign);
  if (cached) return cached;
  const materialSteps: Step[] = campaign.materials
    .filter((m) => m.ask)
    .map((m) => ({
      id: materialQuestionId(m.id),
      phase: 'materials',
      kind: 'yesno',
      text: t('material.question', { name: m.name, detail: m.detail ? t('material.detail', { detail: m.detail }) : '' }),
      why: t('material.why', { name: m.name }),
      when: m.when,
      optional: true,
      checks: [],
      findings: [],
      source: m.source,
      material: m,
    }));
  const steps = STEP_PHASES.flatMap((phase): Step[] => (phase === 'materials' ? materialSteps : campaign.questions.filter((q) => q.phase === phase)));
  const byId = new Map(steps.map((s) => [s.id, s]));
  const optionValue = (questionId: string, code: string) => byId.get(questionId)?.options?.find((o) => o.code === code)?.value;
  const result = { steps, byId, optionValue, conditional: steps.some((s) => s.when !== undefined) };
  compiled.set(campaign, result);
  return result;
}

/** All questions in the order a unit meets them: identity, profile, the items, materials, the record, contact. */
export function steps(campaign: Campaign): Step[] {
  return compile(campaign).steps;
}

export function findStep(campaign: Campaign, id: string): Step | undefined {
  return compile(campaign).byId.get(id);
}

/** Reads an option's numeric value, for `optionValue` expressions. */
export function optionValueOf(campaign: Campaign): EvalContext['optionValue'] {
  return compile(campaign).optionValue;
}

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` by day number since the epoch: a turn asks for today's date many times (every guard's walk). */
const dates = new Map<number, string>();

/** The campaign's local calendar date at `now`, `YYYY-MM-DD` (days are counted in the region's days). */
export function localDate(campaign: Campaign, now: Date): string {
  const day = Math.floor((now.getTime() + campaign.utcOffsetHours * 3_600_000) / DAY_MS);
  let date = dates.get(day);
  if (date === undefined) {
    if (dates.size > 1000) dates.clear();
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dates.set(day, date);
  }
  return date;
}

/** What conditions are evaluated against at `now`. */
export function evalContext(campaign: Campaign, now: Date): EvalContext {
  return { optionValue: optionValueOf(campaign), today: localDate(campaign, now) };
}

/** Where a unit stands in the checklist: the result of one walk over its answers. */
export type Assessment = {
  campaign: Campaign;
  ctx: EvalContext;
  /** The questions that apply given the answers so far, in order (none past an exclusion). */
  applicable: Step[];
  /** Only the answers to questions that still apply: what every derived figure is computed from. */
  relevant: Answers;
  excludedBy: Campaign['exclusions'][number] | undefined;
  /** The first applicable question without an answer; undefined when the checklist is done or out of scope. */
  next: Step | undefined;
  /** Applicable questions answered (a skip or 不确定 counts as an answer). */
  answered: number;
  /**
   * At most this many questions are left, the current one included: those that apply or may still apply
   * once earlier questions are answered. It only shrinks as the unit answers, so it never lies by growing.
   */
  remaining: number;
};

/** `copy` is what an answers object held when its walk was made; none for a frozen one, which cannot change. */
type CacheEntry = { today: string; copy: [string, Answers[string]][] | undefined; assessment: Assessment };
const cache = new WeakMap<Campaign, WeakMap<Answers, CacheEntry>>();

/** Whether `answers` still holds exactly what it held when the entry was made (callers may mutate their objects). */
const unchanged = (answers: Answers, copy: CacheEntry['copy']) =>
  copy === undefined || (Object.keys(answers).length === copy.length && copy.every(([k, v]) => answers[k] === v));

/**
 * Answers that will never change: the conversation freezes every answers object it makes, so a walk is made
 * once per answer and then trusted by every caller of the turn (guards, prompt, index) without comparing again.
 */
export function frozenAnswers<T extends Answers>(answers: T): T {
  return Object.freeze(answers);
}

/** The unit's position: one walk per answers object (and day), shared by every caller that passes it. */
export function assess(campaign: Campaign, answers: Answers, now: Date): Assessment {
  const ctx = evalContext(campaign, now);
  let byAnswers = cache.get(campaign);
  if (!byAnswers) cache.set(campaign, (byAnswers = new WeakMap()));
  const hit = byAnswers.get(answers);
  if (hit && hit.today === ctx.today && unchanged(answers, hit.copy)) return hit.assessment;
  const assessment = walk(campaign, answers, ctx);
  byAnswers.set(answers, { today: ctx.today, copy: Object.isFrozen(answers) ? undefined : Object.entries(answers), assessment });
  return assessment;
}

/**
 * One pass in question order. A question applies when its condition holds on the answers to the
 * questions before it that still apply (rules only look back, the campaign lint makes sure), so an
 * answer left behind by a branch the unit has since left never counts. An exclusion ends the walk.
 */
function walk(campaign: Campaign, answers: Answers, ctx: EvalContext): Assessment {
  const { steps, conditional } = compile(campaign);
  const exclusions = campaign.exclusions;
  const applicable: Step[] = [];
  const relevant: Record<string, Answers[string]> = {};
  // Questions that may still be answered: unanswered ones that apply or may apply (only conditions ask).
  const open = conditional ? new Set<string>() : undefined;
  const isOpen = (id: string) => open?.has(id) === true;
  let next: Step | undefined;
  let answered = 0;
  let remaining = 0;
  let excludedBy: Assessment['excludedBy'];
  for (const step of steps) {
    const applies = !step.when || holds(step.when, relevant, ctx);
    if (applies) applicable.push(step);
    const value = answers[step.id];
    // An answer an earlier change has made wrong counts as unanswered, so it is asked again.
    if (applies && value !== undefined && stillValid(campaign, step, value, relevant, ctx)) {
      relevant[step.id] = value;
      answered++;
      for (const e of exclusions) {
        if (holds(e.when, relevant, ctx)) {
          excludedBy = e;
          break;
        }
      }
      if (excludedBy) break;
      continue;
    }
    if (applies) {
      next ??= step;
      open?.add(step.id);
      remaining++;
    } else if (step.when && mayHold(step.when, relevant, isOpen, ctx) === undefined) {
      open?.add(step.id);
      remaining++;
    }
  }
  if (excludedBy) return { campaign, ctx, applicable, relevant, excludedBy, next: undefined, answered, remaining: 0 };
  return { campaign, ctx, applicable, relevant, excludedBy, next, answered, remaining };
}

/**
 * The answered question before `beforeId` in question order (before the current question when absent;
 * after the last question: the last answer). Order, not history, so that going back after an edit from
 * the review never lands on an answer the unit cannot see.
 */
export function previousAnswered(a: Assessment, beforeId?: string): Step | undefined {
  const limit = beforeId ?? a.next?.id;
  const at = limit === undefined ? -1 : a.applicable.findIndex((s) => s.id === limit);
  const before = at === -1 ? a.applicable : a.applicable.slice(0, at);
  for (let i = before.length - 1; i >= 0; i--) if ((before[i] as Step).id in a.relevant) return before[i];
  return undefined;
}

/** A question's text as this unit reads it: earlier answers filled in ("在这 12 名全日制职工中"). */
export function questionText(a: Assessment, step: Step): string {
  return step.text.includes('{') ? fill(step.text, answerParams(a.relevant)) : step.text;
}

/** The answered questions in the order the unit met them (what the review lists). */
export function answeredSteps(a: Assessment): Step[] {
  return a.applicable.filter((s) => s.id in a.relevant);
}

export type { Source };
