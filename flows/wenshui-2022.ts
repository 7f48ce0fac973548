/**
 * 文水县用人单位劳动保障信用分级分类监管办法（试行）（文人社字〔2022〕46号）, as data: a credit grade with its
 * measures, the C disclosure, objections and repair. No written review, no window, no platform.
 * Seed: /work/shared/seeds/002; grade rules and thresholds: /work/shared/DOMAIN.md §2, §3, §4 and §6.
 * The Shanxi measures the seed grades by (晋人社厅发〔2017〕109号) were not found: the national 第七条 is
 * used instead, and every grade says so.
 */
import type { CampaignInput, Condition, Source } from '../src/core/campaign.ts';

// ── Sources ────────────────────────────────────────────────────────────────────────────
const MEASURES = '文人社字〔2022〕46号《文水县用人单位劳动保障信用分级分类监管办法（试行）》';
const seed = (article: string): Source => ({ doc: MEASURES, article });
const GRADE = (article = '第七条'): Source => ({ doc: '人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》', article });
const SHANXI: Source = { doc: '晋人社厅发〔2017〕109号《山西省企业劳动保障守法诚信等级评价实施办法》（原文未查到）', unverified: true };
/** DOMAIN.md §6: the listing article is to be verified. */
const BLACKLIST: Source = { doc: '人社部令第45号《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》', article: '第五条', unverified: true };
const law = (doc: string) => (article: string): Source => ({ doc, article });
const LABOUR_LAW = law('《中华人民共和国劳动法》');
const CONTRACT_LAW = law('《中华人民共和国劳动合同法》');
const SOCIAL_INSURANCE = law('《中华人民共和国社会保险法》');
const WAGE_RULES = law('《工资支付暂行规定》（劳部发〔1994〕489号）');
const MINIMUM_WAGE_RULES = law('《最低工资规定》');
/** DOMAIN.md §4: the Shanxi figures from 2023-01-01; which tier a county is in was not found. */
const SHANXI_MIN_WAGE: Source = { doc: '山西省最低工资标准（2023年1月1日起执行；文水县所属档次未核实）', unverified: true };

// ── Conditions ─────────────────────────────────────────────────────────────────────────
const PUBLIC_BODY: Condition = { q: 'unit_type', in: ['institution', 'social_group'] };
const IN_SCOPE_TYPE: Condition = { q: 'unit_type', in: ['enterprise', 'individual', 'private_non_enterprise', 'partnership', 'foundation', 'institution', 'social_group'] };
const HAS_STAFF: Condition = { q: 'staff', gte: 1 };
const SANCTIONED: Condition = { q: 'sanctions', gte: 1 };

