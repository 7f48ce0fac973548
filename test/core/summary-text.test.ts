/** The self-check result as chat text: each line helper, the whole summary, the materials list, contacts and forms. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign, Form } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import { findStep, type Step } from '../../src/core/engine.ts';
import { evaluate, type Evaluation, type RaisedFinding } from '../../src/core/evaluate.ts';
import { formResult } from '../../src/core/forms.ts';
import { formatSource } from '../../src/core/present.ts';
import {
  basisText,
  bureauLine,
  checklistText,
  contactText,
  deadlineLine,
  disclosureLines,
  formResultText,
  formWords,
  gradeLines,
  summaryText,
  toVerifyLine,
  validityLine,
} from '../../src/core/summary-text.ts';
import { t } from '../../src/core/text.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';
import { AFTER_WINDOW, completeAnswers, IN_WINDOW, PROFILES, WENSHUI_PUBLISHED_C, WENSHUI_SHOP } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const checklist = checklistCampaign(numberedQuestions(4));
const step = (id: string, campaign: Campaign = changji): Step => {
  const s = findStep(campaign, id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
/** Changji local dates, 10:00 in Changji. */
const day = (date: string) => new Date(`${date}T02:00:00Z`);
const AFTER_LAPSE = day('2025-04-28');
const BEFORE_LAPSE = day('2024-06-03');

const CAMPAIGN_A = '· 按您的回答，2024年未因劳动保障违法行为被人社部门查处，可评为A级（最终以人社部门评定为准）。（依据：人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条）';
const A_CONSEQUENCE = 'A级后果：被评为A级的企业，当年免于日常巡视检查。（依据：昌州人社发〔2025〕4号 六(三)）';
const GRADE_A = '预估守法诚信等级：A 级（仅供自查参考，以人社部门评定为准）';
const SUPERVISION = '监督电话：0994-2206072。';
const PLATFORM = '网上申报：新疆人社公共服务平台 http://222.82.215.217:9921/pc/index.html（由企业年审操作人员通过本人电子社保卡登录）';
const NEXT = '回复“查看”可修改回答，“重新开始”可重新自查。';
const noteLines = (campaign: Campaign) => campaign.notes.filter((n) => n.show.includes('summary')).map((n) => `· ${n.text}（依据：${formatSource(n.source)}）`);
/** What every Changji summary ends with: notes, the honesty warning and what to reply next. */
const CHANGJI_END = ['', '其他须知：', ...noteLines(changji), '', `⚠️ ${changji.honesty?.text}`, NEXT];

describe('toVerifyLine', () => {
  it('asks to verify an answer of 不确定 and to answer a skipped question', () => {
    expect(toVerifyLine({ step: step('uses_dispatch'), question: '是否使用劳务派遣？', reason: 'unknown' })).toBe('请核实：是否使用劳务派遣？');
    expect(toVerifyLine({ step: step('sanctions_2024'), question: '查处几次？', reason: 'skipped' })).toBe('请补答：查处几次？');
  });
});

describe('deadlineLine', () => {
  const graded = (now: Date) => evaluate(changji, PROFILES.enterpriseA, now);

  it('counts the days left, down to the last one', () => {
    expect(deadlineLine(graded(IN_WINDOW))).toBe('截止日期：2025-04-30，还剩 51 天。');
    expect(deadlineLine(graded(day('2025-04-29')))).toBe('截止日期：2025-04-30，还剩 1 天。');
  });

  it('says the last day is today', () => {
    expect(deadlineLine(graded(day('2025-04-30')))).toBe('截止日期：2025-04-30，今天是最后一天！');
  });

  it('counts the days overdue and, for a graded unit, the A cap', () => {
    expect(deadlineLine(graded(day('2025-05-01')))).toBe('截止日期：2025-04-30，已过 1 天。尚未完成书面审查的，请尽快联系审查机关。无故逾期的单位不得评为A级。');
    expect(deadlineLine(graded(AFTER_WINDOW))).toBe('截止日期：2025-04-30，已过 33 天。尚未完成书面审查的，请尽快联系审查机关。无故逾期的单位不得评为A级。');
  });

  it('leaves the A cap out for units not graded, or not yet known to be', () => {
    const late = '截止日期：2025-04-30，已过 33 天。尚未完成书面审查的，请尽快联系审查机关。';
    expect(deadlineLine(evaluate(changji, PROFILES.organ, AFTER_WINDOW))).toBe(late);
    expect(deadlineLine(evaluate(changji, {}, AFTER_WINDOW))).toBe(late);
  });

  it('says nothing without a written review', () => {
    expect(deadlineLine(evaluate(wenshui, {}, AFTER_LAPSE))).toBeUndefined();
    expect(deadlineLine(evaluate(checklist, {}, IN_WINDOW))).toBeUndefined();
  });
});

