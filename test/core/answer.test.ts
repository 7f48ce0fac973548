/** What people actually type, turned into answers (or a clear reason to ask again). */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import { chineseNumber, isoDate, MAX_INPUT_LENGTH, parseAnswer, stepOptions } from '../../src/core/answer.ts';
import { eventForText } from '../../src/core/commands.ts';
import { reviewPickNumber } from '../../src/core/conversation.ts';
import { assess, findStep, type Step } from '../../src/core/engine.ts';
import { t } from '../../src/core/text.ts';
import { IN_WINDOW } from '../support/profiles.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const parse = (id: string, input: string, answers: Answers = {}) => {
  const step = findStep(campaign, id);
  if (!step) throw new Error(`no step ${id}`);
  return parseAnswer(assess(campaign, answers, IN_WINDOW), step, input);
};
const errorOf = (id: string, input: string, answers: Answers = {}) => {
  const r = parse(id, input, answers);
  return r.ok ? undefined : r.error.key;
};

describe('yes, no and 不确定', () => {
  it.each(['是', '有', '对', '是的', '1', 'yes'])('%s is yes', (input) => expect(parse('uses_dispatch', input)).toEqual({ ok: true, value: true }));
  it.each(['否', '没有', '无', '不', '2', 'no'])('%s is no', (input) => expect(parse('uses_dispatch', input)).toEqual({ ok: true, value: false }));
  it.each(['不知道', '不确定', '不清楚', '3', 'unknown'])('%s is an answer of its own: 不确定', (input) => expect(parse('uses_dispatch', input)).toEqual({ ok: true, value: 'unknown' }));
  it('asks again for anything else, naming the three answers', () => {
    expect(errorOf('uses_dispatch', '也许吧')).toBe('answer.notYesNo');
    expect(t('answer.notYesNo')).toContain('不确定');
  });
});

describe('ordinary words for options', () => {
  it.each([
    ['个体户', 'individual'],
    ['个体', 'individual'],
    ['公司', 'enterprise'],
    ['民非', 'private_non_enterprise'],
    ['6', 'individual'],
    ['企业', 'enterprise'],
  ])('%s picks %s', (input, code) => expect(parse('unit_type', input)).toEqual({ ok: true, value: code }));
});

describe('numbers as people write them', () => {
  it.each([
    ['25', 25],
    ['25人', 25],
    ['２５', 25],
    ['四个', 4],
    ['二十', 20],
    ['十二', 12],
    ['两个人', 2],
    ['大概20', 20],
    ['20左右', 20],
    ['约 20 人', 20],
    ['没有', 0],
    ['无', 0],
    ['零', 0],
  ])('%s is %i staff', (input, value) => expect(parse('staff', input)).toEqual({ ok: true, value }));

  it.each([
    ['2,070元', 2070],
    ['两千零七十', 2070],
    ['三千五', 3500],
    ['1900块', 1900],
    ['0.2万', 2000],
  ])('%s is %i yuan', (input, value) => expect(parse('lowest_monthly_wage', input, { wage_tier: 'tier1', staff: 5, unit_type: 'enterprise' })).toEqual({ ok: true, value }));

  it.each([['二三'], ['很多'], ['20多']])('refuses %s', (input) => expect(errorOf('staff', input)).toBe('answer.notANumber'));

  it.each([
    ['一百二十', 120],
    ['一百零五', 105],
    ['一万二', 12000],
    ['十', 10],
  ])('reads the Chinese numeral %s as %i', (text, n) => expect(chineseNumber(text)).toBe(n));
});

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '914403001922038216', '9135 0100 M000 100Y 43', '91350100m000100y43'])('accepts %s', (code) => {
    expect(parse('credit_code', code)).toEqual({ ok: true, value: code.replace(/\s/g, '').toUpperCase() });
  });
  it.each([
    ['91350100M000100Y44', 'answer.creditCodeInvalid'],
    ['91350100M000100I43', 'answer.creditCodeInvalid'],
    ['91350100M000100Y4', 'answer.creditCodeLength'],
    ['', 'answer.empty'],
  ])('refuses %s with %s', (code, key) => expect(errorOf('credit_code', code)).toBe(key));

  it('asks to copy the code again, never hints at what the last character should be', () => {
    const r = parse('credit_code', '91350100M000100Y44');
    const message = r.ok ? '' : t(r.error.key, r.error.params);
    expect(message).toMatch(/重新复制/);
    expect(message).not.toContain('3');
    expect(message).not.toMatch(/最后一位|校验位/);
  });
});

