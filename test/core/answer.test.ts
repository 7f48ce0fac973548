/** What people actually type, turned into answers (or a clear reason to ask again). */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import { chineseNumber, parseAnswer } from '../../src/core/answer.ts';
import { eventForText } from '../../src/core/commands.ts';
import { reviewPickNumber } from '../../src/core/conversation.ts';
import { assess, findStep } from '../../src/core/engine.ts';
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
    expect(eventForText('Start Up Technology Co')).toEqual({ type: 'user.answer', input: 'Start Up Technology Co' });
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