describe('bureauLine', () => {
  it("names the unit's bureau, its phone and the supervision phone", () => {
    expect(bureauLine(changji, evaluate(changji, PROFILES.enterpriseA, IN_WINDOW))).toBe(`审查机关：阜康市人力资源和社会保障局，电话 0994-3234108。${SUPERVISION}`);
    expect(bureauLine(changji, evaluate(changji, PROFILES.organ, IN_WINDOW))).toBe(`审查机关：昌吉州人社局劳动保障监察科，电话 0994-2206083。${SUPERVISION}`);
  });

  it('asks for the area before it is known', () => {
    expect(bureauLine(changji, evaluate(changji, {}, IN_WINDOW))).toBe(`审查机关：请选择单位所在地后查看。${SUPERVISION}`);
  });

  it('says a bureau lists no phone, and leaves out a supervision phone the campaign has not', () => {
    const e = evaluate(wenshui, { unit_name: '某某公司', credit_code: null, unit_type: 'enterprise', area: 'wenshui' }, AFTER_LAPSE);
    expect(bureauLine(wenshui, e)).toBe('主管人社部门：文水县人力资源和社会保障局（劳动保障监察机构），电话 未列出（文件没有公布电话，可向当地人社部门查询）。');
  });

  it('says nothing for a bare checklist', () => {
    expect(bureauLine(checklist, evaluate(checklist, {}, IN_WINDOW))).toBeUndefined();
  });

  it('speaks for a campaign with only a supervision phone, or only bureaus', () => {
    const e = evaluate(checklist, {}, IN_WINDOW);
    const phoneOnly = { ...checklist, supervisionPhone: { phone: '12333', source: { doc: 'x' } } } as Campaign;
    expect(bureauLine(phoneOnly, e)).toBe('主管人社部门：请选择单位所在地后查看。监督电话：12333。');
    const bureauOnly = { ...checklist, bureaus: wenshui.bureaus } as Campaign;
    expect(bureauLine(bureauOnly, e)).toBe('主管人社部门：请选择单位所在地后查看。');
  });
});

describe('disclosureLines', () => {
  const evaluated = (given: Answers) => evaluate(wenshui, completeAnswers(wenshui, given, AFTER_LAPSE), AFTER_LAPSE);

  it('previews what a C would publish, answers filled in and the rest left to the record', () => {
    const e = evaluated(WENSHUI_PUBLISHED_C);
    expect(disclosureLines(e)).toEqual([
      '⚠️ 被评为C级的，将按规定向社会公示以下信息；下面按您的回答预填，可以看到公示的样子（依据：文人社字〔2022〕46号《文水县用人单位劳动保障信用分级分类监管办法（试行）》 第十四条）',
      '· 违法主体全称：文水县某某食品有限公司',
      '· 统一社会信用代码：91652300MA0000001Y',
      '· 法定代表人或者负责人姓名：张三',
      '· 处罚时间：2024-11-05',
      '· 处罚决定书号：文人社监罚字〔2024〕7号',
      '· 违法行为：未与职工订立书面劳动合同',
      '· 处罚依据：（按实际处罚记录填写）',
      '· 处罚结果：（按实际处罚记录填写）',
      '· 失信行为等级认定：（按实际处罚记录填写）',
      '· 黄、黑名单情况：（按实际处罚记录填写）',
    ]);
  });

  it('is empty for grades that are not published', () => {
    expect(disclosureLines(evaluated(WENSHUI_SHOP))).toEqual([]);
    expect(disclosureLines(evaluated({ ...WENSHUI_SHOP, sanctions: 1 }))).toEqual([]);
  });
});

describe('formWords', () => {
  it("quotes each form's first word", () => expect(formWords(wenshui)).toBe('“异议”、“修复”'));
  it('is empty without forms', () => expect(formWords(changji)).toBe(''));
});

