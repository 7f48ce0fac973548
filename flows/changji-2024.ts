/**
 * 昌吉州 2024 年度劳动保障监察书面审查和企业守法诚信等级评价（昌州人社发〔2025〕4号）, as data.
 * Seed: /work/shared/seeds/000; legal thresholds: /work/shared/DOMAIN.md §2 and §4.
 * Questions are grouped by phase and, in the items phase, by the notice's 12 review items (三(一)…(十二)).
 * Rules only look back: a question's `when` names earlier questions only (the schema checks this).
 */
import type { CampaignInput, Condition, Source } from '../src/core/campaign.ts';

// ── Sources ────────────────────────────────────────────────────────────────────────────
const NOTICE = '昌州人社发〔2025〕4号';
const seed = (article: string): Source => ({ doc: NOTICE, article });
const GRADE = (article = '第七条'): Source => ({ doc: '人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》', article });
const BLACKLIST: Source = { doc: '人社部令第45号《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》' };

const law = (doc: string) => (article: string): Source => ({ doc, article });
const LABOUR_LAW = law('《中华人民共和国劳动法》');
const CONTRACT_LAW = law('《中华人民共和国劳动合同法》');
const CONTRACT_REGS = law('《中华人民共和国劳动合同法实施条例》');
const SOCIAL_INSURANCE = law('《中华人民共和国社会保险法》');
const CHILD_LABOUR = law('《禁止使用童工规定》');
const MINORS = law('《未成年工特殊保护规定》');
const WOMEN = law('《女职工劳动保护特别规定》');
const WORKING_HOURS = law('《国务院关于职工工作时间的规定》');
const ANNUAL_LEAVE = law('《职工带薪年休假条例》');
const WAGES = law('《保障农民工工资支付条例》');
const DISPATCH = law('《劳务派遣暂行规定》');
const HR_SERVICES = law('人社部令第50号《人力资源服务机构管理规定》');
/** DOMAIN.md: which tier a county is in was not found; the tier amounts are Xinjiang's from 2025-01-01. */
const MIN_WAGE: Source = { doc: '新疆维吾尔自治区月最低工资标准（2025年1月1日起执行）', unverified: true };
/** DOMAIN.md: filing deadlines are local practice, unverified for Changji. */
const FILING_PRACTICE: Source = { doc: '劳动用工备案地方做法（昌吉州期限未核实）', unverified: true };

// ── Conditions used again and again ────────────────────────────────────────────────────
const PUBLIC_UNIT: Condition = { q: 'unit_type', in: ['organ', 'institution', 'social_group'] };
const EMPLOYER_UNIT: Condition = { q: 'unit_type', in: ['enterprise', 'private_non_enterprise', 'individual'] };
/** Has staff in labour relations: most item questions only make sense then. */
const HAS_STAFF: Condition = { q: 'staff', gte: 1 };
const TWENTY_OR_MORE: Condition = { q: 'staff', gte: 20 };
const ONE_TO_NINETEEN: Condition = { all: [{ q: 'staff', gte: 1 }, { q: 'staff', lt: 20 }] };
const USES_DISPATCH: Condition = { q: 'uses_dispatch', eq: true };
const TOOK_PART_LAST_YEAR: Condition = { not: { q: 'prior_review', eq: 'not_taken' } };
const FORM_DETAIL = '一式三份，其中一份审核后交到所在社区进行劳动用工备案';
const CONTRACTS_SAMPLE_DETAIL = '建立劳动关系人员二十人以上：各类型劳动合同文本各三份';
const CONTRACTS_ALL_DETAIL = '建立劳动关系人员不足二十人：全部携带';

