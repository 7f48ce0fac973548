/**
 * Turning what a unit typed or tapped into an answer value, or a reason to ask again.
 * Accepts what people actually type: an option's number, code, label or alias; 是/否/不确定 and their
 * everyday variants; full-width digits, thousands separators, Chinese numerals (四个, 二十, 两千零七十),
 * 没有/无 for zero, "大概20" and a trailing unit ("25人", "2,070元").
 */
import { approxPrefixes, approxSuffixes, noWords, numberSuffixes, todayWords, unknownWords, yesterdayWords, yesWords, zeroWords } from '../../templates/commands.ts';
import type { Option } from './campaign.ts';
import { checkCreditCode } from './credit-code.ts';
import { UNKNOWN, type AnswerValue } from './conditions.ts';
import type { Assessment, Step } from './engine.ts';
import { t, type TextKey, type TextParams } from './text.ts';
import { numberProblem, offeredAreas, type Message } from './validate.ts';

export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; error: Message };

/** Longest input we look at; anything longer is refused before parsing. */
export const MAX_INPUT_LENGTH = 1000;
const DEFAULT_TEXT_LENGTH = 200;

const YES = new Set<string>(yesWords);
const NO = new Set<string>(noWords);
const UNKNOWN_WORDS = new Set<string>(unknownWords);
const ZERO = new Set<string>(zeroWords);
const SUFFIX = new RegExp(`(${numberSuffixes.join('|')})$`, 'i');
const APPROX_BEFORE = new RegExp(`^(${approxPrefixes.join('|')})`);
const APPROX_AFTER = new RegExp(`(${approxSuffixes.join('|')})$`);

/** Bidirectional overrides, embeddings and isolates: they make a name read differently from what is stored. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Characters that show nothing: format and control characters, blanks, Hangul and Braille fillers. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}\s\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0\u2800]/gu;
/** Characters that show nothing, dropped from a text answer (they only hide differences between names). */
const ZERO_WIDTH = /[\p{Default_Ignorable_Code_Point}\u00AD]/gu;

/** The options a step offers, in order (yes/no/unsure for yes/no questions; areas from the campaign's list). */
export function stepOptions(a: Assessment, step: Step): Option[] {
  if (step.kind === 'choice') return step.options ?? [];
  if (step.kind === 'yesno') {
    return [
      { code: 'yes', label: t('yes'), aliases: [] },
      { code: 'no', label: t('no'), aliases: [] },
      { code: UNKNOWN, label: t('unknown'), aliases: [] },
    ];
  }
  if (step.kind === 'area') {
    const offered = new Set(offeredAreas(a.campaign, a.relevant, a.ctx));
    return a.campaign.areas.filter((area) => offered.has(area.id)).map((area) => ({ code: area.id, label: area.name, aliases: area.aliases }));
  }
  return [];
}

function normalise(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/[。.！!]+$/u, '');
}