describe('gradeLines', () => {
  it('gives the grade, its reason and what it means', () => {
    expect(gradeLines(evaluate(changji, PROFILES.enterpriseA, IN_WINDOW))).toEqual([GRADE_A, CAMPAIGN_A, A_CONSEQUENCE]);
  });

  it('qualifies an A when violations were reported, and says how many record answers are uncertain', () => {
    const e = evaluate(changji, completeAnswers(changji, { ...PROFILES.enterpriseA, contract_copy_given: false, rules_exist: false, sanctions_2024: null }), IN_WINDOW);
    expect(e.risks).toHaveLength(1);
    expect(gradeLines(e)).toEqual([
      '预估守法诚信等级：按您报告的监察记录为 A 级；但您报告了违法情形，若被查实，最多为 B 级（仅供自查参考，以人社部门评定为准）',
      CAMPAIGN_A,
      '您报告的 1 项问题若被检查发现：将被责令整改，情节严重的依法查处；被查处的单位不能评为A级，没有C级情形的为B级。（依据：人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条）',
      '另有 1 项监察记录的回答为“不确定”或已跳过，核实后等级可能更低。',
      A_CONSEQUENCE,
    ]);
  });

  it('counts every reported violation in the qualification', () => {
    const e = evaluate(changji, completeAnswers(changji, { ...PROFILES.enterpriseA, contract_copy_given: false, weekly_rest: false, hours_scheme: 'standard' }), IN_WINDOW);
    expect(e.risks.length).toBe(2);
    expect(gradeLines(e)[2]).toMatch(/^您报告的 2 项问题若被检查发现：/);
  });

  it('says a grade is for reference only where no source grades the unit', () => {
    expect(gradeLines(evaluate(changji, { ...PROFILES.enterpriseA, unit_type: 'individual' }, IN_WINDOW))).toEqual([
      GRADE_A,
      `注意：${changji.rating?.reference?.text}（依据：《新疆维吾尔自治区企业劳动保障守法诚信等级评价实施办法》（原文未查到）（未经核实，仅供参考））`,
      CAMPAIGN_A,
      A_CONSEQUENCE,
    ]);
  });

  it('names a caveat that holds', () => {
    const e = evaluate(changji, { ...PROFILES.enterpriseA, late_review: 'not_done' }, AFTER_WINDOW);
    expect(gradeLines(e)).toEqual([GRADE_A, CAMPAIGN_A, '注意：本次书面审查尚未办理：办理时如无正当理由逾期，不得评为A级。（依据：昌州人社发〔2025〕4号 五(二)）', A_CONSEQUENCE]);
  });

  it('gives every reason, worst first, and the consequences of the grade', () => {
    const e = evaluate(wenshui, completeAnswers(wenshui, { unit_name: '某某公司', unit_type: 'enterprise', area: 'wenshui', staff: 12, sanctions: 3 }, AFTER_LAPSE), AFTER_LAPSE);
    const g = e.grade;
    expect(g?.reasons.map((r) => r.grade)).toEqual(['C', 'B']);
    expect(gradeLines(e)).toEqual([
      '预估守法诚信等级：C 级（仅供自查参考，以人社部门评定为准）',
      `注意：${g?.reference?.text}（依据：${formatSource(g?.reference?.source ?? { doc: '' })}）`,
      '· 评价周期内因劳动保障违法行为被查处3次以上，属于C级情形。（依据：人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条）',
      '· 评价周期内因劳动保障违法行为被人社部门查处，不能评为A级；没有C级情形的为B级。（依据：人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条）',
      `C级后果：${g?.consequences[0]?.text}（依据：文人社字〔2022〕46号《文水县用人单位劳动保障信用分级分类监管办法（试行）》 第十三条）`,
    ]);
  });

  it('says units of some kinds are not graded', () => {
    expect(gradeLines(evaluate(changji, PROFILES.organ, IN_WINDOW))).toEqual([
      '守法诚信等级：不评定。守法诚信等级评价针对企业等用人单位，党政机关、事业单位、社会团体只参加书面审查，不评定等级。（依据：昌州人社发〔2025〕4号 五(三)）',
    ]);
  });

  it('says nothing before the unit type is known, or for a campaign that grades nobody', () => {
    expect(gradeLines(evaluate(changji, {}, IN_WINDOW))).toEqual([]);
    expect(gradeLines(evaluate(checklist, { q1: true }, IN_WINDOW))).toEqual([]);
  });
});

