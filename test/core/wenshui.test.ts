/**
 * The Wenshui credit-grading campaign (seed 002) through the same engine as Changji: scope, grades and
 * measures, the C disclosure preview, the validity notice, and the objection and repair forms with their
 * Chinese working-day dates (across the 2025 May Day and National Day holidays, and past the holiday data).
 */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign, Form } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import { assess } from '../../src/core/engine.ts';
import { deadline, evaluate } from '../../src/core/evaluate.ts';
import { formResult } from '../../src/core/forms.ts';
import { summaryText } from '../../src/core/summary-text.ts';
import { addMonths, addWorkingDays, holidaysKnown, isWorkingDay } from '../../src/core/working-days.ts';
import { completeAnswers, WENSHUI_PUBLISHED_C, WENSHUI_SHOP } from '../support/profiles.ts';

const wenshui = findCampaign('wenshui-2022') as Campaign;
const BEFORE_LAPSE = new Date('2024-06-03T02:00:00Z');
const AFTER_LAPSE = new Date('2025-04-28T02:00:00Z');
const form = (id: string) => wenshui.forms.find((f) => f.id === id) as Form;
const evaluated = (given: Answers, now = AFTER_LAPSE) => evaluate(wenshui, completeAnswers(wenshui, given, now), now);

describe('Chinese working days', () => {
  it('skips weekends and statutory holidays and counts make-up working days', () => {
    expect(isWorkingDay('2025-05-01')).toBe(false); // 劳动节
    expect(isWorkingDay('2025-04-27')).toBe(true); // a Sunday worked for it
    expect(isWorkingDay('2025-10-11')).toBe(true); // a Saturday worked for 国庆
    expect(isWorkingDay('2025-10-08')).toBe(false);
  });

  it.each([
    ['2025-04-29', 3, '2025-05-07'],
    ['2025-04-29', 10, '2025-05-16'],
    ['2025-09-29', 3, '2025-10-10'],
    ['2025-09-26', 10, '2025-10-16'],
  ])('counts %s + %i working days from the next day: %s', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toEqual({ date: expected, holidaysKnown: true });
  });

  it('counts Monday to Friday past the holiday data and says so', () => {
    const lastYear = [2026, 2027, 2028, 2029, 2030].filter(holidaysKnown).at(-1) as number;
    const past = `${lastYear + 1}-04-29`;
    const counted = addWorkingDays(past, 3);
    expect(counted.holidaysKnown).toBe(false);
    // Weekdays only: three of them after the 29th, skipping a weekend if one falls in between.
    const days = [1, 2, 3, 4, 5, 6].map((d) => new Date(Date.parse(`${past}T00:00:00Z`) + d * 86_400_000)).filter((d) => d.getUTCDay() % 6 !== 0);
    expect(counted.date).toBe(days[2]?.toISOString().slice(0, 10));
  });

  it('adds calendar months, ending on the last day of a short month', () => {
    expect(addMonths('2025-01-10', 12)).toBe('2026-01-10');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('Wenshui scope (第三条)', () => {
  it.each([
    ['an individual business with one employee (no threshold)', { unit_type: 'individual', staff: 1 }, undefined],
    ['a law firm', { unit_type: 'partnership' }, undefined],
    ['an institution with labour-contract staff', { unit_type: 'institution', labour_relations: true }, undefined],
    ['an institution without them', { unit_type: 'institution', labour_relations: false }, 'no_labour_relations'],
    ['a party or government organ', { unit_type: 'organ' }, 'organ'],
    ['a unit outside the county', { unit_type: 'enterprise', area: 'outside' }, 'outside_county'],
  ])('%s', (_label, given, exclusion) => {
    const answers = completeAnswers(wenshui, { ...WENSHUI_SHOP, ...given }, AFTER_LAPSE);
    expect(assess(wenshui, answers, AFTER_LAPSE).excludedBy?.id).toBe(exclusion);
    if (exclusion) expect(evaluate(wenshui, answers, AFTER_LAPSE).outOfScope?.source.article).toMatch(/^第三条/);
  });
});

describe('Wenshui grades and what they mean (第九至十三条)', () => {
  it('is A with the four incentives of 第十一条, and says the Shanxi measures were not found', () => {
    const e = evaluated(WENSHUI_SHOP);
    expect(e.grade?.grade).toBe('A');
    expect(e.grade?.consequences.map((c) => c.source.article)).toEqual(['第十一条']);
    expect(e.grade?.consequences[0]?.text).toMatch(/免于日常巡视检查/);
    expect(e.grade?.reference?.source.unverified).toBe(true);
    expect(e.grade?.reference?.text).toMatch(/山西省实施办法原文未能查到/);
    expect(e.verdict).toBeUndefined();
    expect(e.deadline).toBeUndefined();
    expect(e.disclosure).toBeUndefined();
  });

  it('is B when sanctioned once, with the measures of 第十二条', () => {
    const e = evaluated({ ...WENSHUI_SHOP, sanctions: 1 });
    expect(e.grade?.grade).toBe('B');
    expect(e.grade?.consequences.map((c) => c.source.article)).toEqual(['第十二条']);
    expect(e.disclosure).toBeUndefined();
  });

  it('is C for three sanctions, with the penalties of 第十三条 but no joint punishment', () => {
    const e = evaluated({ ...WENSHUI_SHOP, sanctions: 3 });
    expect(e.grade?.grade).toBe('C');
    expect(e.grade?.consequences.map((c) => c.source.article)).toEqual(['第十三条']);
  });

  it('adds joint punishment when the C comes from the wage-arrears blacklist (第十三条第二款)', () => {
    const e = evaluated({ ...WENSHUI_SHOP, blacklist: true });
    expect(e.grade?.grade).toBe('C');
    expect(e.grade?.consequences.map((c) => c.source.article)).toEqual(['第十三条', '第十三条第二款']);
    expect(e.grade?.consequences[1]?.text).toMatch(/联合惩戒/);
  });
});

describe('the C disclosure preview (第十四条)', () => {
  it('fills what would be published from the answers and leaves the rest to the record', () => {
    const e = evaluated(WENSHUI_PUBLISHED_C);
    expect(e.disclosure?.source.article).toBe('第十四条');
    const byLabel = Object.fromEntries(e.disclosure?.fields.map((f) => [f.label, f.value]) ?? []);
    expect(byLabel).toEqual({
      违法主体全称: '文水县某某食品有限公司',
      统一社会信用代码: '91652300MA0000001Y',
      法定代表人或者负责人姓名: '张三',
      处罚时间: '2024-11-05',
      处罚决定书号: '文人社监罚字〔2024〕7号',
      违法行为: '未与职工订立书面劳动合同',
      处罚依据: undefined,
      处罚结果: undefined,
      失信行为等级认定: undefined,
      '黄、黑名单情况': undefined,
    });
    const text = summaryText(wenshui, e, 0);
    expect(text).toContain('被评为C级的，将按规定向社会公示以下信息');
    expect(text).toContain('· 处罚结果：（按实际处罚记录填写）');
  });
});

describe('the validity notice (第十八条)', () => {
  it('says the measures may have lapsed, first, once past 2024-12-25', () => {
    const e = evaluated(WENSHUI_SHOP, AFTER_LAPSE);
    expect(e.validity).toMatchObject({ lapsed: true, from: '2022-12-26', until: '2024-12-25' });
    const text = summaryText(wenshui, e, 0);
    expect(text.split('\n')[1]).toMatch(/^⚠️ 有效期：本文件自 2022-12-26 起施行，有效期至 2024-12-25.*现已过期/);
  });

  it('says nothing of lapsing while in force', () => {
    const e = evaluated(WENSHUI_SHOP, BEFORE_LAPSE);
    expect(e.validity?.lapsed).toBe(false);
    expect(summaryText(wenshui, e, 0)).not.toContain('现已过期');
  });

  it('gives a campaign without a written review no deadline', () => {
    expect(deadline(wenshui, AFTER_LAPSE)).toBeUndefined();
  });
});

describe('objections (第十五、十六条)', () => {
  const objection = (received_on: string, other_departments: boolean | 'unknown') =>
    formResult(wenshui, form('objection'), { ground: 'error', record: '2024年11月的处罚记录', detail: null, received_on, other_departments }, AFTER_LAPSE);
  const dates = (r: ReturnType<typeof objection>) => Object.fromEntries(r.dates.map((d) => [d.rule.id, d.date]));

  it('across the 2025 May Day holiday: 3 working days, then 5 more for the city platform', () => {
    expect(dates(objection('2025-04-29', false))).toEqual({ answer_by_own: '2025-05-07', platform_by: '2025-05-14' });
  });

  it('across the 2025 May Day holiday with other departments to check: 10 working days', () => {
    expect(dates(objection('2025-04-29', true))).toEqual({ answer_by_checked: '2025-05-16', platform_by: '2025-05-23' });
  });

  it('counts the longer period when the unit is not sure other departments are involved', () => {
    expect(dates(objection('2025-04-29', 'unknown'))).toEqual({ answer_by_checked: '2025-05-16', platform_by: '2025-05-23' });
  });

  it('across the 2025 National Day holiday, with and without other departments', () => {
    expect(dates(objection('2025-09-29', false))).toEqual({ answer_by_own: '2025-10-10', platform_by: '2025-10-16' });
    expect(dates(objection('2025-09-29', true))).toEqual({ answer_by_checked: '2025-10-20', platform_by: '2025-10-27' });
  });

  it('past the holiday data: Monday to Friday, marked as not counting holidays', () => {
    const r = objection('2031-04-29', false);
    expect(r.dates.every((d) => !d.holidaysKnown)).toBe(true);
    expect(r.dates.map((d) => d.rule.source.article)).toEqual(['第十六条第一款', '第十六条第二款']);
  });
});

describe('repair (第十七条)', () => {
  const repair = (given: Answers) => formResult(wenshui, form('repair'), given, AFTER_LAPSE);

  it('re-grades within 5 working days after the one-year cycle for a unit that corrected and carried out the penalty', () => {
    const r = repair({ graded_on: '2025-01-10', corrected: true, penalty_done: true });
    expect(Object.fromEntries(r.dates.map((d) => [d.rule.id, d.date]))).toEqual({ cycle_end: '2026-01-10', regrade_by: '2026-01-16' });
    expect(r.steps.map((s) => s.text)).toEqual([expect.stringMatching(/两项都做到后/)]);
  });

  it('tells a unit that has not corrected or paid what to do first, and gives no re-grading date', () => {
    const r = repair({ graded_on: '2025-01-10', corrected: false, penalty_done: false });
    expect(r.dates.map((d) => d.rule.id)).toEqual(['cycle_end']);
    expect(r.steps.map((s) => s.text)).toEqual([expect.stringMatching(/先纠正违法行为/), expect.stringMatching(/履行行政处罚决定/), expect.stringMatching(/两项都做到后/)]);
  });
});