function matchOption(options: Option[], input: string): Option | undefined {
  const lower = input.toLowerCase();
  const byNumber = /^\d+$/.test(input) ? options[Number(input) - 1] : undefined;
  if (byNumber) return byNumber;
  // Input was NFKC-normalised (full-width brackets became ASCII), so labels are compared the same way.
  const label = (o: Option) => normalise(o.label);
  const direct = options.find((o) => o.code === lower || label(o) === input || o.aliases.some((alias) => normalise(alias) === input));
  if (direct) return direct;
  // "企业" for "企业（含中央、自治区驻州企业）", "阜康" for "阜康市": a unique label that starts with what was typed.
  const bare = (o: Option) => label(o).replace(/\(.*$/u, '');
  const starts = options.filter((o) => bare(o) === input || (input.length >= 2 && label(o).startsWith(input)));
  return starts.length === 1 ? starts[0] : undefined;
}

/** Parses raw input for a step against the unit's position. */
export function parseAnswer(a: Assessment, step: Step, raw: string): ParseResult {
  if (raw.length > MAX_INPUT_LENGTH) return fail('answer.inputTooLong');
  const input = normalise(raw);
  if (input === '') return fail('answer.empty');
  switch (step.kind) {
    case 'yesno': {
      const lower = input.toLowerCase();
      if (YES.has(lower)) return { ok: true, value: true };
      if (NO.has(lower)) return { ok: true, value: false };
      if (UNKNOWN_WORDS.has(lower)) return { ok: true, value: UNKNOWN };
      return fail('answer.notYesNo');
    }
    case 'choice':
    case 'area': {
      const options = stepOptions(a, step);
      const option = matchOption(options, input);
      if (option) return { ok: true, value: option.code };
      return fail('answer.notAnOption', { options: options.map((o, i) => t('answer.optionItem', { n: i + 1, label: o.label })).join(t('sep.list')) });
    }
    case 'number':
      return parseNumber(a, step, input);
    case 'credit_code': {
      const result = checkCreditCode(input);
      if (result.ok) return { ok: true, value: result.code };
      // Never hint at the check character: a code that fails is a code to copy again, not to patch.
      if (result.error === 'length') return fail('answer.creditCodeLength', { length: result.length });
      return fail('answer.creditCodeInvalid');
    }
    case 'phone':
      return parsePhone(input);
    case 'date':
      return parseDate(a, step, input);
    case 'text': {
      if (BIDI_CONTROLS.test(input)) return fail('answer.controlChars');
      const text = input.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
      if (text.replace(INVISIBLE, '') === '') return fail('answer.invisibleOnly');
      const max = step.maxLength ?? DEFAULT_TEXT_LENGTH;
      if ([...text].length > max) return fail('answer.tooLong', { max });
      return { ok: true, value: text };
    }
  }
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * 二十 → 20, 十二 → 12, 一百二十 → 120, 两千零七十 → 2070, 三千五 → 3500 (a digit right after a unit is the
 * next place), 一万二 → 12000; undefined for anything else.
 */
export function chineseNumber(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万]+$/u.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  let zeroSeen = false;
  for (const ch of text) {
    if (ch === '零' || ch === '〇') {
      // 两千零七十: a zero only says that a place is empty.
      zeroSeen = true;
    } else if (ch in CN_DIGITS) {
      if (digit !== undefined) return undefined; // 二三: not a number
      digit = CN_DIGITS[ch];
    } else if (ch === '万') {
      if (section === 0 && digit === undefined) return undefined; // 万 with nothing before it: no number
      total += (section + (digit ?? 0)) * 10_000;
      [section, digit, lastUnit, zeroSeen] = [0, undefined, 10_000, false];
    } else {
      const unit = CN_UNITS[ch] as number;
      if (digit === undefined && unit !== 10) return undefined; // 百, 千 need their digit; 十 alone is ten
      section += (digit ?? 1) * unit;
      [digit, lastUnit, zeroSeen] = [undefined, unit, false];
    }
  }
  if (digit !== undefined) section += !zeroSeen && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  return total + section;
}

function parseNumber(a: Assessment, step: Step, input: string): ParseResult {
  let cleaned = input.replace(/[,，\s]/g, '').replace(APPROX_BEFORE, '').replace(APPROX_AFTER, '');
  if (step.unit) cleaned = cleaned.replace(new RegExp(`${step.unit}$`), '');
  cleaned = cleaned.replace(SUFFIX, '').replace(APPROX_AFTER, '');
  let value: number | undefined;
  if (ZERO.has(cleaned)) value = 0;
  else if (/^-?\d+(\.\d+)?$/.test(cleaned)) value = Number(cleaned);
  else if (/^\d+(\.\d+)?[万千]$/u.test(cleaned)) value = Number(cleaned.slice(0, -1)) * (cleaned.endsWith('万') ? 10_000 : 1000);
  else value = chineseNumber(cleaned);
  if (value === undefined || !Number.isFinite(value)) return fail('answer.notANumber');
  if (step.integer && !Number.isInteger(value)) return fail('answer.notInteger');
  const problem = numberProblem(step, value, a.relevant, a.ctx);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value };
}

/** The calendar date `YYYY-MM-DD` for these parts, or undefined when there is no such day. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

/**
 * A date as people write it: 2025-04-29, 2025/4/29, 2025.4.29, 2025年4月29日, 20250429; this year's 4月29日 or
 * 4-29; 今天, 昨天. Stored as `YYYY-MM-DD` on the region's calendar.
 */
function parseDate(a: Assessment, step: Step, input: string): ParseResult {
  const today = a.ctx.today;
  const lower = input.toLowerCase().replace(/\s+/g, '');
  const shift = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
  let date: string | undefined;
  if ((todayWords as readonly string[]).includes(lower)) date = today;
  else if ((yesterdayWords as readonly string[]).includes(lower)) date = shift(-1);
  else {
    const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/u.exec(lower) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(lower);
    const short = full ? undefined : /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/u.exec(lower);
    if (full) date = isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
    else if (short) date = isoDate(Number(today.slice(0, 4)), Number(short[1]), Number(short[2]));
  }
  if (!date || date < '1990-01-01') return fail('answer.notADate');
  if (step.notFuture && date > today) return fail('answer.dateFuture', { today });
  return { ok: true, value: date };
}

/** A mainland mobile number (11 digits) or a landline with its area code, as the unit would write it. */
function parsePhone(input: string): ParseResult {
  const digits = input.replace(/^\+?86[\s-]?/, '').replace(/[\s()（）]/g, '');
  const mobile = /^1[3-9]\d{9}$/.test(digits);
  const landline = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(digits);
  if (!mobile && !landline) return fail('answer.notAPhone');
  // Landlines keep the dash after the area code (0994-2206072), as the notice prints them.
  return { ok: true, value: landline && !digits.includes('-') ? digits.replace(/^(0(?:10|2\d|\d{3}))(\d{7,8})$/, '$1-$2') : digits };
}

function fail(key: TextKey, params?: TextParams): ParseResult {
  return { ok: false, error: params ? { key, params } : { key } };
}