describe('basisText', () => {
  it('joins the sources of a rule', () => {
    const finding = step('under16_approved').findings[0];
    if (!finding) throw new Error('no finding');
    const raised: RaisedFinding = { ...finding, questionId: 'under16_approved', item: 3 };
    const [first, second] = raised.basis;
    expect(raised.basis).toHaveLength(2);
    expect(basisText(raised)).toBe(`${formatSource(first ?? { doc: '' })}；${formatSource(second ?? { doc: '' })}`);
    expect(basisText({ ...raised, basis: [{ doc: '甲', article: '第一条' }, { doc: '乙', unverified: true }, { doc: '丙' }] })).toBe('甲 第一条；乙（未经核实，仅供参考）；丙');
    expect(basisText({ ...raised, basis: [{ doc: '甲' }] })).toBe('甲');
  });
});

describe('validityLine', () => {
  const e = (now: Date) => evaluate(wenshui, {}, now);

  it('says, without a leading blank line, that the document has lapsed and whom to ask', () => {
    expect(validityLine(wenshui, e(AFTER_LAPSE))).toBe(
      '⚠️ 有效期：本文件自 2022-12-26 起施行，有效期至 2024-12-25（依据：文人社字〔2022〕46号《文水县用人单位劳动保障信用分级分类监管办法（试行）》 第十八条），现已过期。除非已经延续，其中的评价和措施可能已不再执行，请向主管人社部门核实。',
    );
  });

  it('says nothing while in force, up to the last day', () => {
    expect(validityLine(wenshui, e(BEFORE_LAPSE))).toBeUndefined();
    expect(validityLine(wenshui, e(day('2024-12-25')))).toBeUndefined();
    expect(validityLine(wenshui, e(day('2024-12-26')))).toMatch(/^⚠️ 有效期/);
  });

  it('says nothing for a campaign without a period of validity', () => {
    expect(validityLine(changji, evaluate(changji, {}, AFTER_WINDOW))).toBeUndefined();
  });
});

