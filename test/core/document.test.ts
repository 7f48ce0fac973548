/**
 * The document models of src/core/document.ts, checked as data (no PDF rendering): titles, file names,
 * footers, dates and every block in order, for the self-check report, the materials checklist, the two
 * reference layouts and the Wenshui forms.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign, Form } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import {
  answersHash,
  checklistDocument,
  filingFormDocument,
  formDocument,
  reviewFormDocument,
  safeFileName,
  summaryDocument,
  td,
  validityBlocks,
  type Block,
  type Document,
} from '../../src/core/document.ts';
import { assess } from '../../src/core/engine.ts';
import { formatSource } from '../../src/core/present.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';
import { AFTER_WINDOW, completeAnswers, IN_WINDOW, PROFILES } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const form = (id: string) => wenshui.forms.find((f) => f.id === id) as Form;
/** Local dates, 10:00 in Changji and Wenshui (UTC+8). */
const day = (date: string) => new Date(`${date}T02:00:00Z`);
const AFTER_LAPSE = day('2025-04-28');
const BEFORE_LAPSE = day('2024-06-03');

/** One line per block: enough to compare a whole document's order, kinds, texts, keys and column layout. */
function outline(doc: Document): string[] {
  return doc.blocks.map((b: Block) => {
    switch (b.kind) {
      case 'heading': return `H${b.level} ${b.text}`;
      case 'paragraph': return `P${b.tone ? `(${b.tone})` : ''}${b.align ? `[${b.align}]` : ''} ${b.text}`;
      case 'notice': return `N ${b.title}: ${b.text}`;
      case 'keyValue': return `KV ${b.rows.map((r) => `${r.key}=${r.value}`).join(' | ')}`;
      case 'table': return `T ${b.columns.map((c) => `${c.title}:${c.weight}${c.align ? `:${c.align}` : ''}`).join(' ')} ×${b.rows.length}`;
      case 'checklist': return `C ${b.items.map((i) => `${i.checked ? '☑' : '☐'}${i.text}${i.detail ? `〔${i.detail}〕` : ''}`).join(' | ')}`;
      case 'signature': return `S ${b.fields.map((f) => f.label + (f.hint ? `(${f.hint})` : '')).join(' ')}`;
      case 'barChart': return `B ${b.series.join(',')}`;
    }
  });
}
const tables = (doc: Document): string[][][] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
const kv = (doc: Document, i = 0) => doc.blocks.filter((b) => b.kind === 'keyValue')[i];

const CHANGJI_TITLE = '2024年度劳动保障监察书面审查和企业守法诚信等级评价（昌吉州）';
const CHANGJI_BASED_ON = '昌吉回族自治州人力资源和社会保障局 昌州人社发〔2025〕4号';
const WENSHUI_TITLE = '文水县用人单位劳动保障信用分级分类监管（信用等级自查）';
const WENSHUI_BASED_ON = '文水县人力资源和社会保障局 文人社字〔2022〕46号';
const WENSHUI_DOC = '文人社字〔2022〕46号《文水县用人单位劳动保障信用分级分类监管办法（试行）》';
const LAPSED = `N 文件有效期提示: 本文件自 2022-12-26 起施行，有效期至 2024-12-25（依据：${WENSHUI_DOC} 第十八条），现已过期。除非已经延续，其中的评价和措施可能已不再执行，请向主管人社部门核实。`;
const SELF_CHECK = 'P(muted) 本报告根据贵单位在年审助手中的回答生成，仅供自查参考，不代表人社部门的审查结论。';
const GRADE_A = 'P(strong) 预估守法诚信等级：A 级（仅供自查参考，以人社部门评定为准）';
const GRADE_TABLE = 'T 等级:10:center 原因:60 依据:30 ×1';
const A_REASON = ['A 级', '按您的回答，2024年未因劳动保障违法行为被人社部门查处，可评为A级（最终以人社部门评定为准）。', '人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条'];
const A_CONSEQUENCE = 'P(normal) A级后果：被评为A级的企业，当年免于日常巡视检查。（依据：昌州人社发〔2025〕4号 六(三)）';
const PASS = 'P(strong) 书面审查预判：合格：按您的回答，书面资料可以审核为合格。（依据：昌州人社发〔2025〕4号 五(二)）';
const FAIL = 'P(strong) 书面审查预判：不合格：您报告的违法问题尚未整改。人社部门对不合格的单位责令整改，情节严重的依法查处。请先按下面的建议整改，并保留整改材料。（依据：昌州人社发〔2025〕4号 五(二)）';
const PENDING = 'P(strong) 书面审查预判：材料未备齐或有待核实的事项：按您的回答没有发现违法问题，但提交前还有事要做（见下面的清单）。缺少材料或未核实就提交，可能被审查为不合格。（依据：昌州人社发〔2025〕4号 五(二)、附件）';
const FINDINGS_TABLE = 'T 序号:5:center 审查事项:12 问题:30 法律依据:22 整改建议:31 ×1';
const ANSWER_TABLE = (n: number) => `T 问题:65 回答:35 ×${n}`;
const FUKANG = 'KV 单位名称=阜康市某某有限公司 | 统一社会信用代码=91350100M000100Y43 | 单位类型=企业（含中央、自治区驻州企业） | 所在地区=阜康市 | 审查机关=阜康市人力资源和社会保障局';
const PLATFORM = '网上申报=新疆人社公共服务平台 http://222.82.215.217:9921/pc/index.html（由企业年审操作人员通过本人电子社保卡登录）';
const contacts = (deadline: string, bureau = '阜康市人力资源和社会保障局', phone = '0994-3234108') =>
  `KV 审查时间=2025-03-01 至 2025-04-30 | 截止日期=${deadline} | 审查机关=${bureau} | 审查机关电话=${phone} | 监督电话=0994-2206072 | ${PLATFORM}`;
const CHANGJI_NOTES = [
  'H2 （一）其他须知',
  'P(normal) 1. 未按通知要求进行书面审查的单位，人社部门将督促并责令限期进行书面审查；未按要求参加的单位因评先、评优等原因要求出具守法证明的，原则上不予出具。（依据：昌州人社发〔2025〕4号 五(一)）',
  'P(normal) 2. 审查结果为“书面资料审核为合格或不合格”；暂时不能确定结果的，人社部门安排实地核查，明确结果。（依据：昌州人社发〔2025〕4号 五(二)）',
  'P(normal) 3. 书面审查与社会保险经办机构对少登、漏登社会保险单位的稽核同步进行、联合办公：查出未登记的，依法责令整改。（依据：昌州人社发〔2025〕4号 六(一)）',
  'P(normal) 4. 书面审查工作结束后，各县市（园区）对本辖区企业劳动保障守法诚信等级进行评定和公布。（依据：昌州人社发〔2025〕4号 五(三)）',
];
const CHANGJI_HONESTY = `N 如实申报提示: ${changji.honesty?.text}（依据：昌州人社发〔2025〕4号 六(二)）`;
/** The answer groups of a complete enterprise in Fukang: the profile, items 1–12 and the record. */
const ENTERPRISE_GROUPS = [
  'H2 （一）单位情况', ANSWER_TABLE(12),
  'H2 （二）审查事项（一）规章制度', ANSWER_TABLE(3),
  'H2 （三）审查事项（二）劳动合同', ANSWER_TABLE(3),
  'H2 （四）审查事项（三）禁止使用童工', ANSWER_TABLE(4),
  'H2 （五）审查事项（四）女职工和未成年工保护', ANSWER_TABLE(9),
  'H2 （六）审查事项（五）工作时间和休息休假', ANSWER_TABLE(5),
  'H2 （七）审查事项（六）工资支付和最低工资', ANSWER_TABLE(5),
  'H2 （八）审查事项（七）社会保险', ANSWER_TABLE(3),
  'H2 （九）审查事项（八）职介、培训和技能鉴定机构', ANSWER_TABLE(3),
  'H2 （十）审查事项（九）劳动用工备案', ANSWER_TABLE(3),
  'H2 （十一）审查事项（十）集体协商和集体合同', ANSWER_TABLE(4),
  'H2 （十二）审查事项（十一）劳务派遣', ANSWER_TABLE(3),
  'H2 （十三）审查事项（十二）其他劳动保障事项', ANSWER_TABLE(2),
  'H2 （十四）2024年度监察记录和本次审查情况', ANSWER_TABLE(6),
];
const REFERENCE = (form: string) => `N 参考样式，不是官方表格: ${td('form.referenceText', { form })}`;
const SEAL_AND_HANDLER = 'S 单位（盖章） 经办人（签字） 日期(年　　月　　日)';

