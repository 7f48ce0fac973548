/**
 * Turning what a unit typed or tapped into an answer value, or a reason to ask again.
 * Accepts what people actually type: an option's number, code or label; 是/否/有/没有/yes/no;
 * full-width digits, thousands separators and a trailing unit ("25人", "2,070元").
 */
import { noWords, numberSuffixes, yesWords } from '../../templates/commands.ts';
import type { Campaign, Option } from './campaign.ts';
import { checkCreditCode } from './credit-code.ts';
import type { Answers, AnswerValue } from './conditions.ts';
import { optionValueOf, relevantAnswers, type Step } from './engine.ts';
import { t, type TextKey, type TextParams } from './text.ts';
import { numberProblem, offeredAreas, type Message } from './validate.ts';

export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; error: Message };

/** Longest input we look at; anything longer is refused before parsing. */
export const MAX_INPUT_LENGTH = 1000;
const DEFAULT_TEXT_LENGTH = 200;

const YES = new Set<string>(yesWords);
const NO = new Set<string>(noWords);
const SUFFIX = new RegExp(`(${numberSuffixes.join('|')})$`, 'i');

/** The options a step offers, in order (areas come from the campaign's area list). */
export function stepOptions(campaign: Campaign, answers: Answers, step: Step): Option[] {
  if (step.kind === 'choice') return step.options ?? [];
  if (step.kind === 'yesno') return [{ code: 'yes', label: t('yes') }, { code: 'no', label: t('no') }];
  if (step.kind === 'area') {
    const offered = new Set(offeredAreas(campaign, relevantAnswers(campaign, answers), optionValueOf(campaign)));
    return campaign.areas.filter((a) => offered.has(a.id)).map((a) => ({ code: a.id, label: a.name }));
  }
  return [];
}

function normalise(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/[。.！!]+$/u, '');
}

function matchOption(campaign: Campaign, options: Option[], input: string, step: Step): Option | undefined {
  const lower = input.toLowerCase();
  const byNumber = /^\d+$/.test(input) ? options[Number(input) - 1] : undefined;
  if (byNumber) return byNumber;
  // Input was NFKC-normalised (full-width brackets became ASCII), so labels are compared the same way.
  const label = (o: Option) => normalise(o.label);
  const direct = options.find((o) => o.code === lower || label(o) === input);
  if (direct) return direct;
  if (step.kind === 'area') {
    const area = campaign.areas.find((a) => a.aliases.some((alias) => normalise(alias) === input));
    if (area) return options.find((o) => o.code === area.id);
  }
  // "企业" for "企业（含中央、自治区驻州企业）", "阜康" for "阜康市": a unique label that starts with what was typed.
  const bare = (o: Option) => label(o).replace(/\(.*$/u, '');
  const starts = options.filter((o) => bare(o) === input || (input.length >= 2 && label(o).startsWith(input)));
  return starts.length === 1 ? starts[0] : undefined;
}

/** Parses raw input for a step against the answers so far. */
export function parseAnswer(campaign: Campaign, answers: Answers, step: Step, raw: string): ParseResult {
  if (raw.length > MAX_INPUT_LENGTH) return fail('answer.inputTooLong');
  const input = normalise(raw);
  if (input === '') return fail('answer.empty');
  switch (step.kind) {
    case 'yesno': {
      const lower = input.toLowerCase();
      if (YES.has(lower)) return { ok: true, value: true };
      if (NO.has(lower)) return { ok: true, value: false };
      return fail('answer.notYesNo');
    }
    case 'choice':
    case 'area': {
      const options = stepOptions(campaign, answers, step);
      const option = matchOption(campaign, options, input, step);
      if (option) return { ok: true, value: option.code };
      return fail('answer.notAnOption', { options: options.map((o, i) => `${i + 1}. ${o.label}`).join('；') });
    }
    case 'number':
      return parseNumber(campaign, answers, step, input);
    case 'credit_code': {
      const result = checkCreditCode(input);
      if (result.ok) return { ok: true, value: result.code };
      if (result.error === 'length') return fail('answer.creditCodeLength', { length: result.length });
      if (result.error === 'chars') return fail('answer.creditCodeChars', { position: result.position, char: result.char });
      return fail('answer.creditCodeCheck', { expected: result.expected });
    }
    case 'text': {
      const max = step.maxLength ?? DEFAULT_TEXT_LENGTH;
      if ([...input].length > max) return fail('answer.tooLong', { max });
      return { ok: true, value: input.replace(/\s+/g, ' ') };
    }
  }
}

function parseNumber(campaign: Campaign, answers: Answers, step: Step, input: string): ParseResult {
  const cleaned = input.replace(/[,，\s]/g, '').replace(step.unit ? new RegExp(`${step.unit}$`) : /$^/, '').replace(SUFFIX, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return fail('answer.notANumber');
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return fail('answer.notANumber');
  if (step.integer && !Number.isInteger(value)) return fail('answer.notInteger');
  const problem = numberProblem(step, value, relevantAnswers(campaign, answers), optionValueOf(campaign));
  if (problem) return { ok: false, error: problem };
  return { ok: true, value };
}

function fail(key: TextKey, params?: TextParams): ParseResult {
  return { ok: false, error: params ? { key, params } : { key } };
}