describe('summaryText', () => {
  const enterprise = (given: Answers, now = IN_WINDOW) => evaluate(changji, completeAnswers(changji, { ...PROFILES.enterpriseA, unit_name: '阜康市某某有限公司', ...given }, now), now);

  it('is, for a compliant enterprise, its grade, the outcome, materials ready, where to go and the notes', () => {
    expect(noteLines(changji)).toHaveLength(4);
    expect(summaryText(changji, enterprise({}), 0)).toBe(
      [
        '📋 自查结果（阜康市某某有限公司）',
        '单位：阜康市某某有限公司（91350100M000100Y43）',
        '',
        GRADE_A,
        CAMPAIGN_A,
        A_CONSEQUENCE,
        '',
        '书面审查预判：合格：按您的回答，书面资料可以审核为合格。',
        '',
        '所需材料均已准备。',
        '',
        '截止日期：2025-04-30，还剩 51 天。',
        `审查机关：阜康市人力资源和社会保障局，电话 0994-3234108。${SUPERVISION}`,
        PLATFORM,
        ...CHANGJI_END,
      ].join('\n'),
    );
  });

  it('lists violations with the risk, answers to verify, advice and missing materials', () => {
    const e = enterprise({ contract_copy_given: false, rules_exist: false, has_ent_business_licence: false, has_ent_hr_rules: null, sanctions_2024: null, uses_dispatch: 'unknown' });
    expect(summaryText(changji, e, 2)).toBe(
      [
        '📋 自查结果（阜康市某某有限公司）',
        '单位：阜康市某某有限公司（91350100M000100Y43）',
        '注意：还有 2 题未回答，以下结果基于已答内容。',
        '',
        ...gradeLines(e),
        '',
        '书面审查预判：不合格：您报告的违法问题尚未整改。人社部门对不合格的单位责令整改，情节严重的依法查处。请先按下面的建议整改，并保留整改材料。',
        '需要整改的问题：',
        '1. 劳动合同文本没有交给职工本人。',
        '   依据：《中华人民共和国劳动合同法》 第十六条、第八十一条',
        '   整改：把劳动合同文本交给每位职工一份，并让职工签收。',
        '风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处；被查处的单位不能评为A级。',
        '请核实（回答“不确定”或跳过的问题，提交前请弄清楚）：',
        '请核实：本单位是否使用劳务派遣人员？',
        '请补答：2024年本单位被人社部门立案查处（作出行政处理或行政处罚决定）几次？',
        '建议改进：',
        '1. 本单位没有书面的劳动规章制度，审核时拿不出人力资源社会保障管理制度。',
        '   依据：《中华人民共和国劳动合同法》 第四条',
        '   整改：就工作时间、休息休假、劳动报酬、劳动纪律等制定规章制度，经民主程序讨论协商后向全体职工公示。',
        '',
        '尚未准备的材料（平台上传）：',
        '· 用人单位营业执照副本',
        '尚未准备的材料（审核时携带）：',
        '· 用人单位制定的人力资源社会保障管理制度',
        '缺少材料就提交，可能被审查为不合格：请在截止日前备齐。',
        '',
        '截止日期：2025-04-30，还剩 51 天。',
        `审查机关：阜康市人力资源和社会保障局，电话 0994-3234108。${SUPERVISION}`,
        PLATFORM,
        ...CHANGJI_END,
      ].join('\n'),
    );
  });

  it('numbers several findings from one', () => {
    const e = enterprise({ contract_copy_given: false, weekly_rest: false, hours_scheme: 'standard' });
    const lines = summaryText(changji, e, 0).split('\n');
    expect(lines.filter((l) => /^\d\. /.test(l)).map((l) => l.slice(0, 3))).toEqual(['1. ', '2. ']);
  });

  it('lists things to do before submitting, and says missing materials are overdue past the deadline', () => {
    const e = evaluate(changji, { ...PROFILES.enterpriseA, unit_name: '某某公司', late_review: 'not_done' }, AFTER_WINDOW);
    const lines = summaryText(changji, e, 3).split('\n');
    expect(lines.slice(0, 3)).toEqual(['📋 自查结果（某某公司）', '单位：某某公司（统一社会信用代码未填）', '注意：还有 3 题未回答，以下结果基于已答内容。']);
    const todo = lines.indexOf('提交前要办的事：');
    expect(lines.slice(todo, todo + 4)).toEqual([
      '提交前要办的事：',
      '1. 本次书面审查已过截止日，本单位还没有办理。',
      '   依据：昌州人社发〔2025〕4号 五(一)、五(二)',
      '   整改：立即联系所在县市（园区）审查机关补办；无正当理由逾期的不得评为A级，未按要求参加的原则上不出具守法证明。',
    ]);
    expect(lines).toContain('缺少材料就提交，可能被审查为不合格：截止日已过，请尽快备齐并联系审查机关。');
    expect(lines).not.toContain('缺少材料就提交，可能被审查为不合格：请在截止日前备齐。');
    expect(lines).toContain('截止日期：2025-04-30，已过 33 天。尚未完成书面审查的，请尽快联系审查机关。无故逾期的单位不得评为A级。');
    expect(lines).not.toContain('需要整改的问题：');
    expect(lines).not.toContain(t('summary.verifyTitle'));
    expect(lines).not.toContain(t('summary.adviceTitle'));
  });

  it('gives an ungraded unit the risk without the A cap', () => {
    const e = evaluate(changji, completeAnswers(changji, { ...PROFILES.organ, staff: 5, contract_copy_given: false }), IN_WINDOW);
    expect(e.grade).toBeUndefined();
    expect(e.risks.length).toBeGreaterThan(0);
    const lines = summaryText(changji, e, 0).split('\n');
    expect(lines).toContain('风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处。');
    expect(lines).not.toContain(t('summary.risk'));
    expect(lines[3]).toBe(gradeLines(e)[0]);
    expect(lines).not.toContain(t('summary.tally', { ...e.tally, n: e.tally.yes + e.tally.no + e.tally.unknown + e.tally.skipped }));
  });

  it('before any answer: no name, how many are left, no word on materials yet, where to go once the area is known', () => {
    const e = evaluate(changji, {}, IN_WINDOW);
    expect(summaryText(changji, e, 76)).toBe(
      [
        '📋 自查结果',
        '注意：还有 76 题未回答，以下结果基于已答内容。',
        '',
        '书面审查预判：材料未备齐或有待核实的事项：按您的回答没有发现违法问题，但提交前还有事要做（见下面的清单）。缺少材料或未核实就提交，可能被审查为不合格。',
        '',
        '截止日期：2025-04-30，还剩 51 天。',
        `审查机关：请选择单位所在地后查看。${SUPERVISION}`,
        PLATFORM,
        ...CHANGJI_END,
      ].join('\n'),
    );
  });

  it('for a graded campaign without a written review: lapse first, disclosure, the bureau, the forms', () => {
    const answers = completeAnswers(wenshui, { unit_name: '文水县某某食品有限公司', credit_code: '91652300MA0000001Y', unit_type: 'enterprise', area: 'wenshui', legal_rep: '张三', staff: 12, sanctions: 3 }, AFTER_LAPSE);
    const e = evaluate(wenshui, answers, AFTER_LAPSE);
    expect(noteLines(wenshui)).toHaveLength(2);
    expect(summaryText(wenshui, e, 0)).toBe(
      [
        '📋 自查结果（文水县某某食品有限公司）',
        validityLine(wenshui, e),
        '单位：文水县某某食品有限公司（91652300MA0000001Y）',
        '',
        ...gradeLines(e),
        '',
        ...disclosureLines(e),
        '',
        '主管人社部门：文水县人力资源和社会保障局（劳动保障监察机构），电话 未列出（文件没有公布电话，可向当地人社部门查询）。',
        '如对信用信息或等级有异议，或已整改想申请修复，可回复：“异议”、“修复”。',
        '',
        '其他须知：',
        ...noteLines(wenshui),
        '',
        `⚠️ ${wenshui.honesty?.text}`,
        NEXT,
      ].join('\n'),
    );
    expect(disclosureLines(e)).toHaveLength(11);
    expect(summaryText(wenshui, evaluate(wenshui, answers, BEFORE_LAPSE), 0).split('\n')[1]).toBe('单位：文水县某某食品有限公司（91652300MA0000001Y）');
  });

  it('for a plain checklist: how the unit answered, what to verify, and nothing else', () => {
    const e = evaluate(checklist, { q1: true, q2: false, q3: 'unknown', q4: null }, IN_WINDOW);
    const question = (n: number) => `Is requirement ${n} of the annual review met, with the documents on file, signed and dated?`;
    expect(summaryText(checklist, e, 0)).toBe(
      [
        '📋 自查结果',
        '',
        '是非题 4 题：是 1 题，否 1 题，不确定 1 题，跳过 1 题。',
        '请核实（回答“不确定”或跳过的问题，提交前请弄清楚）：',
        `请核实：${question(3)}`,
        `请补答：${question(4)}`,
        '',
        NEXT,
      ].join('\n'),
    );
    expect(summaryText(checklist, evaluate(checklist, { q1: true, q2: true }, IN_WINDOW), 2)).toBe(
      ['📋 自查结果', '注意：还有 2 题未回答，以下结果基于已答内容。', '', '是非题 2 题：是 2 题，否 0 题，不确定 0 题，跳过 0 题。', '', NEXT].join('\n'),
    );
    expect(summaryText(checklist, evaluate(checklist, { q1: true, q2: true, q3: false }, IN_WINDOW), 1).split('\n')[1]).toBe('注意：还有 1 题未回答，以下结果基于已答内容。');
  });

  it('lists a single answer to verify, and a single material missing to bring', () => {
    const one = evaluate(checklist, { q1: 'unknown' }, IN_WINDOW);
    expect(summaryText(checklist, one, 3).split('\n').slice(3, 6)).toEqual([
      '是非题 1 题：是 0 题，否 0 题，不确定 1 题，跳过 0 题。',
      '请核实（回答“不确定”或跳过的问题，提交前请弄清楚）：',
      '请核实：Is requirement 1 of the annual review met, with the documents on file, signed and dated?',
    ]);
    const lines = summaryText(changji, enterprise({ has_ent_hr_rules: false }), 0).split('\n');
    const from = lines.indexOf('尚未准备的材料（审核时携带）：');
    expect(lines.slice(from - 1, from + 3)).toEqual(['', '尚未准备的材料（审核时携带）：', '· 用人单位制定的人力资源社会保障管理制度', '缺少材料就提交，可能被审查为不合格：请在截止日前备齐。']);
    expect(lines).not.toContain('尚未准备的材料（平台上传）：');
    expect(lines).not.toContain('所需材料均已准备。');
  });

  it('leaves the tally out once any grade or outcome is said', () => {
    const e = evaluate(checklist, { q1: true }, IN_WINDOW);
    const notGraded: Evaluation = { ...e, gradeNotApplicable: { text: '不评级。', source: { doc: '甲' } } };
    expect(summaryText(checklist, notGraded, 0)).toBe(['📋 自查结果', '', '守法诚信等级：不评定。不评级。（依据：甲）', '', NEXT].join('\n'));
    const judged: Evaluation = { ...e, verdict: { outcome: 'pass', text: '合格。', source: { doc: '甲' }, violations: [] } };
    expect(summaryText(checklist, judged, 0)).toBe(['📋 自查结果', '', '书面审查预判：合格。', '', NEXT].join('\n'));
  });
});