const fukang = (given: Answers = {}, now = IN_WINDOW) => completeAnswers(changji, { ...PROFILES.enterpriseA, unit_name: '阜康市某某有限公司', ...given }, now);
const hashFooter = (campaign: Campaign, answers: Answers, now: Date, extra?: Answers) => `${campaign.shortTitle}（第 ${campaign.version} 版）· 回答校验码 ${answersHash(campaign, answers, now, extra)}`;

describe('safeFileName', () => {
  it('replaces path separators and reserved characters, ASCII and full-width', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j／k＼l')).toBe('a_b_c_d_e_f_g_h_i_j_k_l.pdf');
  });

  it('replaces control and invisible format characters', () => {
    expect(safeFileName('a\u0000b\u001fc\u007fd\u200be\u00adf\u0600g')).toBe('a_b_c_d_e_f_g.pdf');
  });

  it('drops leading dots and spaces, so a name cannot climb out of its folder or hide', () => {
    expect(safeFileName('../etc')).toBe('_etc.pdf');
    expect(safeFileName(' . .hidden')).toBe('hidden.pdf');
    expect(safeFileName('a..b. ')).toBe('a..b. .pdf');
  });

  it('ends in one .pdf whatever the case of a given one, and is never empty', () => {
    expect(safeFileName('报告.PDF')).toBe('报告.pdf');
    expect(safeFileName('报告.pdf.pdf')).toBe('报告.pdf.pdf');
    expect(safeFileName('报告')).toBe('报告.pdf');
    expect(safeFileName('')).toBe('_.pdf');
    expect(safeFileName('...')).toBe('_.pdf');
  });

  it('keeps at most 200 UTF-8 bytes before .pdf, cutting between characters', () => {
    expect(safeFileName('中'.repeat(100))).toBe(`${'中'.repeat(66)}.pdf`);
    expect(safeFileName('a'.repeat(200))).toBe(`${'a'.repeat(200)}.pdf`);
    expect(safeFileName('a'.repeat(201))).toBe(`${'a'.repeat(200)}.pdf`);
    expect(safeFileName(`${'a'.repeat(199)}中`)).toBe(`${'a'.repeat(199)}.pdf`);
  });
});

describe('td', () => {
  it('fills a document template', () => {
    expect(td('doc.section', { n: '三', title: '标题' })).toBe('三、标题');
    expect(td('summary.deadlineLeft', { date: '2025-04-30', days: 5 })).toBe('2025-04-30，还剩 5 天');
    expect(td('doc.copies')).toBe('一式三份');
  });
});

describe('validityBlocks', () => {
  it('warns first that a lapsed document may no longer apply, naming whom to ask', () => {
    expect(validityBlocks(wenshui, AFTER_LAPSE)).toEqual([
      {
        kind: 'notice',
        title: '文件有效期提示',
        text: `本文件自 2022-12-26 起施行，有效期至 2024-12-25（依据：${WENSHUI_DOC} 第十八条），现已过期。除非已经延续，其中的评价和措施可能已不再执行，请向主管人社部门核实。`,
      },
    ]);
  });

  it('says nothing while in force, or for a campaign without a period of validity', () => {
    expect(validityBlocks(wenshui, BEFORE_LAPSE)).toEqual([]);
    expect(validityBlocks(wenshui, day('2024-12-25'))).toEqual([]);
    expect(validityBlocks(wenshui, day('2024-12-26'))).toHaveLength(1);
    expect(validityBlocks(changji, AFTER_WINDOW)).toEqual([]);
  });
});

describe('answersHash', () => {
  const answers = fukang();

  it('is the first 12 hex digits of the sha256 of the relevant answers, keys sorted', () => {
    const { relevant } = assess(changji, answers, IN_WINDOW);
    const canonical = JSON.stringify(Object.fromEntries(Object.keys(relevant).sort().map((k) => [k, relevant[k]])));
    expect(answersHash(changji, answers, IN_WINDOW)).toBe(createHash('sha256').update(canonical).digest('hex').slice(0, 12));
    expect(answersHash(changji, {}, IN_WINDOW)).toBe(createHash('sha256').update('{}').digest('hex').slice(0, 12));
  });

  it('does not depend on the order the answers were given in', () => {
    const reversed = Object.fromEntries(Object.entries(answers).reverse());
    expect(answersHash(changji, reversed, IN_WINDOW)).toBe(answersHash(changji, answers, IN_WINDOW));
  });

  it('changes with any answer, but not with answers that no longer apply', () => {
    const base = answersHash(changji, answers, IN_WINDOW);
    expect(answersHash(changji, { ...answers, staff: 13 }, IN_WINDOW)).not.toBe(base);
    expect(answersHash(changji, { ...answers, unit_name: '阜康市另一有限公司' }, IN_WINDOW)).not.toBe(base);
    expect(answersHash(changji, { ...answers, not_a_question: 1 }, IN_WINDOW)).toBe(base);
  });

  it('hashes the answers only: the campaign version is printed beside it, not in it', () => {
    const next = { ...changji, version: changji.version + 1 } as Campaign;
    expect(answersHash(next, answers, IN_WINDOW)).toBe(answersHash(changji, answers, IN_WINDOW));
    expect(summaryDocument(next, answers, IN_WINDOW).footer[0]).toBe(`昌吉州2024年度劳动保障书面审查（第 ${changji.version + 1} 版）· 回答校验码 ${answersHash(changji, answers, IN_WINDOW)}`);
  });
});

