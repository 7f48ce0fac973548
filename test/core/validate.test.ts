/** Whether an answer stands: bounds and the campaign's own checks on numbers, and stored answers of every kind. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue, Answers } from '../../src/core/conditions.ts';
import { assess, findStep, type Step } from '../../src/core/engine.ts';
import { t } from '../../src/core/text.ts';
import { numberProblem, stillValid } from '../../src/core/validate.ts';
import { IN_WINDOW } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const step = (id: string, campaign = changji) => findStep(campaign, id) as Step;
const problem = (s: Step, value: number, relevant: Answers = {}) => numberProblem(s, value, relevant, assess(changji, relevant, IN_WINDOW).ctx);

describe('numberProblem', () => {
  it("says why in the campaign's words first: more contracts than staff", () => {
    const p = problem(step('contracts_signed'), 13, { staff: 12 });
    expect(p).toEqual({ key: 'answer.checkFailed', params: { message: '已签合同人数不能多于全日制职工人数（12人）。' } });
    expect(t(p?.key ?? 'answer.empty', p?.params)).toBe('已签合同人数不能多于全日制职工人数（12人）。请核对后重新输入。');
    expect(problem(step('contracts_signed'), 12, { staff: 12 })).toBeUndefined();
  });

  it('refuses a number below the lower bound, naming it', () => {
    expect(problem(step('staff'), -1)).toEqual({ key: 'answer.belowMin', params: { min: 0 } });
    expect(problem(step('staff'), 0)).toBeUndefined();
    expect(problem(step('dispatched'), 0, { uses_dispatch: true })).toEqual({ key: 'answer.belowMin', params: { min: 1 } });
  });

  it('refuses a number above the upper bound, naming it: 25 hours of overtime in a day', () => {
    expect(problem(step('overtime_hours_day'), 25, { staff: 12 })).toEqual({ key: 'answer.aboveMax', params: { max: 24 } });
    expect(problem(step('overtime_hours_day'), 24, { staff: 12 })).toBeUndefined();
  });

  it('an upper bound read from an answer: no more contracts than staff, even without the check', () => {
    const unchecked = { ...step('contracts_signed'), checks: [] };
    expect(problem(unchecked, 13, { staff: 12 })).toEqual({ key: 'answer.aboveMax', params: { max: 12 } });
  });

  it('a number with no lower bound takes a negative one', () => {
    expect(problem({ ...step('overtime_hours_day'), min: undefined }, -2, { staff: 12 })).toBeUndefined();
  });
});

describe('stillValid: a stored answer checked again', () => {
  const valid = (id: string, value: AnswerValue | null, relevant: Answers = {}, campaign = changji) =>
    stillValid(campaign, step(id, campaign), value, relevant, assess(campaign, relevant, IN_WINDOW).ctx);

  it('a skipped question stays skipped', () => expect(valid('staff', null)).toBe(true));

  it('yes/no: yes, no or 不确定, nothing else', () => {
    expect(valid('uses_dispatch', true)).toBe(true);
    expect(valid('uses_dispatch', 'unknown')).toBe(true);
    expect(valid('uses_dispatch', 3)).toBe(false);
  });

  it('choice: one of the options it has now', () => {
    expect(valid('unit_type', 'enterprise')).toBe(true);
    expect(valid('unit_type', 'cooperative')).toBe(false);
    const noOptions = { ...step('unit_type'), options: undefined };
    expect(stillValid(changji, noOptions, 'enterprise', {}, assess(changji, {}, IN_WINDOW).ctx)).toBe(false);
  });

  it('area: 州直单位 only while the unit is an organ, institution or group', () => {
    expect(valid('area', 'prefecture_level', { unit_type: 'organ' })).toBe(true);
    expect(valid('area', 'prefecture_level', { unit_type: 'enterprise' })).toBe(false);
    expect(valid('area', 'fukang', { unit_type: 'enterprise' })).toBe(true);
  });

  it('number: 25 contracts no longer stand once staff is 12', () => {
    expect(valid('contracts_signed', 12, { staff: 12 })).toBe(true);
    expect(valid('contracts_signed', 25, { staff: 12 })).toBe(false);
    expect(valid('staff', '12')).toBe(false);
  });

  it('text, credit code and phone: any text', () => {
    expect(valid('contact_phone', '13800138000')).toBe(true);
    expect(valid('unit_name', '某某有限公司')).toBe(true);
    expect(valid('credit_code', 91350100)).toBe(false);
  });

  it('date: exactly YYYY-MM-DD', () => {
    const date = (value: AnswerValue) => valid('last_penalty_date', value, {}, wenshui);
    expect(date('2024-11-05')).toBe(true);
    expect(date('2024/11/05')).toBe(false);
    expect(date('x2024-11-05')).toBe(false);
    expect(date('2024-11-05x')).toBe(false);
    expect(date(20241105)).toBe(false);
  });
});