describe('checklistText', () => {
  it('asks for the unit type first', () => {
    expect(checklistText(changji, evaluate(changji, {}, IN_WINDOW))).toBe('请先回答“单位类型”等问题，我再列出您需要准备的材料。');
  });

  it('ticks what the unit has, leaves the rest open, and adds the notes', () => {
    const e = evaluate(changji, completeAnswers(changji, { ...PROFILES.enterpriseA, has_ent_si_receipts: false, has_ent_hr_rules: null }), IN_WINDOW);
    expect(checklistText(changji, e)).toBe(
      [
        '一、平台须上传的资料：',
        '☑ 用人单位营业执照副本',
        '☑ 用人单位全体职工花名册（依据《劳动合同法实施条例》第八条内容制定）',
        '☐ 用人单位2024年度社会保险费缴费凭证原件（三、六、十二月）',
        '☑ 用人单位2024年度会计决算报表或审计报告原件',
        '二、审核时须携带的资料：',
        '☐ 用人单位制定的人力资源社会保障管理制度',
        '☑ 用人单位2024年度三、六、十二月份的会计原始凭证（其中要包含能反映给职工支付工资和构成工资总额的表页）',
        '☑ 用人单位与劳动者依法订立的劳动合同文本（建立劳动关系人员不足二十人：全部携带）',
        '☑ 签订电子劳动合同总数的截图',
        '☑ 2023年度劳动保障书面审查表',
        '☐ 《劳动保障书面审查表》（一式三份，其中一份审核后交到所在社区进行劳动用工备案）',
        '☐ 《劳动用工备案登记表》（一式三份，其中一份审核后交到所在社区进行劳动用工备案）',
        '☐ 《劳动用工备案登记花名册》（一式三份，其中一份审核后交到所在社区进行劳动用工备案）',
        '注：本通知和操作流程可在昌吉回族自治州人民政府网站点击“公开”→“政府工作部门”中的“人力资源和社会保障局”→“文件”栏查询。（依据：昌州人社发〔2025〕4号 附件 三(一)）',
        '注：上传资料时，须将往年上传的资料删除。（依据：昌州人社发〔2025〕4号 附件 三(二)）',
        '注：填写单位基本信息时，请认真对照上年度劳动保障书面审查表和劳动用工备案登记表，看基本信息是否填写正确、是否有漏项。（依据：昌州人社发〔2025〕4号 附件 三(三)）',
      ].join('\n'),
    );
  });

  it('lists the materials to bring even when none is uploaded', () => {
    const e = evaluate(changji, completeAnswers(changji, PROFILES.enterpriseA), IN_WINDOW);
    const bringOnly: Evaluation = { ...e, materials: { upload: [], bring: e.materials.bring.slice(0, 1) } };
    expect(checklistText(changji, bringOnly).split('\n').slice(0, 3)).toEqual(['一、平台须上传的资料：', '二、审核时须携带的资料：', '☑ 用人单位制定的人力资源社会保障管理制度']);
  });

  it("explains a material's note under it", () => {
    const e = evaluate(changji, { unit_type: 'institution', area: 'fukang', staff: 5, part_time_staff: 0, retirees: 0, uses_dispatch: false, has_pub_org_code_cert: true }, IN_WINDOW);
    expect(checklistText(changji, e).split('\n').slice(0, 4)).toEqual([
      '一、平台须上传的资料：',
      '☑ 单位组织机构代码证',
      '    说明：“三证合一”后已不再核发组织机构代码证：可提供统一社会信用代码证书（或载有统一社会信用代码的法人登记证书）。（依据：国办发〔2015〕50号《关于加快推进“三证合一”登记制度改革的意见》）',
      '☐ 2024年度社会保险费缴费凭证（三、六、十二月）',
    ]);
  });
});