describe('summaryDocument', () => {
  it('for a compliant enterprise: grade A, pass, materials ready, contacts, notes, every answer', () => {
    const answers = fukang();
    const doc = summaryDocument(changji, answers, IN_WINDOW);
    expect(doc.title).toBe('劳动保障书面审查自查报告');
    expect(doc.subtitle).toEqual([CHANGJI_TITLE, CHANGJI_BASED_ON]);
    expect(doc.fileName).toBe('劳动保障书面审查自查报告-阜康市某某有限公司.pdf');
    expect(doc.footer).toEqual([hashFooter(changji, answers, IN_WINDOW), '生成时间：2025-03-10 09:00（UTC+8）']);
    expect(doc.footer[0]).toMatch(/^昌吉州2024年度劳动保障书面审查（第 2 版）· 回答校验码 [0-9a-f]{12}$/);
    expect(doc.date).toBe(IN_WINDOW);
    expect(outline(doc)).toEqual([
      SELF_CHECK,
      'H1 一、单位基本信息',
      FUKANG,
      'H1 二、预估等级与审查预判',
      GRADE_A,
      GRADE_TABLE,
      A_CONSEQUENCE,
      PASS,
      'H1 三、需要整改的问题',
      'P(normal) 按您的回答，未发现需要整改的问题。',
      'H1 四、尚未准备的材料',
      'P(normal) 所需材料均已准备。',
      'H1 五、截止日期与联系方式',
      contacts('2025-04-30，还剩 51 天'),
      ...CHANGJI_NOTES,
      'H1 六、自查回答明细',
      ...ENTERPRISE_GROUPS,
      CHANGJI_HONESTY,
    ]);
    const t = tables(doc);
    expect(t[0]).toEqual([A_REASON]);
    expect(t[1]?.slice(0, 4)).toEqual([
      ['请填写单位全称（与营业执照或登记证书一致）。', '阜康市某某有限公司'],
      ['请填写单位的统一社会信用代码（18位）。', '91350100M000100Y43'],
      ['本单位属于哪一类？', '企业（含中央、自治区驻州企业）'],
      ['本单位位于哪个县（市）或园区？', '阜康市'],
    ]);
    expect(t[2]).toEqual([
      ['本单位是否制定了书面的劳动规章制度（如考勤、休息休假、工资支付、奖惩等）？', '是'],
      ['这些规章制度制定或修改时，是否经职工代表大会或全体职工讨论，并与工会或职工代表协商确定？', '是'],
      ['规章制度是否已向全体职工公示或告知（如张贴、发放并由职工签收）？', '是'],
    ]);
    expect(t.at(-1)?.[0]).toEqual(['2024年本单位被人社部门立案查处（作出行政处理或行政处罚决定）几次？', '0 次']);
  });

  it('for a failing enterprise: the violation with its basis, the risk, answers to verify, advice, missing materials split upload/bring', () => {
    const answers = fukang({ contract_copy_given: false, rules_exist: false, has_ent_business_licence: false, has_ent_hr_rules: null, sanctions_2024: null, uses_dispatch: 'unknown' });
    const doc = summaryDocument(changji, answers, IN_WINDOW);
    expect(outline(doc).slice(0, outline(doc).indexOf('H1 六、自查回答明细'))).toEqual([
      SELF_CHECK,
      'H1 一、单位基本信息',
      FUKANG,
      'H1 二、预估等级与审查预判',
      'P(strong) 预估守法诚信等级：按您报告的监察记录为 A 级；但您报告了违法情形，若被查实，最多为 B 级（仅供自查参考，以人社部门评定为准）',
      GRADE_TABLE,
      'P(normal) 您报告的 1 项问题若被检查发现：将被责令整改，情节严重的依法查处；被查处的单位不能评为A级，没有C级情形的为B级。（依据：人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条）',
      'P(normal) 另有 1 项监察记录的回答为“不确定”或已跳过，核实后等级可能更低。',
      A_CONSEQUENCE,
      FAIL,
      'P(normal) 不合格的原因：您报告的 1 项问题尚未整改（见第三部分）。',
      'H1 三、需要整改的问题',
      'H2 （一）须整改的问题',
      FINDINGS_TABLE,
      'P(strong) 风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处；被查处的单位不能评为A级。',
      'H2 （二）待核实的事项',
      'C ☐1. 请核实：本单位是否使用劳务派遣人员？ | ☐2. 请补答：2024年本单位被人社部门立案查处（作出行政处理或行政处罚决定）几次？',
      'H2 （三）建议改进',
      FINDINGS_TABLE,
      'H1 四、尚未准备的材料',
      'P(muted) 请在截止日期前备齐以下材料，备好一项勾一项。',
      'H2 （一）平台上传',
      'C ☐1. 用人单位营业执照副本',
      'H2 （二）审核时携带',
      'C ☐1. 用人单位制定的人力资源社会保障管理制度',
      'H1 五、截止日期与联系方式',
      contacts('2025-04-30，还剩 51 天'),
      ...CHANGJI_NOTES,
    ]);
    const [grade, risks, advice] = tables(doc);
    expect(grade).toEqual([A_REASON]);
    expect(risks).toEqual([['1', '劳动合同', '劳动合同文本没有交给职工本人。', '《中华人民共和国劳动合同法》 第十六条、第八十一条', '把劳动合同文本交给每位职工一份，并让职工签收。']]);
    expect(advice).toEqual([
      ['1', '规章制度', '本单位没有书面的劳动规章制度，审核时拿不出人力资源社会保障管理制度。', '《中华人民共和国劳动合同法》 第四条', '就工作时间、休息休假、劳动报酬、劳动纪律等制定规章制度，经民主程序讨论协商后向全体职工公示。'],
    ]);
    // The skipped answers print as answered groups too: item 1 has one question left after 否.
    expect(outline(doc)).toContain('H2 （二）审查事项（一）规章制度');
  });

  it('for an organ with a violation: not graded, fail, the risk without the A cap, and the jurisdiction', () => {
    const doc = summaryDocument(changji, completeAnswers(changji, { ...PROFILES.organ, staff: 5, contract_copy_given: false }), IN_WINDOW);
    expect(doc.fileName).toBe('劳动保障书面审查自查报告-昌吉市某某有限公司.pdf');
    expect(outline(doc).slice(0, 17)).toEqual([
      SELF_CHECK,
      'H1 一、单位基本信息',
      'KV 单位名称=昌吉市某某有限公司 | 统一社会信用代码=91350100M000100Y43 | 单位类型=党政机关 | 所在地区=州直单位 | 审查机关=昌吉州人社局劳动保障监察科 | 管辖说明=州直各党政机关、事业单位、社会团体由州人力资源和社会保障局负责审查。',
      'H1 二、预估等级与审查预判',
      'P(strong) 守法诚信等级评价针对企业等用人单位，党政机关、事业单位、社会团体只参加书面审查，不评定等级。（依据：昌州人社发〔2025〕4号 五(三)）',
      FAIL,
      'P(normal) 不合格的原因：您报告的 1 项问题尚未整改（见第三部分）。',
      'H1 三、需要整改的问题',
      'H2 （一）须整改的问题',
      FINDINGS_TABLE,
      'P(strong) 风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处。',
      'H1 四、尚未准备的材料',
      'P(normal) 所需材料均已准备。',
      'H1 五、截止日期与联系方式',
      contacts('2025-04-30，还剩 51 天', '昌吉州人社局劳动保障监察科', '0994-2206083'),
      ...CHANGJI_NOTES.slice(0, 2),
    ]);
    expect(tables(doc)[0]).toEqual([['1', '劳动合同', '劳动合同文本没有交给职工本人。', '《中华人民共和国劳动合同法》 第十六条、第八十一条', '把劳动合同文本交给每位职工一份，并让职工签收。']]);
  });

  it('before any answer: incomplete, pending with only the questions left, no name, no bureau, no answers', () => {
    const doc = summaryDocument(changji, {}, IN_WINDOW);
    expect(doc.fileName).toBe('劳动保障书面审查自查报告-未命名单位.pdf');
    expect(doc.footer).toEqual([`昌吉州2024年度劳动保障书面审查（第 2 版）· 回答校验码 ${createHash('sha256').update('{}').digest('hex').slice(0, 12)}`, '生成时间：2025-03-10 09:00（UTC+8）']);
    expect(outline(doc)).toEqual([
      SELF_CHECK,
      'N 尚未答完: 还有 13 题未回答，以下结果基于已答内容；答完后请重新生成本报告。',
      'H1 一、单位基本信息',
      'KV 单位名称=（未填写） | 统一社会信用代码=（未填写） | 单位类型=（未填写） | 所在地区=（未填写） | 审查机关=请先回答单位所在地区',
      'H1 二、预估等级与审查预判',
      PENDING,
      'P(normal) 提交前要做的事：答完剩下的 13 题。缺少材料或未核实就提交，可能被审查为不合格。',
      'H1 三、需要整改的问题',
      'P(normal) 按您的回答，未发现需要整改的问题。',
      'H1 四、尚未准备的材料',
      'P(muted) 回答“单位类型”等问题后，这里列出需要准备的材料。',
      'H1 五、截止日期与联系方式',
      `KV 审查时间=2025-03-01 至 2025-04-30 | 截止日期=2025-04-30，还剩 51 天 | 审查机关=请先回答单位所在地区 | 监督电话=0994-2206072 | ${PLATFORM}`,
      ...CHANGJI_NOTES,
      'H1 六、自查回答明细',
      'P(normal) 还没有回答任何问题。',
      CHANGJI_HONESTY,
    ]);
  });

  it('pending on a material and an answer to verify: names both to-dos, lists only the upload section', () => {
    const doc = summaryDocument(changji, fukang({ uses_dispatch: 'unknown', has_ent_business_licence: false }), IN_WINDOW);
    expect(outline(doc).slice(3, 17)).toEqual([
      'H1 二、预估等级与审查预判',
      GRADE_A,
      GRADE_TABLE,
      A_CONSEQUENCE,
      PENDING,
      'P(normal) 提交前要做的事：备齐 1 项材料，核实 1 项回答。缺少材料或未核实就提交，可能被审查为不合格。',
      'H1 三、需要整改的问题',
      'H2 （一）待核实的事项',
      'C ☐1. 请核实：本单位是否使用劳务派遣人员？',
      'H1 四、尚未准备的材料',
      'P(muted) 请在截止日期前备齐以下材料，备好一项勾一项。',
      'H2 （一）平台上传',
      'C ☐1. 用人单位营业执照副本',
      'H1 五、截止日期与联系方式',
    ]);
  });

  it('past the deadline: to-dos (materials, the late review, questions left), the overdue hint and the A cap', () => {
    const answers = { ...PROFILES.enterpriseA, unit_name: '某某公司', late_review: 'not_done' };
    const doc = summaryDocument(changji, answers, AFTER_WINDOW);
    expect(doc.footer).toEqual([hashFooter(changji, answers, AFTER_WINDOW), '生成时间：2025-06-02 10:00（UTC+8）']);
    expect(outline(doc)).toEqual([
      SELF_CHECK,
      'N 尚未答完: 还有 47 题未回答，以下结果基于已答内容；答完后请重新生成本报告。',
      'H1 一、单位基本信息',
      'KV 单位名称=某某公司 | 统一社会信用代码=（未填写） | 单位类型=企业（含中央、自治区驻州企业） | 所在地区=阜康市 | 审查机关=阜康市人力资源和社会保障局',
      'H1 二、预估等级与审查预判',
      GRADE_A,
      GRADE_TABLE,
      'P(normal) 注意：本次书面审查尚未办理：办理时如无正当理由逾期，不得评为A级。（依据：昌州人社发〔2025〕4号 五(二)）',
      A_CONSEQUENCE,
      PENDING,
      'P(normal) 提交前要做的事：备齐 8 项材料，本次书面审查已过截止日，本单位还没有办理，答完剩下的 47 题。缺少材料或未核实就提交，可能被审查为不合格。',
      'H1 三、需要整改的问题',
      'H2 （一）提交前要办的事',
      FINDINGS_TABLE,
      'H1 四、尚未准备的材料',
      'P(muted) 截止日期已过：请尽快备齐以下材料并联系审查机关，备好一项勾一项。',
      'H2 （一）平台上传',
      'C ☐1. 用人单位营业执照副本 | ☐2. 用人单位全体职工花名册〔依据《劳动合同法实施条例》第八条内容制定〕 | ☐3. 用人单位2024年度社会保险费缴费凭证原件（三、六、十二月） | ☐4. 用人单位2024年度会计决算报表或审计报告原件',
      'H2 （二）审核时携带',
      'C ☐1. 用人单位制定的人力资源社会保障管理制度 | ☐2. 用人单位2024年度三、六、十二月份的会计原始凭证〔其中要包含能反映给职工支付工资和构成工资总额的表页〕 | ☐3. 用人单位与劳动者依法订立的劳动合同文本〔建立劳动关系人员不足二十人：全部携带〕 | ☐4. 2023年度劳动保障书面审查表',
      'H1 五、截止日期与联系方式',
      contacts('2025-04-30，已逾期 33 天，尚未完成的请尽快联系审查机关。无故逾期的单位不得评为A级。'),
      ...CHANGJI_NOTES,
      'H1 六、自查回答明细',
      'H2 （一）单位情况',
      ANSWER_TABLE(7),
      'H2 （二）2024年度监察记录和本次审查情况',
      ANSWER_TABLE(1),
      CHANGJI_HONESTY,
    ]);
    const t = tables(doc);
    expect(t[1]).toEqual([['1', '2024年度监察记录和本次审查情况', '本次书面审查已过截止日，本单位还没有办理。', '昌州人社发〔2025〕4号 五(一)、五(二)', '立即联系所在县市（园区）审查机关补办；无正当理由逾期的不得评为A级，未按要求参加的原则上不出具守法证明。']]);
    expect(t[3]).toEqual([['本次书面审查已于2025年4月30日截止。本单位的书面审查是什么情况？', '还没有办理']]);
  });

  it('says the last day is today, and leaves the A cap out for an unit not graded', () => {
    expect(kv(summaryDocument(changji, PROFILES.enterpriseA, day('2025-04-30')), 1)).toEqual({
      kind: 'keyValue',
      rows: [
        { key: '审查时间', value: '2025-03-01 至 2025-04-30' },
        { key: '截止日期', value: '2025-04-30，今天是最后一天' },
        { key: '审查机关', value: '阜康市人力资源和社会保障局' },
        { key: '审查机关电话', value: '0994-3234108' },
        { key: '监督电话', value: '0994-2206072' },
        { key: '网上申报', value: PLATFORM.slice('网上申报='.length) },
      ],
    });
    expect(outline(summaryDocument(changji, PROFILES.organ, AFTER_WINDOW))).toContain(
      contacts('2025-04-30，已逾期 33 天，尚未完成的请尽快联系审查机关。', '昌吉州人社局劳动保障监察科', '0994-2206083'),
    );
    expect(outline(summaryDocument(changji, PROFILES.enterpriseA, day('2025-04-29')))).toContain(contacts('2025-04-30，还剩 1 天'));
  });

  it('for Wenshui, a C without a written review: lapse first, every reason, the disclosure preview, contacts and the forms', () => {
    const answers = completeAnswers(
      wenshui,
      {
        unit_name: '文水县某某食品有限公司', credit_code: '91652300MA0000001Y', unit_type: 'enterprise', area: 'wenshui', legal_rep: '张三', staff: 12, sanctions: 3,
        last_penalty_date: '2024-11-05', penalty_number: '文人社监罚字〔2024〕7号', violation: '未与职工订立书面劳动合同', penalty_result: null,
      },
      AFTER_LAPSE,
    );
    const doc = summaryDocument(wenshui, answers, AFTER_LAPSE);
    expect(doc.title).toBe('劳动保障信用等级自查报告');
    expect(doc.subtitle).toEqual([WENSHUI_TITLE, WENSHUI_BASED_ON]);
    expect(doc.fileName).toBe('劳动保障信用等级自查报告-文水县某某食品有限公司.pdf');
    expect(doc.footer).toEqual([`文水县劳动保障信用等级自查（第 1 版）· 回答校验码 ${answersHash(wenshui, answers, AFTER_LAPSE)}`, '生成时间：2025-04-28 10:00（UTC+8）']);
    expect(outline(doc)).toEqual([
      LAPSED,
      SELF_CHECK,
      'H1 一、单位基本信息',
      'KV 单位名称=文水县某某食品有限公司 | 统一社会信用代码=91652300MA0000001Y | 单位类型=企业 | 所在地区=文水县 | 主管人社部门=文水县人力资源和社会保障局（劳动保障监察机构）',
      'H1 二、预估信用等级',
      'P(strong) 预估守法诚信等级：C 级（仅供自查参考，以人社部门评定为准）',
      'T 等级:10:center 原因:60 依据:30 ×2',
      `P(normal) 注意：${wenshui.rating?.reference?.text}（依据：晋人社厅发〔2017〕109号《山西省企业劳动保障守法诚信等级评价实施办法》（原文未查到）（未经核实，仅供参考））`,
      `P(normal) C级后果：可以就相关联的事项采取以下惩戒：（一）列为日常监管重点对象，强化日常巡视检查；（二）约谈主要负责人、直接责任人，约谈情况记入信用记录；（三）与人社工作有关的评先、评优不予通过；（四）限制出具确认遵守劳动保障法律法规情况的书面文件。（依据：${WENSHUI_DOC} 第十三条）`,
      'H1 三、C级单位将被公示的信息（预览）',
      `P(strong) 被评为C级的，将按规定向社会公示以下信息；下面按您的回答预填，可以看到公示的样子（依据：${WENSHUI_DOC} 第十四条）`,
      'KV 违法主体全称=文水县某某食品有限公司 | 统一社会信用代码=91652300MA0000001Y | 法定代表人或者负责人姓名=张三 | 处罚时间=2024-11-05 | 处罚决定书号=文人社监罚字〔2024〕7号 | 违法行为=未与职工订立书面劳动合同 | 处罚依据=（按实际处罚记录填写） | 处罚结果=（按实际处罚记录填写） | 失信行为等级认定=（按实际处罚记录填写） | 黄、黑名单情况=（按实际处罚记录填写）',
      'H1 四、需要整改的问题',
      'H2 （一）待核实的事项',
      'C ☐1. 请补答：处罚结果是什么？',
      'H1 五、联系方式',
      'KV 主管人社部门=文水县人力资源和社会保障局（劳动保障监察机构） | 审查机关电话=未列出（文件没有公布电话，可向当地人社部门查询） | 异议与修复=如对信用信息或等级有异议，或已整改想申请修复，请在对话中回复 “异议”、“修复”。',
      'H2 （一）其他须知',
      ...wenshui.notes.filter((n) => n.show.includes('summary')).map((n, i) => `P(normal) ${i + 1}. ${n.text}（依据：${formatSource(n.source)}）`),
      'H1 六、自查回答明细',
      'H2 （一）单位情况',
      ANSWER_TABLE(6),
      'H2 （二）用工情况自查',
      ANSWER_TABLE(5),
      'H2 （三）评价周期（近一年）内的监察记录',
      ANSWER_TABLE(11),
      `N 如实申报提示: ${wenshui.honesty?.text}（依据：${WENSHUI_DOC} 第五条、第九条）`,
    ]);
    expect(tables(doc)[0]).toEqual([
      ['C 级', '评价周期内因劳动保障违法行为被查处3次以上，属于C级情形。', '人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条'],
      ['B 级', '评价周期内因劳动保障违法行为被人社部门查处，不能评为A级；没有C级情形的为B级。', '人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》 第七条'],
    ]);
    // A campaign with one form names just that one.
    expect(kv(summaryDocument({ ...wenshui, forms: [form('objection')] } as Campaign, {}, AFTER_LAPSE), 1)?.rows.at(-1)).toEqual({ key: '异议与修复', value: '如对信用信息或等级有异议，或已整改想申请修复，请在对话中回复 “异议”。' });
    // In force: no lapse notice, the report starts with its self-check line.
    expect(outline(summaryDocument(wenshui, answers, BEFORE_LAPSE))[0]).toBe(SELF_CHECK);
  });

  it('for a plain checklist: the credit title, only the unit rows it asks, the answers to verify, the tally and every answer; no grade, bureau or materials', () => {
    const checklist = checklistCampaign(numberedQuestions(4));
    const answers = { q1: true, q2: false, q3: 'unknown', q4: null };
    const doc = summaryDocument(checklist, answers, IN_WINDOW);
    const question = (n: number) => `Is requirement ${n} of the annual review met, with the documents on file, signed and dated?`;
    expect(doc.title).toBe('劳动保障信用等级自查报告');
    expect(doc.subtitle).toEqual(['自查清单（4项）', '— —']);
    expect(doc.fileName).toBe('劳动保障信用等级自查报告-未命名单位.pdf');
    expect(doc.footer).toEqual([`自查清单（第 1 版）· 回答校验码 ${answersHash(checklist, answers, IN_WINDOW)}`, '生成时间：2025-03-10 09:00（UTC+8）']);
    expect(outline(doc)).toEqual([
      SELF_CHECK,
      'H1 一、单位基本信息',
      'KV 单位名称=（未填写） | 统一社会信用代码=（未填写）',
      'H1 二、需要整改的问题',
      'H2 （一）待核实的事项',
      `C ☐1. 请核实：${question(3)} | ☐2. 请补答：${question(4)}`,
      'H1 三、自查回答明细',
      'P(normal) 是非题 4 题：是 1 题，否 1 题，不确定 1 题，跳过 1 题。',
      'H2 （一）审查事项',
      'T 问题:65 回答:35 ×4',
    ]);
  });
});

