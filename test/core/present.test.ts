/** Channel-neutral replies: sources, answers, where a question sits, its prompt and help, the review list and map. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue, Answers } from '../../src/core/conditions.ts';
import { assess, findStep, steps, type Step } from '../../src/core/engine.ts';
import { formatAnswer, formatSource, phaseTitle, questionHelp, questionPrompt, reviewMap, reviewText, whereInReview, type MapSection } from '../../src/core/present.ts';
import { t } from '../../src/core/text.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';
import { completeAnswers, IN_WINDOW, PROFILES } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const step = (id: string, campaign: Campaign = changji): Step => {
  const s = findStep(campaign, id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const at = (answers: Answers = {}, campaign: Campaign = changji) => assess(campaign, answers, IN_WINDOW);
const term = (campaign: Campaign, name: string) => {
  const g = campaign.glossary.find((x) => x.term === name);
  if (!g) throw new Error(`no term ${name}`);
  return t('help.term', { term: g.term, text: g.text, source: formatSource(g.source) });
};

const WHY = { id: '为什么问', label: '为什么问' };
const YES_NO_UNSURE = [
  { id: 'yes', label: '是' },
  { id: 'no', label: '否' },
  { id: 'unknown', label: '不确定' },
];

describe('formatSource', () => {
  it('is the document alone', () => expect(formatSource({ doc: '《劳动法》' })).toBe('《劳动法》'));
  it('adds the article after a space', () => expect(formatSource({ doc: '《劳动法》', article: '第四十四条' })).toBe('《劳动法》 第四十四条'));
  it('warns when unverified', () => {
    expect(formatSource({ doc: '《劳动法》', article: '第四十四条', unverified: true })).toBe('《劳动法》 第四十四条（未经核实，仅供参考）');
    expect(formatSource({ doc: '《劳动法》', unverified: true })).toBe('《劳动法》（未经核实，仅供参考）');
  });
  it('says nothing when verified', () => expect(formatSource({ doc: '《劳动法》', unverified: false })).toBe('《劳动法》'));
});

describe('formatAnswer', () => {
  const a = at({ unit_type: 'enterprise' });
  const show = (id: string, value: AnswerValue | null | undefined, s: Step = step(id)) => formatAnswer(a, s, value);

  it('says a skip or no answer is skipped', () => {
    expect(show('uses_dispatch', null)).toBe('（已跳过）');
    expect(show('staff', undefined)).toBe('（已跳过）');
  });

  it('reads yes/no as 是 and 否', () => {
    expect(show('uses_dispatch', true)).toBe('是');
    expect(show('uses_dispatch', false)).toBe('否');
  });

  it('reads 不确定 on yes/no questions only', () => {
    expect(show('uses_dispatch', 'unknown')).toBe('不确定');
    expect(show('unit_name', 'unknown')).toBe('unknown');
    expect(show('unit_type', 'unknown')).toBe('unknown');
  });

  it("gives a choice's and an area's label, or the code when no option has it", () => {
    expect(show('unit_type', 'enterprise')).toBe('企业（含中央、自治区驻州企业）');
    expect(show('unit_type', 'individual')).toBe('个体经济组织（个体工商户）');
    expect(show('area', 'fukang')).toBe('阜康市');
    expect(show('unit_type', 'pirate')).toBe('pirate');
    // An area the unit is no longer offered is shown by its code.
    expect(show('area', 'prefecture_level')).toBe('prefecture_level');
  });

  it('adds the unit to a number, and only to a number', () => {
    expect(show('staff', 12)).toBe('12 人');
    expect(show('staff', 0)).toBe('0 人');
    expect(show('staff', 12, { ...step('staff'), unit: undefined })).toBe('12');
    expect(show('unit_name', '阜康市某某公司', { ...step('unit_name'), unit: '人' })).toBe('阜康市某某公司');
  });

  it('gives texts and dates as typed', () => {
    expect(show('unit_name', '阜康市某某公司')).toBe('阜康市某某公司');
    expect(formatAnswer(at({}, wenshui), step('last_penalty_date', wenshui), '2024-11-05')).toBe('2024-11-05');
  });
});

describe('phaseTitle', () => {
  it("uses the campaign's own word where it has one", () => {
    expect(phaseTitle(changji, 'record')).toBe('2024年度监察记录和本次审查情况');
    expect(phaseTitle(wenshui, 'items')).toBe('用工情况自查');
  });

  it("falls back to the templates' word", () => {
    expect(phaseTitle(changji, 'items')).toBe('审查事项');
    expect(phaseTitle(changji, 'identity')).toBe('单位信息');
    expect(phaseTitle(changji, 'profile')).toBe('单位情况');
    expect(phaseTitle(changji, 'contact')).toBe('填表信息');
    expect(phaseTitle(wenshui, 'record')).toBe('评价周期（近一年）内的监察记录');
  });

  it('always calls materials by the templates\' word', () => {
    const renamed = { ...changji, phaseTitles: { ...changji.phaseTitles, materials: '别的叫法' } } as Campaign;
    expect(phaseTitle(renamed, 'materials')).toBe('材料准备');
    expect(phaseTitle(renamed, 'record')).toBe('2024年度监察记录和本次审查情况');
  });
});

describe('whereInReview', () => {
  it('names the review item and its title', () => {
    expect(whereInReview(changji, step('rules_exist'))).toBe('【审查事项 第1项（共12项）：规章制度】');
    expect(whereInReview(changji, step('prior_review'))).toBe('【审查事项 第12项（共12项）：其他劳动保障事项】');
    expect(whereInReview(changji, step('dispatch_licence'))).toBe('【审查事项 第11项（共12项）：劳务派遣】');
  });

  it('calls identity and profile questions basic information, even one tied to an item', () => {
    expect(whereInReview(changji, step('unit_name'))).toBe('【基本信息】');
    expect(whereInReview(changji, step('staff'))).toBe('【基本信息】');
    expect(step('dispatched').item).toBe(11);
    expect(whereInReview(changji, step('dispatched'))).toBe('【基本信息】');
  });

  it('names the phase of later questions and of item questions without an item number', () => {
    expect(whereInReview(changji, step('has_ent_business_licence'))).toBe('【材料准备】');
    expect(whereInReview(changji, step('sanctions_2024'))).toBe('【2024年度监察记录和本次审查情况】');
    expect(whereInReview(changji, step('contact_phone'))).toBe('【填表信息】');
    expect(whereInReview(wenshui, step('contracts_signed', wenshui))).toBe('【用工情况自查】');
  });
});

describe('questionPrompt', () => {
  it('asks a yes/no question with its three answers and the why button', () => {
    expect(questionPrompt(at(), 7, step('uses_dispatch'), 'asking')).toStrictEqual({
      kind: 'prompt',
      text: '【基本信息】\n本单位是否使用劳务派遣人员？',
      questionId: 'uses_dispatch',
      rev: 7,
      options: YES_NO_UNSURE,
      menu: [WHY],
      answerKind: 'yesno',
    });
  });

  it("asks a number with the unit's answers filled in, its hint, its unit and how many are left", () => {
    const a = at(PROFILES.enterpriseA);
    expect(a.remaining).toBeGreaterThan(1);
    expect(questionPrompt(a, 0, step('contracts_signed'), 'asking')).toStrictEqual({
      kind: 'prompt',
      text: [
        '【审查事项 第2项（共12项）：劳动合同】',
        '在这 12 名全日制职工中，已签订书面劳动合同（含电子劳动合同）的有多少人？',
        '入职不满一个月、正在签订的职工可以计入已签。',
        '请输入数字（人）。',
        `最多还剩 ${a.remaining} 题`,
      ].join('\n'),
      questionId: 'contracts_signed',
      rev: 0,
      options: [],
      menu: [WHY],
      answerKind: 'number',
    });
  });

  it('asks a number without a unit plainly', () => {
    const a = at(PROFILES.enterpriseA);
    const text = questionPrompt(a, 0, { ...step('contracts_signed'), unit: undefined }, 'asking').text;
    expect(text.split('\n')[3]).toBe('请输入数字。');
  });

  it('asks for a text, a credit code and a phone number to be typed, and offers a skip when optional', () => {
    expect(questionPrompt(at(), 1, step('unit_name'), 'asking').text).toBe('【基本信息】\n请填写单位全称（与营业执照或登记证书一致）。\n请直接输入。');
    expect(questionPrompt(at(), 1, step('credit_code'), 'asking').text).toBe(
      [
        '【基本信息】',
        '请填写单位的统一社会信用代码（18位）。',
        '在营业执照或登记证书上，可以直接复制粘贴。手边没有营业执照的，可以先回复“跳过”，之后再补。',
        '请直接输入。',
        '（可回复“跳过”）',
      ].join('\n'),
    );
    const a = at(PROFILES.enterpriseA);
    expect(questionPrompt(a, 1, step('contact_phone'), 'asking').text).toBe(
      ['【填表信息】', '联系人电话（手机或带区号的固定电话）：', '请直接输入。', '（可回复“跳过”）', `最多还剩 ${a.remaining} 题`].join('\n'),
    );
    const phone = questionPrompt(a, 1, step('contact_phone'), 'asking');
    expect(phone.kind === 'prompt' && phone.answerKind).toBe('phone');
  });

  it('asks a date without telling the unit how to type it', () => {
    const a = at({}, wenshui);
    expect(questionPrompt(a, 2, step('last_penalty_date', wenshui), 'asking').text).toBe(
      [
        '【评价周期（近一年）内的监察记录】',
        '最近一次处罚（或处理）决定是哪一天作出的？',
        '看处罚决定书上的日期；不记得可以回复“跳过”。',
        '（可回复“跳过”）',
        `最多还剩 ${a.remaining} 题`,
      ].join('\n'),
    );
  });

  it("offers a choice's options by code and label", () => {
    const reply = questionPrompt(at(), 3, step('unit_type'), 'asking');
    expect(reply.kind === 'prompt' && reply.options).toStrictEqual([
      { id: 'organ', label: '党政机关' },
      { id: 'institution', label: '事业单位' },
      { id: 'social_group', label: '社会团体' },
      { id: 'enterprise', label: '企业（含中央、自治区驻州企业）' },
      { id: 'private_non_enterprise', label: '民办非企业单位' },
      { id: 'individual', label: '个体经济组织（个体工商户）' },
    ]);
    expect(reply.kind === 'prompt' && reply.answerKind).toBe('choice');
  });

  it('offers only the areas open to the unit', () => {
    const reply = questionPrompt(at({ unit_type: 'enterprise' }), 3, step('area'), 'asking');
    const offered = changji.areas.filter((x) => x.id !== 'prefecture_level').map((x) => ({ id: x.id, label: x.name }));
    expect(reply.kind === 'prompt' && reply.options).toStrictEqual(offered);
  });

  it('shows the current answer when editing from the review, without the skip line, with a way back to the list', () => {
    const a = at({ unit_name: '某某公司', credit_code: null, unit_type: 'enterprise', area: 'fukang', staff: 12, part_time_staff: 0, retirees: 0, uses_dispatch: false });
    expect(questionPrompt(a, 4, step('uses_dispatch'), 'review')).toStrictEqual({
      kind: 'prompt',
      text: '【基本信息】\n本单位是否使用劳务派遣人员？\n【修改回答】当前回答：否。回复新的回答即可修改；回复“返回”回到回答列表。',
      questionId: 'uses_dispatch',
      rev: 4,
      options: YES_NO_UNSURE,
      menu: [WHY, { id: '返回', label: '回到回答列表' }],
      answerKind: 'yesno',
    });
    expect(questionPrompt(a, 4, step('credit_code'), 'review').text).toBe(
      [
        '【基本信息】',
        '请填写单位的统一社会信用代码（18位）。',
        '在营业执照或登记证书上，可以直接复制粘贴。手边没有营业执照的，可以先回复“跳过”，之后再补。',
        '【修改回答】当前回答：（已跳过）。回复新的回答即可修改；回复“返回”回到回答列表。',
        '请直接输入。',
      ].join('\n'),
    );
  });

  it('shows the current answer when going back, with buttons to keep it or go further back', () => {
    const a = at({ unit_name: '某某公司', credit_code: null, unit_type: 'enterprise', area: 'fukang', staff: 12 });
    expect(questionPrompt(a, 5, step('staff'), 'back')).toStrictEqual({
      kind: 'prompt',
      text: [
        '【基本信息】',
        '与本单位建立劳动关系的全日制职工有多少人？',
        step('staff').hint,
        '【返回上一题】当前回答：12 人。回复新的回答即可修改；回复“继续”保持不变；再回复“返回”看更前一题。',
        '请输入数字（人）。',
      ].join('\n'),
      questionId: 'staff',
      rev: 5,
      options: [],
      menu: [WHY, { id: '继续', label: '保持原回答' }, { id: '返回', label: '再往前一题' }],
      answerKind: 'number',
    });
    expect(questionPrompt(a, 5, step('area'), 'back').text.split('\n')[3]).toBe(t('question.backCurrent', { current: '阜康市' }));
  });

  it('says at least one question is left, even when the checklist is done', () => {
    const a = at(completeAnswers(changji, PROFILES.enterpriseA));
    expect(a.remaining).toBe(0);
    expect(questionPrompt(a, 9, step('contact_phone'), 'back').text.split('\n').at(-1)).toBe('最多还剩 1 题');
  });
});

describe('questionHelp', () => {
  it('says why, where from, the terms the question uses, that 不确定 is fine, and the commands', () => {
    expect(questionHelp(at(), step('uses_dispatch'))).toBe(
      [
        '为什么问这个问题：',
        '使用劳务派遣的单位要多带劳务派遣协议和派遣员工花名册，派遣人数也不能超过用工总量的10%。',
        '依据：昌州人社发〔2025〕4号 附件 一(二)2、二(二)3',
        '名词解释：',
        '· 劳务派遣：由劳务派遣公司与劳动者签劳动合同，再把劳动者派到用工单位工作；用工单位只能在临时性、辅助性或替代性岗位上使用，人数不超过用工总量的10%。（依据：《劳务派遣暂行规定》 第三条、第四条）',
        '拿不准可以回复“不确定”：自查结果会把它列为“请核实”的事项，不算违规。',
        '其他指令：返回（上一题）、跳过（可选的题）、查看（全部回答）、进度、材料清单、联系方式、删除我的数据。',
      ].join('\n'),
    );
  });

  it('explains terms from the hint too, in glossary order, and no 不确定 for a number', () => {
    const s = step('staff');
    expect(questionHelp(at(), s)).toBe(
      [
        t('help.whyTitle'),
        s.why,
        `依据：${formatSource(s.source)}`,
        '名词解释：',
        term(changji, '劳动关系'),
        term(changji, '非全日制用工'),
        term(changji, '劳务派遣'),
        t('help.commands'),
      ].join('\n'),
    );
  });

  it('finds a term by an alias, in the hint alone, or in the options', () => {
    expect(questionHelp(at(), step('under16_employed')).split('\n').slice(3, 5)).toEqual(['名词解释：', term(changji, '童工')]);
    expect(questionHelp(at(), step('overtime_hours_day')).split('\n').slice(3, 6)).toEqual(['名词解释：', term(changji, '综合计算工时'), term(changji, '不定时工作制')]);
    expect(questionHelp(at(), step('hours_scheme')).split('\n').slice(3, 6)).toEqual(['名词解释：', term(changji, '综合计算工时'), term(changji, '不定时工作制')]);
  });

  it('explains a term once however often it is named, with an unverified source marked', () => {
    const lines = questionHelp(at({}, wenshui), step('blacklist', wenshui)).split('\n');
    expect(lines.filter((l) => l.startsWith('· '))).toEqual([
      '· 黑名单：拖欠农民工工资失信联合惩戒对象名单，列入期限3年。（依据：人社部令第45号《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》 第五条（未经核实，仅供参考））',
    ]);
    expect(questionHelp(at(), step('sanctions_2024')).split('\n').filter((l) => l.startsWith('· '))).toEqual([term(changji, '查处')]);
  });

  it("gives the default reason without a why, and no terms section when it uses none", () => {
    const s = { ...step('unit_name'), why: undefined };
    expect(questionHelp(at(), s)).toBe(
      ['为什么问这个问题：', '这是本次书面审查要核对的内容，如实回答有助于提前发现问题。', '依据：昌州人社发〔2025〕4号 附件 三(三)', t('help.commands')].join('\n'),
    );
  });
});

describe('reviewText', () => {
  it('says nothing is answered yet', () => {
    expect(reviewText(at())).toBe('还没有回答任何问题。');
    expect(reviewText(at())).toBe(t('review.empty'));
  });

  it('numbers the answers and gives an example pick no higher than the count', () => {
    expect(reviewText(at({ unit_name: '某某公司' }))).toBe(
      '【查看回答】下面是您的全部回答（现在不是在答题）。要修改某条，请回复“改”加编号，例如“改1”；回复“继续”回到答题。\n' +
        '1. 请填写单位全称（与营业执照或登记证书一致）。\n    → 某某公司',
    );
    expect(reviewText(at({ unit_name: '某某公司', credit_code: null })).split('\n')[0]).toBe(t('review.title', { example: '改2' }));
    expect(reviewText(at({ unit_name: '某某公司', credit_code: null, unit_type: 'enterprise' })).split('\n')[0]).toBe(t('review.title', { example: '改3' }));
    expect(reviewText(at({ unit_name: '某某公司', credit_code: null, unit_type: 'enterprise', area: 'fukang' })).split('\n')[0]).toBe(t('review.title', { example: '改3' }));
  });

  it('lists every answer as the unit gave it, in question order', () => {
    const text = reviewText(at({ staff: 12, unit_type: 'enterprise', unit_name: '某某公司', credit_code: null, area: 'fukang', uses_dispatch: 'unknown' }));
    expect(text.split('\n').slice(1)).toEqual([
      '1. 请填写单位全称（与营业执照或登记证书一致）。',
      '    → 某某公司',
      '2. 请填写单位的统一社会信用代码（18位）。',
      '    → （已跳过）',
      `3. ${step('unit_type').text}`,
      '    → 企业（含中央、自治区驻州企业）',
      `4. ${step('area').text}`,
      '    → 阜康市',
      `5. ${step('staff').text}`,
      '    → 12 人',
      '6. 本单位是否使用劳务派遣人员？',
      '    → 不确定',
    ]);
  });

  it("fills the unit's answers into a question and keeps only its first line", () => {
    const a = at({ ...PROFILES.enterpriseA, contracts_signed: 12 });
    expect(reviewText(a).split('\n').slice(-2)).toEqual(['7. 在这 12 名全日制职工中，已签订书面劳动合同（含电子劳动合同）的有多少人？', '    → 12 人']);
    const campaign = checklistCampaign([{ id: 'q1', text: '劳动合同是否齐全？\n包括续签的合同。' }]);
    expect(reviewText(assess(campaign, { q1: true }, IN_WINDOW)).split('\n').slice(1)).toEqual(['1. 劳动合同是否齐全？', '    → 是']);
  });
});

describe('reviewMap', () => {
  const states = (m: MapSection[]) => m.map((s) => `${s.kind === 'item' ? `item${s.item}` : s.kind}:${s.state}`);
  const ITEMS = ['规章制度', '劳动合同', '禁止使用童工', '女职工和未成年工保护', '工作时间和休息休假', '工资支付和最低工资', '社会保险', '职介、培训和技能鉴定机构', '劳动用工备案', '集体协商和集体合同', '劳务派遣', '其他劳动保障事项'];

  it('lists basic information, the twelve items and the later phases, with their titles; the first is current', () => {
    expect(reviewMap(at())).toStrictEqual([
      { kind: 'basic', title: '基本信息', state: 'current' },
      ...ITEMS.map((title, i) => ({ kind: 'item', item: i + 1, title, state: 'todo' })),
      { kind: 'materials', title: '材料准备', state: 'todo' },
      { kind: 'record', title: '2024年度监察记录和本次审查情况', state: 'todo' },
      { kind: 'contact', title: '填表信息', state: 'todo' },
    ]);
  });

  it('marks sections passed as done, or not applicable when none of their questions applied', () => {
    const full = completeAnswers(changji, { ...PROFILES.enterpriseA, is_agency_or_training: false, is_dispatch_agency: false });
    const later = new Set(steps(changji).filter((s) => (s.item ?? 0) >= 10 || ['materials', 'record', 'contact'].includes(s.phase)).map((s) => s.id));
    const a = at(Object.fromEntries(Object.entries(full).filter(([id]) => !later.has(id))));
    expect(a.next?.item).toBe(10);
    expect(states(reviewMap(a))).toEqual([
      'basic:done',
      'item1:done',
      'item2:done',
      'item3:done',
      'item4:done',
      'item5:done',
      'item6:done',
      'item7:done',
      'item8:na',
      'item9:done',
      'item10:current',
      // Not applicable as far as the answers go, but not yet passed: still to come.
      'item11:todo',
      'item12:todo',
      'materials:todo',
      'record:todo',
      'contact:todo',
    ]);
  });

  it('marks a section with unanswered questions before the current one as still to do', () => {
    const a = at({ ...PROFILES.enterpriseA, unit_name: '某某公司' });
    expect(a.next?.id).toBe('credit_code');
    expect(states(reviewMap(a, step('rules_exist'))).slice(0, 3)).toEqual(['basic:todo', 'item1:current', 'item2:todo']);
  });

  it('marks everything done or not applicable once finished', () => {
    const a = at(completeAnswers(changji, { ...PROFILES.enterpriseA, is_agency_or_training: false, is_dispatch_agency: false }));
    expect(a.next).toBeUndefined();
    expect(states(reviewMap(a))).toEqual([
      'basic:done',
      ...ITEMS.map((_, i) => `item${i + 1}:${i + 1 === 8 || i + 1 === 11 ? 'na' : 'done'}`),
      'materials:done',
      'record:done',
      'contact:done',
    ]);
  });

  it('keeps later sections done when a finished unit edits an earlier answer, but not an unfinished one', () => {
    const full = completeAnswers(changji, PROFILES.enterpriseA);
    expect(states(reviewMap(at(full), step('staff')))).toEqual(['basic:current', ...ITEMS.map((_, i) => `item${i + 1}:done`), 'materials:done', 'record:done', 'contact:done']);
    const { contact_phone: _, ...unfinished } = full;
    expect(states(reviewMap(at(unfinished), step('staff')))).toEqual(['basic:current', ...ITEMS.map((_, i) => `item${i + 1}:todo`), 'materials:todo', 'record:todo', 'contact:todo']);
  });

  it('marks every later section not applicable for a unit out of scope', () => {
    const a = at({ unit_name: '某某局', credit_code: null, unit_type: 'organ' }, wenshui);
    expect(a.excludedBy?.id).toBe('organ');
    const sections = reviewMap(a);
    expect(sections.map((s) => [s.kind, s.title, s.state])).toEqual([
      ['basic', '基本信息', 'done'],
      ['items', '用工情况自查', 'na'],
      ['record', '评价周期（近一年）内的监察记录', 'na'],
      ['contact', '填表信息', 'na'],
    ]);
    expect(states(reviewMap(a, step('unit_type', wenshui)))).toEqual(['basic:current', 'items:na', 'record:na', 'contact:na']);
  });

  it('shows a checklist of unnumbered items as one section', () => {
    const campaign = checklistCampaign(numberedQuestions(3));
    expect(reviewMap(assess(campaign, { q1: true }, IN_WINDOW))).toStrictEqual([{ kind: 'items', title: '审查事项', state: 'current' }]);
    expect(reviewMap(assess(campaign, { q1: true, q2: false, q3: 'unknown' }, IN_WINDOW))).toStrictEqual([{ kind: 'items', title: '审查事项', state: 'done' }]);
  });
});