export const changji2024: CampaignInput = {
  id: 'changji-2024',
  version: 1,
  title: '2024年度劳动保障监察书面审查和企业守法诚信等级评价（昌吉州）',
  document: {
    number: NOTICE,
    issuer: '昌吉回族自治州人力资源和社会保障局',
    issued: '2025-03-03',
    source: seed('落款'),
  },
  region: '新疆昌吉回族自治州',
  window: { start: '2025-03-01', end: '2025-04-30', source: seed('一') },
  platform: {
    name: '新疆人社公共服务平台',
    url: 'http://222.82.215.217:9921/pc/index.html',
    login: '由企业年审操作人员通过本人电子社保卡登录',
    source: seed('四'),
  },
  honesty: {
    text:
      '请如实作答。各用人单位要认真自查、如实申报；人社部门发现用人单位弄虚作假，采取虚报、伪造相关书面材料进行书面审查的，将依法处理。' +
      '本自查结果完全依据您的回答得出，不代表人社部门的审查结论。',
    source: seed('六(二)'),
  },
  supervisionPhone: { phone: '0994-2206072', source: seed('六（监督电话）') },

  // ── Bureaus: the seed's contact list, names exactly as printed ─────────────────────────
  bureaus: [
    { id: 'prefecture', name: '昌吉州人社局劳动保障监察科', phone: '0994-2206083', source: seed('六（联系电话）') },
    { id: 'zhundong', name: '新疆准东经济技术开发区', phone: '0994-6738160', source: seed('六（联系电话）') },
    { id: 'changji_hitech', name: '昌吉国家高新技术产业开发区', phone: '0994-2260112', source: seed('六（联系电话）') },
    { id: 'jimsar', name: '吉木萨尔县人力资源和社会保障局', phone: '0994-6916566', source: seed('六（联系电话）') },
    { id: 'mori', name: '木垒哈萨克自治县人力资源和社会保障局', phone: '0994-4821080', source: seed('六（联系电话）') },
    { id: 'changji_city', name: '昌吉市人力资源和社会保障局', phone: '0994-2357511', source: seed('六（联系电话）') },
    { id: 'fukang', name: '阜康市人力资源和社会保障局', phone: '0994-3234108', source: seed('六（联系电话）') },
    { id: 'qitai', name: '奇台县人力资源和社会保障局', phone: '0994-7225613', source: seed('六（联系电话）') },
    { id: 'hutubi', name: '呼图壁县人力资源和社会保障局', phone: '0994-4516046', source: seed('六（联系电话）') },
    { id: 'manas', name: '玛纳斯县人力资源和社会保障局', phone: '0994-6653707', source: seed('六（联系电话）') },
  ],

  // ── Areas: jurisdiction from seed 二 (昌吉市 before the parks so the alias “昌吉” finds it) ──
  areas: [
    {
      id: 'prefecture_level',
      name: '州直单位',
      aliases: ['州直', '州级', '州直机关', '州直单位'],
      bureau: 'prefecture',
      when: PUBLIC_UNIT,
      note: '州直各党政机关、事业单位、社会团体由州人力资源和社会保障局负责审查。',
      source: seed('二(一)'),
    },
    { id: 'changji_city', name: '昌吉市', aliases: ['昌吉市', '昌吉'], bureau: 'changji_city', source: seed('二(二)') },
    { id: 'fukang', name: '阜康市', aliases: ['阜康市', '阜康'], bureau: 'fukang', source: seed('二(二)') },
    { id: 'hutubi', name: '呼图壁县', aliases: ['呼图壁县', '呼图壁'], bureau: 'hutubi', source: seed('二(二)') },
    { id: 'manas', name: '玛纳斯县', aliases: ['玛纳斯县', '玛纳斯'], bureau: 'manas', source: seed('二(二)') },
    { id: 'qitai', name: '奇台县', aliases: ['奇台县', '奇台'], bureau: 'qitai', source: seed('二(二)') },
    { id: 'jimsar', name: '吉木萨尔县', aliases: ['吉木萨尔县', '吉木萨尔', '吉县'], bureau: 'jimsar', source: seed('二(二)') },
    { id: 'mori', name: '木垒哈萨克自治县', aliases: ['木垒县', '木垒', '木垒哈萨克自治县'], bureau: 'mori', source: seed('二(二)') },
    {
      id: 'zhundong',
      name: '新疆准东经济技术开发区',
      aliases: ['准东', '准东开发区', '准东经济技术开发区', '准东经开区'],
      bureau: 'zhundong',
      source: seed('二(二)'),
    },
    {
      id: 'changji_hitech',
      name: '昌吉国家高新技术产业开发区',
      aliases: ['高新区', '昌吉高新区', '国家高新区', '昌吉高新技术产业开发区'],
      bureau: 'changji_hitech',
      note: '高新区内各类企业、有雇工的个体经济组织等用人单位，暂由其人社行政部门负责审查。',
      source: seed('二(三)'),
    },
    {
      id: 'agri_hitech',
      name: '昌吉国家农业高新技术产业示范区',
      aliases: ['农高区', '昌吉农高区', '农业高新区', '农业示范区'],
      bureau: 'changji_city',
      note: '农高区辖区企业由昌吉市人力资源和社会保障局负责审查（昌吉市与高新区、农高区产城融合发展）。',
      source: seed('二(三)'),
    },
  ],
  areaQuestion: 'area',
  unitNameQuestion: 'unit_name',
  creditCodeQuestion: 'credit_code',

  exclusions: [
    {
      id: 'individual_under_three',
      when: { all: [{ q: 'unit_type', eq: 'individual' }, { q: 'staff', lt: 3 }] },
      reason: '个体经济组织雇工不足3人不在本次书面审查范围内：通知只要求有3人（含3人以上）雇工的个体经济组织参加。',
      source: seed('二(二)'),
    },
  ],

  questions: [
    // ════ identity ════
    {
      id: 'unit_name',
      phase: 'identity',
      kind: 'text',
      text: '请填写单位全称（与营业执照或登记证书一致）。',
      maxLength: 100,
      source: seed('附件 三(三)'),
    },
    {
      id: 'credit_code',
      phase: 'identity',
      kind: 'credit_code',
      text: '请填写单位的统一社会信用代码（18位）。',
      source: seed('附件 三(三)'),
    },

    // ════ profile ════
    {
      id: 'unit_type',
      phase: 'profile',
      kind: 'choice',
      text: '本单位属于哪一类？',
      options: [
        { code: 'organ', label: '党政机关' },
        { code: 'institution', label: '事业单位' },
        { code: 'social_group', label: '社会团体' },
        { code: 'enterprise', label: '企业（含中央、自治区驻州企业）' },
        { code: 'private_non_enterprise', label: '民办非企业单位' },
        { code: 'individual', label: '个体经济组织（个体工商户）' },
      ],
      source: seed('二'),
    },
    {
      id: 'area',
      phase: 'profile',
      kind: 'area',
      text: '本单位位于哪个县（市）或园区？',
      hint: '中央、自治区驻州单位，请选择单位所在的县（市）或园区；州直党政机关、事业单位、社会团体请选“州直单位”。',
      source: seed('二(二)'),
    },
    {
      id: 'staff',
      phase: 'profile',
      kind: 'number',
      text: '与本单位建立劳动关系的职工有多少人？（不含劳务派遣人员）',
      hint: '党政机关、事业单位、社会团体只计与单位建立劳动关系（应签劳动合同）的人员，编制内人员不计。',
      integer: true,
      min: 0,
      unit: '人',
      source: seed('附件 一(二)2'),
    },
    {
      id: 'uses_dispatch',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否使用劳务派遣人员？',
      source: seed('附件 一(二)2、二(二)3'),
    },
    {
      id: 'dispatched',
      phase: 'profile',
      // Its finding (the 10% cap) belongs to review item 11, where a clerk looks for it.
      item: 11,
      kind: 'number',
      text: '目前使用的劳务派遣人员有多少人？',
      integer: true,
      min: 1,
      unit: '人',
      when: USES_DISPATCH,
      findings: [
        {
          id: 'dispatch_over_ten_percent',
          when: {
            all: [
              EMPLOYER_UNIT,
              { q: 'dispatched', gt: { times: 0.1, of: { sum: [{ ref: 'staff' }, { ref: 'dispatched' }] } } },
            ],
          },
          severity: 'violation',
          problem: '使用的劳务派遣人员超过用工总量（劳动合同人数加派遣人数）的10%。',
          fix: '制定调整方案，通过与派遣人员直接订立劳动合同或减少派遣用工，把派遣人员降到用工总量的10%以内。',
          basis: [DISPATCH('第二条、第四条')],
        },
      ],
      source: DISPATCH('第四条'),
    },
    {
      id: 'is_dispatch_agency',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否为劳务派遣单位（经营劳务派遣业务）？',
      when: { q: 'unit_type', eq: 'enterprise' },
      source: seed('三(十一)'),
    },
    {
      id: 'is_agency_or_training',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否为职业介绍机构、职业技能培训机构或职业技能考核鉴定机构？',
      when: { q: 'unit_type', in: ['enterprise', 'private_non_enterprise'] },
      source: seed('三(八)'),
    },
    {
      id: 'wage_tier',
      phase: 'profile',
      kind: 'choice',
      text: '本单位所在地执行哪一类月最低工资标准？',
      hint: '本助手未能核实各县市（园区）属于哪一类地区，请对照当地人社部门公布的最低工资标准通知选择；不确定可先跳过，跳过后不核对最低工资。',
      options: [
        { code: 'tier1', label: '一类地区（月最低工资 2070 元）', value: 2070 },
        { code: 'tier2', label: '二类地区（月最低工资 1890 元）', value: 1890 },
        { code: 'tier3', label: '三类地区（月最低工资 1750 元）', value: 1750 },
      ],
      optional: true,
      when: HAS_STAFF,
      source: MIN_WAGE,
    },

    // ════ items ════
    // ── 三(一) 内部人力资源社会保障规章制度 ──
    {
      id: 'rules_exist',
      phase: 'items',
      item: 1,
      kind: 'yesno',
      text: '本单位是否制定了劳动规章制度（如考勤、休息休假、工资支付、奖惩等）？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'rules_missing',
          when: { q: 'rules_exist', eq: false },
          severity: 'violation',
          problem: '本单位没有书面的劳动规章制度，审核时拿不出人力资源社会保障管理制度。',
          fix: '就工作时间、休息休假、劳动报酬、劳动纪律等制定规章制度，经民主程序讨论协商后向全体职工公示。',
          basis: [CONTRACT_LAW('第四条')],
        },
      ],
      source: seed('三(一)'),
    },
    {
      id: 'rules_democratic',
      phase: 'items',
      item: 1,
      kind: 'yesno',
      text: '这些规章制度制定或修改时，是否经职工代表大会或全体职工讨论，并与工会或职工代表平等协商确定？',
      when: { q: 'rules_exist', eq: true },
      findings: [
        {
          id: 'rules_not_democratic',
          when: { q: 'rules_democratic', eq: false },
          severity: 'violation',
          problem: '直接涉及职工切身利益的规章制度未经职工代表大会或全体职工讨论、未与工会或职工代表平等协商确定。',
          fix: '把现行制度提交职工代表大会或全体职工讨论，与工会或职工代表协商确定，并保留会议记录、签到表等材料。',
          basis: [CONTRACT_LAW('第四条')],
        },
      ],
      source: CONTRACT_LAW('第四条'),
    },
    {
      id: 'rules_published',
      phase: 'items',
      item: 1,
      kind: 'yesno',
      text: '规章制度是否已向全体职工公示或告知（如张贴、发放并由职工签收）？',
      when: { q: 'rules_exist', eq: true },
      findings: [
        {
          id: 'rules_not_published',
          when: { q: 'rules_published', eq: false },
          severity: 'violation',
          problem: '规章制度没有向职工公示或告知。',
          fix: '通过张贴、发放员工手册并让职工签收等方式告知全体职工，保留签收记录。',
          basis: [CONTRACT_LAW('第四条')],
        },
      ],
      source: CONTRACT_LAW('第四条'),
    },

    // ── 三(二) 劳动合同（含电子劳动合同） ──
    {
      id: 'contracts_signed',
      phase: 'items',
      item: 2,
      kind: 'number',
      text: '在这些职工中，已签订书面劳动合同（含电子劳动合同）的有多少人？',
      hint: '入职不满一个月、正在签订的职工可以计入已签。',
      integer: true,
      min: 0,
      max: { ref: 'staff' },
      unit: '人',
      checks: [
        {
          rule: { q: 'contracts_signed', lte: { ref: 'staff' } },
          message: '已签合同人数不能多于建立劳动关系的职工人数（{staff}人）。',
        },
      ],
      when: HAS_STAFF,
      findings: [
        {
          id: 'contracts_missing',
          when: { q: 'contracts_signed', lt: { ref: 'staff' } },
          severity: 'violation',
          problem: '有职工入职超过一个月仍未签订书面劳动合同。',
          fix: '立即与这些职工补签书面劳动合同；超过一个月未签的，依法自用工满一个月的次日起向职工支付二倍工资。',
          basis: [CONTRACT_LAW('第十条、第八十二条')],
        },
      ],
      source: seed('三(二)'),
    },
    {
      id: 'uses_e_contracts',
      phase: 'items',
      item: 2,
      kind: 'yesno',
      text: '本单位是否与职工签订了电子劳动合同？',
      when: { q: 'contracts_signed', gte: 1 },
      source: seed('三(二)'),
    },
    {
      id: 'contract_copy_given',
      phase: 'items',
      item: 2,
      kind: 'yesno',
      text: '签订的劳动合同是否已交给职工本人一份（双方各执一份）？',
      when: { q: 'contracts_signed', gte: 1 },
      findings: [
        {
          id: 'contract_copy_not_given',
          when: { q: 'contract_copy_given', eq: false },
          severity: 'violation',
          problem: '劳动合同文本没有交给职工本人。',
          fix: '把劳动合同文本交给每位职工一份，并让职工签收。',
          basis: [CONTRACT_LAW('第十六条、第八十一条')],
        },
      ],
      source: seed('三(二)'),
    },

    // ── 三(三) 禁止使用童工 ──
    {
      id: 'under16_employed',
      phase: 'items',
      item: 3,
      kind: 'yesno',
      text: '本单位是否招用过未满16周岁的人员（包括试工、学徒、临时帮工）？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'child_labour',
          when: { q: 'under16_employed', eq: true },
          severity: 'violation',
          problem: '本单位招用了未满16周岁的未成年人（童工）。',
          fix: '立即停止使用，将其送回父母或其他监护人身边并承担所需费用；今后招用人员一律核查身份证。',
          basis: [LABOUR_LAW('第十五条'), CHILD_LABOUR('第二条')],
        },
      ],
      source: seed('三(三)'),
    },
    {
      id: 'id_checked',
      phase: 'items',
      item: 3,
      kind: 'yesno',
      text: '招用人员时，是否逐一核查身份证、确认已满16周岁？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'id_not_checked',
          when: { q: 'id_checked', eq: false },
          severity: 'violation',
          problem: '招用人员时没有核查身份证。',
          fix: '建立录用登记制度：录用前核查身份证原件，确认年满16周岁后才录用。',
          basis: [CHILD_LABOUR('第四条')],
        },
      ],
      source: CHILD_LABOUR('第四条'),
    },
    {
      id: 'hiring_records_kept',
      phase: 'items',
      item: 3,
      kind: 'yesno',
      text: '录用登记和身份证核查材料（如身份证复印件）是否妥善保存？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'hiring_records_missing',
          when: { q: 'hiring_records_kept', eq: false },
          severity: 'violation',
          problem: '没有保存录用登记和身份证核查材料。',
          fix: '为每位在职职工补齐录用登记表和身份证复印件，统一归档保存。',
          basis: [CHILD_LABOUR('第四条')],
        },
      ],
      source: CHILD_LABOUR('第四条'),
    },

    // ── 三(四) 女职工和未成年工特殊劳动保护 ──
    {
      id: 'employs_women',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '本单位是否有女职工？',
      when: HAS_STAFF,
      source: seed('三(四)'),
    },
    {
      id: 'maternity_leave',
      phase: 'items',
      item: 4,
      kind: 'choice',
      text: '女职工生育时，是否都享受了不少于98天的产假（难产增加15天，多胞胎每多生育1个婴儿增加15天）？',
      options: [
        { code: 'yes', label: '是，都已足额享受' },
        { code: 'no', label: '否，有人少于规定天数' },
        { code: 'none', label: '2024年没有女职工生育' },
      ],
      when: { q: 'employs_women', eq: true },
      findings: [
        {
          id: 'maternity_leave_short',
          when: { q: 'maternity_leave', eq: 'no' },
          severity: 'violation',
          problem: '有女职工的产假少于法定天数。',
          fix: '按98天（难产、多胞胎依法增加）安排产假，对少休的职工依法补足假期或待遇，并保留请休假记录。',
          basis: [WOMEN('第七条')],
        },
      ],
      source: WOMEN('第七条'),
    },
    {
      id: 'pregnant_nursing_protected',
      phase: 'items',
      item: 4,
      kind: 'choice',
      text: '对怀孕7个月以上、或哺乳未满1周岁婴儿的女职工，是否没有安排加班和夜班，并给哺乳期女职工每天1小时哺乳时间？',
      options: [
        { code: 'yes', label: '是' },
        { code: 'no', label: '否，安排过加班或夜班，或没有给哺乳时间' },
        { code: 'none', label: '没有这类女职工' },
      ],
      when: { q: 'employs_women', eq: true },
      findings: [
        {
          id: 'pregnant_nursing_unprotected',
          when: { q: 'pregnant_nursing_protected', eq: 'no' },
          severity: 'violation',
          problem: '安排怀孕7个月以上或哺乳期女职工加班、上夜班，或没有给哺乳时间。',
          fix: '调整排班：这类女职工不安排延长工作时间和夜班劳动，哺乳期每天在劳动时间内安排1小时哺乳时间。',
          basis: [WOMEN('第六条、第九条')],
        },
      ],
      source: WOMEN('第六条、第九条'),
    },
    {
      id: 'employs_minors',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '本单位是否招用了已满16周岁、未满18周岁的未成年工？',
      when: HAS_STAFF,
      source: seed('三(四)'),
    },
    {
      id: 'minors_prohibited_work',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '是否安排未成年工从事矿山井下、有毒有害、国家规定的第四级体力劳动强度的劳动或其他禁忌从事的劳动？',
      when: { q: 'employs_minors', eq: true },
      findings: [
        {
          id: 'minors_in_prohibited_work',
          when: { q: 'minors_prohibited_work', eq: true },
          severity: 'violation',
          problem: '安排未成年工从事禁忌从事的劳动。',
          fix: '立即把未成年工调离这些岗位，安排适合其身体状况的工作。',
          basis: [LABOUR_LAW('第六十四条')],
        },
      ],
      source: LABOUR_LAW('第五十八条、第六十四条'),
    },
    {
      id: 'minors_health_check',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '是否在上岗前、工作满1年、年满18周岁时（距前一次体检已超过半年）为未成年工做健康检查？',
      when: { q: 'employs_minors', eq: true },
      findings: [
        {
          id: 'minors_no_health_check',
          when: { q: 'minors_health_check', eq: false },
          severity: 'violation',
          problem: '没有按规定为未成年工定期做健康检查。',
          fix: '立即为未成年工安排健康检查，并按上岗前、工作满1年、年满18周岁的节点建立体检台账。',
          basis: [LABOUR_LAW('第六十五条')],
        },
      ],
      source: LABOUR_LAW('第六十五条'),
    },
    {
      id: 'minors_registered',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '招用未成年工是否已到当地人社部门办理未成年工登记？',
      when: { q: 'employs_minors', eq: true },
      findings: [
        {
          id: 'minors_not_registered',
          when: { q: 'minors_registered', eq: false },
          severity: 'violation',
          problem: '招用未成年工没有办理登记。',
          fix: '携带未成年工健康检查表和登记表，到所在地县级以上人社部门办理未成年工登记。',
          basis: [LABOUR_LAW('第五十八条'), MINORS('第九条')],
        },
      ],
      source: MINORS('第九条'),
    },

    // ── 三(五) 工作时间和休息休假 ──
    {
      id: 'hours_scheme',
      phase: 'items',
      item: 5,
      kind: 'choice',
      text: '本单位实行哪种工时制度？',
      options: [
        { code: 'standard', label: '全部实行标准工时制（每日8小时、每周40小时）' },
        { code: 'special_approved', label: '部分或全部岗位实行综合计算工时或不定时工作制，已经人社部门批准' },
        { code: 'special_unapproved', label: '部分或全部岗位实行综合计算工时或不定时工作制，但未经批准' },
      ],
      when: HAS_STAFF,
      findings: [
        {
          id: 'special_hours_unapproved',
          when: { q: 'hours_scheme', eq: 'special_unapproved' },
          severity: 'violation',
          problem: '实行综合计算工时或不定时工作制未经人社部门批准。',
          fix: '向人社部门申请特殊工时制度审批；批准前按标准工时制（每日8小时、每周40小时）安排工作，超时部分按加班支付工资。',
          basis: [LABOUR_LAW('第三十九条'), WORKING_HOURS('第三条')],
        },
      ],
      source: WORKING_HOURS('第三条'),
    },
    {
      id: 'weekly_rest',
      phase: 'items',
      item: 5,
      kind: 'yesno',
      text: '职工每周是否至少休息一天？',
      when: { q: 'hours_scheme', in: ['standard', 'special_unapproved'] },
      findings: [
        {
          id: 'no_weekly_rest',
          when: { q: 'weekly_rest', eq: false },
          severity: 'violation',
          problem: '职工每周休息不足一天。',
          fix: '调整排班，保证每位职工每周至少休息一天；休息日安排工作又不能补休的，按不低于工资的200%支付加班工资。',
          basis: [LABOUR_LAW('第三十八条、第四十四条')],
        },
      ],
      source: LABOUR_LAW('第三十八条'),
    },
    {
      id: 'overtime_hours_month',
      phase: 'items',
      item: 5,
      kind: 'number',
      text: '2024年加班最多的职工，在加班最多的那个月里共加班多少小时？',
      hint: '包括工作日延长工作时间和休息日、法定节假日加班；没有加班填0。实行经批准的不定时工作制的岗位不计。',
      min: 0,
      unit: '小时',
      when: HAS_STAFF,
      findings: [
        {
          id: 'overtime_over_36',
          when: { q: 'overtime_hours_month', gt: 36 },
          severity: 'violation',
          problem: '职工每月加班超过36小时。',
          fix: '控制加班：一般每日不超过1小时，特殊原因每日不超过3小时，每月不超过36小时；通过增加人手或调整排班解决。',
          basis: [LABOUR_LAW('第四十一条')],
        },
      ],
      source: LABOUR_LAW('第四十一条'),
    },
    {
      id: 'overtime_pay',
      phase: 'items',
      item: 5,
      kind: 'yesno',
      text: '加班是否按规定支付了加班工资（工作日延长工作时间不低于工资的150%，休息日加班又不能补休的不低于200%，法定节假日不低于300%）？',
      when: { q: 'overtime_hours_month', gt: 0 },
      findings: [
        {
          id: 'overtime_underpaid',
          when: { q: 'overtime_pay', eq: false },
          severity: 'violation',
          problem: '加班没有按法定标准支付加班工资。',
          fix: '核算2024年以来的加班时间，按150%、200%、300%的标准补发差额，并在工资支付表中单列加班工资。',
          basis: [LABOUR_LAW('第四十四条')],
        },
      ],
      source: LABOUR_LAW('第四十四条'),
    },
    {
      id: 'annual_leave',
      phase: 'items',
      item: 5,
      kind: 'yesno',
      text: '符合条件的职工是否享受了带薪年休假（累计工作满1年不满10年的5天，满10年不满20年的10天，满20年的15天）？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'annual_leave_denied',
          when: { q: 'annual_leave', eq: false },
          severity: 'violation',
          problem: '职工没有享受到带薪年休假。',
          fix: '按职工累计工作年限安排年休假，建立年休假台账；确因工作需要不能安排的，依法支付未休年休假工资报酬。',
          basis: [ANNUAL_LEAVE('第三条')],
        },
      ],
      source: ANNUAL_LEAVE('第三条'),
    },

    // ── 三(六) 工资支付和最低工资 ──
    {
      id: 'wages_on_time',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '2024年是否每月按约定日期足额支付工资，没有拖欠、克扣？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'wages_late_or_short',
          when: { q: 'wages_on_time', eq: false },
          severity: 'violation',
          problem: '存在拖欠或克扣职工工资的情况。',
          fix: '立即足额补发拖欠、克扣的工资；今后按月、在约定日期足额支付。',
          basis: [LABOUR_LAW('第五十条'), WAGES('第十二条')],
        },
      ],
      source: seed('三(六)'),
    },
    {
      id: 'wages_in_money',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '工资是否以货币形式（银行转账或现金）直接支付给职工本人，没有用实物或有价证券代替？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'wages_not_in_money',
          when: { q: 'wages_in_money', eq: false },
          severity: 'violation',
          problem: '工资没有以货币形式支付给职工本人。',
          fix: '改为通过银行转账或现金把工资直接支付给职工本人，不以实物、有价证券抵付，不经他人代领。',
          basis: [LABOUR_LAW('第五十条'), WAGES('第十一条')],
        },
      ],
      source: WAGES('第十一条'),
    },
    {
      id: 'payroll_kept',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '是否编制书面工资支付台账（记录支付时间、金额、工作时间、应发项目、扣除项目、实发金额等），并保存至少3年？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'payroll_not_kept',
          when: { q: 'payroll_kept', eq: false },
          severity: 'violation',
          problem: '没有编制或没有保存工资支付台账。',
          fix: '按月编制书面工资支付台账，由职工签字确认，至少保存3年；审核时携带2024年三、六、十二月的工资支付凭证。',
          basis: [WAGES('第十五条')],
        },
      ],
      source: WAGES('第十五条'),
    },
    {
      id: 'lowest_monthly_wage',
      phase: 'items',
      item: 6,
      kind: 'number',
      text: '目前全日制职工中，正常工作时间月工资最低的一人每月多少元（不含加班工资）？',
      hint: '自治区自2025年1月1日起执行新的月最低工资标准，按目前的工资填写。',
      min: 0,
      unit: '元',
      when: { q: 'wage_tier', answered: true },
      findings: [
        {
          id: 'below_minimum_wage',
          when: { q: 'lowest_monthly_wage', lt: { optionValue: 'wage_tier' } },
          severity: 'violation',
          problem: '有职工正常工作时间的月工资低于当地月最低工资标准。',
          fix: '把这些职工的月工资提高到不低于当地最低工资标准，并补发差额。',
          basis: [LABOUR_LAW('第四十八条'), MIN_WAGE],
        },
      ],
      source: MIN_WAGE,
    },

    // ── 三(七) 社会保险 ──
    {
      id: 'insured_staff',
      phase: 'items',
      item: 7,
      kind: 'number',
      text: '在这些职工中，已由本单位参加社会保险并缴费的有多少人？',
      hint: '入职不满30天、正在办理的职工可以计入。',
      integer: true,
      min: 0,
      max: { ref: 'staff' },
      unit: '人',
      checks: [
        {
          rule: { q: 'insured_staff', lte: { ref: 'staff' } },
          message: '参保人数不能多于建立劳动关系的职工人数（{staff}人）。',
        },
      ],
      when: HAS_STAFF,
      findings: [
        {
          id: 'staff_uninsured',
          when: { q: 'insured_staff', lt: { ref: 'staff' } },
          severity: 'violation',
          problem: '有职工没有参加社会保险。',
          fix: '为未参保职工办理社会保险登记并补缴应缴的社会保险费。',
          basis: [SOCIAL_INSURANCE('第五十八条、第六十条')],
        },
      ],
      source: seed('三(七)'),
    },
    {
      id: 'si_within_30_days',
      phase: 'items',
      item: 7,
      kind: 'yesno',
      text: '新招用的职工是否都在用工之日起30日内办理了社会保险登记？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'si_registration_late',
          when: { q: 'si_within_30_days', eq: false },
          severity: 'violation',
          problem: '有新职工没有在用工之日起30日内办理社会保险登记。',
          fix: '建立入职当月即办参保登记的流程，由专人在用工之日起30日内办完。',
          basis: [SOCIAL_INSURANCE('第五十八条')],
        },
      ],
      source: SOCIAL_INSURANCE('第五十八条'),
    },
    {
      id: 'si_paid_in_full',
      phase: 'items',
      item: 7,
      kind: 'yesno',
      text: '社会保险费是否按时足额缴纳，没有欠缴？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'si_arrears',
          when: { q: 'si_paid_in_full', eq: false },
          severity: 'violation',
          problem: '社会保险费没有按时足额缴纳。',
          fix: '向社会保险经办机构核对欠缴金额并尽快补缴；今后按月足额缴纳。',
          basis: [SOCIAL_INSURANCE('第六十条')],
        },
      ],
      source: SOCIAL_INSURANCE('第六十条'),
    },

    // ── 三(八) 职业介绍、职业技能培训、职业技能考核鉴定机构 ──
    {
      id: 'agency_kind',
      phase: 'items',
      item: 8,
      kind: 'choice',
      text: '本单位主要从事哪一类业务？',
      hint: '兼营多项的，请选择主要业务。',
      options: [
        { code: 'employment_agency', label: '职业介绍（职业中介）' },
        { code: 'training', label: '职业技能培训' },
        { code: 'assessment', label: '职业技能考核鉴定（评价）' },
      ],
      when: { q: 'is_agency_or_training', eq: true },
      source: seed('三(八)'),
    },
    {
      id: 'agency_licence',
      phase: 'items',
      item: 8,
      kind: 'yesno',
      text: '是否已取得人社部门颁发的人力资源服务许可证（从事职业中介活动）？',
      when: { q: 'agency_kind', eq: 'employment_agency' },
      findings: [
        {
          id: 'agency_unlicensed',
          when: { q: 'agency_licence', eq: false },
          severity: 'violation',
          problem: '从事职业中介活动没有取得人力资源服务许可证。',
          fix: '停止职业中介活动，向住所地人社部门申请人力资源服务许可证，取得后再开展。',
          basis: [HR_SERVICES('第五条'), seed('三(八)')],
        },
      ],
      source: HR_SERVICES('第五条'),
    },
    {
      id: 'training_licence',
      phase: 'items',
      item: 8,
      kind: 'yesno',
      text: '是否已取得人社部门颁发的办学许可证，并在许可范围内开展职业技能培训？',
      when: { q: 'agency_kind', eq: 'training' },
      findings: [
        {
          id: 'training_unlicensed',
          when: { q: 'training_licence', eq: false },
          severity: 'violation',
          problem: '开展职业技能培训没有取得办学许可，或超出许可范围。',
          fix: '向人社部门咨询并申请办学许可；取得许可前或超出范围的培训项目暂停招生。',
          basis: [seed('三(八)'), { doc: '《中华人民共和国民办教育促进法》', unverified: true }],
        },
      ],
      source: seed('三(八)'),
    },
    {
      id: 'assessment_filed',
      phase: 'items',
      item: 8,
      kind: 'yesno',
      text: '是否经人社部门备案公布为职业技能等级认定（评价）机构，并按备案的职业（工种）范围开展评价？',
      when: { q: 'agency_kind', eq: 'assessment' },
      findings: [
        {
          id: 'assessment_not_filed',
          when: { q: 'assessment_filed', eq: false },
          severity: 'violation',
          problem: '开展职业技能考核鉴定（评价）未经人社部门备案公布，或超出备案范围。',
          fix: '向人社部门咨询备案条件并申请备案；备案前或超出范围的评价活动暂停。',
          basis: [seed('三(八)'), { doc: '人社部发〔2019〕90号《关于改革完善技能人才评价制度的意见》', unverified: true }],
        },
      ],
      source: seed('三(八)'),
    },
    {
      id: 'agency_publicity',
      phase: 'items',
      item: 8,
      kind: 'yesno',
      text: '是否在服务场所公示了许可证或备案信息、服务项目、收费标准和监督电话？',
      when: { q: 'is_agency_or_training', eq: true },
      findings: [
        {
          id: 'agency_not_public',
          when: { q: 'agency_publicity', eq: false },
          severity: 'advice',
          problem: '服务场所没有公示许可或备案信息、服务项目、收费标准和监督电话。',
          fix: '在服务场所醒目位置公示这些信息，收费按公示标准执行。',
          basis: [seed('三(八)')],
        },
      ],
      source: seed('三(八)'),
    },

    // ── 三(九) 劳动用工备案 ──
    {
      id: 'filing_done',
      phase: 'items',
      item: 9,
      kind: 'yesno',
      text: '是否已为全部在职职工办理劳动用工备案？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'filing_missing',
          when: { q: 'filing_done', eq: false },
          severity: 'violation',
          problem: '有在职职工没有办理劳动用工备案。',
          fix: '填写《劳动用工备案登记表》和《劳动用工备案登记花名册》，审核后交到所在社区办理劳动用工备案。',
          basis: [seed('三(九)、附件 二(二)5')],
        },
      ],
      source: seed('三(九)'),
    },
    {
      id: 'filing_new_hires',
      phase: 'items',
      item: 9,
      kind: 'yesno',
      text: '新招用职工时，是否在招用之日起30日内办理用工备案？',
      hint: '各地期限可能不同，以所在县市（园区）人社部门要求为准。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'filing_new_hires_late',
          when: { q: 'filing_new_hires', eq: false },
          severity: 'advice',
          problem: '新招用职工没有及时办理用工备案。',
          fix: '建立入职即备案的流程，按当地要求的期限（通常为招用之日起30日内）办理。',
          basis: [FILING_PRACTICE],
        },
      ],
      source: FILING_PRACTICE,
    },
    {
      id: 'filing_exits',
      phase: 'items',
      item: 9,
      kind: 'yesno',
      text: '与职工解除或终止劳动合同后，是否在7日内办理用工备案（减员）？',
      hint: '各地期限可能不同，以所在县市（园区）人社部门要求为准；2024年没有职工离职的请答“是”。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'filing_exits_late',
          when: { q: 'filing_exits', eq: false },
          severity: 'advice',
          problem: '职工离职后没有及时办理用工备案（减员）。',
          fix: '按当地要求的期限（通常为解除或终止劳动合同后7日内）办理减员备案。',
          basis: [FILING_PRACTICE],
        },
      ],
      source: FILING_PRACTICE,
    },

    // ── 三(十) 集体协商和集体合同 ──
    {
      id: 'union_or_reps',
      phase: 'items',
      item: 10,
      kind: 'yesno',
      text: '本单位是否建立了工会，或由职工推举了协商代表？',
      when: { all: [HAS_STAFF, { q: 'unit_type', in: ['enterprise', 'private_non_enterprise'] }] },
      findings: [
        {
          id: 'no_union_or_reps',
          when: { q: 'union_or_reps', eq: false },
          severity: 'advice',
          problem: '本单位既没有工会，也没有职工推举的协商代表，无法开展集体协商。',
          fix: '支持职工依法组建工会；尚未建立工会的，可在上级工会指导下由职工推举协商代表。',
          basis: [CONTRACT_LAW('第五十一条')],
        },
      ],
      source: seed('三(十)'),
    },
    {
      id: 'collective_contract',
      phase: 'items',
      item: 10,
      kind: 'yesno',
      text: '是否与职工一方经平等协商签订了集体合同（含工资专项集体合同）？',
      when: { all: [HAS_STAFF, { q: 'unit_type', in: ['enterprise', 'private_non_enterprise'] }] },
      findings: [
        {
          id: 'no_collective_contract',
          when: { q: 'collective_contract', eq: false },
          severity: 'advice',
          problem: '本单位还没有签订集体合同。',
          fix: '与工会或职工代表就劳动报酬、工作时间、休息休假等开展集体协商，草案经职工代表大会或全体职工讨论通过后签订。',
          basis: [CONTRACT_LAW('第五十一条、第五十二条')],
        },
      ],
      source: seed('三(十)'),
    },
    {
      id: 'collective_contract_filed',
      phase: 'items',
      item: 10,
      kind: 'yesno',
      text: '集体合同签订后是否报送了人社部门？',
      when: { q: 'collective_contract', eq: true },
      findings: [
        {
          id: 'collective_contract_not_filed',
          when: { q: 'collective_contract_filed', eq: false },
          severity: 'advice',
          problem: '集体合同签订后没有报送人社部门。',
          fix: '把集体合同文本报送所在地人社部门审查。',
          basis: [CONTRACT_LAW('第五十四条')],
        },
      ],
      source: CONTRACT_LAW('第五十四条'),
    },
    {
      id: 'collective_contract_kept',
      phase: 'items',
      item: 10,
      kind: 'yesno',
      text: '集体合同约定的劳动报酬、工作时间等标准是否都在执行，且劳动合同中的标准不低于集体合同？',
      when: { q: 'collective_contract', eq: true },
      findings: [
        {
          id: 'collective_contract_not_kept',
          when: { q: 'collective_contract_kept', eq: false },
          severity: 'advice',
          problem: '集体合同约定的标准没有全部执行，或劳动合同的标准低于集体合同。',
          fix: '对照集体合同逐条检查执行情况，补足差额，并把低于集体合同的劳动合同条款改到不低于集体合同。',
          basis: [CONTRACT_LAW('第五十五条、第五十六条')],
        },
      ],
      source: CONTRACT_LAW('第五十五条'),
    },

    // ── 三(十一) 劳务派遣 ──
    {
      id: 'dispatch_licence',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '本单位是否持有有效的《劳务派遣经营许可证》？',
      when: { q: 'is_dispatch_agency', eq: true },
      findings: [
        {
          id: 'dispatch_unlicensed',
          when: { q: 'dispatch_licence', eq: false },
          severity: 'violation',
          problem: '经营劳务派遣业务没有取得有效的劳务派遣经营许可。',
          fix: '停止经营劳务派遣业务，向人社部门申请劳务派遣行政许可（许可证到期的及时申请延续），取得后再经营。',
          basis: [CONTRACT_LAW('第五十七条')],
        },
      ],
      source: seed('三(十一)'),
    },
    {
      id: 'dispatch_agency_insured',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '是否为全部被派遣劳动者参加社会保险并按时足额缴费？',
      when: { q: 'is_dispatch_agency', eq: true },
      findings: [
        {
          id: 'dispatched_uninsured',
          when: { q: 'dispatch_agency_insured', eq: false },
          severity: 'violation',
          problem: '有被派遣劳动者没有参加社会保险或社会保险费没有足额缴纳。',
          fix: '为全部被派遣劳动者办理社会保险登记并补缴欠费。',
          basis: [SOCIAL_INSURANCE('第五十八条、第六十条')],
        },
      ],
      source: seed('三(十一)'),
    },
    {
      id: 'dispatch_posts',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '使用的派遣人员是否都在临时性（存续不超过6个月）、辅助性或替代性岗位上？',
      when: USES_DISPATCH,
      findings: [
        {
          id: 'dispatch_wrong_posts',
          when: { q: 'dispatch_posts', eq: false },
          severity: 'violation',
          problem: '在临时性、辅助性、替代性以外的岗位上使用了派遣人员。',
          fix: '主营业务岗位改为直接订立劳动合同用工；辅助性岗位经职工代表大会或全体职工讨论、协商确定并在单位内公示。',
          basis: [CONTRACT_LAW('第六十六条'), DISPATCH('第三条')],
        },
      ],
      source: DISPATCH('第三条'),
    },
    {
      id: 'dispatch_partner_licensed',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '与您合作的劳务派遣单位是否持有有效的《劳务派遣经营许可证》？',
      when: USES_DISPATCH,
      findings: [
        {
          id: 'dispatch_partner_unlicensed',
          when: { q: 'dispatch_partner_licensed', eq: false },
          severity: 'advice',
          problem: '合作的劳务派遣单位没有有效的劳务派遣经营许可证（或未核实）。',
          fix: '查验派遣单位的许可证原件及有效期，只与持证单位签订劳务派遣协议，并把许可证复印件附在协议后。',
          basis: [CONTRACT_LAW('第五十七条')],
        },
      ],
      source: seed('三(十一)'),
    },
    {
      id: 'dispatch_partner_insured',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '是否核实过派遣单位已为派到本单位的人员缴纳社会保险（如查看缴费凭证）？',
      when: USES_DISPATCH,
      findings: [
        {
          id: 'dispatch_insurance_unchecked',
          when: { q: 'dispatch_partner_insured', eq: false },
          severity: 'advice',
          problem: '没有核实派遣人员的社会保险缴纳情况。',
          fix: '要求派遣单位每季度提供派遣人员的社会保险缴费凭证，并在劳务派遣协议中约定社会保险费数额和支付方式。',
          basis: [seed('三(十一)'), SOCIAL_INSURANCE('第五十八条')],
        },
      ],
      source: seed('三(十一)'),
    },

    // ── 三(十二) 其他劳动保障监察事项 ──
    {
      id: 'staff_register',
      phase: 'items',
      item: 12,
      kind: 'yesno',
      text: '是否建立了职工名册（含姓名、性别、公民身份号码、户籍地址及现住址、联系方式、用工形式、用工起始时间、劳动合同期限）？',
      when: HAS_STAFF,
      findings: [
        {
          id: 'staff_register_missing',
          when: { q: 'staff_register', eq: false },
          severity: 'violation',
          problem: '没有建立职工名册，或名册缺少规定的内容。',
          fix: '按《劳动合同法实施条例》第八条的内容建立全体职工花名册（也是平台须上传的材料），人员变动时及时更新。',
          basis: [CONTRACT_LAW('第七条'), CONTRACT_REGS('第八条、第三十三条')],
        },
      ],
      source: seed('三(十二)、附件 二(一)2'),
    },
    {
      id: 'prior_review',
      phase: 'items',
      item: 12,
      kind: 'choice',
      text: '本单位2023年度劳动保障书面审查的结果是？',
      options: [
        { code: 'passed', label: '合格' },
        { code: 'rectified', label: '不合格，已按要求整改完毕' },
        { code: 'not_rectified', label: '不合格，尚未整改完毕' },
        { code: 'not_taken', label: '没有参加' },
      ],
      findings: [
        {
          id: 'prior_not_rectified',
          when: { q: 'prior_review', eq: 'not_rectified' },
          severity: 'violation',
          problem: '上年度书面审查不合格，责令整改的事项还没有整改完毕。',
          fix: '对照上年度审查意见逐项整改并留存整改材料，审核时一并携带；拒不履行整改指令属于C级情形。',
          basis: [seed('五(二)'), GRADE()],
        },
        {
          id: 'prior_not_taken',
          when: { q: 'prior_review', eq: 'not_taken' },
          severity: 'advice',
          problem: '上年度没有参加书面审查。',
          fix: '今年务必在截止日前完成书面审查：未按要求参加的单位，人社部门原则上不出具守法证明。',
          basis: [seed('五(一)')],
        },
      ],
      source: seed('五(一)、五(二)'),
    },

    // ════ record: the 2024 enforcement record that decides the grade (第七条) ════
    {
      id: 'sanctions_2024',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'number',
      text: '2024年本单位被人社部门立案查处（作出行政处理或行政处罚决定）几次？',
      hint: '只接受检查、未被立案查处的不算；没有填0。',
      integer: true,
      min: 0,
      unit: '次',
      source: GRADE(),
    },
    {
      id: 'c_mass_incident',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否因劳动保障违法行为引发群体性事件、极端事件或造成严重不良社会影响？',
      source: GRADE(),
    },
    {
      id: 'c_child_forced_labour',
      phase: 'record',
      kind: 'yesno',
      text: '被查处的违法行为中，是否有使用童工、强迫劳动等严重劳动保障违法行为？',
      when: { all: [EMPLOYER_UNIT, { q: 'sanctions_2024', gte: 1 }] },
      source: GRADE(),
    },
    {
      id: 'c_refused_order',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否有拒不履行人社部门限期整改指令、行政处理决定或行政处罚决定的情况？',
      source: GRADE(),
    },
    {
      id: 'c_obstructed',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否有无理抗拒、阻挠人社部门实施劳动保障监察的情况？',
      source: GRADE(),
    },
    {
      id: 'c_criminal',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否因劳动保障违法行为被依法追究刑事责任？',
      source: GRADE(),
    },
    {
      id: 'blacklist',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '本单位目前是否在拖欠农民工工资失信联合惩戒对象名单（欠薪“黑名单”）中？',
      source: BLACKLIST,
    },
    {
      id: 'late_review',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'choice',
      text: '本单位是否已在（或能在）截止日2025年4月30日前完成本次书面审查？',
      options: [
        { code: 'on_time', label: '已经或能够按时完成' },
        { code: 'late_with_reason', label: '逾期，但有正当理由' },
        { code: 'late_no_reason', label: '逾期，没有正当理由' },
      ],
      source: seed('五(二)'),
    },
  ],

  // ── Materials: the attachment's two lists, each item under its own name ────────────────
  materials: [
    // 一、党政机关、事业单位、社会团体 —— (一) 平台须上传
    { id: 'pub_org_code_cert', name: '单位组织机构代码证', list: 'upload', when: PUBLIC_UNIT, source: seed('附件 一(一)1') },
    {
      id: 'pub_si_receipts',
      name: '2024年度社会保险费缴费凭证（三、六、十二月）',
      list: 'upload',
      when: PUBLIC_UNIT,
      source: seed('附件 一(一)2'),
    },
    {
      id: 'pub_accounts',
      name: '2024年度会计决算报表或审计报告原件',
      list: 'upload',
      when: PUBLIC_UNIT,
      detail: '能够反映支付职工工资和构成工资总额的表页',
      source: seed('附件 一(一)3'),
    },
    // 一 —— (二) 审核时须携带
    {
      id: 'pub_last_review_form',
      name: '2023年度劳动保障书面审查表',
      list: 'bring',
      // A unit that did not take part last year has no such form to bring.
      when: { all: [PUBLIC_UNIT, TOOK_PART_LAST_YEAR] },
      source: seed('附件 一(二)1'),
    },
    {
      id: 'pub_contracts_samples',
      name: '与建立劳动关系的人员依法订立的劳动合同文本',
      list: 'bring',
      when: { all: [PUBLIC_UNIT, TWENTY_OR_MORE] },
      detail: CONTRACTS_SAMPLE_DETAIL,
      source: seed('附件 一(二)2(1)'),
    },
    {
      id: 'pub_contracts_all',
      name: '与建立劳动关系的人员依法订立的劳动合同文本',
      list: 'bring',
      when: { all: [PUBLIC_UNIT, ONE_TO_NINETEEN] },
      detail: CONTRACTS_ALL_DETAIL,
      source: seed('附件 一(二)2(1)'),
    },
    {
      id: 'pub_e_contract_screenshot',
      name: '签订电子劳动合同总数的截图',
      list: 'bring',
      when: { all: [PUBLIC_UNIT, HAS_STAFF] },
      source: seed('附件 一(二)2(1)'),
    },
    {
      id: 'pub_payroll',
      name: '2024年度建立劳动关系工作人员工资支付表（三、六、十二月份）',
      list: 'bring',
      when: { all: [PUBLIC_UNIT, HAS_STAFF] },
      source: seed('附件 一(二)2(2)'),
    },
    {
      id: 'pub_dispatch_agreement',
      name: '劳务派遣协议及派遣员工花名册',
      list: 'bring',
      // Listed under "如单位有建立劳动关系的人员" in the attachment.
      when: { all: [PUBLIC_UNIT, HAS_STAFF, USES_DISPATCH] },
      source: seed('附件 一(二)2(3)'),
    },
    {
      id: 'pub_review_form',
      name: '《劳动保障书面审查表》',
      list: 'bring',
      when: PUBLIC_UNIT,
      detail: FORM_DETAIL,
      ask: false,
      source: seed('附件 一(二)3'),
    },
    {
      id: 'pub_filing_form',
      name: '《劳动用工备案登记表》',
      list: 'bring',
      when: PUBLIC_UNIT,
      detail: FORM_DETAIL,
      ask: false,
      source: seed('附件 一(二)3'),
    },
    {
      id: 'pub_filing_roster',
      name: '《劳动用工备案登记花名册》',
      list: 'bring',
      when: { all: [PUBLIC_UNIT, HAS_STAFF] },
      detail: FORM_DETAIL,
      ask: false,
      source: seed('附件 一(二)3'),
    },
    {
      id: 'pub_leave_evidence',
      name: '单位职工休息休假的情况说明及印证资料',
      list: 'bring',
      when: PUBLIC_UNIT,
      source: seed('附件 一(二)4'),
    },
    {
      id: 'pub_maternity_evidence',
      name: '女职工享受产假的情况说明及印证资料',
      list: 'bring',
      when: PUBLIC_UNIT,
      source: seed('附件 一(二)4'),
    },

    // 二、各类企业、民办非企业、有雇工的个体经济组织 —— (一) 平台须上传
    { id: 'ent_business_licence', name: '用人单位营业执照副本', list: 'upload', when: EMPLOYER_UNIT, source: seed('附件 二(一)1') },
    {
      id: 'ent_staff_roster',
      name: '用人单位全体职工花名册',
      list: 'upload',
      when: EMPLOYER_UNIT,
      detail: '依据《劳动合同法实施条例》第八条内容制定',
      source: seed('附件 二(一)2'),
    },
    {
      id: 'ent_si_receipts',
      name: '用人单位2024年度社会保险费缴费凭证原件（三、六、十二月）',
      list: 'upload',
      when: EMPLOYER_UNIT,
      source: seed('附件 二(一)3'),
    },
    {
      id: 'ent_accounts',
      name: '用人单位2024年度会计决算报表或审计报告原件',
      list: 'upload',
      when: EMPLOYER_UNIT,
      source: seed('附件 二(一)4'),
    },
    // 二 —— (二) 审核时须携带
    {
      id: 'ent_hr_rules',
      name: '用人单位制定的人力资源社会保障管理制度',
      list: 'bring',
      when: EMPLOYER_UNIT,
      source: seed('附件 二(二)1'),
    },
    {
      id: 'ent_accounting_vouchers',
      name: '用人单位2024年度三、六、十二月份的会计原始凭证',
      list: 'bring',
      when: EMPLOYER_UNIT,
      detail: '其中要包含能反映给职工支付工资和构成工资总额的表页',
      source: seed('附件 二(二)2'),
    },
    {
      id: 'ent_contracts_samples',
      name: '用人单位与劳动者依法订立的劳动合同文本',
      list: 'bring',
      when: { all: [EMPLOYER_UNIT, TWENTY_OR_MORE] },
      detail: CONTRACTS_SAMPLE_DETAIL,
      source: seed('附件 二(二)3'),
    },
    {
      id: 'ent_contracts_all',
      name: '用人单位与劳动者依法订立的劳动合同文本',
      list: 'bring',
      when: { all: [EMPLOYER_UNIT, ONE_TO_NINETEEN] },
      detail: CONTRACTS_ALL_DETAIL,
      source: seed('附件 二(二)3'),
    },
    {
      id: 'ent_e_contract_screenshot',
      name: '签订电子劳动合同总数的截图',
      list: 'bring',
      when: { all: [EMPLOYER_UNIT, HAS_STAFF] },
      source: seed('附件 二(二)3'),
    },
    {
      id: 'ent_dispatch_agreement',
      name: '劳务派遣协议及派遣员工花名册',
      list: 'bring',
      when: { all: [EMPLOYER_UNIT, USES_DISPATCH] },
      source: seed('附件 二(二)3'),
    },
    {
      id: 'ent_last_review_form',
      name: '2023年度劳动保障书面审查表',
      list: 'bring',
      when: { all: [EMPLOYER_UNIT, TOOK_PART_LAST_YEAR] },
      source: seed('附件 二(二)4'),
    },
    {
      id: 'ent_review_form',
      name: '《劳动保障书面审查表》',
      list: 'bring',
      when: EMPLOYER_UNIT,
      detail: FORM_DETAIL,
      ask: false,
      source: seed('附件 二(二)5'),
    },
    {
      id: 'ent_filing_form',
      name: '《劳动用工备案登记表》',
      list: 'bring',
      when: EMPLOYER_UNIT,
      detail: FORM_DETAIL,
      ask: false,
      source: seed('附件 二(二)5'),
    },
    {
      id: 'ent_filing_roster',
      name: '《劳动用工备案登记花名册》',
      list: 'bring',
      when: EMPLOYER_UNIT,
      detail: FORM_DETAIL,
      ask: false,
      source: seed('附件 二(二)5'),
    },
  ],
  materialNotes: [
    {
      text: '本通知和操作流程可在昌吉回族自治州人民政府网站点击“公开”→“政府工作部门”中的“人力资源和社会保障局”→“文件”栏查询。',
      source: seed('附件 三(一)'),
    },
    { text: '上传资料时，须将往年上传的资料删除。', source: seed('附件 三(二)') },
    {
      text: '填写单位基本信息时，请认真对照上年度劳动保障书面审查表和劳动用工备案登记表，看基本信息是否填写正确、是否有漏项。',
      source: seed('附件 三(三)'),
    },
  ],

  // ── Grade: 第七条 on the 2024 record, plus the notice's own cap ──────────────────────────
  rating: {
    // Seed 五(三) grades the enterprises of a jurisdiction; private non-enterprise units and individual
    // businesses are graded the same way (as Wenshui's 第三条 lists them too). Organs, institutions and
    // social groups take the written review but get no grade.
    appliesWhen: EMPLOYER_UNIT,
    notApplicable: {
      text: '守法诚信等级评价针对企业等用人单位，党政机关、事业单位、社会团体只参加书面审查，不评定等级。',
      source: seed('五(三)'),
    },
    best: {
      grade: 'A',
      reason: '按您的回答，2024年未因劳动保障违法行为被人社部门查处，可评为A级（最终以人社部门评定为准）。',
      source: GRADE(),
    },
    rules: [
      {
        id: 'c_three_sanctions',
        grade: 'C',
        when: { q: 'sanctions_2024', gte: 3 },
        reason: '2024年因劳动保障违法行为被查处3次以上，属于C级情形。',
        source: GRADE(),
      },
      {
        id: 'c_mass_incident',
        grade: 'C',
        when: { q: 'c_mass_incident', eq: true },
        reason: '因劳动保障违法行为引发群体性事件、极端事件或造成严重不良社会影响，属于C级情形。',
        source: GRADE(),
      },
      {
        id: 'c_child_forced_labour',
        grade: 'C',
        when: { q: 'c_child_forced_labour', eq: true },
        reason: '因使用童工、强迫劳动等严重劳动保障违法行为被查处，属于C级情形。',
        source: GRADE(),
      },
      {
        id: 'c_refused_order',
        grade: 'C',
        when: { q: 'c_refused_order', eq: true },
        reason: '拒不履行限期整改指令、行政处理决定或行政处罚决定，属于C级情形。',
        source: GRADE(),
      },
      {
        id: 'c_obstructed',
        grade: 'C',
        when: { q: 'c_obstructed', eq: true },
        reason: '无理抗拒、阻挠人社部门实施劳动保障监察，属于C级情形。',
        source: GRADE(),
      },
      {
        id: 'c_criminal',
        grade: 'C',
        when: { q: 'c_criminal', eq: true },
        reason: '因劳动保障违法行为被依法追究刑事责任，属于C级情形。',
        source: GRADE(),
      },
      {
        id: 'c_blacklist',
        grade: 'C',
        when: { q: 'blacklist', eq: true },
        reason:
          '被列入拖欠农民工工资失信联合惩戒对象名单：列入的前提是经责令限期支付工资仍逾期未付，且数额达到拒不支付劳动报酬罪标准或引发群体性事件、极端事件，' +
          '这本身就属于《企业劳动保障守法诚信等级评价办法》第七条规定的C级情形。',
        source: BLACKLIST,
      },
      {
        id: 'b_sanctioned',
        grade: 'B',
        when: { q: 'sanctions_2024', gte: 1 },
        reason: '2024年因劳动保障违法行为被人社部门查处，不能评为A级；没有C级情形的为B级。',
        source: GRADE(),
      },
      {
        id: 'b_late_no_reason',
        grade: 'B',
        when: { q: 'late_review', eq: 'late_no_reason' },
        reason: '无故逾期书面审查的单位，企业守法诚信等级评价不得评定为A级。',
        source: seed('五(二)'),
      },
    ],
  },
  consequences: [
    { grade: 'A', text: '被评为A级的企业，当年免于日常巡视检查。', source: seed('六(三)') },
    { grade: 'B', text: '被评为B级的企业，每半年进行一次日常巡视检查。', source: seed('六(三)') },
    {
      grade: 'C',
      text: '被评为C级的企业，每季度进行一次日常巡视检查，并对其主要负责人、直接责任人进行约谈，敦促其遵守劳动保障法律、法规和规章。',
      source: seed('六(三)'),
    },
  ],
  verdicts: {
    pass: { text: '合格（书面资料审核为合格）。', source: seed('五(二)') },
    fail: {
      text: '不合格（书面资料审核为不合格）：人社部门将责令整改，情节严重的依法查处；暂时不能确定结果的，安排实地核查。',
      source: seed('五(二)'),
    },
  },
};