describe('generation time', () => {
  it("is printed on the campaign's wall clock, with the sign of its offset", () => {
    const checklist = checklistCampaign(numberedQuestions(1));
    const at = (utcOffsetHours: number) => summaryDocument({ ...checklist, utcOffsetHours } as Campaign, {}, IN_WINDOW).footer[1];
    expect(at(-5)).toBe('生成时间：2025-03-09 20:00（UTC-5）');
    expect(at(0)).toBe('生成时间：2025-03-10 01:00（UTC+0）');
    expect(at(8)).toBe('生成时间：2025-03-10 09:00（UTC+8）');
  });
});

describe('checklistDocument', () => {
  it("for a known unit type: that type's materials, ticked where the unit has them, and the notes", () => {
    const answers = fukang({ has_ent_si_receipts: false, has_ent_hr_rules: null });
    const doc = checklistDocument(changji, answers, IN_WINDOW);
    expect(doc.title).toBe('用人单位须提供书面材料清单');
    expect(doc.subtitle).toEqual([CHANGJI_TITLE, '昌州人社发〔2025〕4号 附件']);
    expect(doc.fileName).toBe('用人单位须提供书面材料清单-阜康市某某有限公司.pdf');
    expect(doc.footer).toEqual([hashFooter(changji, answers, IN_WINDOW)]);
    expect(doc.date).toEqual(new Date('2025-03-03T00:00:00Z'));
    expect(outline(doc)).toEqual([
      'P(muted) 本清单按贵单位的回答列出（单位类型：企业（含中央、自治区驻州企业）），已准备好的材料已打勾，其余请备好后勾选。',
      'H1 一、企业（含中央、自治区驻州企业）须提供以下资料',
      'H2 （一）平台须上传的资料',
      'C ☑1. 用人单位营业执照副本 | ☑2. 用人单位全体职工花名册〔依据《劳动合同法实施条例》第八条内容制定〕 | ☐3. 用人单位2024年度社会保险费缴费凭证原件（三、六、十二月） | ☑4. 用人单位2024年度会计决算报表或审计报告原件',
      'H2 （二）审核时须携带的资料',
      'C ☐1. 用人单位制定的人力资源社会保障管理制度 | ☑2. 用人单位2024年度三、六、十二月份的会计原始凭证〔其中要包含能反映给职工支付工资和构成工资总额的表页〕 | ☑3. 用人单位与劳动者依法订立的劳动合同文本〔建立劳动关系人员不足二十人：全部携带〕 | ☑4. 签订电子劳动合同总数的截图 | ☑5. 2023年度劳动保障书面审查表 | ☐6. 《劳动保障书面审查表》〔一式三份，其中一份审核后交到所在社区进行劳动用工备案〕 | ☐7. 《劳动用工备案登记表》〔一式三份，其中一份审核后交到所在社区进行劳动用工备案〕 | ☐8. 《劳动用工备案登记花名册》〔一式三份，其中一份审核后交到所在社区进行劳动用工备案〕',
      'H1 二、注意事项',
      'P(normal) （一）本通知和操作流程可在昌吉回族自治州人民政府网站点击“公开”→“政府工作部门”中的“人力资源和社会保障局”→“文件”栏查询。',
      'P(normal) （二）上传资料时，须将往年上传的资料删除。',
      'P(normal) （三）填写单位基本信息时，请认真对照上年度劳动保障书面审查表和劳动用工备案登记表，看基本信息是否填写正确、是否有漏项。',
    ]);
  });

  it('marks a material that depends on answers not given yet as conditional', () => {
    const doc = checklistDocument(changji, { unit_type: 'enterprise' }, IN_WINDOW);
    expect(doc.fileName).toBe('用人单位须提供书面材料清单.pdf');
    expect(doc.footer).toEqual(['昌吉州2024年度劳动保障书面审查（第 2 版）']);
    const lines = outline(doc);
    expect(lines.slice(0, 3)).toEqual([
      'P(muted) 本清单按贵单位的回答列出（单位类型：企业（含中央、自治区驻州企业）），已准备好的材料已打勾，其余请备好后勾选。',
      'H1 一、企业（含中央、自治区驻州企业）须提供以下资料',
      'H2 （一）平台须上传的资料',
    ]);
    expect(lines.join('\n')).toContain('☐3. 用人单位与劳动者依法订立的劳动合同文本〔建立劳动关系人员二十人以上：各类型劳动合同文本各三份；视本单位情况提供〕');
  });

  it('for an unknown unit type: one section per distinct list, types sharing a list named together, nothing ticked', () => {
    const doc = checklistDocument(changji, {}, IN_WINDOW);
    expect(doc.fileName).toBe('用人单位须提供书面材料清单.pdf');
    expect(doc.footer).toEqual(['昌吉州2024年度劳动保障书面审查（第 2 版）']);
    const lines = outline(doc);
    expect(lines.filter((l) => !l.startsWith('C '))).toEqual([
      'P(muted) 尚未选择单位类型：以下按单位类型分别列出全部材料，请对照本单位情况准备并勾选。',
      'H1 一、党政机关、事业单位、社会团体须提供以下资料',
      'H2 （一）平台须上传的资料',
      'H2 （二）审核时须携带的资料',
      'H1 二、企业（含中央、自治区驻州企业）、民办非企业单位须提供以下资料',
      'H2 （一）平台须上传的资料',
      'H2 （二）审核时须携带的资料',
      'H1 三、个体经济组织（个体工商户）须提供以下资料',
      'H2 （一）平台须上传的资料',
      'H2 （二）审核时须携带的资料',
      'H1 四、注意事项',
      'P(normal) （一）本通知和操作流程可在昌吉回族自治州人民政府网站点击“公开”→“政府工作部门”中的“人力资源和社会保障局”→“文件”栏查询。',
      'P(normal) （二）上传资料时，须将往年上传的资料删除。',
      'P(normal) （三）填写单位基本信息时，请认真对照上年度劳动保障书面审查表和劳动用工备案登记表，看基本信息是否填写正确、是否有漏项。',
    ]);
    expect(lines[3]).toBe(
      'C ☐1. 单位组织机构代码证〔“三证合一”后已不再核发组织机构代码证：可提供统一社会信用代码证书（或载有统一社会信用代码的法人登记证书）。（依据：国办发〔2015〕50号《关于加快推进“三证合一”登记制度改革的意见》）〕 | ☐2. 2024年度社会保险费缴费凭证（三、六、十二月） | ☐3. 2024年度会计决算报表或审计报告原件〔能够反映支付职工工资和构成工资总额的表页〕',
    );
    expect(lines[8]).toBe('C ☐1. 用人单位营业执照副本 | ☐2. 用人单位全体职工花名册〔依据《劳动合同法实施条例》第八条内容制定〕 | ☐3. 用人单位2024年度社会保险费缴费凭证原件（三、六、十二月） | ☐4. 用人单位2024年度会计决算报表或审计报告原件');
    expect(lines[13]).toBe('C ☐1. 用人单位营业执照副本 | ☐2. 用人单位全体职工花名册〔依据《劳动合同法实施条例》第八条内容制定〕 | ☐3. 用人单位2024年度社会保险费缴费凭证原件（三、六、十二月） | ☐4. 用人单位2024年度会计决算报表或审计报告原件〔视本单位情况提供〕');
    expect(doc.blocks.flatMap((b) => (b.kind === 'checklist' ? b.items : [])).every((i) => !i.checked)).toBe(true);
  });

  it('for a plain checklist without unit types or materials: the header alone, dated by its notice', () => {
    const checklist = checklistCampaign(numberedQuestions(2));
    const doc = checklistDocument(checklist, { q1: true }, IN_WINDOW);
    expect(doc).toEqual({
      title: '用人单位须提供书面材料清单',
      subtitle: ['自查清单（2项）', '— 附件'],
      fileName: '用人单位须提供书面材料清单.pdf',
      blocks: [{ kind: 'paragraph', text: td('checklist.forAll'), tone: 'muted' }],
      footer: ['自查清单（第 1 版）'],
      date: new Date('2025-01-01T00:00:00Z'),
    });
  });

  it('without a unit type question: every material that applies, once, under its list', () => {
    const { when: _, ...material } = changji.materials.find((m) => m.name === '2023年度劳动保障书面审查表') ?? changji.materials[0]!;
    const campaign = { ...checklistCampaign(numberedQuestions(1)), materials: [material] } as Campaign;
    expect(outline(checklistDocument(campaign, {}, IN_WINDOW))).toEqual([`P(muted) ${td('checklist.forAll')}`, 'H2 （一）审核时须携带的资料', 'C ☐1. 2023年度劳动保障书面审查表']);
  });

  it('puts the lapse notice first for Wenshui', () => {
    expect(outline(checklistDocument(wenshui, {}, AFTER_LAPSE))[0]).toBe(LAPSED);
    expect(outline(checklistDocument(wenshui, {}, BEFORE_LAPSE))[0]).not.toBe(LAPSED);
  });
});