describe('unit names that hide what they say', () => {
  it.each([
    ['\u200B\u200B', 'answer.invisibleOnly'],
    ['\u3164', 'answer.invisibleOnly'],
    ['\u2800\u2800', 'answer.invisibleOnly'],
    ['\uFE0F\uFE0F', 'answer.invisibleOnly'],
    ['\u034F', 'answer.invisibleOnly'],
    ['某某\u202E公司', 'answer.controlChars'],
    ['\u2066某某公司\u2069', 'answer.controlChars'],
  ])('refuses %j', (input, key) => expect(errorOf('unit_name', input)).toBe(key));

  it('drops zero-width characters from a real name', () => {
    expect(parse('unit_name', '某某\u200B有限公司')).toEqual({ ok: true, value: '某某有限公司' });
  });
});

describe('phone numbers for the forms', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['0994-2206072', '0994-2206072'],
    ['09942206072', '0994-2206072'],
  ])('accepts %s as %s', (input, value) => expect(parse('contact_phone', input)).toEqual({ ok: true, value }));
  it.each(['12345', '电话', '2206072'])('refuses %s', (input) => expect(errorOf('contact_phone', input)).toBe('answer.notAPhone'));
});

describe('commands are whole messages', () => {
  it('takes an English unit name that starts with a command word as an answer', () => {
    expect(eventForText('Start Up Technology Co')).toEqual({ type: 'user.answer', input: 'Start Up Technology Co', typed: true });
    expect(eventForText('Back Office Ltd')).toMatchObject({ type: 'user.answer' });
    expect(eventForText(' back ')).toEqual({ type: 'user.back' });
    expect(eventForText('/start changji-2024')).toEqual({ type: 'user.start', campaignId: 'changji-2024' });
    expect(eventForText('/review@nianshen_bot')).toEqual({ type: 'user.review' });
    expect(eventForText('为什么问')).toEqual({ type: 'user.help' });
  });

  it('picks an answer in the review only with 改 and its number', () => {
    expect(reviewPickNumber('改3')).toBe(3);
    expect(reviewPickNumber('修改 12')).toBe(12);
    expect(reviewPickNumber('改３')).toBe(3);
    expect(reviewPickNumber('3')).toBeUndefined();
    expect(reviewPickNumber('改')).toBeUndefined();
  });
});

/** A step of any kind, made from a real one, for the parsers' edge cases. */
const stepLike = (over: Partial<Step>): Step => ({ ...(findStep(campaign, 'staff') as Step), min: undefined, max: undefined, unit: undefined, integer: undefined, ...over });
const parseAs = (over: Partial<Step>, input: string) => parseAnswer(assess(campaign, {}, IN_WINDOW), stepLike(over), input);
const valueAs = (over: Partial<Step>, input: string) => {
  const r = parseAs(over, input);
  return r.ok ? r.value : r.error.key;
};

describe('what any answer goes through first', () => {
  it('refuses a message over the input limit before reading it, and takes one at the limit', () => {
    expect(valueAs({ kind: 'text', maxLength: 2000 }, 'a'.repeat(MAX_INPUT_LENGTH + 1))).toBe('answer.inputTooLong');
    expect(valueAs({ kind: 'text', maxLength: 2000 }, 'a'.repeat(MAX_INPUT_LENGTH))).toBe('a'.repeat(MAX_INPUT_LENGTH));
  });
  it('drops the full stops and exclamation marks a sentence ends with, and the blanks around', () => {
    expect(parse('uses_dispatch', ' 是。。 ')).toEqual({ ok: true, value: true });
    expect(parse('uses_dispatch', '没有！!')).toEqual({ ok: true, value: false });
    expect(valueAs({ kind: 'text' }, '  某某公司.  ')).toBe('某某公司');
    expect(valueAs({ kind: 'text' }, '某.某公司')).toBe('某.某公司');
    expect(errorOf('uses_dispatch', '。！')).toBe('answer.empty');
  });
  it('reads YES and No whatever their case', () => {
    expect(parse('uses_dispatch', 'YES')).toEqual({ ok: true, value: true });
    expect(parse('uses_dispatch', 'No')).toEqual({ ok: true, value: false });
  });
});

