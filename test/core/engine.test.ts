/** The pure engine, table-driven over the Changji 2024 campaign: grade, outcome, scope, jurisdiction, numbers. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { Campaign as CampaignSchema, type Campaign } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import { parseAnswer } from '../../src/core/answer.ts';
import { evaluate } from '../../src/core/evaluate.ts';
import { answeredSteps, assess, findStep, frozenAnswers, materialQuestionId, optionValueOf, previousAnswered, questionText, steps, type Step } from '../../src/core/engine.ts';
import { t } from '../../src/core/text.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';
import { AFTER_WINDOW, completeAnswers, IN_WINDOW, PROFILES } from '../support/profiles.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const inWindow = IN_WINDOW;
const position = (answers: Answers, now = inWindow) => assess(campaign, answers, now);
const next = (answers: Answers, now = inWindow) => position(answers, now).next?.id;
const parse = (answers: Answers, id: string, input: string) => {
  const step = findStep(campaign, id);
  if (!step) throw new Error(`no step ${id}`);
  return parseAnswer(position(answers), step, input);
};
const evaluated = (given: Answers, now = inWindow) => evaluate(campaign, completeAnswers(campaign, given, now), now);
const gradeOf = (given: Answers, now = inWindow) => {
  const grade = evaluated(given, now).grade;
  if (!grade) throw new Error('expected a grade');
  return grade;
};

describe('grade (人社部规〔2016〕1号 第七条, with the Changji cap)', () => {
  it('is A for a unit not sanctioned, citing article 7, with no qualification', () => {
    const grade = gradeOf(PROFILES.enterpriseA);
    expect(grade.grade).toBe('A');
    expect(grade.reasons[0]?.source.article).toContain('第七条');
    expect(grade.qualified).toBeUndefined();
    expect(grade.reference).toBeUndefined();
  });

  it.each([
    ['sanctioned once', { sanctions_2024: 1 }, inWindow],
    ['sanctioned twice', { sanctions_2024: 2 }, inWindow],
    ['late without reason (seed 000 五(二)), asked once the window has closed', { late_review: 'late_no_reason' }, AFTER_WINDOW],
  ])('is B when %s', (_label, extra, now) => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, ...extra }, now);
    expect(grade.grade).toBe('B');
    expect(grade.reasons.every((r) => r.grade === 'B')).toBe(true);
  });

  it('stays A when late with a reason', () => {
    expect(gradeOf({ ...PROFILES.enterpriseA, late_review: 'late_with_reason' }, AFTER_WINDOW).grade).toBe('A');
  });

  it.each([
    ['three sanctions', { sanctions_2024: 3 }],
    ['a mass incident', { c_mass_incident: true }],
    ['child or forced labour', { sanctions_2024: 1, c_child_forced_labour: true }],
    ['a refused order', { c_refused_order: true }],
    ['obstructing an inspection', { c_obstructed: true }],
    ['criminal liability', { c_criminal: true }],
    ['the wage-arrears blacklist in 2024', { blacklist: true }],
  ])('is C for %s, with the reason and its source', (_label, extra) => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, ...extra });
    expect(grade.grade).toBe('C');
    expect(grade.reasons[0]?.grade).toBe('C');
    expect(grade.reasons[0]?.source.doc.length).toBeGreaterThan(0);
    expect(grade.consequences[0]?.text).toMatch(/季度/);
  });

  it('does not make an unfinished rectification a C case (第七条(四) is about refusing)', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, prior_review: 'not_rectified' });
    expect(e.grade?.grade).toBe('A');
    expect(e.risks.map((f) => f.id)).toContain('prior_not_rectified');
    expect(e.risks.find((f) => f.id === 'prior_not_rectified')?.fix).toMatch(/不属于C级/);
  });

  it('grades no organ, institution or social group, and says why with the source (seed 000 五(三))', () => {
    for (const unit_type of ['organ', 'institution', 'social_group']) {
      const e = evaluated({ ...PROFILES.organ, unit_type });
      expect(e.grade).toBeUndefined();
      expect(e.gradeNotApplicable?.source.article).toBe('五(三)');
      expect(e.complete).toBe(true);
    }
  });

  it.each(['private_non_enterprise', 'individual'])('labels the grade of a %s as reference only, unverified', (unit_type) => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, unit_type, staff: 5 });
    expect(grade.reference?.source.unverified).toBe(true);
    expect(grade.reference?.text).toMatch(/仅供参考/);
  });

  it('lists every reason, worst first, when several apply', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, sanctions_2024: 1, blacklist: true, late_review: 'late_no_reason' }, AFTER_WINDOW);
    expect(grade.grade).toBe('C');
    expect(grade.reasons.map((r) => r.grade)).toEqual(['C', 'B', 'B']);
  });

  it('qualifies an A beside reported violations: at best B if they are found', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, contracts_signed: 10 });
    expect(grade.grade).toBe('A');
    expect(grade.qualified).toMatchObject({ grade: 'B' });
    expect(grade.qualified?.source.article).toBe('第七条');
  });

  it('caps a reported child-labour finding at C, not B (第七条(三))', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, under16_employed: true, under16_approved: false, contracts_signed: 10 });
    expect(grade.grade).toBe('A');
    expect(grade.qualified).toMatchObject({ grade: 'C', source: { article: '第七条(三)' } });
  });

  it('says the grade may be lower when a record answer is 不确定', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, c_obstructed: 'unknown' });
    expect(grade.grade).toBe('A');
    expect(grade.uncertain.map((v) => v.step.id)).toEqual(['c_obstructed']);
  });
});

describe('written-review outcome: 合格, 不合格, or things still to do', () => {
  it('is 合格 for a compliant unit with every material ready', () => {
    const e = evaluated(PROFILES.enterpriseA);
    expect(e.complete).toBe(true);
    expect(e.verdict?.outcome).toBe('pass');
    expect(e.verdict?.text).not.toMatch(/实地核查/);
  });

  it('is 不合格 only while a reported violation remains, with its legal basis and the fix', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, contracts_signed: 10 });
    expect(e.verdict?.outcome).toBe('fail');
    const finding = e.verdict?.violations.find((f) => f.questionId === 'contracts_signed');
    expect(finding?.basis.map((b) => b.doc).join()).toContain('劳动合同法');
    expect(finding?.fix.length).toBeGreaterThan(0);
    // The unit's own numbers, not a generic sentence.
    expect(finding?.problem).toBe('12 名全日制职工中有 2 名入职超过一个月仍未签订书面劳动合同。');
    expect(e.verdict?.text).not.toMatch(/实地核查/);
  });

  it('is a to-do, never a failure, when a material is not ready', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, has_ent_business_licence: false, has_ent_hr_rules: false });
    expect(e.missing.upload.map((m) => m.id)).toEqual(['ent_business_licence']);
    expect(e.missing.bring.map((m) => m.id)).toEqual(['ent_hr_rules']);
    expect(e.verdict?.outcome).toBe('pending');
    expect(e.verdict?.text).toMatch(/可能被审查为不合格/);
  });

  it('takes 不确定 as an answer: a thing to verify, neither a pass nor a violation', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, wages_on_time: 'unknown' });
    expect(e.risks).toEqual([]);
    expect(e.toVerify.map((v) => [v.step.id, v.reason])).toEqual([['wages_on_time', 'unknown']]);
    expect(e.verdict?.outcome).toBe('pending');
  });

  it('shows a skipped question the same way', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, wage_tier: null });
    expect(e.toVerify.map((v) => [v.step.id, v.reason])).toEqual([['wage_tier', 'skipped']]);
    expect(e.verdict?.outcome).toBe('pending');
  });

  it('makes a review not yet done past the window a to-do, with the grade caveat, not 合格', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, late_review: 'not_done' }, AFTER_WINDOW);
    expect(e.verdict?.outcome).toBe('pending');
    expect(e.findings.map((f) => [f.id, f.severity])).toEqual([['review_not_done', 'todo']]);
    expect(e.grade?.caveats.map((c) => c.text).join()).toMatch(/不得评为A级/);
  });

  it.each([
    ['si_within_30_days', 'si_registration_late'],
    ['filing_new_hires', 'filing_new_hires_late'],
    ['annual_leave', 'annual_leave_denied'],
    ['nursing_time', 'nursing_time_denied'],
  ])('offers %s an answer for "nobody concerned" and 不确定, so no false violation', (id, finding) => {
    const given = { ...PROFILES.enterpriseA, employs_women: true, pregnant_nursing_overtime: 'no' };
    const none = evaluated({ ...given, [id]: 'none' });
    expect(none.findings.map((f) => f.id)).not.toContain(finding);
    expect(none.toVerify).toEqual([]);
    const unsure = evaluated({ ...given, [id]: 'unknown' });
    expect(unsure.findings.map((f) => f.id)).not.toContain(finding);
    expect(unsure.toVerify.map((v) => v.step.id)).toEqual([id]);
    expect(evaluated({ ...given, [id]: 'no' }).findings.map((f) => f.id)).toContain(finding);
  });

  it('does not say whether a unit is graded before its type is known', () => {
    const e = evaluate(campaign, { unit_name: '某某' }, inWindow);
    expect(e.grade).toBeUndefined();
    expect(e.gradeNotApplicable).toBeUndefined();
  });

  it('does not count blank form fields (address, phone) as things to verify', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, address: null, contact_phone: null });
    expect(e.toVerify).toEqual([]);
    expect(e.verdict?.outcome).toBe('pass');
  });

  it('raises a finding once', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, contracts_signed: 10, insured_staff: 5, rules_exist: false });
    const ids = e.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('law and seed corrections (DOMAIN.md section 6), each with its source', () => {
  const risks = (given: Answers, now = inWindow) => evaluated({ ...PROFILES.enterpriseA, ...given }, now).findings;
  const raised = (given: Answers, id: string) => risks(given).find((f) => f.id === id);

  it('pays wages under the general rules: written records kept 2 years (工资支付暂行规定 第六条)', () => {
    const f = raised({ payroll_kept: false }, 'payroll_not_kept');
    expect(f?.basis).toEqual([expect.objectContaining({ doc: expect.stringContaining('工资支付暂行规定'), article: '第六条' })]);
    expect(findStep(campaign, 'payroll_kept')?.text).toMatch(/2年/);
  });

  it('asks the migrant-worker 3-year ledger only of units that employ migrant workers', () => {
    expect(completeAnswers(campaign, { ...PROFILES.enterpriseA, employs_migrant_workers: false })).not.toHaveProperty('migrant_payroll_ledger');
    const f = raised({ employs_migrant_workers: true, migrant_payroll_ledger: false }, 'migrant_ledger_short');
    expect(f?.basis[0]).toMatchObject({ doc: '《保障农民工工资支付条例》', article: '第十五条' });
  });

  it('cites the general wage rules, not the migrant-worker rules, for late or in-kind wages', () => {
    for (const [given, id] of [[{ wages_on_time: false }, 'wages_late_or_short'], [{ wages_in_money: false }, 'wages_not_in_money']] as const) {
      const docs = raised(given, id)?.basis.map((b) => b.doc).join() ?? '';
      expect(docs).toContain('工资支付暂行规定');
      expect(docs).not.toContain('农民工');
    }
  });

  it('compares the 2024 minimum wage on gross pay, names the standard in force in 2024, and fills in the figures', () => {
    const step = findStep(campaign, 'lowest_monthly_wage');
    expect(step?.hint).toMatch(/应发工资/);
    expect(step?.source).toMatchObject({ doc: '《最低工资规定》', article: '第十二条' });
    expect(findStep(campaign, 'wage_tier')?.options?.map((o) => o.value)).toEqual([1900, 1700, 1620, 1540]);
    expect(findStep(campaign, 'wage_tier')?.source.unverified).toBe(true);
    const f = raised({ wage_tier: 'tier2', lowest_monthly_wage: 1650 }, 'below_minimum_wage');
    expect(f?.problem).toContain('1650 元');
    expect(f?.problem).toContain('1700 元');
    expect(raised({ wage_tier: 'tier2', lowest_monthly_wage: 1700 }, 'below_minimum_wage')).toBeUndefined();
  });

  it.each([
    [{ overtime_hours_day: 4 }, 'overtime_over_3_a_day', true],
    [{ overtime_hours_day: 3 }, 'overtime_over_3_a_day', false],
    [{ overtime_hours_month: 37 }, 'overtime_over_36', true],
    [{ overtime_hours_month: 36 }, 'overtime_over_36', false],
  ])('limits overtime by the day (3 h) and by the month (36 h): %o', (given, id, found) => {
    expect(raised(given, id) !== undefined).toBe(found);
  });

  it('asks part-time staff and re-employed retirees apart, and leaves them out of contract and insurance counts', () => {
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, staff: 5, part_time_staff: 3, retirees: 2 });
    expect(answers).toHaveProperty('part_time_hours_ok');
    expect(answers).toHaveProperty('part_time_injury_insured');
    // 5 contracts and 5 insured cover everyone who needs them: part-timers and retirees do not count.
    expect(parse(answers, 'contracts_signed', '6').ok).toBe(false);
    expect(raised({ staff: 5, part_time_staff: 3, part_time_injury_insured: false }, 'part_time_uninsured')?.basis[0]?.doc).toContain('劳社部发〔2003〕12号');
    expect(raised({ staff: 5, part_time_staff: 3, part_time_hours_ok: false }, 'part_time_over_hours')?.basis[0]?.article).toContain('第六十八条');
  });

  it('cites the minors rules to the right articles', () => {
    const minors = { employs_minors: true };
    expect(raised({ ...minors, minors_registered: false }, 'minors_not_registered')?.basis).toEqual([{ doc: '《未成年工特殊保护规定》', article: '第九条' }]);
    expect(raised({ ...minors, minors_health_check: false }, 'minors_no_health_check')?.basis.map((b) => b.article)).toEqual(['第六条', '第六十五条']);
  });

  it('lets the art, sports and special-craft exception through (劳动法 第十五条第二款)', () => {
    expect(raised({ under16_employed: true, under16_approved: true }, 'child_labour')).toBeUndefined();
    expect(raised({ under16_employed: true, under16_approved: false }, 'child_labour')).toBeDefined();
  });

  it('accepts annual leave granted or paid (职工带薪年休假条例 第五条)', () => {
    expect(findStep(campaign, 'annual_leave')?.text).toMatch(/300%/);
    expect(raised({ annual_leave: 'no' }, 'annual_leave_denied')?.basis[0]?.article).toBe('第三条、第五条');
    // A unit with nobody entitled yet is not in breach.
    expect(raised({ annual_leave: 'none' }, 'annual_leave_denied')).toBeUndefined();
  });

  it('asks about the blacklist in 2024, marked for verification', () => {
    expect(findStep(campaign, 'blacklist')?.text).toMatch(/^2024年/);
    expect(findStep(campaign, 'blacklist')?.source.unverified).toBe(true);
  });

  it('knows a newly founded unit had no review last year and needs no 2023 form', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, prior_review: 'new_unit' });
    expect(e.findings).toEqual([]);
    expect(e.materials.bring.map((s) => s.material.id)).not.toContain('ent_last_review_form');
  });

  it('asks item 8 of institutions too', () => {
    expect(completeAnswers(campaign, { ...PROFILES.organ, unit_type: 'institution', area: 'qitai' })).toHaveProperty('is_agency_or_training');
  });

  it("asks a dispatch agency about its own duties (劳动合同法 第五十八条)", () => {
    expect(raised({ is_dispatch_agency: true, dispatch_agency_contracts: false }, 'dispatch_contracts_short')?.basis[0]?.article).toBe('第五十八条');
  });

  it('protects pregnancy and maternity from dismissal, and marks the Xinjiang extension unverified', () => {
    expect(raised({ employs_women: true, women_dismissed_pregnancy: true }, 'women_dismissed')?.basis[0]).toMatchObject({ article: '第五条' });
    expect(raised({ employs_women: true, maternity_leave: 'short' }, 'maternity_leave_short')?.severity).toBe('violation');
    const extension = raised({ employs_women: true, maternity_leave: 'national_only' }, 'maternity_extension_missing');
    expect(extension?.severity).toBe('advice');
    expect(extension?.basis[0]?.unverified).toBe(true);
  });

  it('checks the part-time hourly minimum wage of the tier (monthly / 100)', () => {
    const given = { staff: 5, part_time_staff: 2, wage_tier: 'tier2' };
    const f = raised({ ...given, lowest_hourly_wage_part_time: 16.5 }, 'part_time_below_minimum');
    expect(f?.problem).toContain('17 元');
    expect(f?.basis[0]).toMatchObject({ article: '第七十二条' });
    expect(raised({ ...given, lowest_hourly_wage_part_time: 17 }, 'part_time_below_minimum')).toBeUndefined();
  });

  it('asks no double negatives', () => {
    expect(steps(campaign).filter((s) => /是否没有|是否不|没有.*没有/.test(s.text)).map((s) => s.id)).toEqual([]);
  });

  it('needs the e-contract screenshot only from units that sign e-contracts', () => {
    const bring = (uses: boolean) => evaluated({ ...PROFILES.enterpriseA, uses_e_contracts: uses }).materials.bring.map((s) => s.material.id);
    expect(bring(true)).toContain('ent_e_contract_screenshot');
    expect(bring(false)).not.toContain('ent_e_contract_screenshot');
  });

  it('notes that the unified social credit code certificate replaced the organisation code certificate', () => {
    const cert = campaign.materials.find((m) => m.id === 'pub_org_code_cert');
    expect(cert?.note?.text).toMatch(/统一社会信用代码/);
    expect(cert?.note?.source.doc).toContain('国办发〔2015〕50号');
  });

  it('tells an individual business without annual accounts what to bring instead, unverified', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, unit_type: 'individual', staff: 4, has_annual_accounts: false });
    const ids = [...e.materials.upload, ...e.materials.bring].map((s) => s.material.id);
    expect(ids).not.toContain('ent_accounts');
    expect(ids).toContain('ind_wage_records');
    expect(e.materials.bring.find((s) => s.material.id === 'ind_wage_records')?.material.source.unverified).toBe(true);
  });

  it('carries the seed points the chat must say: 五(一), 五(二) on-site check, 五(三), 二(二), 六(一)', () => {
    const articles = campaign.notes.map((n) => n.source.article);
    expect(articles).toEqual(expect.arrayContaining(['五(一)', '五(二)', '五(三)', '二(二)', '六(一)']));
  });
});

describe('the clock is real', () => {
  it('asks what happened about lateness only once the window has closed', () => {
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    expect(answers).not.toHaveProperty('late_review');
    expect(next(answers, AFTER_WINDOW)).toBe('late_review');
    expect(findStep(campaign, 'late_review')?.options?.map((o) => o.code)).toEqual(['on_time', 'late_with_reason', 'late_no_reason', 'not_done']);
  });

  it('never asks organs, institutions or groups about lateness (they are not graded)', () => {
    const answers = completeAnswers(campaign, PROFILES.organ, AFTER_WINDOW);
    expect(answers).not.toHaveProperty('late_review');
  });

  it.each([
    ['2025-03-01T00:00:00+08:00', 60, false],
    ['2025-04-30T23:59:00+08:00', 0, false],
    ['2025-04-29T20:00:00Z', 0, false], // already 30 April in Xinjiang's official clock
    ['2025-05-01T00:00:00+08:00', -1, true],
  ])('counts days left in local calendar days: at %s, %i days, overdue %s', (now, days, overdue) => {
    expect(evaluate(campaign, {}, new Date(now)).deadline).toMatchObject({ date: '2025-04-30', daysLeft: days, overdue });
  });
});

describe('scope', () => {
  const shop = { unit_name: '某某小吃店', credit_code: '91350100M000100Y43', unit_type: 'individual', area: 'fukang' };
  it('puts an individual business with 2 employees in all out of scope and says why', () => {
    const answers = { ...shop, staff: 2, part_time_staff: 0 };
    expect(position(answers).excludedBy?.reason).toMatch(/3人/);
    expect(next(answers)).toBeUndefined();
    expect(evaluate(campaign, answers, inWindow).outOfScope).toBeDefined();
  });

  it('keeps an individual business in the hi-tech zone in scope whatever its size (seed 二(三))', () => {
    const answers = { ...shop, area: 'changji_hitech', staff: 1, part_time_staff: 0 };
    expect(position(answers).excludedBy).toBeUndefined();
  });

  it.each([
    [3, 0],
    [2, 1],
  ])('keeps an individual business with %i full-time and %i part-time employees in scope', (staff, part_time_staff) => {
    const answers = { ...shop, staff, part_time_staff };
    expect(position(answers).excludedBy).toBeUndefined();
    expect(next(answers)).toBeDefined();
  });
});

describe('jurisdiction', () => {
  it.each([
    ['prefecture_level', 'organ', '0994-2206083'],
    ['changji_city', 'enterprise', '0994-2357511'],
    ['fukang', 'enterprise', '0994-3234108'],
    ['hutubi', 'enterprise', '0994-4516046'],
    ['manas', 'enterprise', '0994-6653707'],
    ['qitai', 'enterprise', '0994-7225613'],
    ['jimsar', 'enterprise', '0994-6916566'],
    ['mori', 'enterprise', '0994-4821080'],
    ['zhundong', 'enterprise', '0994-6738160'],
    ['changji_hitech', 'enterprise', '0994-2260112'],
    ['agri_hitech', 'enterprise', '0994-2357511'], // 农业高新区 → 昌吉市人社局
  ])('%s (%s) is reviewed by the bureau on %s', (area, unit_type, phone) => {
    expect(evaluate(campaign, { unit_type, area }, inWindow).unit.bureau?.phone).toBe(phone);
  });

  it('offers the prefecture level only to organs, institutions and groups', () => {
    expect(parse({ unit_type: 'organ' }, 'area', '州直单位').ok).toBe(true);
    expect(parse({ unit_type: 'enterprise' }, 'area', '州直单位').ok).toBe(false);
  });
});

describe('labour dispatch: at most 10% of the total workforce (劳务派遣暂行规定 第四条)', () => {
  it.each([
    [27, 3, false], // 3 / 30 = 10%: allowed
    [26, 3, true], // 3 / 29 > 10%
    [90, 10, false],
    [89, 10, true],
  ])('staff %i with %i dispatched → violation %s', (staff, dispatched, violation) => {
    const e = evaluated({ ...PROFILES.enterpriseA, staff, uses_dispatch: true, dispatched });
    expect(e.risks.some((f) => f.questionId === 'dispatched')).toBe(violation);
  });

  it('says the unit its own share', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, staff: 26, uses_dispatch: true, dispatched: 3 });
    expect(e.risks.find((f) => f.id === 'dispatch_over_ten_percent')?.problem).toBe('用工总量 29 人中有派遣人员 3 人，占 10.3%，超过了10%。');
  });
});

describe('answers are the truth', () => {
  it('drops questions that stop applying when an earlier answer changes', () => {
    const withDispatch = completeAnswers(campaign, { ...PROFILES.enterpriseA, uses_dispatch: true, dispatched: 1 });
    const before = position(withDispatch);
    const changed = { ...withDispatch, uses_dispatch: false };
    const after = position(changed);
    expect(after.applicable.length).toBeLessThan(before.applicable.length);
    expect(after.answered).toBe(after.applicable.length);
    expect(evaluate(campaign, changed, inWindow).risks.some((f) => f.questionId === 'dispatched')).toBe(false);
  });

  it('asks again an answer an earlier change made wrong: more contracts than the new staff count', () => {
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, staff: 25, contracts_signed: 25, insured_staff: 25 });
    const changed = { ...answers, staff: 3 };
    expect(next(changed)).toBe('contracts_signed');
    expect(evaluate(campaign, changed, inWindow).complete).toBe(false);
  });

  it('asks the area again when the unit type no longer allows the one given (州直 is for organs only)', () => {
    const organ = completeAnswers(campaign, PROFILES.organ);
    const nowEnterprise = { ...organ, unit_type: 'enterprise' };
    expect(next(nowEnterprise)).toBe('area');
    expect(evaluate(campaign, nowEnterprise, inWindow).unit.bureau).toBeUndefined();
  });

  it('asks again what a new branch needs', () => {
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    expect(next(answers)).toBeUndefined();
    expect(next({ ...answers, uses_dispatch: true })).toBe('dispatched');
  });
});

describe('progress that does not lie by growing', () => {
  /** The remaining counts a unit sees, answer after answer, from the first review item to the end. */
  function remainingCounts(given: Answers): number[] {
    const all = completeAnswers(campaign, given);
    const answers: Record<string, Answers[string]> = {};
    const counts: number[] = [];
    for (let step = next(answers); step; step = next(answers)) {
      const p = position(answers);
      if (p.next && p.next.phase !== 'identity' && p.next.phase !== 'profile') counts.push(p.remaining);
      answers[step] = all[step] ?? null;
    }
    return counts;
  }

  it.each(Object.entries(PROFILES))('only ever shrinks, a few questions at a time, for profile %s', (_name, profile) => {
    for (const given of [profile, { ...profile, employs_women: true, employs_minors: true, uses_dispatch: profile.unit_type === 'organ' ? false : true, dispatched: 1 }]) {
      const counts = remainingCounts(given);
      expect(counts.length).toBeGreaterThan(0);
      for (let i = 1; i < counts.length; i++) {
        const drop = (counts[i - 1] as number) - (counts[i] as number);
        expect(drop, `step ${i}: ${counts[i - 1]} → ${counts[i]}`).toBeGreaterThanOrEqual(1);
        expect(drop).toBeLessThanOrEqual(6);
      }
      expect(counts.at(-1)).toBe(1);
    }
  });

  it('counts the applicable questions answered, with 不确定 and skips as answers', () => {
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, wages_on_time: 'unknown', wage_tier: null });
    const p = position(answers);
    expect(p.answered).toBe(p.applicable.length);
    expect(p.remaining).toBe(0);
  });
});

