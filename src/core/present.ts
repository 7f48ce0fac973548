/**
 * Channel-neutral replies: what the machine's `say`, `prompt` and `help` effects mean as text and options.
 * Telegram turns options and menus into buttons, the terminal into numbered lines and words to type.
 */
import { menuWords, reviewPickPrefixes } from '../../templates/commands.ts';
import type { Campaign, Source } from './campaign.ts';
import { UNKNOWN, type AnswerValue } from './conditions.ts';
import { stepOptions } from './answer.ts';
import { answeredSteps, questionText, steps, type Assessment, type Step } from './engine.ts';
import { t, type TextKey } from './text.ts';

export type ReplyOption = { id: string; label: string };

export type Reply =
  | { kind: 'text'; text: string }
  /**
   * Something the unit answers: a question (with its id, for stale-button checks) or a choice among options.
   * `menu` holds commands offered beside the options (为什么问, 继续): they are sent as if typed.
   */
  | {
      kind: 'prompt';
      text: string;
      questionId: string | undefined;
      rev: number;
      options: ReplyOption[];
      menu: ReplyOption[];
      /** What a typed answer is (a question's kind), for channels that shape their input to it (the web's keypad). */
      answerKind?: Step['kind'];
    }
  /** The self-check result; channels may attach the PDF to it. */
  | { kind: 'summary'; text: string };

/** A source as a user reads it: document, article, and a warning when unverified. */
export function formatSource(source: Source): string {
  return `${source.doc}${source.article ? ` ${source.article}` : ''}${source.unverified ? t('source.unverified') : ''}`;
}

/** An answer as the unit gave it: 是/否/不确定, the option's label, the number with its unit. */
export function formatAnswer(a: Assessment, step: Step, value: AnswerValue | null | undefined): string {
  if (value === null || value === undefined) return t('review.skipped');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (step.kind === 'yesno' && value === UNKNOWN) return t('unknown');
  if (step.kind === 'choice' || step.kind === 'area') return stepOptions(a, step).find((o) => o.code === value)?.label ?? String(value);
  return step.kind === 'number' && step.unit ? `${value} ${step.unit}` : String(value);
}

/** What a campaign calls a phase: its own word (flows/) or the templates' one. */
export function phaseTitle(campaign: Campaign, phase: Step['phase']): string {
  return (phase !== 'materials' ? campaign.phaseTitles[phase] : undefined) ?? t(`phase.${phase}`);
}

/** Where a question sits in the review: basic information, item x of 12 with its name, materials, the record. */
export function whereInReview(campaign: Campaign, step: Step): string {
  if (step.item && step.phase === 'items') return t('question.header', { item: step.item, itemTitle: t(`item.${step.item}` as TextKey) });
  if (step.phase === 'identity' || step.phase === 'profile') return t('question.headerBasic');
  return t('question.headerPhase', { phaseTitle: phaseTitle(campaign, step.phase) });
}

/** The text of one question with where it sits and how many questions are left at most. */
export function questionPrompt(a: Assessment, rev: number, step: Step, mode: 'asking' | 'review' | 'back'): Reply {
  const options = stepOptions(a, step);
  const lines = [whereInReview(a.campaign, step), questionText(a, step)];
  if (step.hint) lines.push(step.hint);
  if (mode !== 'asking') lines.push(t(mode === 'back' ? 'question.backCurrent' : 'question.editing', { current: formatAnswer(a, step, a.relevant[step.id]) }));
  if (step.kind === 'number') lines.push(t('question.typeNumber', { unit: step.unit ? t('question.unit', { unit: step.unit }) : '' }));
  if (step.kind === 'text' || step.kind === 'credit_code' || step.kind === 'phone') lines.push(t('question.typeText'));
  if (step.optional && mode === 'asking') lines.push(t('question.optional'));
  // The count is shown once the basic profile is known: from then on it only shrinks, a few questions at a time.
  if (step.phase !== 'identity' && step.phase !== 'profile') lines.push(t('question.remaining', { remaining: Math.max(a.remaining, 1) }));
  const menu: ReplyOption[] = [{ id: menuWords.why, label: t('menu.why') }];
  if (mode === 'back') menu.push({ id: menuWords.continue, label: t('menu.keep') }, { id: menuWords.back, label: t('menu.back') });
  if (mode === 'review') menu.push({ id: menuWords.back, label: t('menu.backToReview') });
  return { kind: 'prompt', text: lines.join('\n'), questionId: step.id, rev, options: options.map((o) => ({ id: o.code, label: o.label })), menu, answerKind: step.kind };
}