describe('reviewFormDocument', () => {
  it('for an enterprise: a reference layout filled from the answers, items grouped, two places to sign', () => {
    const answers = fukang();
    const doc = reviewFormDocument(changji, answers, IN_WINDOW);
    expect(doc.title).toBe('劳动保障书面审查表（参考样式）');
    expect(doc.subtitle).toEqual([CHANGJI_TITLE]);
    expect(doc.fileName).toBe('劳动保障书面审查表-阜康市某某有限公司.pdf');
    expect(doc.footer).toEqual([hashFooter(changji, answers, IN_WINDOW)]);
    expect(doc.date).toEqual(new Date('2025-03-03T00:00:00Z'));
    expect(outline(doc)).toEqual([
      'P(strong)[right] 一式三份',
      REFERENCE('劳动保障书面审查表'),
      'P(muted) 本表一式三份，其中一份审核后交到所在社区进行劳动用工备案。',
      'P(muted) 本表根据单位自查回答预填，空白栏为聊天中未填写的内容：请逐项核对、补全后签字盖章。',
      'H1 一、单位基本情况',
      `${FUKANG} | 单位地址=昌吉市某某有限公司 | 法定代表人（负责人）=昌吉市某某有限公司 | 联系人=昌吉市某某有限公司 | 联系电话=13800138000`,
      'T 审查内容:65 单位填报:35 ×8',
      'H1 二、审查事项',
      'T 审查事项:22 审查内容:50 单位填报:28 ×47',
      'H1 三、2024年度监察记录和本次审查情况',
      'T 审查内容:65 单位填报:35 ×6',
      'S 单位（盖章） 负责人（签字） 日期(年　　月　　日)',
      'H1 四、审查意见（由审查机关填写）',
      'C ☐书面资料审核为合格 | ☐书面资料审核为不合格，责令整改 | ☐暂时不能确定结果，安排实地核查',
      'S 审查人（签字） 日期(年　　月　　日)',
    ]);
    const [profile, items, record] = tables(doc);
    // The name, code, type and area are in the unit rows above, not again in the profile table.
    expect(profile?.slice(0, 4)).toEqual([
      ['与本单位建立劳动关系的全日制职工有多少人？', '12 人'],
      ['另有非全日制用工（小时工）多少人？', '0 人'],
      ['本单位返聘了多少名已退休（已领取基本养老金）的人员？', '0 人'],
      ['本单位是否使用劳务派遣人员？', '否'],
    ]);
    expect(items?.slice(0, 4)).toEqual([
      ['（一）规章制度', '本单位是否制定了书面的劳动规章制度（如考勤、休息休假、工资支付、奖惩等）？', '是'],
      ['', '这些规章制度制定或修改时，是否经职工代表大会或全体职工讨论，并与工会或职工代表协商确定？', '是'],
      ['', '规章制度是否已向全体职工公示或告知（如张贴、发放并由职工签收）？', '是'],
      ['（二）劳动合同', '在这 12 名全日制职工中，已签订书面劳动合同（含电子劳动合同）的有多少人？', '12 人'],
    ]);
    expect(items?.filter((r) => r[0] !== '').map((r) => r[0])).toEqual([
      '（一）规章制度', '（二）劳动合同', '（三）禁止使用童工', '（四）女职工和未成年工保护', '（五）工作时间和休息休假', '（六）工资支付和最低工资',
      '（七）社会保险', '（八）职介、培训和技能鉴定机构', '（九）劳动用工备案', '（十）集体协商和集体合同', '（十一）劳务派遣', '（十二）其他劳动保障事项',
    ]);
    expect(record?.[0]).toEqual(['2024年本单位被人社部门立案查处（作出行政处理或行政处罚决定）几次？', '0 次']);
  });

  it('for an organ with nobody in labour relations: every item 本单位不涉及, the record section 无', () => {
    const doc = reviewFormDocument(changji, completeAnswers(changji, PROFILES.organ), IN_WINDOW);
    expect(outline(doc).slice(5, 11)).toEqual([
      'KV 单位名称=昌吉市某某有限公司 | 统一社会信用代码=91350100M000100Y43 | 单位类型=党政机关 | 所在地区=州直单位 | 审查机关=昌吉州人社局劳动保障监察科 | 管辖说明=州直各党政机关、事业单位、社会团体由州人力资源和社会保障局负责审查。 | 单位地址=昌吉市某某有限公司 | 法定代表人（负责人）=昌吉市某某有限公司 | 联系人=昌吉市某某有限公司 | 联系电话=13800138000',
      'T 审查内容:65 单位填报:35 ×4',
      'H1 二、审查事项',
      'T 审查事项:22 审查内容:50 单位填报:28 ×12',
      'H1 三、2024年度监察记录和本次审查情况',
      'P(normal) 无',
    ]);
    expect(tables(doc)[1]?.slice(0, 2)).toEqual([
      ['（一）规章制度', '本单位不涉及', '无'],
      ['（二）劳动合同', '本单位不涉及', '无'],
    ]);
  });

  it('leaves blanks for what the chat does not know, and names an unnamed unit', () => {
    const doc = reviewFormDocument(changji, {}, IN_WINDOW);
    expect(doc.fileName).toBe('劳动保障书面审查表-未命名单位.pdf');
    expect(kv(doc)).toEqual({
      kind: 'keyValue',
      rows: ['单位名称', '统一社会信用代码', '单位类型', '所在地区', '审查机关', '单位地址', '法定代表人（负责人）', '联系人', '联系电话'].map((key) => ({ key, value: '' })),
    });
    // Questions not answered yet are printed with a blank to fill in by hand.
    expect(tables(doc)[0]).toEqual(['与本单位建立劳动关系的全日制职工有多少人？', '另有非全日制用工（小时工）多少人？', '本单位返聘了多少名已退休（已领取基本养老金）的人员？', '本单位是否使用劳务派遣人员？'].map((q) => [q, '']));
  });

  it('puts the lapse notice first for Wenshui', () => {
    expect(outline(reviewFormDocument(wenshui, {}, AFTER_LAPSE)).slice(0, 2)).toEqual([LAPSED, 'P(strong)[right] 一式三份']);
  });
});