describe('numbers are cross-checked', () => {
  it('refuses more signed contracts than staff, whatever way it is written', () => {
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    expect(parse(answers, 'contracts_signed', '13').ok).toBe(false);
    expect(parse(answers, 'contracts_signed', '十三').ok).toBe(false);
    expect(parse(answers, 'contracts_signed', '12').ok).toBe(true);
    expect(parse(answers, 'contracts_signed', '十二').ok).toBe(true);
  });

  it('fills the earlier answer into the question text', async () => {
    const { questionText } = await import('../../src/core/engine.ts');
    const answers = { ...completeAnswers(campaign, PROFILES.enterpriseA) };
    delete answers.contracts_signed;
    const step = findStep(campaign, 'contracts_signed');
    expect(step && questionText(position(answers), step)).toContain('在这 12 名全日制职工中');
  });
});

describe('materials by unit type and condition (seed 000 附件)', () => {
  const ENT_UPLOAD = ['ent_business_licence', 'ent_staff_roster', 'ent_si_receipts', 'ent_accounts'];
  const PUB_UPLOAD = ['pub_org_code_cert', 'pub_si_receipts', 'pub_accounts'];
  const FORMS = (p: string) => [`${p}_review_form`, `${p}_filing_form`, `${p}_filing_roster`];
  const base = { part_time_staff: 0, retirees: 0 };
  it.each([
    ['enterprise, 25 staff: 3 samples of each contract type', { unit_type: 'enterprise', staff: 25, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_samples', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise, 20 staff: still samples (二十人以上 includes 20)', { unit_type: 'enterprise', staff: 20, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_samples', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise, 19 staff with e-contracts: all contracts and the e-contract count screenshot', { unit_type: 'enterprise', staff: 19, uses_dispatch: false, uses_e_contracts: true }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_e_contract_screenshot', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise using dispatch: agreement and roster', { unit_type: 'enterprise', staff: 27, uses_dispatch: true, dispatched: 3, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_samples', 'ent_dispatch_agreement', 'ent_last_review_form', ...FORMS('ent')]],
    ['individual business with 3 employees and accounts: the enterprise list', { unit_type: 'individual', staff: 3, has_annual_accounts: true, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_last_review_form', ...FORMS('ent')]],
    ['private non-enterprise unit: the enterprise list', { unit_type: 'private_non_enterprise', staff: 8, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise that did not take part last year: no 2023 form to bring', { unit_type: 'enterprise', staff: 5, uses_dispatch: false, uses_e_contracts: false, prior_review: 'not_taken' }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', ...FORMS('ent')]],
    ['organ without staff in labour relations: no contracts, no payroll, no filing roster', { unit_type: 'organ', area: 'prefecture_level', staff: 0, uses_dispatch: false }, PUB_UPLOAD,
      ['pub_last_review_form', 'pub_review_form', 'pub_filing_form', 'pub_leave_evidence', 'pub_maternity_evidence']],
    ['institution with 25 staff, e-contracts and dispatch', { unit_type: 'institution', staff: 25, uses_dispatch: true, dispatched: 1, uses_e_contracts: true }, PUB_UPLOAD,
      ['pub_last_review_form', 'pub_contracts_samples', 'pub_e_contract_screenshot', 'pub_payroll', 'pub_dispatch_agreement', ...FORMS('pub'), 'pub_leave_evidence', 'pub_maternity_evidence']],
    ['social group with 5 staff: all contracts', { unit_type: 'social_group', staff: 5, uses_dispatch: false, uses_e_contracts: false }, PUB_UPLOAD,
      ['pub_last_review_form', 'pub_contracts_all', 'pub_payroll', ...FORMS('pub'), 'pub_leave_evidence', 'pub_maternity_evidence']],
  ])('%s', (_label, profile, upload, bring) => {
    const e = evaluated({ area: 'qitai', ...base, ...profile });
    expect(e.materials.upload.map((s) => s.material.id)).toEqual(upload);
    expect(e.materials.bring.map((s) => s.material.id)).toEqual(bring);
  });

  it('names each material as the seed does and spells out its condition', () => {
    const byId = new Map(campaign.materials.map((m) => [m.id, m]));
    expect(byId.get('ent_contracts_samples')?.detail).toMatch(/二十人以上.*各三份/);
    expect(byId.get('ent_contracts_all')?.detail).toMatch(/全部/);
    expect(byId.get('ent_review_form')?.detail).toMatch(/一式三份/);
    expect(byId.get('ent_business_licence')?.name).toBe('用人单位营业执照副本');
    expect(byId.get('pub_org_code_cert')?.name).toBe('单位组织机构代码证');
  });
});

describe('the steps a campaign is walked in', () => {
  it('asks each material the campaign asks about as a yes/no question of the materials phase, optional, naming it', () => {
    const asked = campaign.materials.filter((m) => m.ask);
    expect(asked.length).toBeGreaterThan(0);
    for (const m of asked) {
      const step = findStep(campaign, materialQuestionId(m.id)) as Step;
      expect(step).toMatchObject({ phase: 'materials', kind: 'yesno', optional: true, checks: [], findings: [], material: m, when: m.when, source: m.source });
      expect(step.text).toBe(t('material.question', { name: m.name, detail: m.detail ? t('material.detail', { detail: m.detail }) : '' }));
      expect(step.why).toBe(t('material.why', { name: m.name }));
    }
    for (const m of campaign.materials.filter((x) => !x.ask)) expect(findStep(campaign, materialQuestionId(m.id))).toBeUndefined();
  });

  it('orders questions by phase: identity and profile first, materials before the record, contact last', () => {
    const phases = steps(campaign).map((s) => s.phase);
    const order = ['identity', 'profile', 'items', 'materials', 'record', 'contact'];
    const ranks = phases.map((p) => order.indexOf(p));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(phases)).toEqual(new Set(order));
  });

  it('reads an option\'s value (the wage tier\'s minimum wage), and nothing for another code or question', () => {
    const value = optionValueOf(campaign);
    expect(value('wage_tier', 'tier2')).toBe(1700);
    expect(value('wage_tier', 'tier9')).toBeUndefined();
    expect(value('no_such_question', 'tier2')).toBeUndefined();
    expect(value('staff', 'tier2')).toBeUndefined();
  });
});

describe('one walk per answers object, never a stale one', () => {
  it('walks again when the same object has been changed since', () => {
    const answers: Record<string, Answers[string]> = {};
    expect(position(answers).next?.id).toBe(steps(campaign)[0]?.id);
    answers[steps(campaign)[0]?.id as string] = '某某有限公司';
    expect(position(answers).next?.id).toBe(steps(campaign)[1]?.id);
    answers[steps(campaign)[1]?.id as string] = '91350100M000100Y43';
    expect(position(answers).next?.id).toBe(steps(campaign)[2]?.id);
    answers[steps(campaign)[0]?.id as string] = '另一个公司'; // one of two answers changed, same keys
    expect(position(answers).relevant[steps(campaign)[0]?.id as string]).toBe('另一个公司');
    delete answers[steps(campaign)[0]?.id as string];
    expect(position(answers).next?.id).toBe(steps(campaign)[0]?.id);
  });

  it('walks again on another day: the same answers meet the lateness question once the window has closed', () => {
    const answers = frozenAnswers(completeAnswers(campaign, PROFILES.enterpriseA));
    expect(position(answers, inWindow).next).toBeUndefined();
    expect(position(answers, AFTER_WINDOW).next).toBeDefined();
    expect(position(answers, inWindow).next).toBeUndefined();
  });

  it('trusts a frozen answers object, and hands back the same walk', () => {
    const answers = frozenAnswers({ ...PROFILES.enterpriseA });
    expect(position(answers)).toBe(position(answers));
  });
});

describe('a walk that ends in an exclusion', () => {
  it('stops at the answer that excludes: later answers count for nothing', () => {
    const answers = { unit_name: '某某小吃店', credit_code: '91350100M000100Y43', unit_type: 'individual', area: 'fukang', staff: 2, part_time_staff: 0, retirees: 0, uses_dispatch: false };
    const p = position(answers);
    expect(p.excludedBy).toBeDefined();
    expect(p.applicable.at(-1)?.id).toBe('part_time_staff');
    expect(Object.keys(p.relevant)).not.toContain('retirees');
    expect(p.answered).toBe(Object.keys(p.relevant).length);
    expect(p.next).toBeUndefined();
    expect(p.remaining).toBe(0);
  });
});

describe('going back and the review list', () => {
  const answers = completeAnswers(campaign, PROFILES.enterpriseA);
  const unfinished = { ...answers };
  delete unfinished.contracts_signed;
  it('goes back to the answered question before the current one, in question order', () => {
    const p = position(unfinished);
    const order = p.applicable.map((s) => s.id);
    const before = order[order.indexOf('contracts_signed') - 1];
    expect(previousAnswered(p)?.id).toBe(before);
    expect(previousAnswered(p, 'contracts_signed')?.id).toBe(before);
  });
  it('goes back from a named question, and to the last answer once everything is answered', () => {
    const p = position(answers);
    const order = p.applicable.map((s) => s.id);
    expect(previousAnswered(p)?.id).toBe(order.at(-1));
    expect(previousAnswered(p, order[3])?.id).toBe(order[2]);
    expect(previousAnswered(p, order[0])).toBeUndefined();
    expect(previousAnswered(position({}))).toBeUndefined();
  });
  it('lists only the answered questions that still apply, in order', () => {
    const p = position(unfinished);
    const listed = answeredSteps(p).map((s) => s.id);
    expect(listed).not.toContain('contracts_signed');
    expect(listed).toEqual(p.applicable.map((s) => s.id).filter((id) => id in p.relevant));
    expect(listed.length).toBe(p.answered);
  });
  it('leaves a question text without placeholders as it is', () => {
    const step = findStep(campaign, 'staff') as Step;
    expect(questionText(position({}), step)).toBe(step.text);
  });
});

describe('a plain checklist (no conditions, no rating)', () => {
  const checklist = checklistCampaign(numberedQuestions(4));
  it('walks every question in order and counts what is left', () => {
    const p = assess(checklist, { q1: true }, inWindow);
    expect(p.next?.id).toBe('q2');
    expect(p.remaining).toBe(3);
    expect(p.answered).toBe(1);
  });
  it('tallies yes, no, 不确定 and skips, and nothing for materials', () => {
    expect(evaluate(checklist, { q1: true, q2: false, q3: 'unknown', q4: null }, inWindow).tally).toEqual({ yes: 1, no: 1, unknown: 1, skipped: 1 });
    expect(evaluate(checklist, { q1: true, q2: true }, inWindow).tally).toEqual({ yes: 2, no: 0, unknown: 0, skipped: 0 });
    const withMaterials = completeAnswers(campaign, PROFILES.enterpriseA);
    const counted = steps(campaign).filter((s) => s.kind === 'yesno' && s.phase !== 'materials' && s.id in position(withMaterials).relevant).length;
    const tally = evaluate(campaign, withMaterials, inWindow).tally;
    expect(tally.yes + tally.no + tally.unknown + tally.skipped).toBe(counted);
  });
});

describe('the evaluation, piece by piece', () => {
  it('lists the reasons worst first whatever order the campaign file gives its rules in', () => {
    const reversed = structuredClone(campaign) as Campaign & { rating: NonNullable<Campaign['rating']> };
    reversed.rating.rules.reverse();
    const parsedReversed = CampaignSchema.parse(reversed);
    const given = { ...PROFILES.enterpriseA, sanctions_2024: 1, blacklist: true, late_review: 'late_no_reason' };
    const grade = evaluate(parsedReversed, completeAnswers(parsedReversed, given, AFTER_WINDOW), AFTER_WINDOW).grade;
    expect(grade?.reasons.map((r) => r.grade)).toEqual(['C', 'B', 'B']);
  });

  it('keeps the worst cap among reported violations, wherever it comes in the checklist', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, under16_employed: true, under16_approved: false, wages_on_time: false });
    expect(grade.grade).toBe('A');
    expect(grade.qualified).toMatchObject({ grade: 'C' });
  });

  it('qualifies only an A: a B beside violations is not said to become B', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseB, contracts_signed: 10 });
    expect(grade.grade).toBe('B');
    expect(grade.qualified).toBeUndefined();
  });

  it('counts as uncertain for the grade only the 不确定 answers the grade rules read', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, wages_on_time: 'unknown' });
    expect(e.toVerify.map((v) => v.step.id)).toContain('wages_on_time');
    expect(e.grade?.uncertain).toEqual([]);
  });

  it('shows no caveat whose condition does not hold', () => {
    expect(gradeOf(PROFILES.enterpriseA).caveats).toEqual([]);
  });

  it('lists a question to verify by the first line of its text, as the unit read it', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, contracts_signed: null });
    const item = e.toVerify.find((v) => v.step.id === 'contracts_signed');
    expect(item).toMatchObject({ reason: 'skipped' });
    expect(item?.question).toBe((item?.step.text ?? '').replace('{staff}', '12').split('\n')[0]);
  });

  it('puts a material answered 不确定 among the missing, not among things to verify, with no "have"', () => {
    const material = evaluated(PROFILES.enterpriseA).materials.upload.find((s) => s.material.ask)?.material as Campaign['materials'][number];
    const e = evaluated({ ...PROFILES.enterpriseA, [materialQuestionId(material.id)]: 'unknown' });
    expect(e.missing.upload.map((m) => m.id)).toContain(material.id);
    expect(e.toVerify.map((v) => v.step.id)).not.toContain(materialQuestionId(material.id));
    expect(e.materials.upload.find((s) => s.material.id === material.id)?.have).toBeUndefined();
    expect(evaluated({ ...PROFILES.enterpriseA, [materialQuestionId(material.id)]: false }).materials.upload.find((s) => s.material.id === material.id)?.have).toBe(false);
  });

  it('passes a unit whose only findings are advice', () => {
    const e = evaluated(PROFILES.enterpriseA);
    expect(e.verdict?.outcome).toBe('pass');
    const advised = evaluated({ ...PROFILES.enterpriseA, rules_exist: false });
    expect(advised.findings.map((f) => [f.id, f.severity])).toEqual([['rules_missing', 'advice']]);
    expect(advised.verdict?.outcome).toBe('pass');
    expect(evaluated({ ...PROFILES.enterpriseA, wages_on_time: false }).verdict?.outcome).toBe('fail');
  });

  it('leaves a skipped form field blank, never "null"', () => {
    const e = evaluated({ ...PROFILES.enterpriseA, address: null, unit_name: '某某有限公司' });
    expect(e.unit.address).toBeUndefined();
    expect(e.unit.name).toBe('某某有限公司');
  });
});