describe('contactText', () => {
  it("gives the unit's bureau and the supervision phone", () => {
    expect(contactText(changji, evaluate(changji, PROFILES.enterpriseA, IN_WINDOW))).toBe('审查机关联系电话：\n阜康市人力资源和社会保障局：0994-3234108\n监督电话：0994-2206072');
  });

  it('gives every bureau before the area is known', () => {
    expect(contactText(changji, evaluate(changji, {}, IN_WINDOW))).toBe(
      ['审查机关联系电话：', ...changji.bureaus.map((b) => `${b.name}：${b.phone}`), '监督电话：0994-2206072'].join('\n'),
    );
    expect(changji.bureaus).toHaveLength(10);
  });

  it('says a bureau lists no phone, and leaves out a supervision phone the campaign has not', () => {
    expect(contactText(wenshui, evaluate(wenshui, {}, AFTER_LAPSE))).toBe('主管人社部门联系电话：\n文水县人力资源和社会保障局（劳动保障监察机构）：未列出（文件没有公布电话，可向当地人社部门查询）');
  });

  it('says there are none for a bare checklist, but gives a lone supervision phone', () => {
    const e = evaluate(checklist, {}, IN_WINDOW);
    expect(contactText(checklist, e)).toBe('本次自查没有列出联系电话，请向发文单位查询。');
    const phoneOnly = { ...checklist, supervisionPhone: { phone: '12333', source: { doc: 'x' } } } as Campaign;
    expect(contactText(phoneOnly, e)).toBe('主管人社部门联系电话：\n监督电话：12333');
  });
});