describe('options by number, label, alias and a unique beginning', () => {
  const unitType = findStep(campaign, 'unit_type') as Step;
  const options = (unitType.options ?? []).map((o) => o.code);
  it('a number picks the option at that place, and only a whole number in range', () => {
    expect(parse('unit_type', '1')).toEqual({ ok: true, value: options[0] });
    expect(parse('unit_type', String(options.length))).toEqual({ ok: true, value: options.at(-1) });
    expect(errorOf('unit_type', String(options.length + 1))).toBe('answer.notAnOption');
    expect(errorOf('unit_type', '0')).toBe('answer.notAnOption');
    expect(errorOf('unit_type', '1号')).toBe('answer.notAnOption');
    expect(errorOf('unit_type', 'x1')).toBe('answer.notAnOption');
  });
  it('a code, a whole label (full-width brackets too) or an alias picks it', () => {
    expect(parse('unit_type', 'ENTERPRISE')).toEqual({ ok: true, value: 'enterprise' });
    expect(parse('unit_type', '企业（含中央、自治区驻州企业）')).toEqual({ ok: true, value: 'enterprise' });
    expect(parse('unit_type', '民办非企业单位')).toEqual({ ok: true, value: 'private_non_enterprise' });
    expect(parse('unit_type', '社团')).toEqual({ ok: true, value: 'social_group' });
  });
  it('a beginning picks an option only when it is two characters or more and fits one option', () => {
    expect(parse('unit_type', '党政')).toEqual({ ok: true, value: 'organ' });
    expect(parse('unit_type', '个体经济组织')).toEqual({ ok: true, value: 'individual' });
    expect(errorOf('unit_type', '党')).toBe('answer.notAnOption');
    expect(errorOf('unit_type', '政机关')).toBe('answer.notAnOption');
  });
  it('lists the options, numbered from 1, when nothing fits', () => {
    const r = parse('unit_type', '合作社');
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : t(r.error.key, r.error.params);
    expect(message).toContain(t('answer.optionItem', { n: 1, label: unitType.options?.[0]?.label ?? '' }));
    expect(message).toContain(t('answer.optionItem', { n: options.length, label: unitType.options?.at(-1)?.label ?? '' }));
  });
  it('yes/no questions offer 是, 否 and 不确定 as buttons, with no aliases of their own', () => {
    const a = assess(campaign, {}, IN_WINDOW);
    expect(stepOptions(a, findStep(campaign, 'uses_dispatch') as Step)).toEqual([
      { code: 'yes', label: t('yes'), aliases: [] },
      { code: 'no', label: t('no'), aliases: [] },
      { code: 'unknown', label: t('unknown'), aliases: [] },
    ]);
    expect(stepOptions(a, findStep(campaign, 'staff') as Step)).toEqual([]);
  });
});

describe('numbers: units, 万 and 千, decimals, and what is not a number', () => {
  it.each([
    ['1.5万', 15_000],
    ['3千', 3000],
    ['2.5', 2.5],
    ['-3', -3],
    ['7.5小时', 7.5],
    ['1,200', 1200],
  ])('%s is %d', (input, value) => expect(valueAs({ kind: 'number' }, input)).toBe(value));
  it.each(['a25', '25a', '.5', '1.5万元x', 'x3千', '1.x万', '万', '百', '千人'])('%s is not a number', (input) => expect(valueAs({ kind: 'number' }, input)).toBe('answer.notANumber'));
  it('drops the step\'s own unit only at the end', () => {
    expect(valueAs({ kind: 'number', unit: '小时' }, '8小时')).toBe(8);
    expect(valueAs({ kind: 'number', unit: '人次' }, '8人次')).toBe(8);
    expect(valueAs({ kind: 'number', unit: '人次' }, '人次8')).toBe('answer.notANumber');
  });
  it('refuses a fraction where a whole number is asked, and takes it elsewhere', () => {
    expect(valueAs({ kind: 'number', integer: true }, '2.5')).toBe('answer.notInteger');
    expect(valueAs({ kind: 'number', integer: true }, '3')).toBe(3);
    expect(valueAs({ kind: 'number', integer: false }, '2.5')).toBe(2.5);
  });
  it.each([
    ['九', 9],
    ['一千', 1000],
    ['两千零七', 2007],
    ['一百零五', 105],
    ['三百五', 350],
    ['一千零五十', 1050],
    ['二十五万', 250_000],
    ['〇', 0],
    ['十万', 100_000],
    ['一百万', 1_000_000],
  ])('reads %s as %i', (text, n) => expect(chineseNumber(text)).toBe(n));
  it.each(['二十x', 'x二十', '二三', '', '万', '百', '千', '百万'])('%j is no Chinese numeral', (text) => expect(chineseNumber(text)).toBeUndefined());
});

