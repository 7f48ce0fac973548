/** The pure engine, table-driven over the Changji 2024 campaign: grade, verdict, scope, jurisdiction, numbers. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { parseAnswer } from '../../src/core/answer.ts';
import { evaluate } from '../../src/core/evaluate.ts';
import { exclusion, findStep, nextQuestion, progress } from '../../src/core/engine.ts';
import { completeAnswers, PROFILES } from '../support/profiles.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const inWindow = new Date('2025-03-10T02:00:00Z');
const gradeOf = (given: Record<string, string | number | boolean>) => {
  const grade = evaluate(campaign, completeAnswers(campaign, given), inWindow).grade;
  if (!grade) throw new Error('expected a grade');
  return grade;
};

describe('grade (人社部规〔2016〕1号 第七条, with the Changji cap)', () => {
  it('is A for a unit not sanctioned, citing article 7', () => {
    const grade = gradeOf(PROFILES.enterpriseA);
    expect(grade.grade).toBe('A');
    expect(grade.reasons[0]?.source.article).toContain('第七条');
  });

  it.each([
    ['sanctioned once', { sanctions_2024: 1 }],
    ['sanctioned twice', { sanctions_2024: 2 }],
    ['late without reason (seed 000 五(二))', { late_review: 'late_no_reason' }],
  ])('is B when %s', (_label, extra) => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, ...extra });
    expect(grade.grade).toBe('B');
    expect(grade.reasons.every((r) => r.grade === 'B')).toBe(true);
  });

  it('stays A when late with a reason', () => {
    expect(gradeOf({ ...PROFILES.enterpriseA, late_review: 'late_with_reason' }).grade).toBe('A');
  });

  it.each([
    ['three sanctions', { sanctions_2024: 3 }],
    ['a mass incident', { c_mass_incident: true }],
    ['child or forced labour', { sanctions_2024: 1, c_child_forced_labour: true }],
    ['a refused order', { c_refused_order: true }],
    ['obstructing an inspection', { c_obstructed: true }],
    ['criminal liability', { c_criminal: true }],
    ['the wage-arrears blacklist', { blacklist: true }],
  ])('is C for %s, with the reason and its source', (_label, extra) => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, ...extra });
    expect(grade.grade).toBe('C');
    expect(grade.reasons[0]?.grade).toBe('C');
    expect(grade.reasons[0]?.source.doc.length).toBeGreaterThan(0);
    expect(grade.consequence?.text).toMatch(/季度/);
  });

  it('grades no organ, institution or social group, and says why with the source (seed 000 五(三))', () => {
    for (const unit_type of ['organ', 'institution', 'social_group']) {
      const e = evaluate(campaign, completeAnswers(campaign, { ...PROFILES.organ, unit_type }), inWindow);
      expect(e.grade).toBeUndefined();
      expect(e.gradeNotApplicable?.source.article).toBe('五(三)');
      expect(e.complete).toBe(true);
    }
    expect(findStep(campaign, 'sanctions_2024')?.when).toBeDefined();
  });

  it('lists every reason, worst first, when several apply', () => {
    const grade = gradeOf({ ...PROFILES.enterpriseA, sanctions_2024: 1, blacklist: true, late_review: 'late_no_reason' });
    expect(grade.grade).toBe('C');
    expect(grade.reasons.map((r) => r.grade)).toEqual(['C', 'B', 'B']);
  });
});

describe('written-review verdict', () => {
  it('is 合格 for a compliant unit with every material ready', () => {
    const e = evaluate(campaign, completeAnswers(campaign, PROFILES.enterpriseA), inWindow);
    expect(e.complete).toBe(true);
    expect(e.verdict.outcome).toBe('pass');
    expect(e.findings.filter((f) => f.severity === 'violation')).toEqual([]);
  });

  it('is 不合格 with the finding, its legal basis and the fix when contracts are missing', () => {
    const e = evaluate(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseA, contracts_signed: 10 }), inWindow);
    expect(e.verdict.outcome).toBe('fail');
    const finding = e.verdict.violations.find((f) => f.questionId === 'contracts_signed');
    expect(finding?.basis.map((b) => b.doc).join()).toContain('劳动合同法');
    expect(finding?.fix.length).toBeGreaterThan(0);
    expect(e.risks).toContain(finding);
    // A self-check gap is a risk, not a grade: the grade still turns on the inspection record.
    expect(e.grade?.grade).toBe('A');
  });

  it('flags overtime above 36 hours a month and wages under the local minimum', () => {
    const e = evaluate(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseA, overtime_hours_month: 37, wage_tier: 'tier1', lowest_monthly_wage: 2069 }), inWindow);
    const ids = e.risks.map((f) => f.questionId);
    expect(ids).toContain('overtime_hours_month');
    expect(ids).toContain('lowest_monthly_wage');
    const ok = evaluate(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseA, overtime_hours_month: 36, wage_tier: 'tier1', lowest_monthly_wage: 2070 }), inWindow);
    expect(ok.risks.map((f) => f.questionId)).not.toContain('overtime_hours_month');
    expect(ok.risks.map((f) => f.questionId)).not.toContain('lowest_monthly_wage');
  });
});

describe('labour dispatch: at most 10% of the total workforce (劳务派遣暂行规定 第四条)', () => {
  it.each([
    [27, 3, false], // 3 / 30 = 10%: allowed
    [26, 3, true], // 3 / 29 > 10%
    [90, 10, false],
    [89, 10, true],
  ])('staff %i with %i dispatched → violation %s', (staff, dispatched, violation) => {
    const e = evaluate(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseA, staff, uses_dispatch: true, dispatched }), inWindow);
    expect(e.risks.some((f) => f.questionId === 'dispatched')).toBe(violation);
  });
});

describe('scope', () => {
  it('puts an individual business with 2 employees out of scope and says why', () => {
    const answers = { unit_name: '某某小吃店', credit_code: '91350100M000100Y43', unit_type: 'individual', area: 'fukang', staff: 2 };
    expect(exclusion(campaign, answers)?.reason).toMatch(/3人/);
    expect(nextQuestion(campaign, answers)).toBeUndefined();
    expect(evaluate(campaign, answers, inWindow).outOfScope).toBeDefined();
  });

  it('keeps an individual business with 3 employees in scope', () => {
    const answers = { unit_name: '某某小吃店', credit_code: '91350100M000100Y43', unit_type: 'individual', area: 'fukang', staff: 3 };
    expect(exclusion(campaign, answers)).toBeUndefined();
    expect(nextQuestion(campaign, answers)).toBeDefined();
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
    const e = evaluate(campaign, { unit_type, area }, inWindow);
    expect(e.unit.bureau?.phone).toBe(phone);
  });

  it('offers the prefecture level only to organs, institutions and groups', () => {
    const step = findStep(campaign, 'area');
    expect(step).toBeDefined();
    if (!step) return;
    expect(parseAnswer(campaign, { unit_type: 'organ' }, step, '州直单位').ok).toBe(true);
    expect(parseAnswer(campaign, { unit_type: 'enterprise' }, step, '州直单位').ok).toBe(false);
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  const step = findStep(campaign, 'credit_code');
  it.each(['91350100M000100Y43', '914403001922038216', '9135 0100 M000 100Y 43', '91350100m000100y43'])('accepts %s', (code) => {
    const result = step && parseAnswer(campaign, {}, step, code);
    expect(result).toEqual({ ok: true, value: code.replace(/\s/g, '').toUpperCase() });
  });
  it.each([
    ['91350100M000100Y44', 'answer.creditCodeCheck'],
    ['91350100M000100Y4', 'answer.creditCodeLength'],
    ['91350100M000100I43', 'answer.creditCodeChars'],
    ['', 'answer.empty'],
  ])('refuses %s with %s', (code, key) => {
    const result = step && parseAnswer(campaign, {}, step, code);
    expect(result && !result.ok && result.error.key).toBe(key);
  });
});

describe('commands are whole messages', () => {
  it('takes an English unit name that starts with a command word as an answer', async () => {
    const { eventForText } = await import('../../src/core/commands.ts');
    expect(eventForText('Start Up Technology Co')).toEqual({ type: 'user.answer', input: 'Start Up Technology Co' });
    expect(eventForText('Back Office Ltd')).toMatchObject({ type: 'user.answer' });
    expect(eventForText(' back ')).toEqual({ type: 'user.back' });
    expect(eventForText('/start changji-2024')).toEqual({ type: 'user.start', campaignId: 'changji-2024' });
    expect(eventForText('/review@nianshen_bot')).toEqual({ type: 'user.review' });
  });
});

describe('numbers are cross-checked', () => {
  it('refuses more signed contracts than staff', () => {
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const step = findStep(campaign, 'contracts_signed');
    expect(step).toBeDefined();
    if (!step) return;
    expect(parseAnswer(campaign, answers, step, '13').ok).toBe(false);
    expect(parseAnswer(campaign, answers, step, '12').ok).toBe(true);
    expect(parseAnswer(campaign, answers, step, '十二').ok).toBe(false);
  });
});

describe('answers are the truth', () => {
  it('drops questions that stop applying when an earlier answer changes, and progress follows', () => {
    const withDispatch = completeAnswers(campaign, { ...PROFILES.enterpriseA, uses_dispatch: true, dispatched: 1 });
    const before = progress(campaign, withDispatch);
    const changed = { ...withDispatch, uses_dispatch: false };
    const after = progress(campaign, changed);
    expect(after.applicable).toBeLessThan(before.applicable);
    expect(after.answered).toBe(after.applicable);
    expect(evaluate(campaign, changed, inWindow).risks.some((f) => f.questionId === 'dispatched')).toBe(false);
  });

  it('asks again an answer an earlier change made wrong: more contracts than the new staff count', () => {
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, staff: 25, contracts_signed: 25, insured_staff: 25 });
    const changed = { ...answers, staff: 3 };
    expect(nextQuestion(campaign, changed)?.id).toBe('contracts_signed');
    expect(evaluate(campaign, changed, inWindow).complete).toBe(false);
    expect(progress(campaign, changed).answered).toBeLessThan(progress(campaign, changed).applicable);
  });

  it('asks the area again when the unit type no longer allows the one given (州直 is for organs only)', () => {
    const organ = completeAnswers(campaign, PROFILES.organ);
    const nowEnterprise = { ...organ, unit_type: 'enterprise' };
    expect(nextQuestion(campaign, nowEnterprise)?.id).toBe('area');
    expect(evaluate(campaign, nowEnterprise, inWindow).unit.bureau).toBeUndefined();
  });

  it('asks again what a new branch needs', () => {
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    expect(nextQuestion(campaign, answers)).toBeUndefined();
    expect(nextQuestion(campaign, { ...answers, uses_dispatch: true })?.id).toBe('dispatched');
  });
});

describe('days left to the deadline (local calendar days, injected clock)', () => {
  it.each([
    ['2025-03-01T00:00:00+08:00', 60, false],
    ['2025-04-30T23:59:00+08:00', 0, false],
    ['2025-04-29T20:00:00Z', 0, false], // already 30 April in Xinjiang's official clock
    ['2025-05-01T00:00:00+08:00', -1, true],
  ])('at %s: %i days, overdue %s', (now, days, overdue) => {
    const d = evaluate(campaign, {}, new Date(now)).deadline;
    expect(d).toMatchObject({ date: '2025-04-30', daysLeft: days, overdue });
  });
});

describe('materials by unit type and condition (seed 000 附件)', () => {
  const ENT_UPLOAD = ['ent_business_licence', 'ent_staff_roster', 'ent_si_receipts', 'ent_accounts'];
  const PUB_UPLOAD = ['pub_org_code_cert', 'pub_si_receipts', 'pub_accounts'];
  const FORMS = (p: string) => [`${p}_review_form`, `${p}_filing_form`, `${p}_filing_roster`];
  it.each([
    ['enterprise, 25 staff: 3 samples of each contract type', { unit_type: 'enterprise', staff: 25, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_samples', 'ent_e_contract_screenshot', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise, 20 staff: still samples (二十人以上 includes 20)', { unit_type: 'enterprise', staff: 20, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_samples', 'ent_e_contract_screenshot', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise, 19 staff: all contracts and the e-contract count screenshot', { unit_type: 'enterprise', staff: 19, uses_dispatch: false, uses_e_contracts: true }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_e_contract_screenshot', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise using dispatch: agreement and roster', { unit_type: 'enterprise', staff: 27, uses_dispatch: true, dispatched: 3, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_samples', 'ent_e_contract_screenshot', 'ent_dispatch_agreement', 'ent_last_review_form', ...FORMS('ent')]],
    ['individual business with 3 employees: the enterprise list', { unit_type: 'individual', staff: 3, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_e_contract_screenshot', 'ent_last_review_form', ...FORMS('ent')]],
    ['private non-enterprise unit: the enterprise list', { unit_type: 'private_non_enterprise', staff: 8, uses_dispatch: false, uses_e_contracts: false }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_e_contract_screenshot', 'ent_last_review_form', ...FORMS('ent')]],
    ['enterprise that did not take part last year: no 2023 form to bring', { unit_type: 'enterprise', staff: 5, uses_dispatch: false, prior_review: 'not_taken' }, ENT_UPLOAD,
      ['ent_hr_rules', 'ent_accounting_vouchers', 'ent_contracts_all', 'ent_e_contract_screenshot', ...FORMS('ent')]],
    ['organ without staff in labour relations: no contracts, no payroll, no filing roster', { unit_type: 'organ', area: 'prefecture_level', staff: 0, uses_dispatch: false }, PUB_UPLOAD,
      ['pub_last_review_form', 'pub_review_form', 'pub_filing_form', 'pub_leave_evidence', 'pub_maternity_evidence']],
    ['institution with 25 staff and dispatch', { unit_type: 'institution', staff: 25, uses_dispatch: true, dispatched: 1, uses_e_contracts: true }, PUB_UPLOAD,
      ['pub_last_review_form', 'pub_contracts_samples', 'pub_e_contract_screenshot', 'pub_payroll', 'pub_dispatch_agreement', ...FORMS('pub'), 'pub_leave_evidence', 'pub_maternity_evidence']],
    ['social group with 5 staff: all contracts', { unit_type: 'social_group', staff: 5, uses_dispatch: false, uses_e_contracts: false }, PUB_UPLOAD,
      ['pub_last_review_form', 'pub_contracts_all', 'pub_e_contract_screenshot', 'pub_payroll', ...FORMS('pub'), 'pub_leave_evidence', 'pub_maternity_evidence']],
  ])('%s', (_label, profile, upload, bring) => {
    const e = evaluate(campaign, completeAnswers(campaign, { area: 'qitai', ...profile }), inWindow);
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

  it('counts a material the unit does not have yet as missing, in its list', () => {
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, has_ent_business_licence: false, has_ent_hr_rules: false });
    const e = evaluate(campaign, answers, inWindow);
    expect(e.missing.upload.map((m) => m.id)).toEqual(['ent_business_licence']);
    expect(e.missing.bring.map((m) => m.id)).toEqual(['ent_hr_rules']);
    expect(e.verdict.outcome).toBe('fail');
  });
});
