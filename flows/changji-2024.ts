/**
 * 昌吉州 2024 年度劳动保障监察书面审查和企业守法诚信等级评价（昌州人社发〔2025〕4号）, as data.
 * Seed: ../shared/seeds/000; legal thresholds and corrections: ../shared/DOMAIN.md §2, §4 and §6.
 * Questions are grouped by phase and, in the items phase, by the notice's 12 review items (三(一)…(十二)).
 * Rules only look back: a question's `when` names earlier questions only (the schema checks this).
 * Version 2: the second reading against national law (DOMAIN.md §6); version 1 snapshots keep what still fits.
 */
import type { CampaignInput, Condition, Source } from '../src/core/campaign.ts';
import { BLACKLIST, CONTRACT_LAW, GRADE, LABOUR_LAW, law, MINIMUM_WAGE_RULES, SOCIAL_INSURANCE, WAGE_RULES } from './shared/sources.ts';

// ── Sources ────────────────────────────────────────────────────────────────────────────
const NOTICE = '昌州人社发〔2025〕4号';
const seed = (article: string): Source => ({ doc: NOTICE, article });

const CONTRACT_REGS = law('《中华人民共和国劳动合同法实施条例》');
const CHILD_LABOUR = law('《禁止使用童工规定》');
const MINORS = law('《未成年工特殊保护规定》');
const WOMEN = law('《女职工劳动保护特别规定》');
const WORKING_HOURS = law('《国务院关于职工工作时间的规定》');
const ANNUAL_LEAVE = law('《职工带薪年休假条例》');
const MIGRANT_WAGES = law('《保障农民工工资支付条例》');
const DISPATCH = law('《劳务派遣暂行规定》');
const HR_SERVICES = law('人社部令第50号《人力资源服务机构管理规定》');
const PART_TIME: Source = { doc: '劳社部发〔2003〕12号《关于非全日制用工若干问题的意见》' };
const UNIFIED_CODE: Source = { doc: '国办发〔2015〕50号《关于加快推进“三证合一”登记制度改革的意见》' };
/** DOMAIN.md §6: several secondary sources agree (quoting 新政发〔2018〕19号); the text itself was not seen. */
const MIN_WAGE_2021: Source = { doc: '新疆维吾尔自治区最低工资标准（2021年4月1日起执行；据公开资料，引用新政发〔2018〕19号，原文未见）', unverified: true };
/** DOMAIN.md §6: the regional 60-day extension is from secondary sources. */
const XJ_MATERNITY: Source = { doc: '《新疆维吾尔自治区人口与计划生育条例》（延长生育假）', unverified: true };
/** DOMAIN.md §6: filing deadlines are national guidance, unverified as Changji practice. */
const FILING_PRACTICE: Source = { doc: '劳社部发〔2006〕46号《关于建立劳动用工备案制度的通知》（昌吉州执行期限未核实）', unverified: true };
/** What an individual business without annual accounts brings is not in the attachment: guidance only. */
const NO_ACCOUNTS_PRACTICE: Source = { doc: '附件未规定无会计报表的个体工商户提供何种材料（以审查机关要求为准）', unverified: true };

// ── Conditions used again and again ────────────────────────────────────────────────────
const PUBLIC_UNIT: Condition = { q: 'unit_type', in: ['organ', 'institution', 'social_group'] };
const EMPLOYER_UNIT: Condition = { q: 'unit_type', in: ['enterprise', 'private_non_enterprise', 'individual'] };
/** Has full-time staff in labour relations: most item questions only make sense then. */
const HAS_STAFF: Condition = { q: 'staff', gte: 1 };
const TWENTY_OR_MORE: Condition = { q: 'staff', gte: 20 };
const ONE_TO_NINETEEN: Condition = { all: [{ q: 'staff', gte: 1 }, { q: 'staff', lt: 20 }] };
const USES_DISPATCH: Condition = { q: 'uses_dispatch', eq: true };
const HAS_PART_TIME: Condition = { q: 'part_time_staff', gte: 1 };
const EMPLOYS_MIGRANTS: Condition = { q: 'employs_migrant_workers', eq: true };
const TOOK_PART_LAST_YEAR: Condition = { not: { q: 'prior_review', in: ['not_taken', 'not_required', 'new_unit'] } };
/** An individual business that keeps no annual accounts brings wage records instead (guidance). */
const NO_ANNUAL_ACCOUNTS: Condition = { all: [{ q: 'unit_type', eq: 'individual' }, { q: 'has_annual_accounts', eq: false }] };
const KEEPS_ACCOUNTS: Condition = { all: [EMPLOYER_UNIT, { not: NO_ANNUAL_ACCOUNTS }] };
const WINDOW_END = '2025-04-30';
/**
 * A yes/no question that can also be moot for this unit ("nobody was hired in 2024") or not known yet:
 * answering 否 to a question that does not apply would be a false violation.
 */
const yesNoNone = (none: string, noneAliases: string[] = []) => [
  { code: 'yes', label: '是', aliases: ['对', '是的'] },
  { code: 'no', label: '否', aliases: ['不是'] },
  { code: 'none', label: none, aliases: noneAliases },
  { code: 'unknown', label: '不确定', aliases: ['不知道', '不清楚'] },
];
const FORM_DETAIL = '一式三份，其中一份审核后交到所在社区进行劳动用工备案';
const CONTRACTS_SAMPLE_DETAIL = '建立劳动关系人员二十人以上：各类型劳动合同文本各三份';
const CONTRACTS_ALL_DETAIL = '建立劳动关系人员不足二十人：全部携带';
const UNIFIED_CODE_NOTE = {
  text: '“三证合一”后已不再核发组织机构代码证：可提供统一社会信用代码证书（或载有统一社会信用代码的法人登记证书）。',
  source: UNIFIED_CODE,
};