describe('filingFormDocument', () => {
  it("fills the unit's data and leaves 20 roster lines to write by hand", () => {
    const answers = fukang();
    const doc = filingFormDocument(changji, answers, IN_WINDOW);
    expect(doc.title).toBe('劳动用工备案登记表（参考样式）');
    expect(doc.subtitle).toEqual([CHANGJI_TITLE]);
    expect(doc.fileName).toBe('劳动用工备案登记表-阜康市某某有限公司.pdf');
    expect(doc.footer).toEqual([hashFooter(changji, answers, IN_WINDOW)]);
    expect(doc.date).toEqual(new Date('2025-03-03T00:00:00Z'));
    expect(outline(doc)).toEqual([
      'P(strong)[right] 一式三份',
      REFERENCE('劳动用工备案登记表'),
      'P(muted) 本表一式三份，其中一份审核后交到所在社区进行劳动用工备案。',
      'H1 一、用人单位信息',
      'KV 单位名称=阜康市某某有限公司 | 统一社会信用代码=91350100M000100Y43 | 单位地址=昌吉市某某有限公司 | 法定代表人（负责人）=昌吉市某某有限公司 | 联系人=昌吉市某某有限公司 | 联系电话=13800138000 | 用工人数=12 人',
      'H1 二、劳动用工备案登记花名册',
      'P(muted) 无建立劳动关系人员的党政机关、事业单位、社会团体不用填写花名册；行数不够时可续页填写。',
      'T 序号:6:center 姓名:13 身份证号:27 岗位:14 合同起止日期:24 备注:16 ×20',
      SEAL_AND_HANDLER,
    ]);
    expect(tables(doc)[0]).toEqual(Array.from({ length: 20 }, (_, i) => [String(i + 1), '', '', '', '', '']));
  });

  it('prints as many roster lines as asked', () => {
    expect(tables(filingFormDocument(changji, fukang(), IN_WINDOW, { rosterRows: 2 }))[0]).toEqual([
      ['1', '', '', '', '', ''],
      ['2', '', '', '', '', ''],
    ]);
  });

  it('writes 无 under the roster of a unit with nobody in labour relations', () => {
    const doc = filingFormDocument(changji, completeAnswers(changji, PROFILES.organ), IN_WINDOW);
    expect(outline(doc).slice(4)).toEqual([
      'KV 单位名称=昌吉市某某有限公司 | 统一社会信用代码=91350100M000100Y43 | 单位地址=昌吉市某某有限公司 | 法定代表人（负责人）=昌吉市某某有限公司 | 联系人=昌吉市某某有限公司 | 联系电话=13800138000 | 用工人数=0 人',
      'H1 二、劳动用工备案登记花名册',
      'P(normal) 无',
      SEAL_AND_HANDLER,
    ]);
  });

  it('is blank, generically named and footed by the campaign alone when nothing is known', () => {
    const doc = filingFormDocument(changji, {}, IN_WINDOW);
    expect(doc.fileName).toBe('劳动用工备案登记表.pdf');
    expect(doc.footer).toEqual(['昌吉州2024年度劳动保障书面审查（第 2 版）']);
    expect(outline(doc)[4]).toBe('KV 单位名称= | 统一社会信用代码= | 单位地址= | 法定代表人（负责人）= | 联系人= | 联系电话= | 用工人数=');
    expect(outline(doc)[7]).toBe('T 序号:6:center 姓名:13 身份证号:27 岗位:14 合同起止日期:24 备注:16 ×20');
  });
});