describe('formResultText', () => {
  const form = (id: string) => wenshui.forms.find((f) => f.id === id) as Form;
  const result = (id: string, answers: Answers) => formResultText(formResult(wenshui, form(id), answers, AFTER_LAPSE));
  const SOURCE = '文人社字〔2022〕46号《文水县用人单位劳动保障信用分级分类监管办法（试行）》';

  it('gives each date with what it means and its source, then the PDF', () => {
    expect(result('objection', { ground: 'error', record: '处罚记录', detail: null, received_on: '2025-04-29', other_departments: false })).toBe(
      [
        '【劳动保障信用信息异议申请】已填写完成。',
        `· 人社部门处理并告知结果：2025-05-07。属于人社部门处理范围的，应当自收到异议申请之日起3个工作日内完成处理并告知（依据：${SOURCE} 第十六条第一款）`,
        `· 核实后的记录推送至市信用信息共享平台：2025-05-14。异议申请处理后，应当在5个工作日内推送（按处理期限的最后一天计算）（依据：${SOURCE} 第十六条第二款）`,
        '回复“下载”可获取劳动保障信用信息异议申请的 PDF，打印后签字盖章提交。',
      ].join('\n'),
    );
  });

  it('is the title and the PDF alone without dates or steps', () => {
    expect(result('objection', { ground: 'error', record: '处罚记录', detail: null })).toBe(
      '【劳动保障信用信息异议申请】已填写完成。\n回复“下载”可获取劳动保障信用信息异议申请的 PDF，打印后签字盖章提交。',
    );
  });

  it('lists the steps that apply after the dates', () => {
    expect(result('repair', { graded_on: '2025-01-10', corrected: false, penalty_done: false })).toBe(
      [
        '【劳动保障信用等级修复（C级调整）】已填写完成。',
        `· 本评价周期届满：2026-01-10。评价周期为一年，这里按评定之日起算一年（具体以县人社部门告知为准）（依据：${SOURCE} 第十条）`,
        `· 先纠正违法行为，并保留凭证（合同、工资发放记录、社保缴费凭证等）。（依据：${SOURCE} 第十七条）`,
        `· 履行行政处罚决定（如按期缴纳罚款），并保留缴款凭证。（依据：${SOURCE} 第十七条）`,
        `· 两项都做到后，等级才会在评价周期满后调整；届时可带上整改和履行处罚的凭证向县人社部门确认。（依据：${SOURCE} 第十七条）`,
        '回复“下载”可获取劳动保障信用等级修复（C级调整）的 PDF，打印后签字盖章提交。',
      ].join('\n'),
    );
  });

  it('says which year had no holiday data: that of the first date counted without it', () => {
    expect(result('repair', { graded_on: '2025-12-30', corrected: true, penalty_done: true })).toBe(
      [
        '【劳动保障信用等级修复（C级调整）】已填写完成。',
        `· 本评价周期届满：2026-12-30。评价周期为一年，这里按评定之日起算一年（具体以县人社部门告知为准）（依据：${SOURCE} 第十条）`,
        `· 最迟调整信用等级：2027-01-06。已纠正违法行为且履行行政处罚决定的，应当在评价周期满后5个工作日内调整信用等级（依据：${SOURCE} 第十七条）`,
        '（2027 年的法定节假日安排尚未收录，以上按周一至周五计算，未计节假日，请以实际安排为准。）',
        `· 两项都做到后，等级才会在评价周期满后调整；届时可带上整改和履行处罚的凭证向县人社部门确认。（依据：${SOURCE} 第十七条）`,
        '回复“下载”可获取劳动保障信用等级修复（C级调整）的 PDF，打印后签字盖章提交。',
      ].join('\n'),
    );
  });
});