export const changji2024: CampaignInput = {
  id: 'changji-2024',
  version: 2,
  revisions: [
    {
      version: 2,
      reask: ['staff', 'wage_tier', 'lowest_monthly_wage', 'blacklist', 'late_review', 'annual_leave', 'payroll_kept', 'under16_employed', 'prior_review'],
      why:
        '职工人数改为只计全日制职工；最低工资改按2024年标准和应发工资核对；欠薪名单改问2024年的情况；逾期改问实际情况；' +
        '年休假改为“安排或支付报酬”；工资记录改按2年；童工改问2024年以来；上年度审查增加新选项。',
    },
  ],
  title: '2024年度劳动保障监察书面审查和企业守法诚信等级评价（昌吉州）',
  shortTitle: '昌吉州2024年度劳动保障书面审查',
  document: {
    number: NOTICE,
    issuer: '昌吉回族自治州人力资源和社会保障局',
    issued: '2025-03-03',
    source: seed('落款'),
  },
  region: '新疆昌吉回族自治州',
  // ── The written review: window, platform, outcomes ───────────────────────────────────
  review: {
    window: { start: '2025-03-01', end: WINDOW_END, source: seed('一') },
    platform: {
      name: '新疆人社公共服务平台',
      url: 'http://222.82.215.217:9921/pc/index.html',
      login: '由企业年审操作人员通过本人电子社保卡登录',
      source: seed('四'),
    },
    verdicts: {
      pass: { text: '合格：按您的回答，书面资料可以审核为合格。', source: seed('五(二)') },
      fail: {
        text: '不合格：您报告的违法问题尚未整改。人社部门对不合格的单位责令整改，情节严重的依法查处。请先按下面的建议整改，并保留整改材料。',
        source: seed('五(二)'),
      },
      pending: {
        text: '材料未备齐或有待核实的事项：按您的回答没有发现违法问题，但提交前还有事要做（见下面的清单）。缺少材料或未核实就提交，可能被审查为不合格。',
        source: seed('五(二)、附件'),
      },
    },
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
    { id: 'jimsar', name: '吉木萨尔县', aliases: ['吉木萨尔县', '吉木萨尔'], bureau: 'jimsar', source: seed('二(二)') },
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
  unitFields: {
    name: 'unit_name',
    creditCode: 'credit_code',
    unitType: 'unit_type',
    area: 'area',
    address: 'address',
    legalRep: 'legal_rep',
    contactPerson: 'contact_person',
    contactPhone: 'contact_phone',
    headcount: 'staff',
  },

  // ── What the notice says besides the rules (seed points the chat must not leave out) ──
  phaseTitles: { record: '2024年度监察记录和本次审查情况' },
  notes: [
    {
      text: '具体审查范围和抽查比例参照自治区文件执行：本单位是否须参加、须提交哪些材料，以审查机关的通知为准。',
      source: seed('二(二)'),
      show: ['intro'],
    },
    {
      text: '未按通知要求进行书面审查的单位，人社部门将督促并责令限期进行书面审查；未按要求参加的单位因评先、评优等原因要求出具守法证明的，原则上不予出具。',
      source: seed('五(一)'),
      show: ['intro', 'summary'],
    },
    {
      text: '审查结果为“书面资料审核为合格或不合格”；暂时不能确定结果的，人社部门安排实地核查，明确结果。',
      source: seed('五(二)'),
      show: ['summary'],
    },
    {
      text: '书面审查与社会保险经办机构对少登、漏登社会保险单位的稽核同步进行、联合办公：查出未登记的，依法责令整改。',
      source: seed('六(一)'),
      show: ['summary'],
    },
    {
      text: '书面审查工作结束后，各县市（园区）对本辖区企业劳动保障守法诚信等级进行评定和公布。',
      source: seed('五(三)'),
      show: ['summary'],
    },
  ],

  // ── Words a shop owner may not know, explained when a question uses them ──────────────
  glossary: [
    { term: '劳动关系', aliases: [], text: '单位招用职工、职工在单位管理下提供有报酬的劳动，就建立了劳动关系，单位应当与其签订书面劳动合同。', source: CONTRACT_LAW('第七条、第十条') },
    { term: '非全日制用工', aliases: ['小时工'], text: '以小时计酬，在同一单位平均每日工作不超过4小时、每周累计不超过24小时的用工，可以订立口头协议。', source: CONTRACT_LAW('第六十八条、第六十九条') },
    { term: '劳务派遣', aliases: ['派遣'], text: '由劳务派遣公司与劳动者签劳动合同，再把劳动者派到用工单位工作；用工单位只能在临时性、辅助性或替代性岗位上使用，人数不超过用工总量的10%。', source: DISPATCH('第三条、第四条') },
    { term: '用工总量', aliases: [], text: '用工单位订立劳动合同的人数加上使用的被派遣劳动者人数。', source: DISPATCH('第四条') },
    { term: '劳动用工备案', aliases: ['用工备案'], text: '单位招用或辞退职工后，到人社部门（社区）登记职工的基本情况和劳动合同情况。', source: FILING_PRACTICE },
    { term: '综合计算工时', aliases: [], text: '以周、月、季、年为周期综合计算工作时间的工时制度，平均工作时间与法定标准基本相同；须经人社部门批准才能实行。', source: LABOUR_LAW('第三十九条') },
    { term: '不定时工作制', aliases: ['不定时'], text: '因工作性质无法按标准工作时间衡量的岗位（如高级管理、外勤）实行的工时制度；须经人社部门批准才能实行。', source: LABOUR_LAW('第三十九条') },
    { term: '未成年工', aliases: [], text: '年满16周岁、未满18周岁的劳动者。', source: LABOUR_LAW('第五十八条') },
    { term: '童工', aliases: ['未满16周岁'], text: '未满16周岁的未成年人；除文艺、体育和特种工艺单位经批准外，任何单位不得招用。', source: LABOUR_LAW('第十五条') },
    { term: '集体合同', aliases: [], text: '单位与职工一方（工会或职工代表）就劳动报酬、工作时间、休息休假等事项平等协商签订的书面协议。', source: CONTRACT_LAW('第五十一条') },
    { term: '最低工资', aliases: [], text: '职工在法定工作时间内正常劳动，单位应支付的最低劳动报酬；加班工资、夜班、高温、井下等津贴和法定福利不计入。', source: MINIMUM_WAGE_RULES('第十二条') },
    { term: '农民工', aliases: [], text: '为用人单位提供劳动的农村居民。', source: MIGRANT_WAGES('第二条') },
    { term: '职工名册', aliases: ['花名册'], text: '单位为全体职工建立的名册，载明姓名、性别、公民身份号码、户籍地址及现住址、联系方式、用工形式、用工起始时间、劳动合同期限等。', source: CONTRACT_REGS('第八条') },
    { term: '电子劳动合同', aliases: [], text: '通过电子签名等方式在网上订立的劳动合同；审查事项第二项把它和纸质劳动合同一起检查。', source: seed('三(二)') },
    { term: '查处', aliases: ['立案查处'], text: '人社部门对违法行为立案调查，并作出行政处理或行政处罚决定；只接受检查、没有立案的不算。', source: GRADE() },
    { term: '统一社会信用代码', aliases: [], text: '18位的单位“身份证号”，印在营业执照或登记证书上。', source: UNIFIED_CODE },
  ],

  exclusions: [
    {
      id: 'individual_under_three',
      // 雇工 counts full-time and part-time workers alike (re-employed retirees are not employees): staff + part-time < 3.
      // The hi-tech zone reviews every individual business with employees (seed 二(三)): no threshold there.
      when: {
        all: [
          { q: 'unit_type', eq: 'individual' },
          { not: { q: 'area', eq: 'changji_hitech' } },
          { q: 'part_time_staff', lt: { sum: [3, { times: -1, of: { ref: 'staff' } }] } },
        ],
      },
      reason: '个体经济组织雇工（全日制和非全日制合计）不足3人，不在本次书面审查范围内：通知只要求有3人（含3人以上）雇工的个体经济组织参加。',
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
      why: '审查表、备案表和自查报告上都要写单位全称，请与营业执照或登记证书上的名称一字不差。',
      maxLength: 100,
      source: seed('附件 三(三)'),
    },
    {
      id: 'credit_code',
      phase: 'identity',
      kind: 'credit_code',
      text: '请填写单位的统一社会信用代码（18位）。',
      hint: '在营业执照或登记证书上，可以直接复制粘贴。手边没有营业执照的，可以先回复“跳过”，之后再补。',
      optional: true,
      why: '统一社会信用代码是单位的“身份证号”，年审平台和各种表格都用它认出您的单位。',
      source: seed('附件 三(三)'),
    },

    // ════ profile ════
    {
      id: 'unit_type',
      phase: 'profile',
      kind: 'choice',
      text: '本单位属于哪一类？',
      why: '单位类型决定由哪个部门审查、要交哪些材料，以及是否评定守法诚信等级。',
      options: [
        { code: 'organ', label: '党政机关', aliases: ['机关', '政府机关', '党政机关单位'] },
        { code: 'institution', label: '事业单位', aliases: ['事业'] },
        { code: 'social_group', label: '社会团体', aliases: ['社团', '协会', '商会', '学会'] },
        { code: 'enterprise', label: '企业（含中央、自治区驻州企业）', aliases: ['企业', '公司', '有限公司', '工厂', '厂'] },
        { code: 'private_non_enterprise', label: '民办非企业单位', aliases: ['民非', '民办非企业', '民办学校', '民办医院', '社会服务机构'] },
        { code: 'individual', label: '个体经济组织（个体工商户）', aliases: ['个体户', '个体', '个体工商户', '个体经济组织', '个体经营'] },
      ],
      source: seed('二'),
    },
    {
      id: 'area',
      phase: 'profile',
      kind: 'area',
      text: '本单位位于哪个县（市）或园区？',
      hint: '中央、自治区驻州单位，请选择单位所在的县（市）或园区；州直党政机关、事业单位、社会团体请选“州直单位”。',
      why: '书面审查由单位所在的县市（园区）人社部门负责；选对地区，我才能告诉您找哪个部门、打哪个电话。',
      source: seed('二(二)'),
    },
    {
      id: 'staff',
      phase: 'profile',
      kind: 'number',
      text: '与本单位建立劳动关系的全日制职工有多少人？',
      hint:
        '不含非全日制用工（小时工）、返聘的退休人员和劳务派遣人员，这几类后面单独问；没有填0。' +
        '党政机关、事业单位、社会团体只计与单位建立劳动关系（应签劳动合同）的人员，编制内人员不计。',
      why: '人数决定要带哪些劳动合同（二十人以上带每类样本各三份，不足二十人全部携带），也用来核对签合同、参保的人数。',
      integer: true,
      min: 0,
      unit: '人',
      source: seed('附件 一(二)2'),
    },
    {
      id: 'part_time_staff',
      phase: 'profile',
      kind: 'number',
      text: '另有非全日制用工（小时工）多少人？',
      hint: '非全日制用工：以小时计酬，在本单位平均每天工作不超过4小时、每周累计不超过24小时。没有填0。',
      why: '非全日制用工可以口头约定、不计入劳动合同和社会保险的人数，但必须遵守工时上限并缴纳工伤保险，后面会单独问。',
      integer: true,
      min: 0,
      unit: '人',
      source: CONTRACT_LAW('第六十八条'),
    },
    {
      id: 'retirees',
      phase: 'profile',
      kind: 'number',
      text: '本单位返聘了多少名已退休（已领取基本养老金）的人员？',
      hint: '没有填0。',
      why: '已领取基本养老金的人员与单位之间不再是劳动关系：不计入职工人数，不要求签劳动合同、缴社会保险，所以和职工分开统计。',
      integer: true,
      min: 0,
      unit: '人',
      source: CONTRACT_LAW('第四十四条'),
    },
    {
      id: 'has_annual_accounts',
      phase: 'profile',
      kind: 'yesno',
      text: '本个体工商户是否编制了2024年度会计决算报表（或审计报告）？',
      why: '附件要求上传年度会计决算报表或审计报告；很多个体工商户不编制这类报表，没有的我会列出可以代替准备的材料。',
      when: { q: 'unit_type', eq: 'individual' },
      source: seed('附件 二(一)4'),
    },
    {
      id: 'uses_dispatch',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否使用劳务派遣人员？',
      why: '使用劳务派遣的单位要多带劳务派遣协议和派遣员工花名册，派遣人数也不能超过用工总量的10%。',
      source: seed('附件 一(二)2、二(二)3'),
    },
    {
      id: 'dispatched',
      phase: 'profile',
      // Its finding (the 10% cap) belongs to review item 11, where a clerk looks for it.
      item: 11,
      kind: 'number',
      text: '目前使用的劳务派遣人员有多少人？',
      why: '用来核对派遣人数是否超过用工总量（劳动合同人数加派遣人数）的10%。',
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
          problem: '用工总量 {total} 人中有派遣人员 {dispatched} 人，占 {percent}%，超过了10%。',
          params: {
            total: { sum: [{ ref: 'staff' }, { ref: 'dispatched' }] },
            percent: { times: 100, of: { divide: { ref: 'dispatched' }, by: { sum: [{ ref: 'staff' }, { ref: 'dispatched' }] } } },
          },
          fix: '制定调整方案，通过与派遣人员直接订立劳动合同或减少派遣用工，把派遣人员降到用工总量的10%以内。',
          basis: [DISPATCH('第四条')],
        },
      ],
      source: DISPATCH('第四条'),
    },
    {
      id: 'is_dispatch_agency',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否为劳务派遣单位（经营劳务派遣业务）？',
      why: '劳务派遣单位自己还有许可、社保和劳动合同期限方面的义务，第十一项会单独问。',
      when: { q: 'unit_type', eq: 'enterprise' },
      source: seed('三(十一)'),
    },
    {
      id: 'is_agency_or_training',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否为职业介绍机构、职业技能培训机构或职业技能考核鉴定机构？',
      why: '审查事项第八项专门检查这三类机构是否取得许可或备案、是否按规定公示。',
      when: { q: 'unit_type', in: ['enterprise', 'private_non_enterprise', 'institution'] },
      source: seed('三(八)'),
    },
    {
      id: 'employs_migrant_workers',
      phase: 'profile',
      kind: 'yesno',
      text: '本单位是否招用了农民工（农村户籍、进城务工的人员）？',
      why: '招用农民工的单位还要遵守《保障农民工工资支付条例》，例如工资支付台账要保存3年。',
      when: HAS_STAFF,
      source: MIGRANT_WAGES('第二条'),
    },
    {
      id: 'wage_tier',
      phase: 'profile',
      kind: 'choice',
      text: '2024年本单位所在地执行哪一类月最低工资标准？',
      hint:
        '据多个公开资料，2024年执行的是自治区2021年4月1日起的标准：一类1900元、二类1700元、三类1620元、四类1540元（每月，含个人缴纳的社会保险费和住房公积金；未经核实，以当地人社部门通知为准）。' +
        '本助手未能核实各县市属于哪一类，请对照当地人社部门公布的通知选择；不确定可以回复“跳过”，跳过后不核对最低工资，只列为待核实。' +
        '（自2025年1月1日起调整为2070、1890、1750元三类，未经核实。）',
      why: '用来核对2024年最低的月工资有没有低于当地最低工资标准。标准分几类地区，金额不同。',
      options: [
        { code: 'tier1', label: '一类地区（1900元）', value: 1900 },
        { code: 'tier2', label: '二类地区（1700元）', value: 1700 },
        { code: 'tier3', label: '三类地区（1620元）', value: 1620 },
        { code: 'tier4', label: '四类地区（1540元）', value: 1540 },
      ],
      optional: true,
      when: HAS_STAFF,
      source: MIN_WAGE_2021,
    },

    // ════ items ════
    // ── 三(一) 内部人力资源社会保障规章制度 ──
    {
      id: 'rules_exist',
      phase: 'items',
      item: 1,
      kind: 'yesno',
      text: '本单位是否制定了书面的劳动规章制度（如考勤、休息休假、工资支付、奖惩等）？',
      why: '审核时要带“人力资源社会保障管理制度”；规章制度也是处理考勤、奖惩等问题的依据。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'rules_missing',
          when: { q: 'rules_exist', eq: false },
          // Lacking rules is not itself sanctioned; rules made without this procedure do not bind staff.
          severity: 'advice',
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
      text: '这些规章制度制定或修改时，是否经职工代表大会或全体职工讨论，并与工会或职工代表协商确定？',
      why: '直接涉及职工切身利益的规章制度，法律要求经过这一民主程序，否则可能不能作为管理依据。',
      when: { q: 'rules_exist', eq: true },
      findings: [
        {
          id: 'rules_not_democratic',
          when: { q: 'rules_democratic', eq: false },
          // Lacking rules is not itself sanctioned; rules made without this procedure do not bind staff.
          severity: 'advice',
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
      why: '没有公示或告知的规章制度，对职工没有约束力。',
      when: { q: 'rules_exist', eq: true },
      findings: [
        {
          id: 'rules_not_published',
          when: { q: 'rules_published', eq: false },
          // Lacking rules is not itself sanctioned; rules made without this procedure do not bind staff.
          severity: 'advice',
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
      text: '在这 {staff} 名全日制职工中，已签订书面劳动合同（含电子劳动合同）的有多少人？',
      hint: '入职不满一个月、正在签订的职工可以计入已签。',
      why: '全日制职工入职一个月内必须签书面劳动合同，否则单位要付双倍工资；审核时也要带劳动合同文本。',
      integer: true,
      min: 0,
      max: { ref: 'staff' },
      unit: '人',
      checks: [
        {
          rule: { q: 'contracts_signed', lte: { ref: 'staff' } },
          message: '已签合同人数不能多于全日制职工人数（{staff}人）。',
        },
      ],
      when: HAS_STAFF,
      findings: [
        {
          id: 'contracts_missing',
          when: { q: 'contracts_signed', lt: { ref: 'staff' } },
          severity: 'violation',
          problem: '{staff} 名全日制职工中有 {unsigned} 名入职超过一个月仍未签订书面劳动合同。',
          params: { unsigned: { sum: [{ ref: 'staff' }, { times: -1, of: { ref: 'contracts_signed' } }] } },
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
      why: '签了电子劳动合同的单位，审核时要带“签订电子劳动合同总数的截图”；没有电子合同就不用带。',
      when: { q: 'contracts_signed', gte: 1 },
      source: seed('三(二)'),
    },
    {
      id: 'contract_copy_given',
      phase: 'items',
      item: 2,
      kind: 'yesno',
      text: '签订的劳动合同是否已交给职工本人一份（双方各执一份）？',
      why: '劳动合同文本必须由单位和职工各执一份，职工手里没有合同是常见的检查问题。',
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
    {
      id: 'part_time_hours_ok',
      phase: 'items',
      item: 2,
      kind: 'yesno',
      text: '这 {part_time_staff} 名非全日制职工，是否都在平均每天不超过4小时、每周累计不超过24小时之内工作？',
      why: '超过这个时长就不再是非全日制用工，要按全日制职工签订书面劳动合同、参加社会保险。',
      when: HAS_PART_TIME,
      findings: [
        {
          id: 'part_time_over_hours',
          when: { q: 'part_time_hours_ok', eq: false },
          severity: 'violation',
          problem: '有非全日制职工的工作时间超过了平均每天4小时或每周24小时，实际已是全日制用工。',
          fix: '把工作时间控制在非全日制的上限之内；长期超过的，按全日制职工签订书面劳动合同并参加社会保险。',
          basis: [CONTRACT_LAW('第六十八条、第十条')],
        },
      ],
      source: CONTRACT_LAW('第六十八条'),
    },

    // ── 三(三) 禁止使用童工 ──
    {
      id: 'under16_employed',
      phase: 'items',
      item: 3,
      kind: 'yesno',
      text: '2024年以来，本单位是否招用过未满16周岁的人员（包括试工、学徒、临时帮工）？',
      why: '使用童工是最严重的劳动保障违法行为之一，被查处的单位会被评为C级。',
      when: { any: [HAS_STAFF, HAS_PART_TIME] },
      source: seed('三(三)'),
    },
    {
      id: 'under16_approved',
      phase: 'items',
      item: 3,
      kind: 'yesno',
      text: '本单位是否属于文艺、体育或特种工艺单位，招用未满16周岁的人员经过人社部门批准，并保障其接受义务教育？',
      why: '法律只允许文艺、体育和特种工艺单位经批准、并保障义务教育后招用未满16周岁的未成年人，其他情况都属于使用童工。',
      when: { q: 'under16_employed', eq: true },
      findings: [
        {
          id: 'child_labour',
          when: { q: 'under16_approved', eq: false },
          severity: 'violation',
          problem: '本单位招用了未满16周岁的未成年人（童工）。',
          fix: '立即停止使用，将其送回父母或其他监护人身边并承担所需费用；今后招用人员一律核查身份证。',
          basis: [LABOUR_LAW('第十五条'), CHILD_LABOUR('第二条')],
          ifFound: { grade: 'C', text: '因使用童工被查处的，属于C级情形。', source: GRADE('第七条(三)') },
        },
      ],
      source: LABOUR_LAW('第十五条'),
    },
    {
      id: 'id_checked',
      phase: 'items',
      item: 3,
      kind: 'yesno',
      text: '招用人员时，是否逐一核查身份证、确认已满16周岁？',
      why: '核查身份证是法律规定的录用手续，也是单位证明自己没有使用童工的依据。',
      when: { any: [HAS_STAFF, HAS_PART_TIME] },
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
      why: '法律要求单位保存录用登记和核查材料，检查时要能拿得出来。',
      when: { any: [HAS_STAFF, HAS_PART_TIME] },
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
      why: '有女职工的单位要遵守产假、孕期和哺乳期保护等特别规定，后面几题只问有女职工的单位。',
      when: HAS_STAFF,
      source: seed('三(四)'),
    },
    {
      id: 'maternity_leave',
      phase: 'items',
      item: 4,
      kind: 'choice',
      text: '2024年生育的女职工中，产假最短的一位休了多少天？',
      hint: '国家规定98天（难产增加15天，多胞胎每多生育1个婴儿增加15天）；新疆对符合政策生育的另延长60天，合计158天（地方规定未经核实）。',
      why: '产假天数是审核时要带的“女职工享受产假的情况说明”的核心内容，少于法定天数属于违法。',
      options: [
        { code: 'full', label: '158天及以上（含新疆规定延长的60天，未经核实）', aliases: ['158天', '158'] },
        { code: 'national_only', label: '98天及以上，但不足158天', aliases: ['98天', '98'] },
        { code: 'short', label: '不足98天' },
        { code: 'none', label: '2024年没有女职工生育', aliases: ['没有生育', '没有人生育', '无'] },
      ],
      when: { q: 'employs_women', eq: true },
      findings: [
        {
          id: 'maternity_leave_short',
          when: { q: 'maternity_leave', eq: 'short' },
          severity: 'violation',
          problem: '有女职工的产假少于国家规定的98天。',
          fix: '按98天（难产、多胞胎依法增加）安排产假，对少休的职工依法补足假期或待遇，并保留请休假记录。',
          basis: [WOMEN('第七条')],
        },
        {
          id: 'maternity_extension_missing',
          when: { q: 'maternity_leave', eq: 'national_only' },
          severity: 'advice',
          problem: '女职工没有享受新疆对符合政策生育延长的60天产假。',
          fix: '向当地人社部门核实自治区延长生育假的规定；符合条件的，按158天安排产假。',
          basis: [XJ_MATERNITY],
        },
      ],
      source: WOMEN('第七条'),
    },
    {
      id: 'women_dismissed_pregnancy',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '2024年是否有女职工因怀孕、生育或哺乳被降低工资、辞退或解除劳动合同？',
      why: '法律禁止因怀孕、生育、哺乳降低女职工工资、辞退或解除劳动合同，这是女职工保护检查的重点。',
      when: { q: 'employs_women', eq: true },
      findings: [
        {
          id: 'women_dismissed',
          when: { q: 'women_dismissed_pregnancy', eq: true },
          severity: 'violation',
          problem: '有女职工因怀孕、生育或哺乳被降低工资、辞退或解除劳动合同。',
          fix: '撤销对这些女职工的降薪、辞退或解除决定，恢复其岗位和待遇，补发差额。',
          basis: [WOMEN('第五条')],
        },
      ],
      source: WOMEN('第五条'),
    },
    {
      id: 'pregnant_nursing_overtime',
      phase: 'items',
      item: 4,
      kind: 'choice',
      text: '2024年是否安排过怀孕7个月以上、或哺乳未满1周岁婴儿的女职工加班或上夜班？',
      why: '怀孕7个月以上和哺乳期的女职工不得安排加班和夜班劳动。',
      options: [
        { code: 'yes', label: '安排过', aliases: ['是', '有'] },
        { code: 'no', label: '没有安排过', aliases: ['否', '没有', '没安排过'] },
        { code: 'none', label: '2024年没有这类女职工', aliases: ['没有这类女职工', '无'] },
        { code: 'unknown', label: '不确定', aliases: ['不知道', '不清楚'] },
      ],
      when: { q: 'employs_women', eq: true },
      findings: [
        {
          id: 'pregnant_nursing_overtime_found',
          when: { q: 'pregnant_nursing_overtime', eq: 'yes' },
          severity: 'violation',
          problem: '安排怀孕7个月以上或哺乳期的女职工加班或上夜班。',
          fix: '调整排班：这类女职工不安排延长工作时间和夜班劳动。',
          basis: [WOMEN('第六条、第九条')],
        },
      ],
      source: WOMEN('第六条、第九条'),
    },
    {
      id: 'nursing_time',
      phase: 'items',
      item: 4,
      kind: 'choice',
      text: '哺乳未满1周岁婴儿的女职工，是否每天在劳动时间内有1小时哺乳时间？',
      why: '法律规定哺乳期女职工每天在劳动时间内有1小时哺乳时间（多胞胎每多哺乳1个婴儿增加1小时）。',
      options: yesNoNone('2024年没有哺乳期女职工', ['没有哺乳期女职工']),
      when: { q: 'pregnant_nursing_overtime', in: ['yes', 'no', 'unknown'] },
      findings: [
        {
          id: 'nursing_time_denied',
          when: { q: 'nursing_time', eq: 'no' },
          severity: 'violation',
          problem: '哺乳期女职工没有每天1小时的哺乳时间。',
          fix: '在劳动时间内为哺乳期女职工安排每天1小时哺乳时间，并在考勤中注明。',
          basis: [WOMEN('第九条')],
        },
      ],
      source: WOMEN('第九条'),
    },
    {
      id: 'employs_minors',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '本单位是否招用了已满16周岁、未满18周岁的未成年工？',
      why: '招用未成年工要办理登记、定期体检，并且不能安排禁忌从事的劳动。',
      when: { any: [HAS_STAFF, HAS_PART_TIME] },
      source: seed('三(四)'),
    },
    {
      id: 'minors_prohibited_work',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '是否安排未成年工从事矿山井下、有毒有害、国家规定的第四级体力劳动强度的劳动或其他禁忌从事的劳动？',
      why: '这些劳动对未成年人的身体伤害大，法律明令禁止安排未成年工从事。',
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
      source: LABOUR_LAW('第六十四条'),
    },
    {
      id: 'minors_health_check',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '是否在上岗前、工作满1年、年满18周岁（距前一次体检已超过半年）时，为未成年工做健康检查？',
      why: '定期体检是未成年工特殊保护的法定要求，检查时要看体检记录。',
      when: { q: 'employs_minors', eq: true },
      findings: [
        {
          id: 'minors_no_health_check',
          when: { q: 'minors_health_check', eq: false },
          severity: 'violation',
          problem: '没有按规定为未成年工做健康检查。',
          fix: '立即为未成年工安排健康检查，并按上岗前、工作满1年、年满18周岁的节点建立体检台账。',
          basis: [MINORS('第六条'), LABOUR_LAW('第六十五条')],
        },
      ],
      source: MINORS('第六条'),
    },
    {
      id: 'minors_registered',
      phase: 'items',
      item: 4,
      kind: 'yesno',
      text: '招用未成年工是否已到当地人社部门办理未成年工登记？',
      why: '招用未成年工须向所在地县级以上人社部门办理登记，登记后才能安排上岗。',
      when: { q: 'employs_minors', eq: true },
      findings: [
        {
          id: 'minors_not_registered',
          when: { q: 'minors_registered', eq: false },
          severity: 'violation',
          problem: '招用未成年工没有办理登记。',
          fix: '携带未成年工健康检查表和登记表，到所在地县级以上人社部门办理未成年工登记。',
          basis: [MINORS('第九条')],
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
      why: '标准工时是每天8小时、每周40小时；综合计算工时和不定时工作制必须经人社部门批准才能实行。',
      options: [
        { code: 'standard', label: '全部实行标准工时制（每日8小时、每周40小时）', aliases: ['标准', '标准工时', '标准工时制', '8小时', '八小时'] },
        { code: 'special_approved', label: '部分或全部岗位实行综合计算工时或不定时工作制，已经人社部门批准', aliases: ['已批准', '批准了', '经过批准'] },
        { code: 'special_unapproved', label: '部分或全部岗位实行综合计算工时或不定时工作制，但未经批准', aliases: ['未批准', '没批准', '没有批准'] },
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
      why: '法律保证职工每周至少休息一日；休息日加班又不能补休的，要付不低于200%的工资。',
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
      id: 'overtime_hours_day',
      phase: 'items',
      item: 5,
      kind: 'number',
      text: '2024年加班最多的那个工作日，在正常工作时间之外又延长了多少小时？',
      hint: '没有加班填0。实行经批准的综合计算工时或不定时工作制的岗位不计。',
      why: '延长工作时间一般每天不超过1小时，因特殊原因也不得超过3小时。',
      min: 0,
      max: 24,
      unit: '小时',
      when: HAS_STAFF,
      findings: [
        {
          id: 'overtime_over_3_a_day',
          when: { q: 'overtime_hours_day', gt: 3 },
          severity: 'violation',
          problem: '有职工一天延长工作时间 {overtime_hours_day} 小时，超过了3小时。',
          fix: '控制加班：一般每日不超过1小时，因特殊原因每日不超过3小时；通过增加人手或调整排班解决。',
          basis: [LABOUR_LAW('第四十一条')],
        },
      ],
      source: LABOUR_LAW('第四十一条'),
    },
    {
      id: 'overtime_hours_month',
      phase: 'items',
      item: 5,
      kind: 'number',
      text: '2024年加班最多的职工，在加班最多的那个月里共加班多少小时？',
      hint: '包括工作日延长工作时间和休息日、法定节假日加班；没有加班填0。实行经批准的不定时工作制的岗位不计。',
      why: '每月加班合计不得超过36小时。',
      min: 0,
      max: 744,
      unit: '小时',
      when: HAS_STAFF,
      findings: [
        {
          id: 'overtime_over_36',
          when: { q: 'overtime_hours_month', gt: 36 },
          severity: 'violation',
          problem: '有职工一个月加班 {overtime_hours_month} 小时，超过了36小时。',
          fix: '控制加班：每月不超过36小时；通过增加人手或调整排班解决。',
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
      why: '加班工资的法定标准是检查工资表时的重点。',
      when: { any: [{ q: 'overtime_hours_day', gt: 0 }, { q: 'overtime_hours_month', gt: 0 }] },
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
      kind: 'choice',
      text: '2024年符合条件的职工，是否都安排了带薪年休假，或对没有休的天数按日工资的300%支付了报酬？',
      hint: '累计工作满1年不满10年的年休假5天，满10年不满20年的10天，满20年的15天。',
      options: yesNoNone('没有累计工作满1年的职工', ['没有满1年的']),
      why: '年休假可以安排休，也可以因工作需要不安排但按300%支付报酬；两样都没有才算违规。审核时要带休息休假的情况说明。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'annual_leave_denied',
          when: { q: 'annual_leave', eq: 'no' },
          severity: 'violation',
          problem: '有职工既没有休带薪年休假，也没有得到未休年休假的工资报酬。',
          fix: '按职工累计工作年限安排年休假，建立年休假台账；确因工作需要不能安排的，按日工资的300%支付未休年休假工资报酬。',
          basis: [ANNUAL_LEAVE('第三条、第五条')],
        },
      ],
      source: ANNUAL_LEAVE('第五条'),
    },

    // ── 三(六) 工资支付和最低工资 ──
    {
      id: 'wages_on_time',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '2024年是否每月在约定的日期把工资足额发给职工？',
      hint: '有拖欠、克扣或推迟发放的请答“否”。',
      why: '工资至少每月支付一次、按约定日期足额支付，是工资支付最基本的要求。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'wages_late_or_short',
          when: { q: 'wages_on_time', eq: false },
          severity: 'violation',
          problem: '存在拖欠、克扣或推迟发放职工工资的情况。',
          fix: '立即足额补发拖欠、克扣的工资；今后至少每月一次、在约定日期足额支付。',
          basis: [WAGE_RULES('第七条'), LABOUR_LAW('第五十条')],
        },
      ],
      source: seed('三(六)'),
    },
    {
      id: 'wages_in_money',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '工资是否以货币形式（银行转账或现金）直接发给职工本人？',
      hint: '用实物、购物卡代替，或由他人代领的请答“否”。',
      why: '工资应当以法定货币支付给劳动者本人，不得以实物和有价证券代替。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'wages_not_in_money',
          when: { q: 'wages_in_money', eq: false },
          severity: 'violation',
          problem: '工资没有以货币形式支付给职工本人。',
          fix: '改为通过银行转账或现金把工资直接支付给职工本人，不以实物、有价证券抵付，不经他人代领。',
          basis: [WAGE_RULES('第五条、第六条'), LABOUR_LAW('第五十条')],
        },
      ],
      source: WAGE_RULES('第五条、第六条'),
    },
    {
      id: 'payroll_kept',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '每次发工资是否都有书面记录（支付金额、时间、领取人姓名和签字），并且保存着、不满2年的不销毁？',
      why: '书面工资支付记录是审核时工资支付表的来源，法律要求至少保存2年；成立不满2年的单位，保存着全部记录即可。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'payroll_not_kept',
          when: { q: 'payroll_kept', eq: false },
          severity: 'violation',
          problem: '没有书面工资支付记录，或不满2年就销毁了。',
          fix: '每次发放工资时记录金额、时间、领取人姓名并由其签字，至少保存2年；审核时携带2024年三、六、十二月的工资支付凭证。',
          basis: [WAGE_RULES('第六条')],
        },
      ],
      source: WAGE_RULES('第六条'),
    },
    {
      id: 'migrant_payroll_ledger',
      phase: 'items',
      item: 6,
      kind: 'yesno',
      text: '农民工的工资支付台账是否按月编制，并且保存着、不满3年的不销毁？',
      why: '招用农民工的单位，工资支付台账要保存3年，比一般的2年更长；台账不满3年的，保存着全部即可。',
      when: EMPLOYS_MIGRANTS,
      findings: [
        {
          id: 'migrant_ledger_short',
          when: { q: 'migrant_payroll_ledger', eq: false },
          severity: 'violation',
          problem: '没有按月编制农民工工资支付台账，或不满3年就销毁了。',
          fix: '按月编制农民工工资支付台账，由本人签字确认，至少保存3年。',
          basis: [MIGRANT_WAGES('第十五条')],
        },
      ],
      source: MIGRANT_WAGES('第十五条'),
    },
    {
      id: 'lowest_monthly_wage',
      phase: 'items',
      item: 6,
      kind: 'number',
      text: '2024年，全日制职工中正常工作时间月工资最低的一人，每月应发工资是多少元？',
      hint: '按应发工资填：含本人缴纳的社会保险费和住房公积金；不含加班工资，也不含夜班、高温、井下等津贴和法定福利。拿不准可以回复“跳过”，会列为待核实。',
      optional: true,
      why: '用来核对是否低于2024年当地的月最低工资标准。新疆的标准包含个人缴纳的社保和公积金，所以按应发工资比较。',
      min: 0,
      unit: '元',
      when: { q: 'wage_tier', answered: true },
      findings: [
        {
          id: 'below_minimum_wage',
          when: { q: 'lowest_monthly_wage', lt: { optionValue: 'wage_tier' } },
          severity: 'violation',
          problem: '有职工2024年正常工作时间的月工资（{lowest_monthly_wage} 元）低于当地月最低工资标准（{minimum} 元）。',
          params: { minimum: { optionValue: 'wage_tier' } },
          fix: '把这些职工的月工资提高到不低于当地最低工资标准，并补发差额。',
          basis: [LABOUR_LAW('第四十八条'), MINIMUM_WAGE_RULES('第十二条'), MIN_WAGE_2021],
        },
      ],
      source: MINIMUM_WAGE_RULES('第十二条'),
    },

    {
      id: 'lowest_hourly_wage_part_time',
      phase: 'items',
      item: 6,
      kind: 'number',
      text: '2024年，非全日制职工中小时工资最低的一人，每小时多少元？',
      hint: '拿不准可以回复“跳过”，会列为待核实。',
      why: '非全日制用工按小时最低工资标准核对；新疆2021年起的小时标准为一至四类地区19.0、17.0、16.2、15.4元（未经核实）。',
      min: 0,
      unit: '元',
      optional: true,
      when: { all: [HAS_PART_TIME, { q: 'wage_tier', answered: true }] },
      findings: [
        {
          id: 'part_time_below_minimum',
          // The hourly standard of each tier is its monthly standard divided by 100 (1900 → 19.0 … 1540 → 15.4).
          when: { q: 'lowest_hourly_wage_part_time', lt: { times: 0.01, of: { optionValue: 'wage_tier' } } },
          severity: 'violation',
          problem: '有非全日制职工2024年的小时工资（{lowest_hourly_wage_part_time} 元）低于当地小时最低工资标准（{hourly} 元）。',
          params: { hourly: { times: 0.01, of: { optionValue: 'wage_tier' } } },
          fix: '把非全日制职工的小时工资提高到不低于当地小时最低工资标准，并补发差额。',
          basis: [CONTRACT_LAW('第七十二条'), MIN_WAGE_2021],
        },
      ],
      source: MIN_WAGE_2021,
    },

    // ── 三(七) 社会保险 ──
    {
      id: 'insured_staff',
      phase: 'items',
      item: 7,
      kind: 'number',
      text: '在这 {staff} 名全日制职工中，已由本单位参加社会保险并缴费的有多少人？',
      hint: '入职不满30天、正在办理的职工可以计入。',
      why: '单位应为全部职工参加社会保险；审核时要上传2024年三、六、十二月的缴费凭证，参保人数会被核对。',
      integer: true,
      min: 0,
      max: { ref: 'staff' },
      unit: '人',
      checks: [
        {
          rule: { q: 'insured_staff', lte: { ref: 'staff' } },
          message: '参保人数不能多于全日制职工人数（{staff}人）。',
        },
      ],
      when: HAS_STAFF,
      findings: [
        {
          id: 'staff_uninsured',
          when: { q: 'insured_staff', lt: { ref: 'staff' } },
          severity: 'violation',
          problem: '{staff} 名全日制职工中有 {uninsured} 名没有参加社会保险。',
          params: { uninsured: { sum: [{ ref: 'staff' }, { times: -1, of: { ref: 'insured_staff' } }] } },
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
      kind: 'choice',
      text: '2024年新招用的职工，是否都在用工之日起30日内办理了社会保险登记？',
      why: '法律要求自用工之日起30日内为职工办理社会保险登记。',
      options: yesNoNone('2024年没有新招用职工', ['没有新招', '没招人']),
      when: HAS_STAFF,
      findings: [
        {
          id: 'si_registration_late',
          when: { q: 'si_within_30_days', eq: 'no' },
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
      text: '社会保险费是否每月按时足额缴纳？',
      hint: '有欠缴、少缴的请答“否”。',
      why: '按时足额缴费是社会保险检查和社保稽核的重点；书面审查与社保稽核同步进行。',
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
    {
      id: 'part_time_injury_insured',
      phase: 'items',
      item: 7,
      kind: 'yesno',
      text: '是否为非全日制职工缴纳了工伤保险费？',
      why: '非全日制职工可以不参加其他社会保险，但单位必须为其缴纳工伤保险费。',
      when: HAS_PART_TIME,
      findings: [
        {
          id: 'part_time_uninsured',
          when: { q: 'part_time_injury_insured', eq: false },
          severity: 'violation',
          problem: '没有为非全日制职工缴纳工伤保险费。',
          fix: '为全部非全日制职工办理工伤保险参保登记并缴费。',
          basis: [PART_TIME],
        },
      ],
      source: PART_TIME,
    },

    // ── 三(八) 职业介绍、职业技能培训、职业技能考核鉴定机构 ──
    {
      id: 'agency_kind',
      phase: 'items',
      item: 8,
      kind: 'choice',
      text: '本单位主要从事哪一类业务？',
      hint: '兼营多项的，请选择主要业务。',
      why: '三类机构要取得的许可或备案不同，按主要业务核对。',
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
      why: '从事职业中介活动必须先取得人力资源服务许可证。',
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
      why: '民办职业技能培训机构须取得办学许可，并在许可范围内招生培训。',
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
      why: '开展职业技能评价的机构须经人社部门备案公布，并在备案范围内评价。',
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
      why: '公示许可和收费信息，是群众监督这类机构的基础。',
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
      why: '审查时要交《劳动用工备案登记表》和花名册，其中一份交到所在社区备案。',
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
      kind: 'choice',
      text: '2024年新招用职工时，是否都在招用之日起30日内办理了用工备案？',
      options: yesNoNone('2024年没有新招用职工', ['没有新招', '没招人']),
      hint: '各地期限可能不同，以所在县市（园区）人社部门要求为准。',
      why: '及时备案让人社部门掌握单位用工情况；国家文件要求招用后30日内备案（昌吉州的执行期限未经核实）。',
      when: HAS_STAFF,
      findings: [
        {
          id: 'filing_new_hires_late',
          when: { q: 'filing_new_hires', eq: 'no' },
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
      kind: 'choice',
      text: '与职工解除或终止劳动合同后，是否在7日内办理了用工备案（减员）？',
      hint: '各地期限可能不同，以所在县市（园区）人社部门要求为准。',
      why: '职工离职后及时减员备案，备案信息才与实际用工一致（昌吉州的执行期限未经核实）。',
      options: [
        { code: 'yes', label: '是，都在7日内办理', aliases: ['是'] },
        { code: 'no', label: '否，有超过7日才办或没办的', aliases: ['否'] },
        { code: 'none', label: '2024年没有职工离职', aliases: ['没有离职', '没有职工离职', '没人离职', '无'] },
        { code: 'unknown', label: '不确定', aliases: ['不知道', '不清楚'] },
      ],
      when: HAS_STAFF,
      findings: [
        {
          id: 'filing_exits_late',
          when: { q: 'filing_exits', eq: 'no' },
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
      why: '集体协商要有职工一方的代表：工会，或没有工会时由职工推举的代表。',
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
      why: '审查事项第十项检查集体协商和集体合同的签订、履行情况。',
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
      why: '集体合同签订后应报送人社部门，人社部门15日内未提出异议的即生效。',
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
      why: '集体合同签了就要执行，劳动合同的标准也不能低于集体合同。',
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
      why: '经营劳务派遣业务必须取得行政许可；审查事项第十一项检查派遣单位的备案登记。',
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
      id: 'dispatch_agency_contracts',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '是否与被派遣劳动者都订立了2年以上的固定期限劳动合同，并按月支付劳动报酬（没有派出期间也按月支付）？',
      why: '劳务派遣单位对被派遣劳动者负有用人单位的义务：合同期限至少2年、按月发工资。',
      when: { q: 'is_dispatch_agency', eq: true },
      findings: [
        {
          id: 'dispatch_contracts_short',
          when: { q: 'dispatch_agency_contracts', eq: false },
          severity: 'violation',
          problem: '没有与被派遣劳动者订立2年以上的固定期限劳动合同，或没有按月支付劳动报酬。',
          fix: '与被派遣劳动者订立2年以上的固定期限劳动合同；无工作期间按不低于当地最低工资标准按月支付报酬。',
          basis: [CONTRACT_LAW('第五十八条')],
        },
      ],
      source: CONTRACT_LAW('第五十八条'),
    },
    {
      id: 'dispatch_agency_insured',
      phase: 'items',
      item: 11,
      kind: 'yesno',
      text: '是否为全部被派遣劳动者参加社会保险并按时足额缴费？',
      why: '审查事项第十一项专门检查劳务派遣单位的社保缴纳情况。',
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
      why: '劳务派遣只能用在这三类岗位上，主营业务岗位应当直接签劳动合同。',
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
      why: '只能从取得许可的单位使用派遣人员，协议后最好附上许可证复印件。',
      when: USES_DISPATCH,
      findings: [
        {
          id: 'dispatch_partner_unlicensed',
          when: { q: 'dispatch_partner_licensed', eq: false },
          severity: 'advice',
          problem: '合作的劳务派遣单位没有有效的劳务派遣经营许可证。',
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
      why: '派遣人员的社保由派遣单位缴纳，用工单位核实过，出了问题才有据可查。',
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
      why: '职工名册是法定的用工记录，企业等单位还要把全体职工花名册上传到年审平台。',
      when: { any: [HAS_STAFF, HAS_PART_TIME] },
      findings: [
        {
          id: 'staff_register_missing',
          when: { q: 'staff_register', eq: false },
          severity: 'violation',
          problem: '没有建立职工名册，或名册缺少规定的内容。',
          fix: '按《劳动合同法实施条例》第八条的内容建立全体职工花名册，人员变动时及时更新。',
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
      why: '上年度的审查结果和整改情况会被核对；参加过的单位还要带上年度的书面审查表。',
      options: [
        { code: 'passed', label: '合格' },
        { code: 'rectified', label: '不合格，已按要求整改完毕', aliases: ['已整改', '整改完了'] },
        { code: 'not_rectified', label: '不合格，正在整改、尚未完成', aliases: ['正在整改', '还在整改'] },
        { code: 'not_taken', label: '应参加但没有参加', aliases: ['没参加', '没有参加'] },
        { code: 'not_required', label: '上年度不需要参加（未被要求或未被抽中）', aliases: ['不需要', '没被抽中'] },
        { code: 'new_unit', label: '本单位2024年1月1日以后成立，没有2023年度书面审查', aliases: ['新成立', '新单位', '刚成立'] },
        { code: 'unknown', label: '不确定', aliases: ['不知道', '不清楚'] },
      ],
      findings: [
        {
          id: 'prior_not_rectified',
          when: { q: 'prior_review', eq: 'not_rectified' },
          severity: 'violation',
          problem: '上年度书面审查不合格，责令整改的事项还没有整改完毕。',
          fix: '对照上年度审查意见逐项整改并留存整改材料，审核时一并携带。正在按要求整改不属于C级情形；拒不履行整改指令才属于C级情形。',
          basis: [seed('五(二)'), GRADE('第七条(四)')],
        },
        {
          id: 'prior_not_taken',
          when: { q: 'prior_review', eq: 'not_taken' },
          severity: 'advice',
          problem: '上年度没有参加书面审查。',
          fix: '这次务必按要求完成书面审查：未按要求参加的单位，人社部门将责令限期进行审查，并原则上不出具守法证明。',
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
      hint: '只接受检查、没有立案查处的不算；没有填0。拿不准可以回复“跳过”，会列为待核实。',
      optional: true,
      why: '守法诚信等级看的是上一年的监察记录：被查处的单位不能评为A级，查处3次以上的为C级。',
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
      why: '这是评价办法第七条规定的C级情形之一。',
      source: GRADE(),
    },
    {
      id: 'c_child_forced_labour',
      phase: 'record',
      kind: 'yesno',
      text: '被查处的违法行为中，是否有使用童工、强迫劳动等严重劳动保障违法行为？',
      why: '因使用童工、强迫劳动等严重违法行为被查处，属于C级情形。',
      when: { all: [EMPLOYER_UNIT, { q: 'sanctions_2024', gte: 1 }] },
      source: GRADE(),
    },
    {
      id: 'c_refused_order',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否拒不履行人社部门的限期整改指令、行政处理决定或行政处罚决定？',
      hint: '正在按期限整改的不算拒不履行。',
      why: '拒不履行整改指令或处理、处罚决定属于C级情形；按要求正在整改的不属于。',
      source: GRADE('第七条(四)'),
    },
    {
      id: 'c_obstructed',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否无理抗拒、阻挠人社部门实施劳动保障监察？',
      why: '这是评价办法第七条规定的C级情形之一。',
      source: GRADE(),
    },
    {
      id: 'c_criminal',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否因劳动保障违法行为被依法追究刑事责任？',
      why: '这是评价办法第七条规定的C级情形之一。',
      source: GRADE(),
    },
    {
      id: 'blacklist',
      phase: 'record',
      when: EMPLOYER_UNIT,
      kind: 'yesno',
      text: '2024年本单位是否因拖欠农民工工资被人社部门列入拖欠农民工工资失信联合惩戒对象名单（欠薪“黑名单”）？',
      why: '列入欠薪“黑名单”的前提本身就是C级情形（如拒不支付、引发群体性事件）；这里问的是2024年的情况，不是现在是否还在名单上。',
      source: BLACKLIST,
    },
    {
      id: 'late_review',
      phase: 'record',
      // Asked only once the window has closed: inside it, the unit is doing the review now.
      when: { all: [EMPLOYER_UNIT, { after: WINDOW_END }] },
      kind: 'choice',
      text: '本次书面审查已于2025年4月30日截止。本单位的书面审查是什么情况？',
      why: '无故逾期书面审查的单位不得评为A级；有正当理由逾期的不受此限。还没有办的，请尽快联系审查机关。',
      options: [
        { code: 'on_time', label: '已在截止日前完成', aliases: ['按时完成', '已完成', '完成了'] },
        { code: 'late_with_reason', label: '逾期完成或正在补办，有正当理由' },
        { code: 'late_no_reason', label: '逾期完成或正在补办，没有正当理由' },
        { code: 'not_done', label: '还没有办理', aliases: ['没办', '还没办', '没有办'] },
      ],
      findings: [
        {
          id: 'review_not_done',
          when: { q: 'late_review', eq: 'not_done' },
          severity: 'todo',
          problem: '本次书面审查已过截止日，本单位还没有办理。',
          fix: '立即联系所在县市（园区）审查机关补办；无正当理由逾期的不得评为A级，未按要求参加的原则上不出具守法证明。',
          basis: [seed('五(一)、五(二)')],
        },
      ],
      source: seed('五(二)'),
    },

    // ════ contact: what the two forms need, asked last and each may be skipped ════
    {
      id: 'address',
      phase: 'contact',
      kind: 'text',
      text: '单位地址（填表用）：',
      why: '《劳动保障书面审查表》和《劳动用工备案登记表》要填写单位地址；填了我就帮您预填，不填也可以之后手写。',
      maxLength: 100,
      optional: true,
      source: seed('附件 三(三)'),
    },
    {
      id: 'legal_rep',
      phase: 'contact',
      kind: 'text',
      text: '法定代表人（或主要负责人）姓名：',
      why: '两张表都要填写法定代表人或负责人，用于预填表格，只在您的报告和表格上出现。',
      maxLength: 30,
      optional: true,
      source: seed('附件 三(三)'),
    },
    {
      id: 'contact_person',
      phase: 'contact',
      kind: 'text',
      text: '填表联系人姓名：',
      why: '审查机关有问题时会联系这个人，用于预填表格。',
      maxLength: 30,
      optional: true,
      source: seed('附件 三(三)'),
    },
    {
      id: 'contact_phone',
      phase: 'contact',
      kind: 'phone',
      text: '联系人电话（手机或带区号的固定电话）：',
      why: '用于预填表格上的联系电话。',
      optional: true,
      source: seed('附件 三(三)'),
    },
  ],

  // ── Materials: the attachment's two lists, each item under its own name ────────────────
  materials: [
    // 一、党政机关、事业单位、社会团体 —— (一) 平台须上传
    { id: 'pub_org_code_cert', name: '单位组织机构代码证', list: 'upload', when: PUBLIC_UNIT, note: UNIFIED_CODE_NOTE, source: seed('附件 一(一)1') },
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
      // Only a unit that signs e-contracts has a total to screenshot.
      when: { all: [PUBLIC_UNIT, { q: 'uses_e_contracts', eq: true }] },
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
      when: KEEPS_ACCOUNTS,
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
      when: KEEPS_ACCOUNTS,
      detail: '其中要包含能反映给职工支付工资和构成工资总额的表页',
      source: seed('附件 二(二)2'),
    },
    {
      id: 'ind_wage_records',
      name: '2024年度工资发放记录（如工资表、银行代发流水，至少三、六、十二月）',
      list: 'bring',
      when: NO_ANNUAL_ACCOUNTS,
      detail: '没有年度会计决算报表的个体工商户，可准备这些记录代替会计报表和会计原始凭证；请事先向审查机关确认',
      source: NO_ACCOUNTS_PRACTICE,
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
      when: { all: [EMPLOYER_UNIT, { q: 'uses_e_contracts', eq: true }] },
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
    // Seed 五(三) grades the enterprises of a jurisdiction. Organs, institutions and social groups take the
    // written review but get no grade. Private non-enterprise units and individual businesses are graded
    // like enterprises for reference only: grading them in Xinjiang needs the regional measures, unseen.
    appliesWhen: EMPLOYER_UNIT,
    notApplicable: {
      text: '守法诚信等级评价针对企业等用人单位，党政机关、事业单位、社会团体只参加书面审查，不评定等级。',
      source: seed('五(三)'),
    },
    reference: {
      when: { q: 'unit_type', in: ['private_non_enterprise', 'individual'] },
      text:
        '通知第五条(三)只规定对“企业”评定守法诚信等级；民办非企业单位和个体经济组织是否评级，要看《新疆维吾尔自治区企业劳动保障守法诚信等级评价实施办法》，' +
        '本助手未能查到其原文。以下等级按企业的标准预估，仅供参考。',
      source: { doc: '《新疆维吾尔自治区企业劳动保障守法诚信等级评价实施办法》（原文未查到）', unverified: true },
    },
    caveats: [
      {
        id: 'review_not_done_yet',
        when: { q: 'late_review', eq: 'not_done' },
        text: '本次书面审查尚未办理：办理时如无正当理由逾期，不得评为A级。',
        source: seed('五(二)'),
      },
    ],
    ifViolationsFound: {
      grade: 'B',
      text: '将被责令整改，情节严重的依法查处；被查处的单位不能评为A级，没有C级情形的为B级。',
      source: GRADE(),
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
        source: GRADE('第七条(四)'),
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
          '2024年被列入拖欠农民工工资失信联合惩戒对象名单：列入的前提是经责令限期支付工资仍逾期未付，且数额达到拒不支付劳动报酬罪标准或引发群体性事件、极端事件，' +
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
};