describe('formDocument', () => {
  const UNIT_ROWS = 'KV 单位名称= | 统一社会信用代码= | 法定代表人（负责人）= | 联系人= | 联系电话= | 提交至=';

  it('for an objection: the unit, what it answered (a skip left blank), the dates with their basis, working days', () => {
    const answers = { unit_name: '某某公司', unit_type: 'enterprise', area: 'wenshui', legal_rep: '张三' };
    const formAnswers = { ground: 'error', record: '处罚记录', detail: null, received_on: '2025-04-29', other_departments: false };
    const doc = formDocument(wenshui, form('objection'), answers, formAnswers, AFTER_LAPSE);
    expect(doc.title).toBe('劳动保障信用信息异议申请');
    expect(doc.subtitle).toEqual([WENSHUI_TITLE, WENSHUI_BASED_ON]);
    expect(doc.fileName).toBe('劳动保障信用信息异议申请-某某公司.pdf');
    expect(doc.date).toBe(AFTER_LAPSE);
    const formOwn = { 'objection.ground': 'error', 'objection.record': '处罚记录', 'objection.detail': null, 'objection.received_on': '2025-04-29', 'objection.other_departments': false };
    expect(doc.footer).toEqual([hashFooter(wenshui, answers, AFTER_LAPSE, formOwn), '生成时间：2025-04-28 10:00（UTC+8）']);
    // The code names what the form says: another ground, another code.
    expect(hashFooter(wenshui, answers, AFTER_LAPSE, { ...formOwn, 'objection.ground': 'omission' })).not.toBe(doc.footer[0]);
    expect(outline(doc)).toEqual([
      LAPSED,
      `P(muted) 认为本单位信用信息的采集、归集、应用或信用等级评价有错误、遗漏，或侵犯商业秘密、个人隐私等合法权益的，可以向县人社行政部门或公共信用管理机构提出异议申请。（依据：${WENSHUI_DOC} 第十五条）`,
      'H1 一、申请单位',
      'KV 单位名称=某某公司 | 统一社会信用代码= | 法定代表人（负责人）=张三 | 联系人= | 联系电话= | 提交至=文水县人力资源和社会保障局（劳动保障监察机构）',
      'H1 二、申请内容',
      'T 问题:55 回答:45 ×5',
      'H1 三、办理时限',
      'T 事项:30 最迟日期:18:center 依据:52 ×2',
      'P(muted) 工作日按国家法定节假日安排计算（周末和法定节假日不计，调休上班日计入），自收到申请的次日起算。',
      SEAL_AND_HANDLER,
    ]);
    const [content, dates] = tables(doc);
    expect(content).toEqual([
      ['您认为哪里有问题？', '信息有错误'],
      ['是哪一条信用信息或哪一项评价？', '处罚记录'],
      ['请说明理由，以及您认为正确的内容。', ''],
      ['人社部门收到（或您打算提交）异议申请的日期？', '2025-04-29'],
      ['这条信息是否需要向其他部门（如法院、市场监管、社保经办机构）核查？', '否'],
    ]);
    expect(dates).toEqual([
      ['人社部门处理并告知结果', '2025-05-07', `属于人社部门处理范围的，应当自收到异议申请之日起3个工作日内完成处理并告知（${WENSHUI_DOC} 第十六条第一款）`],
      ['核实后的记录推送至市信用信息共享平台', '2025-05-14', `异议申请处理后，应当在5个工作日内推送（按处理期限的最后一天计算）（${WENSHUI_DOC} 第十六条第二款）`],
    ]);
  });

  it('for an objection without a date, in force: no lapse, no dates, no next steps, an unnamed unit', () => {
    const doc = formDocument(wenshui, form('objection'), {}, { ground: 'error', record: '处罚记录', detail: null }, BEFORE_LAPSE);
    expect(doc.fileName).toBe('劳动保障信用信息异议申请-未命名单位.pdf');
    expect(outline(doc)).toEqual([
      `P(muted) 认为本单位信用信息的采集、归集、应用或信用等级评价有错误、遗漏，或侵犯商业秘密、个人隐私等合法权益的，可以向县人社行政部门或公共信用管理机构提出异议申请。（依据：${WENSHUI_DOC} 第十五条）`,
      'H1 一、申请单位',
      UNIT_ROWS,
      'H1 二、申请内容',
      'T 问题:55 回答:45 ×3',
      SEAL_AND_HANDLER,
    ]);
  });

  const REPAIR_INTRO = `P(muted) 对评价为C级的用人单位，县人社部门会同相关部门督促其纠正违法行为、消除不良影响；已纠正违法行为且履行行政处罚决定的，应当在评价周期满后5个工作日内调整其信用等级。（依据：${WENSHUI_DOC} 第十七条）`;
  const step = (n: number, text: string) => `P(normal) ${n}. ${text}（依据：${WENSHUI_DOC} 第十七条）`;
  const BOTH_DONE = '两项都做到后，等级才会在评价周期满后调整；届时可带上整改和履行处罚的凭证向县人社部门确认。';

  it('for a repair not yet earned: the period end, then the steps that apply as section 四', () => {
    const doc = formDocument(wenshui, form('repair'), {}, { graded_on: '2025-01-10', corrected: false, penalty_done: false }, AFTER_LAPSE);
    expect(outline(doc)).toEqual([
      LAPSED,
      REPAIR_INTRO,
      'H1 一、申请单位',
      UNIT_ROWS,
      'H1 二、申请内容',
      'T 问题:55 回答:45 ×3',
      'H1 三、办理时限',
      'T 事项:30 最迟日期:18:center 依据:52 ×1',
      'P(muted) 工作日按国家法定节假日安排计算（周末和法定节假日不计，调休上班日计入），自收到申请的次日起算。',
      'H1 四、后续事项',
      step(1, '先纠正违法行为，并保留凭证（合同、工资发放记录、社保缴费凭证等）。'),
      step(2, '履行行政处罚决定（如按期缴纳罚款），并保留缴款凭证。'),
      step(3, BOTH_DONE),
      SEAL_AND_HANDLER,
    ]);
    expect(tables(doc)[1]).toEqual([['本评价周期届满', '2026-01-10', `评价周期为一年，这里按评定之日起算一年（具体以县人社部门告知为准）（${WENSHUI_DOC} 第十条）`]]);
  });

  it('says which year had no holiday data', () => {
    const doc = formDocument(wenshui, form('repair'), {}, { graded_on: '2025-12-30', corrected: true, penalty_done: true }, AFTER_LAPSE);
    expect(outline(doc).slice(7, 11)).toEqual([
      'T 事项:30 最迟日期:18:center 依据:52 ×2',
      'P(muted) 2027 年的法定节假日安排尚未收录：以上日期按周一至周五计算，未计节假日，请以实际安排为准。',
      'H1 四、后续事项',
      step(1, BOTH_DONE),
    ]);
    expect(tables(doc)[1]?.map((r) => r.slice(0, 2))).toEqual([['本评价周期届满', '2026-12-30'], ['最迟调整信用等级', '2027-01-06']]);
  });

  it('numbers the next steps section 三 when there are no dates', () => {
    const doc = formDocument(wenshui, form('repair'), {}, { corrected: true, penalty_done: true }, AFTER_LAPSE);
    expect(outline(doc).slice(4)).toEqual(['H1 二、申请内容', 'T 问题:55 回答:45 ×2', 'H1 三、后续事项', step(1, BOTH_DONE), SEAL_AND_HANDLER]);
  });
});
