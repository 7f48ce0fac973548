/**
 * Channel-neutral replies: what the machine's `say` and `prompt` effects mean as text and options.
 * Telegram turns options into buttons, the terminal into numbered lines.
 */
import type { Campaign, Source } from './campaign.ts';
import type { AnswerValue } from './conditions.ts';
import { stepOptions } from './answer.ts';
import { progress, relevantAnswers, steps, type Step } from './engine.ts';
import type { ConversationContext } from './conversation.ts';
import { t } from './text.ts';

export type ReplyOption = { id: string; label: string };

export type Reply =
  | { kind: 'text'; text: string }
  /** Something the unit answers: a question (with its id, for stale-button checks) or a choice among options. */
  | { kind: 'prompt'; text: string; questionId: string | undefined; rev: number; options: ReplyOption[] }
  /** The self-check result; channels may attach the PDF to it. */
  | { kind: 'summary'; text: string };

/** A source as a user reads it: document, article, and a warning when unverified. */
export function formatSource(source: Source): string {
  return `${source.doc}${source.article ? ` ${source.article}` : ''}${source.unverified ? t('source.unverified') : ''}`;
}

/** An answer as the unit gave it: 是/否, the option's label, the number with its unit. */
export function formatAnswer(campaign: Campaign, step: Step, value: AnswerValue | null | undefined, answers: Record<string, AnswerValue | null>): string {
  if (value === null || value === undefined) return t('review.skipped');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (step.kind === 'choice' || step.kind === 'area') {
    return stepOptions(campaign, answers, step).find((o) => o.code === value)?.label ?? String(value);
  }
  return step.kind === 'number' && step.unit ? `${value} ${step.unit}` : String(value);
}

/** The text of one question with its review item and honest progress. */
export function questionPrompt(campaign: Campaign, ctx: ConversationContext, step: Step, editing: boolean): Reply {
  const answers = ctx.answers;
  const header = step.item
    ? t('question.header', { item: step.item, itemTitle: t(`item.${step.item}` as 'item.1') })
    : t('question.headerPhase', { phaseTitle: t(`phase.${step.phase}`) });
  const { answered, applicable } = progress(campaign, answers);
  const options = stepOptions(campaign, answers, step);
  const lines = [header, step.text];
  if (step.hint) lines.push(step.hint);
  if (editing) lines.push(t('question.editing', { current: formatAnswer(campaign, step, answers[step.id], answers) }));
  if (step.kind === 'number') lines.push(t('question.typeNumber', { unit: step.unit ? `（${step.unit}）` : '' }));
  if (step.kind === 'text' || step.kind === 'credit_code') lines.push(t('question.typeText'));
  if (step.optional) lines.push(t('question.optional'));
  lines.push(t('question.progress', { answered, applicable }));
  return { kind: 'prompt', text: lines.join('\n'), questionId: step.id, rev: ctx.rev, options: options.map((o) => ({ id: o.code, label: o.label })) };
}

/** The numbered list of answers the unit can pick from to change one. */
export function reviewText(campaign: Campaign, ctx: ConversationContext): string {
  const relevant = relevantAnswers(campaign, ctx.answers);
  const answered = steps(campaign).filter((s) => s.id in relevant);
  if (answered.length === 0) return t('review.empty');
  const lines = answered.map((s, i) =>
    t('review.line', { n: i + 1, question: s.text.split('\n')[0] ?? s.text, answer: formatAnswer(campaign, s, relevant[s.id], ctx.answers) }),
  );
  return [t('review.title'), ...lines].join('\n');
}