export const wenshui2022: CampaignInput = {
  id: 'wenshui-2022',
  version: 1,
  title: '文水县用人单位劳动保障信用分级分类监管（信用等级自查）',
  shortTitle: '文水县劳动保障信用等级自查',
  document: { number: '文人社字〔2022〕46号', issuer: '文水县人力资源和社会保障局', issued: '2022-12-26', source: seed('印发通知落款') },
  region: '山西省吕梁市文水县',
  // 第十八条: in force from the day it was issued, for two years.
  validity: { from: '2022-12-26', until: '2024-12-25', source: seed('第十八条') },
  honesty: {
    text:
      '请如实作答。本自查结果完全依据您的回答得出，不代表人社部门的评价结论；信用等级由县人社部门根据监察、书面审查、举报投诉等记录评价。',
    source: seed('第五条、第九条'),
  },

  bureaus: [{ id: 'wenshui', name: '文水县人力资源和社会保障局（劳动保障监察机构）', source: seed('第四条') }],
  areas: [
    { id: 'wenshui', name: '文水县', aliases: ['文水县', '文水'], bureau: 'wenshui', source: seed('第三条') },
    { id: 'outside', name: '文水县以外', aliases: ['外县', '其他'], bureau: 'wenshui', note: '本办法只适用于文水县行政区域内的用人单位。', source: seed('第三条') },
  ],
  unitFields: {
    name: 'unit_name',
    creditCode: 'credit_code',
    unitType: 'unit_type',
    area: 'area',
    legalRep: 'legal_rep',
    contactPerson: 'contact_person',
    contactPhone: 'contact_phone',
    headcount: 'staff',
  },
  phaseTitles: { items: '用工情况自查', record: '评价周期（近一年）内的监察记录' },
  notes: [
    {
      text:
        '第九条规定等级分类标准执行《山西省企业劳动保障守法诚信等级评价实施办法》（晋人社厅发〔2017〕109号），本助手未能查到其原文；' +
        '以下按人社部《企业劳动保障守法诚信等级评价办法》第七条预估，仅供参考。',
      source: SHANXI,
      show: ['intro', 'summary'],
    },
    { text: '信用等级实行动态调整，评价周期为一年。', source: seed('第十条'), show: ['intro', 'summary'] },
    {
      text: '信用信息应当依法、准确记录，不得泄露商业秘密和个人隐私：您的回答只有您和县人社部门的工作人员可以查看，日志不记录单位信息；回复“删除我的数据”即可删除。',
      source: seed('第八条'),
      show: ['intro'],
    },
  ],
  glossary: [
    { term: '查处', aliases: ['立案查处'], text: '人社部门对违法行为立案，并作出行政处理或行政处罚决定。只接受检查、没有立案的不算。', source: GRADE() },
    { term: '黑名单', aliases: ['失信联合惩戒对象名单'], text: '拖欠农民工工资失信联合惩戒对象名单，列入期限3年。', source: BLACKLIST },
  ],
  exclusions: [
    {
      id: 'outside_county',
      when: { q: 'area', eq: 'outside' },
      reason: '本办法只适用于文水县行政区域内的用人单位，请向单位所在地的人社部门咨询当地的规定。',
      source: seed('第三条'),
    },
    {
      id: 'organ',
      when: { q: 'unit_type', eq: 'organ' },
      reason: '党政机关不在本办法的适用范围内（第三条列举的是企业、个体经济组织、民办非企业单位、合伙组织、基金会，以及形成劳动关系的事业单位和社会团体）。',
      source: seed('第三条'),
    },
    {
      id: 'no_labour_relations',
      when: { all: [PUBLIC_BODY, { q: 'labour_relations', eq: false }] },
      reason: '事业单位、社会团体只有与劳动者形成劳动关系的，才依照本办法执行；您的单位没有这样的人员，不在适用范围内。',
      source: seed('第三条第二款'),
    },
  ],
  questions: [
    // ════ identity ════
    {
      id: 'unit_name',
      phase: 'identity',
      kind: 'text',
      text: '请填写单位全称（与营业执照或登记证书一致）。',
      why: 'C级单位公示时使用单位全称；异议、修复申请也要写全称。',
      maxLength: 100,
      source: seed('第十四条(一)'),
    },
    {
      id: 'credit_code',
      phase: 'identity',
      kind: 'credit_code',
      text: '请填写单位的统一社会信用代码（18位）。',
      hint: '在营业执照或登记证书上，可以直接复制粘贴。',
      why: '信用信息按统一社会信用代码归集；C级公示也列出这个代码。',
      source: seed('第七条、第十四条(一)'),
    },
    {
      id: 'unit_type',
      phase: 'identity',
      kind: 'choice',
      text: '本单位属于哪一类？',
      why: '办法适用于第三条列举的用人单位；事业单位、社会团体要看是否与劳动者形成劳动关系。',
      options: [
        { code: 'enterprise', label: '企业', aliases: ['公司'] },
        { code: 'individual', label: '个体经济组织（个体工商户）', aliases: ['个体户', '个体工商户', '个体'] },
        { code: 'private_non_enterprise', label: '民办非企业单位', aliases: ['民非', '社会服务机构'] },
        { code: 'partnership', label: '会计师事务所、律师事务所等合伙组织', aliases: ['律所', '律师事务所', '会计师事务所', '合伙组织'] },
        { code: 'foundation', label: '基金会', aliases: [] },
        { code: 'institution', label: '事业单位', aliases: [] },
        { code: 'social_group', label: '社会团体', aliases: ['协会', '学会', '商会'] },
        { code: 'organ', label: '党政机关', aliases: ['机关'] },
      ],
      source: seed('第三条'),
    },
    {
      id: 'area',
      phase: 'identity',
      kind: 'area',
      text: '本单位是否在文水县行政区域内？',
      hint: '办法只适用于在文水县行政区域内依法成立或与劳动者形成劳动关系的用人单位。',
      why: '办法适用于文水县行政区域内的用人单位，由县人社部门负责评价。',
      source: seed('第三条'),
    },
    {
      id: 'legal_rep',
      phase: 'identity',
      kind: 'text',
      text: '法定代表人（或负责人）的姓名？',
      why: 'C级单位公示时会列出法定代表人或负责人姓名；异议、修复申请也要填写。',
      optional: true,
      maxLength: 40,
      source: seed('第十四条(一)'),
    },
    // ════ profile ════
    {
      id: 'labour_relations',
      phase: 'profile',
      when: PUBLIC_BODY,
      kind: 'yesno',
      text: '本单位是否有与本单位形成劳动关系（签订劳动合同）的人员？',
      hint: '只有编制内工作人员、没有劳动合同制人员的，选“否”。',
      why: '事业单位、社会团体与劳动者形成劳动关系的，才依照本办法执行。',
      source: seed('第三条第二款'),
    },
    {
      id: 'staff',
      phase: 'profile',
      when: IN_SCOPE_TYPE,
      kind: 'number',
      text: '与本单位建立劳动关系的职工有多少人？',
      hint: '办法没有人数门槛：个体工商户雇了1个人也适用。没有填0。',
      why: '了解用工规模，后面的问题据此提问。',
      integer: true,
      min: 0,
      max: 1_000_000,
      unit: '人',
      source: seed('第三条'),
    },
    // ════ items: what a sanction would be about (risk flags, not the grade) ════
    {
      id: 'contracts_signed',
      phase: 'items',
      when: HAS_STAFF,
      kind: 'yesno',
      text: '是否与全部{staff}名职工都订立了书面劳动合同（用工之日起一个月内）？',
      why: '未订立书面劳动合同是最常见的被查处事项之一。',
      findings: [
        {
          id: 'no_written_contracts',
          when: { q: 'contracts_signed', eq: false },
          severity: 'violation',
          problem: '有职工没有订立书面劳动合同。',
          fix: '自用工之日起一个月内订立书面劳动合同；超过一个月不满一年未订立的，应当向劳动者每月支付二倍的工资。',
          basis: [CONTRACT_LAW('第十条'), CONTRACT_LAW('第八十二条')],
        },
      ],
      source: CONTRACT_LAW('第十条'),
    },
    {
      id: 'wages_on_time',
      phase: 'items',
      when: HAS_STAFF,
      kind: 'yesno',
      text: '近一年工资是否都以货币形式按月足额支付给职工本人，没有拖欠？',
      why: '拖欠、克扣工资会被查处；拖欠农民工工资情节严重的还会被列入失信联合惩戒名单。',
      findings: [
        {
          id: 'wages_late',
          when: { q: 'wages_on_time', eq: false },
          severity: 'violation',
          problem: '有拖欠或未足额支付工资的情况。',
          fix: '立即足额补发，今后按约定日期至少每月支付一次，并保留书面工资支付记录（至少2年）。',
          basis: [WAGE_RULES('第五条、第六条、第七条'), LABOUR_LAW('第五十条')],
        },
      ],
      source: WAGE_RULES('第七条'),
    },
    {
      id: 'min_wage_tier',
      phase: 'items',
      when: HAS_STAFF,
      kind: 'choice',
      text: '本单位所在地执行山西省哪一档月最低工资标准？',
      hint: '2023年1月1日起：一类1980元、二类1880元、三类1780元。不清楚档次的，请向县人社部门确认；拿不准可先选较高的一档。',
      why: '比较工资是否低于当地最低工资标准时要用到；文水县属于哪一档，本助手未能核实。',
      options: [
        { code: 'tier1', label: '一类：1980元/月', value: 1980, aliases: ['一类', '1980'] },
        { code: 'tier2', label: '二类：1880元/月', value: 1880, aliases: ['二类', '1880'] },
        { code: 'tier3', label: '三类：1780元/月', value: 1780, aliases: ['三类', '1780'] },
      ],
      source: SHANXI_MIN_WAGE,
    },
    {
      id: 'lowest_wage',
      phase: 'items',
      when: HAS_STAFF,
      kind: 'number',
      text: '全日制职工中，正常工作时间的月工资最低是多少元？',
      hint: '不含加班工资，以及中班、夜班、高温、井下等津贴和法定福利。',
      why: '工资（剔除加班费和特殊津贴后）不得低于当地最低工资标准。',
      min: 0,
      max: 1_000_000,
      unit: '元',
      findings: [
        {
          id: 'below_minimum_wage',
          when: { q: 'lowest_wage', lt: { optionValue: 'min_wage_tier' } },
          severity: 'violation',
          problem: '最低的月工资 {lowest_wage} 元，低于所选档次的最低工资标准。',
          fix: '把正常工作时间的工资调到不低于当地最低工资标准，并补发差额。',
          basis: [MINIMUM_WAGE_RULES('第十二条'), SHANXI_MIN_WAGE],
        },
      ],
      source: MINIMUM_WAGE_RULES('第十二条'),
    },
    {
      id: 'social_insurance',
      phase: 'items',
      when: HAS_STAFF,
      kind: 'yesno',
      text: '是否为全部职工办理了社会保险登记，并按时足额缴费？',
      why: '未依法参保缴费会被责令限期缴纳或补足，并可能被处罚。',
      findings: [
        {
          id: 'no_social_insurance',
          when: { q: 'social_insurance', eq: false },
          severity: 'violation',
          problem: '有职工没有参加社会保险或没有足额缴费。',
          fix: '自用工之日起三十日内为职工办理社会保险登记，按时足额缴纳；欠缴的尽快补缴。',
          basis: [SOCIAL_INSURANCE('第五十八条'), SOCIAL_INSURANCE('第六十条')],
        },
      ],
      source: SOCIAL_INSURANCE('第五十八条'),
    },
    // ════ record: what the grade turns on (第七条, national, standing in for the Shanxi measures) ════
    {
      id: 'sanctions',
      phase: 'record',
      kind: 'number',
      text: '最近一个评价周期（一年）内，本单位被人社部门立案查处（作出行政处理或行政处罚决定）几次？',
      hint: '只接受检查、没有立案查处的不算；没有填0。拿不准可以回复“跳过”，会列为待核实。',
      why: '信用等级看的是评价周期内的监察记录：被查处的不能评为A级，查处3次以上的为C级。',
      optional: true,
      integer: true,
      min: 0,
      unit: '次',
      source: GRADE(),
    },
    {
      id: 'last_penalty_date',
      phase: 'record',
      when: SANCTIONED,
      kind: 'date',
      notFuture: true,
      text: '最近一次处罚（或处理）决定是哪一天作出的？',
      hint: '看处罚决定书上的日期；不记得可以回复“跳过”。',
      why: 'C级单位公示的信息包括处罚时间，先填好可以看到公示的样子。',
      optional: true,
      source: seed('第十四条(二)'),
    },
    {
      id: 'penalty_number',
      phase: 'record',
      when: SANCTIONED,
      kind: 'text',
      text: '那份处罚决定书的文号是？',
      hint: '例如“文人社监罚字〔2024〕X号”；不记得可以回复“跳过”。',
      why: 'C级单位公示的信息包括处罚决定书号。',
      optional: true,
      maxLength: 60,
      source: seed('第十四条(二)'),
    },
    {
      id: 'violation',
      phase: 'record',
      when: SANCTIONED,
      kind: 'text',
      text: '因为什么违法行为被处罚？',
      hint: '例如“未与职工订立书面劳动合同”；可以回复“跳过”。',
      why: 'C级单位公示的信息包括违法行为。',
      optional: true,
      maxLength: 200,
      source: seed('第十四条(二)'),
    },
    {
      id: 'penalty_result',
      phase: 'record',
      when: SANCTIONED,
      kind: 'text',
      text: '处罚结果是什么？',
      hint: '例如“罚款5000元，责令改正”；可以回复“跳过”。',
      why: 'C级单位公示的信息包括处罚依据和处罚结果。',
      optional: true,
      maxLength: 200,
      source: seed('第十四条(二)'),
    },
    {
      id: 'c_mass_incident',
      phase: 'record',
      kind: 'yesno',
      text: '评价周期内，本单位是否因劳动保障违法行为引发群体性事件、极端事件或造成严重不良社会影响？',
      why: '这是C级情形之一。',
      source: GRADE(),
    },
    {
      id: 'c_child_forced_labour',
      phase: 'record',
      when: SANCTIONED,
      kind: 'yesno',
      text: '被查处的违法行为中，是否有使用童工、强迫劳动等严重劳动保障违法行为？',
      why: '因使用童工、强迫劳动等严重违法行为被查处，属于C级情形。',
      source: GRADE(),
    },
    {
      id: 'c_refused_order',
      phase: 'record',
      kind: 'yesno',
      text: '是否拒不履行人社部门的限期整改指令、行政处理决定或行政处罚决定？',
      hint: '正在按期限整改的不算拒不履行。',
      why: '拒不履行整改指令或处理、处罚决定属于C级情形；按要求正在整改的不属于。',
      source: GRADE('第七条(四)'),
    },
    {
      id: 'c_obstructed',
      phase: 'record',
      kind: 'yesno',
      text: '是否有无理抗拒、阻挠人社部门实施劳动保障监察的情况？',
      why: '这是C级情形之一。',
      source: GRADE(),
    },
    {
      id: 'c_criminal',
      phase: 'record',
      kind: 'yesno',
      text: '是否因劳动保障违法行为被依法追究刑事责任？',
      why: '这是C级情形之一。',
      source: GRADE(),
    },
    {
      id: 'blacklist',
      phase: 'record',
      kind: 'yesno',
      text: '评价周期内，本单位是否被列入拖欠农民工工资失信联合惩戒对象名单（“黑名单”）？',
      why: '列入黑名单本身就是C级情形；因此被评为C级的，还要依法接受联合惩戒（第十三条）。',
      source: BLACKLIST,
    },
    // ════ contact: for the objection and repair forms ════
    {
      id: 'contact_person',
      phase: 'contact',
      kind: 'text',
      text: '联系人姓名？（填在异议、修复申请书上，可跳过）',
      why: '异议、修复申请书上要写联系人，方便县人社部门联系您。',
      optional: true,
      maxLength: 40,
      source: seed('第十五条'),
    },
    {
      id: 'contact_phone',
      phase: 'contact',
      kind: 'phone',
      text: '联系电话？（填在异议、修复申请书上，可跳过）',
      why: '异议、修复申请书上要写联系电话，方便县人社部门告知处理结果。',
      optional: true,
      source: seed('第十五条'),
    },
  ],
  rating: {
    reference: {
      when: { q: 'unit_type', answered: true },
      text: '第九条规定的山西省实施办法原文未能查到，以下按人社部规〔2016〕1号第七条预估，仅供参考。',
      source: SHANXI,
    },
    ifViolationsFound: {
      grade: 'B',
      text: '将被责令整改，情节严重的依法查处；被查处的单位不能评为A级，没有C级情形的为B级。',
      source: GRADE(),
    },
    best: {
      grade: 'A',
      reason: '按您的回答，评价周期内未因劳动保障违法行为被人社部门查处，可评为A级（最终以县人社部门评定为准）。',
      source: GRADE(),
    },
    rules: [
      { id: 'c_three_sanctions', grade: 'C', when: { q: 'sanctions', gte: 3 }, reason: '评价周期内因劳动保障违法行为被查处3次以上，属于C级情形。', source: GRADE() },
      { id: 'c_mass_incident', grade: 'C', when: { q: 'c_mass_incident', eq: true }, reason: '因劳动保障违法行为引发群体性事件、极端事件或造成严重不良社会影响，属于C级情形。', source: GRADE() },
      { id: 'c_child_forced_labour', grade: 'C', when: { q: 'c_child_forced_labour', eq: true }, reason: '因使用童工、强迫劳动等严重劳动保障违法行为被查处，属于C级情形。', source: GRADE() },
      { id: 'c_refused_order', grade: 'C', when: { q: 'c_refused_order', eq: true }, reason: '拒不履行限期整改指令、行政处理决定或行政处罚决定，属于C级情形。', source: GRADE('第七条(四)') },
      { id: 'c_obstructed', grade: 'C', when: { q: 'c_obstructed', eq: true }, reason: '无理抗拒、阻挠人社部门实施劳动保障监察，属于C级情形。', source: GRADE() },
      { id: 'c_criminal', grade: 'C', when: { q: 'c_criminal', eq: true }, reason: '因劳动保障违法行为被依法追究刑事责任，属于C级情形。', source: GRADE() },
      {
        id: 'c_blacklist',
        grade: 'C',
        when: { q: 'blacklist', eq: true },
        reason: '被列入拖欠农民工工资失信联合惩戒对象名单：列入的前提（经责令仍逾期未付、数额达到犯罪标准或引发群体性、极端事件）本身就属于第七条的C级情形。',
        source: BLACKLIST,
      },
      { id: 'b_sanctioned', grade: 'B', when: SANCTIONED, reason: '评价周期内因劳动保障违法行为被人社部门查处，不能评为A级；没有C级情形的为B级。', source: GRADE() },
    ],
  },
  consequences: [
    {
      grade: 'A',
      text: '可以获得以下激励：（一）免于日常巡视检查；（二）优先取得与人社工作有关的评先、评优资格；（三）同等条件下优先给予就业、职业培训、人才、社保、劳动关系等政策支持；（四）国家和本市规定的其他激励措施。',
      source: seed('第十一条'),
    },
    {
      grade: 'B',
      text: '可以采取以下措施：（一）适当增加日常巡视检查频次；（二）加强劳动保障法律法规的宣传指导，帮助改进用工管理、提升信用等级；（三）参加评比表彰、公司上市审核等时，对近1年内信用情况评审后出具说明。',
      source: seed('第十二条'),
    },
    {
      grade: 'C',
      text: '可以就相关联的事项采取以下惩戒：（一）列为日常监管重点对象，强化日常巡视检查；（二）约谈主要负责人、直接责任人，约谈情况记入信用记录；（三）与人社工作有关的评先、评优不予通过；（四）限制出具确认遵守劳动保障法律法规情况的书面文件。',
      source: seed('第十三条'),
    },
    {
      grade: 'C',
      when: { q: 'blacklist', eq: true },
      text: '因列入拖欠农民工工资“黑名单”被评为C级的，还将按照法律法规规定进行联合惩戒。',
      source: seed('第十三条第二款'),
    },
  ],
  disclosure: {
    grades: ['C'],
    intro: '被评为C级的，将按规定向社会公示以下信息；下面按您的回答预填，可以看到公示的样子',
    fields: [
      { label: '违法主体全称', from: 'unit_name' },
      { label: '统一社会信用代码', from: 'credit_code' },
      { label: '法定代表人或者负责人姓名', from: 'legal_rep' },
      { label: '处罚时间', from: 'last_penalty_date' },
      { label: '处罚决定书号', from: 'penalty_number' },
      { label: '违法行为', from: 'violation' },
      { label: '处罚依据' },
      { label: '处罚结果', from: 'penalty_result' },
      { label: '失信行为等级认定' },
      { label: '黄、黑名单情况' },
    ],
    source: seed('第十四条'),
  },
  forms: [
    {
      id: 'objection',
      title: '劳动保障信用信息异议申请',
      words: ['异议', '提出异议', '异议申请', '申请异议'],
      intro:
        '认为本单位信用信息的采集、归集、应用或信用等级评价有错误、遗漏，或侵犯商业秘密、个人隐私等合法权益的，可以向县人社行政部门或公共信用管理机构提出异议申请。',
      source: seed('第十五条'),
      questions: [
        {
          id: 'ground',
          phase: 'identity',
          kind: 'choice',
          text: '您认为哪里有问题？',
          options: [
            { code: 'error', label: '信息有错误', aliases: ['错误', '错了'] },
            { code: 'omission', label: '信息有遗漏', aliases: ['遗漏', '漏了'] },
            { code: 'trade_secret', label: '侵犯商业秘密', aliases: ['商业秘密'] },
            { code: 'privacy', label: '侵犯个人隐私或其他个人信息', aliases: ['隐私', '个人信息'] },
          ],
          source: seed('第十五条'),
        },
        {
          id: 'record',
          phase: 'identity',
          kind: 'text',
          text: '是哪一条信用信息或哪一项评价？',
          hint: '例如：2024年XX月的处罚记录（决定书号……），或本年度的C级评价。',
          maxLength: 200,
          source: seed('第十五条'),
        },
        {
          id: 'detail',
          phase: 'identity',
          kind: 'text',
          text: '请说明理由，以及您认为正确的内容。',
          hint: '可以简要写，证明材料附在申请书后面。可以回复“跳过”，打印后手写。',
          optional: true,
          maxLength: 500,
          source: seed('第十五条'),
        },
        {
          id: 'received_on',
          phase: 'profile',
          kind: 'date',
          text: '人社部门收到（或您打算提交）异议申请的日期？',
          hint: '例如 2025-04-29；答复期限从收到申请的次日起按工作日计算。',
          why: '处理期限自收到异议申请之日起计算（第十六条）。',
          source: seed('第十六条'),
        },
        {
          id: 'other_departments',
          phase: 'profile',
          kind: 'yesno',
          text: '这条信息是否需要向其他部门（如法院、市场监管、社保经办机构）核查？',
          hint: '不确定的，按需要核查计算（期限较长）。',
          why: '属于人社部门自己处理范围的3个工作日内处理完，需要向相关部门核查的10个工作日内处理完（第十六条）。',
          source: seed('第十六条'),
        },
      ],
      dates: [
        {
          id: 'answer_by_own',
          label: '人社部门处理并告知结果',
          text: '属于人社部门处理范围的，应当自收到异议申请之日起3个工作日内完成处理并告知',
          from: { q: 'received_on' },
          add: { workingDays: 3 },
          when: { q: 'other_departments', eq: false },
          source: seed('第十六条第一款'),
        },
        {
          id: 'answer_by_checked',
          label: '人社部门核查处理并告知结果',
          text: '需要向相关部门核查信息的，应当自收到异议申请之日起10个工作日内完成核查处理并告知',
          from: { q: 'received_on' },
          add: { workingDays: 10 },
          when: { not: { q: 'other_departments', eq: false } },
          source: seed('第十六条第一款'),
        },
        {
          id: 'platform_by',
          label: '核实后的记录推送至市信用信息共享平台',
          text: '异议申请处理后，应当在5个工作日内推送（按处理期限的最后一天计算）',
          from: { rules: ['answer_by_own', 'answer_by_checked'] },
          add: { workingDays: 5 },
          source: seed('第十六条第二款'),
        },
      ],
      steps: [],
    },
    {
      id: 'repair',
      title: '劳动保障信用等级修复（C级调整）',
      words: ['修复', '信用修复', '申请修复', '等级调整'],
      intro:
        '对评价为C级的用人单位，县人社部门会同相关部门督促其纠正违法行为、消除不良影响；已纠正违法行为且履行行政处罚决定的，应当在评价周期满后5个工作日内调整其信用等级。',
      source: seed('第十七条'),
      questions: [
        {
          id: 'graded_on',
          phase: 'identity',
          kind: 'date',
          notFuture: true,
          text: '本单位被评为C级的日期（收到评价结果或公示的日期）？',
          why: '评价周期为一年（第十条），从评定之日起算周期何时届满。',
          source: seed('第十条'),
        },
        {
          id: 'corrected',
          phase: 'identity',
          kind: 'yesno',
          text: '是否已经纠正了违法行为（如补签合同、补发工资、补缴社保）？',
          source: seed('第十七条'),
        },
        {
          id: 'penalty_done',
          phase: 'identity',
          kind: 'yesno',
          text: '是否已经履行了行政处罚决定（如已缴纳罚款）？',
          hint: '没有被处罚的，选“是”。',
          source: seed('第十七条'),
        },
      ],
      dates: [
        {
          id: 'cycle_end',
          label: '本评价周期届满',
          text: '评价周期为一年，这里按评定之日起算一年（具体以县人社部门告知为准）',
          from: { q: 'graded_on' },
          add: { months: 12 },
          source: seed('第十条'),
        },
        {
          id: 'regrade_by',
          label: '最迟调整信用等级',
          text: '已纠正违法行为且履行行政处罚决定的，应当在评价周期满后5个工作日内调整信用等级',
          from: { rules: ['cycle_end'] },
          add: { workingDays: 5 },
          when: { all: [{ q: 'corrected', eq: true }, { q: 'penalty_done', eq: true }] },
          source: seed('第十七条'),
        },
      ],
      steps: [
        { text: '先纠正违法行为，并保留凭证（合同、工资发放记录、社保缴费凭证等）。', when: { not: { q: 'corrected', eq: true } }, source: seed('第十七条') },
        { text: '履行行政处罚决定（如按期缴纳罚款），并保留缴款凭证。', when: { not: { q: 'penalty_done', eq: true } }, source: seed('第十七条') },
        {
          text: '两项都做到后，等级才会在评价周期满后调整；届时可带上整改和履行处罚的凭证向县人社部门确认。',
          source: seed('第十七条'),
        },
      ],
    },
  ],
};