describe('dates as people write them (today is 2025-03-10 here)', () => {
  const date = { kind: 'date' as const, notFuture: true };
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['2025年3月1号', '2025-03-01'],
    ['2025 年 3 月 1 日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    ['2024-12-31', '2024-12-31'],
    ['3月1日', '2025-03-01'],
    ['3-1', '2025-03-01'],
    ['12月31日', '2025-12-31'],
    ['今天', '2025-03-10'],
    ['Today', '2025-03-10'],
    ['昨天', '2025-03-09'],
    ['1990-01-01', '1990-01-01'],
  ])('%s is %s', (input, iso) => expect(valueAs({ kind: 'date' }, input)).toBe(iso));
  it.each(['2025-02-29', '2025-13-01', '2025-04-31', '1989-12-31', 'x2025-03-01', '2025-03-01x', '202503011', '2025031', 'x3月1日', '3月1日x', '123-1', '3月', '前天'])('%s is no date', (input) =>
    expect(valueAs({ kind: 'date' }, input)).toBe('answer.notADate'),
  );
  it('refuses a day after today when the question says so, naming today', () => {
    const r = parseAs(date, '2025-03-11');
    expect(r).toEqual({ ok: false, error: { key: 'answer.dateFuture', params: { today: '2025-03-10' } } });
    expect(valueAs(date, '2025-03-10')).toBe('2025-03-10');
    expect(valueAs({ kind: 'date' }, '2025-03-11')).toBe('2025-03-11');
  });
  it('isoDate knows the calendar', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2025, 2, 29)).toBeUndefined();
    expect(isoDate(2025, 0, 10)).toBeUndefined();
    expect(isoDate(2025, 1, 0)).toBeUndefined();
  });
});

describe('phone numbers: prefixes, extensions and what is refused', () => {
  it.each([
    ['+8613800138000', '13800138000'],
    ['86-13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['(0994)2206072', '0994-2206072'],
    ['（0994）2206072', '0994-2206072'],
    ['01012345678', '010-12345678'],
    ['02112345678', '021-12345678'],
    ['0994-2206072-123', '0994-2206072-123'],
  ])('%s is %s', (input, value) => expect(valueAs({ kind: 'phone' }, input)).toBe(value));
  it.each(['x13800138000', '138001380001', '12800138000', '0994-2206072x', 'x0994-2206072', '0994-2206072-1234567', '0994-22060', '+ 8613800138000x', '0994-2206072-x'])('%s is refused', (input) =>
    expect(valueAs({ kind: 'phone' }, input)).toBe('answer.notAPhone'),
  );
});

describe('text answers', () => {
  it('gathers runs of blanks into one and keeps to the step\'s length, 200 by default', () => {
    expect(valueAs({ kind: 'text' }, '某某\n\n  有限 公司')).toBe('某某 有限 公司');
    expect(valueAs({ kind: 'text', maxLength: 4 }, '一二三四')).toBe('一二三四');
    expect(parseAs({ kind: 'text', maxLength: 4 }, '一二三四五')).toEqual({ ok: false, error: { key: 'answer.tooLong', params: { max: 4 } } });
    expect(valueAs({ kind: 'text' }, '字'.repeat(200))).toBe('字'.repeat(200));
    expect(parseAs({ kind: 'text' }, '字'.repeat(201))).toEqual({ ok: false, error: { key: 'answer.tooLong', params: { max: 200 } } });
  });
  it('counts characters, not UTF-16 units (𠀀 is one)', () => {
    expect(valueAs({ kind: 'text', maxLength: 2 }, '𠀀𠀀')).toBe('𠀀𠀀');
  });
});

describe('credit codes of the wrong length name the length typed', () => {
  it('says how many characters came', () => {
    expect(parse('credit_code', '91350100M000100Y4')).toEqual({ ok: false, error: { key: 'answer.creditCodeLength', params: { length: 17 } } });
  });
});