/** Why a question is asked, in plain words, with its source and the terms it uses. */
export function questionHelp(a: Assessment, step: Step): string {
  const campaign = a.campaign;
  const lines = [t('help.whyTitle'), step.why ?? t('help.whyDefault'), t('help.source', { source: formatSource(step.source) })];
  const said = [step.text, step.hint ?? '', ...(step.options ?? []).map((o) => o.label)].join('\n');
  const terms = campaign.glossary.filter((g) => [g.term, ...g.aliases].some((w) => said.includes(w)));
  if (terms.length) lines.push(t('help.termsTitle'), ...terms.map((g) => t('help.term', { term: g.term, text: g.text, source: formatSource(g.source) })));
  if (step.kind === 'yesno') lines.push(t('help.unsure'));
  lines.push(t('help.commands'));
  return lines.join('\n');
}

/** The numbered list of answers; one is changed by replying 改 and its number, never a bare number. */
export function reviewText(a: Assessment): string {
  const answered = answeredSteps(a);
  if (answered.length === 0) return t('review.empty');
  const lines = answered.map((s, i) => t('review.line', { n: i + 1, question: questionText(a, s).split('\n')[0] ?? '', answer: formatAnswer(a, s, a.relevant[s.id]) }));
  return [t('review.title', { example: `${reviewPickPrefixes[reviewPickPrefixes.length - 1]}${Math.min(3, answered.length)}` }), ...lines].join('\n');
}

/** One section of the review as a map shows it: basic information, each review item, the later phases. */
export type MapSection = {
  /** `basic`, a numbered review `item`, or a phase (`items` for review questions with no item number, as Wenshui's). */
  kind: 'basic' | 'item' | Exclude<Step['phase'], 'identity' | 'profile'>;
  item?: number;
  title: string;
  /** `na`: no question of it applies (known only once the unit has passed it, or finished). */
  state: 'done' | 'current' | 'todo' | 'na';
};

/**
 * The review as a map of sections, for channels that can show it at a glance (the web): which are done,
 * which holds the current question, which are still to come and which do not concern this unit.
 */
export function reviewMap(a: Assessment, current: Step | undefined = a.next): MapSection[] {
  const sectionOf = (s: Step): string => (s.phase === 'identity' || s.phase === 'profile' ? 'basic' : s.phase === 'items' && s.item ? `item:${s.item}` : s.phase);
  const all = steps(a.campaign);
  const keys = [...new Set(all.map(sectionOf))];
  const currentKey = current ? sectionOf(current) : undefined;
  const currentAt = currentKey === undefined ? keys.length : keys.indexOf(currentKey);
  return keys.map((key, at) => {
    const applicable = a.applicable.filter((s) => sectionOf(s) === key);
    const answered = applicable.filter((s) => s.id in a.relevant).length;
    const state: MapSection['state'] =
      key === currentKey ? 'current'
        : applicable.length > 0 && answered === applicable.length && at < currentAt ? 'done'
          : applicable.length === 0 && (at < currentAt || a.excludedBy !== undefined) ? 'na'
            : applicable.length > 0 && answered === applicable.length && a.next === undefined ? 'done'
              : 'todo';
    if (key === 'basic') return { kind: 'basic', title: t('question.headerBasic').replace(/[【】]/g, ''), state };
    if (key.startsWith('item:')) {
      const item = Number(key.slice(5));
      return { kind: 'item', item, title: t(`item.${item}` as TextKey), state };
    }
    const phase = key as Exclude<Step['phase'], 'identity' | 'profile'>;
    return { kind: phase, title: phaseTitle(a.campaign, phase), state };
  });
}
