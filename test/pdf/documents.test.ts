/**
 * The printed documents, read back with pdftotext as a unit would read them: what the seed (notice
 * 昌州人社发〔2025〕4号 and its attachment) and the self-check say must be on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { answersHash, checklistDocument, filingFormDocument, reviewFormDocument, summaryDocument, type Block, type Document } from '../../src/core/document.ts';
import { evaluate } from '../../src/core/evaluate.ts';
import { formatSource } from '../../src/core/present.ts';
import { campaign, CONTRACTS, enterprise, LICENCE, NOW, ORG_CODE, organ, pending, SUPERVISION_PHONE, unsure } from './fixtures.ts';
import { flat, inkOnFirstPage, pageCount, pdfFonts, pdfInfo, pdfText, scratch } from './poppler.ts';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

/** Renders, writes and reads back one document: the text in both modes, flattened, and its path. */
async function printed(name: string, doc: Document) {
  const path = await tmp.write(name, await renderPdf(doc));
  const [layout, raw] = await Promise.all([pdfText(path), pdfText(path, { mode: 'raw' })]);
  return { path, layout, text: flat(raw) };
}

const checklistItems = (doc: Document) => doc.blocks.flatMap((b: Block) => (b.kind === 'checklist' ? b.items : []));

describe('self-check report: an enterprise with 25 staff, dispatch, a sanction and missing materials', () => {
  const e = evaluate(campaign, enterprise, NOW);
  const doc = summaryDocument(campaign, enterprise, NOW);
  let pdf: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    pdf = await printed('summary-enterprise.pdf', doc);
  });

  it('is named after the unit', () => {
    expect(doc.fileName).toBe('劳动保障书面审查自查报告-昌吉市天山建材有限公司.pdf');
  });

  it('prints its headings, the unit and the reviewing bureau with its phone', () => {
    for (const s of ['劳动保障书面审查自查报告', '一、单位基本信息', '二、预估等级与审查预判', '三、需要整改的问题', '四、尚未准备的材料', '五、截止日期与联系方式', '六、自查回答明细']) {
      expect(pdf.text).toContain(flat(s));
    }
    expect(pdf.text).toContain('昌吉市天山建材有限公司');
    expect(pdf.text).toContain('昌吉市人力资源和社会保障局');
    expect(pdf.text).toContain('0994-2357511');
    expect(pdf.text).toContain(SUPERVISION_PHONE);
  });

  it('gives the provisional grade B with its reason and source, marked as self-check only, and its consequence', () => {
    expect(e.grade?.grade).toBe('B');
    expect(pdf.text).toContain(flat('预估守法诚信等级：B 级（仅供自查参考，以人社部门评定为准）'));
    for (const r of e.grade?.reasons ?? []) {
      expect(pdf.text).toContain(flat(r.text));
      expect(pdf.text).toContain(flat(formatSource(r.source)));
    }
    expect(pdf.text).toContain(flat('每半年进行一次日常巡视检查'));
  });

  it("fails the written review for the reported violation and lists it with the unit's numbers, legal basis and fix", () => {
    expect(pdf.text).toContain(flat('书面审查预判：不合格'));
    expect(pdf.text).not.toContain(flat('实地核查，明确结果。（依据：昌州人社发〔2025〕4号 五(二)）不合格'));
    const dispatch = e.risks.find((f) => f.questionId === 'dispatched');
    expect(dispatch?.problem).toBe('用工总量 30 人中有派遣人员 5 人，占 16.7%，超过了10%。');
    expect(pdf.text).toContain(flat(dispatch?.problem ?? '∅'));
    expect(pdf.text).toContain(flat('《劳务派遣暂行规定》 第四条'));
    expect(pdf.text).toContain(flat(dispatch?.fix ?? '∅'));
  });

  it('lists each missing material by its seed name under 平台上传 or 审核时携带, with its condition', () => {
    expect(e.missing.upload.map((m) => m.name)).toEqual([LICENCE]);
    expect(e.missing.bring.map((m) => m.name)).toEqual([CONTRACTS]);
    const upload = pdf.text.indexOf(flat('（一）平台上传'));
    const bring = pdf.text.indexOf(flat('（二）审核时携带'));
    expect(upload).toBeGreaterThan(0);
    expect(pdf.text.indexOf(LICENCE, upload)).toBeGreaterThan(upload);
    expect(pdf.text.indexOf(LICENCE, upload)).toBeLessThan(bring);
    expect(pdf.text.indexOf(CONTRACTS, bring)).toBeGreaterThan(bring);
    expect(pdf.text).toContain(flat('建立劳动关系人员二十人以上：各类型劳动合同文本各三份'));
  });

  it('gives the deadline and days left, and the honesty warning', () => {
    expect(pdf.text).toContain(flat('2025-04-30，还剩 41 天'));
    expect(pdf.text).toContain(flat(campaign.honesty!.text));
  });

  it('prints every answer under its group', () => {
    expect(pdf.text).toContain(flat('审查事项（十一）劳务派遣'));
    expect(pdf.text).toContain(flat('目前使用的劳务派遣人员有多少人？'));
  });

  it('prints campaign, version, hash and generation time in the footer of every page', async () => {
    const hash = answersHash(campaign, enterprise, NOW);
    expect(hash).toMatch(/^[0-9a-f]{12}$/);
    const pages = await pageCount(pdf.path);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const text = flat(await pdfText(pdf.path, { page }));
      expect(text).toContain(flat(`${campaign.shortTitle}（第 ${campaign.version} 版）· 回答校验码 ${hash}`));
      expect(text).toContain(flat('生成时间：2025-03-20 14:00（UTC+8）'));
      expect(text).toContain(flat(`第 ${page} 页 / 共 ${pages} 页`));
    }
  });

  it('embeds a subset of Noto Sans SC with Unicode mapping and sets its metadata', async () => {
    const fonts = await pdfFonts(pdf.path);
    expect(fonts).toMatch(/\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/\+NotoSansSC-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const info = await pdfInfo(pdf.path);
    expect(info['Title']).toBe('劳动保障书面审查自查报告');
    expect(info['Author']).toBe('年审助手');
    expect(info['CreationDate']).toBe('2025-03-20T06:00:00Z');
  });

  it('draws something on page 1', async () => {
    expect(await inkOnFirstPage(pdf.path, tmp.dir)).toBeGreaterThan(0.01);
  });
});

describe('self-check report: a small enterprise, A on the record, with reported violations and an answer to verify', () => {
  let pdf: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    pdf = await printed('summary-unsure.pdf', summaryDocument(campaign, unsure, NOW));
  });

  it('qualifies the A: on the record A, at best B if the reported violations are found', () => {
    expect(pdf.text).toContain(flat('按您报告的监察记录为 A 级；但您报告了违法情形，若被查实，最多为 B 级'));
    expect(pdf.text).toContain(flat('6 名全日制职工中有 3 名入职超过一个月仍未签订书面劳动合同。'));
  });

  it('lists the 不确定 answer as a thing to verify, not as a violation', () => {
    expect(pdf.text).toContain(flat('待核实的事项'));
    expect(pdf.text).toContain(flat('请核实：2024年是否每月在约定的日期把工资足额发给职工？'));
  });
});

describe('self-check report: materials not ready is a to-do, not a failure', () => {
  it('says what to do before submission and that submitting without them can fail', async () => {
    const pdf = await printed('summary-pending.pdf', summaryDocument(campaign, pending, NOW));
    expect(pdf.text).toContain(flat(`书面审查预判：${campaign.review!.verdicts.pending.text}`));
    expect(pdf.text).not.toContain(flat('书面审查预判：不合格'));
    expect(pdf.text).toContain(flat('提交前要做的事：备齐 2 项材料。缺少材料或未核实就提交，可能被审查为不合格。'));
  });
});

describe('self-check report: a prefecture-level organ with nobody in labour relations', () => {
  const doc = summaryDocument(campaign, organ, NOW);
  let pdf: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    pdf = await printed('summary-organ.pdf', doc);
  });

  it('is not graded (organs take the written review only) and is reviewed by the prefecture bureau', () => {
    expect(pdf.text).not.toContain(flat('预估守法诚信等级'));
    expect(pdf.text).toContain(flat('党政机关、事业单位、社会团体只参加书面审查，不评定等级'));
    expect(pdf.text).toContain('昌吉州人社局劳动保障监察科');
    expect(pdf.text).toContain('0994-2206083');
    expect(pdf.text).toContain(SUPERVISION_PHONE);
  });

  it('misses only its organisation code certificate, and no contracts or roster are asked of it', () => {
    expect(pdf.text).toContain(ORG_CODE);
    expect(pdf.text).toContain(flat('按您的回答，未发现需要整改的问题。'));
    expect(pdf.text).not.toContain('劳动合同文本');
    expect(pdf.text).not.toContain('劳动用工备案登记花名册');
  });

  it('never tells an ungraded unit about the A cap', () => {
    expect(pdf.text).not.toContain(flat('不得评为A级'));
    expect(pdf.text).not.toContain(flat('不能评为A级'));
  });
});

describe('every document', () => {
  const all = (): [string, Document][] => [
    ['summary-enterprise', summaryDocument(campaign, enterprise, NOW)],
    ['summary-organ', summaryDocument(campaign, organ, NOW)],
    ['summary-unsure', summaryDocument(campaign, unsure, NOW)],
    ['review-enterprise', reviewFormDocument(campaign, enterprise, NOW)],
    ['review-organ', reviewFormDocument(campaign, organ, NOW)],
    ['checklist-enterprise', checklistDocument(campaign, enterprise, NOW)],
    ['checklist-blank', checklistDocument(campaign, {}, NOW)],
    ['filing-enterprise', filingFormDocument(campaign, enterprise, NOW)],
  ];

  it('prints no English ids (campaign, question or option codes)', async () => {
    for (const [name, doc] of all()) {
      const pdf = await printed(`${name}-ids.pdf`, doc);
      // Only the platform's address and the time zone are Latin letters a unit should read.
      const words = pdf.layout.replace(/https?:\/\/\S+/g, '').replace(/UTC[+-]\d+/g, '').replace(/回答校验码\s*[0-9a-f]+/g, '').match(/[A-Za-z_]{3,}/g) ?? [];
      expect(words, name).toEqual([]);
    }
  });

  it('never leaves a lonely line or two on a page', async () => {
    const footer = /回答校验码|生成时间|第\s*\d+\s*页|书面审查（第/;
    for (const [name, doc] of all()) {
      const path = await tmp.write(`${name}-pages.pdf`, await renderPdf(doc));
      const count = await pageCount(path);
      for (let page = 1; page <= count && count > 1; page++) {
        const lines = (await pdfText(path, { page })).split('\n').filter((l) => l.trim() && !footer.test(l));
        expect(lines.length, `${name} page ${page}:\n${lines.join('\n')}`).toBeGreaterThan(3);
      }
    }
  });
});

describe('materials checklist', () => {
  it('for an unknown unit type: both sections of the attachment, every seed name, blank boxes, the notes', async () => {
    const doc = checklistDocument(campaign, {}, NOW);
    expect(checklistItems(doc).every((i) => !i.checked)).toBe(true);
    const pdf = await printed('checklist-blank.pdf', doc);
    expect(doc.fileName).toBe('用人单位须提供书面材料清单.pdf');
    expect(pdf.text).toContain(flat('用人单位须提供书面材料清单'));
    expect(pdf.text).toContain(flat('一、党政机关、事业单位、社会团体须提供以下资料'));
    expect(pdf.text).toMatch(/二、企业.*民办非企业单位须提供以下资料/);
    // Individual businesses share the enterprise list, plus what to bring without annual accounts.
    expect(pdf.text).toMatch(/三、个体经济组织.*须提供以下资料/);
    expect(pdf.text).toContain(flat('（一）平台须上传的资料'));
    expect(pdf.text).toContain(flat('（二）审核时须携带的资料'));
    for (const m of campaign.materials) expect(pdf.text).toContain(flat(m.name));
    expect(pdf.text).toContain(flat('建立劳动关系人员不足二十人：全部携带'));
    for (const note of campaign.materialNotes) expect(pdf.text).toContain(flat(note.text));
    expect(await inkOnFirstPage(pdf.path, tmp.dir)).toBeGreaterThan(0.01);
  });

  it("for the enterprise: only its type's materials, ticked where it has them", async () => {
    const doc = checklistDocument(campaign, enterprise, NOW);
    const items = checklistItems(doc);
    expect(items.find((i) => i.text.endsWith(LICENCE))?.checked).toBe(false);
    expect(items.find((i) => i.text.endsWith('用人单位制定的人力资源社会保障管理制度'))?.checked).toBe(true);
    // 25 staff: the three samples of each contract type, not all contracts.
    expect(items.filter((i) => i.text.endsWith(CONTRACTS)).map((i) => i.detail)).toEqual(['建立劳动关系人员二十人以上：各类型劳动合同文本各三份']);
    const pdf = await printed('checklist-enterprise.pdf', doc);
    expect(pdf.text).not.toContain(ORG_CODE);
    expect(pdf.text).toContain('劳务派遣协议及派遣员工花名册');
  });

  it('for the organ: no filing roster without staff in labour relations', async () => {
    const pdf = await printed('checklist-organ.pdf', checklistDocument(campaign, organ, NOW));
    expect(pdf.text).toContain(ORG_CODE);
    expect(pdf.text).toContain(flat('“三证合一”后已不再核发组织机构代码证'));
    expect(pdf.text).toContain(flat('《劳动用工备案登记表》'));
    expect(pdf.text).not.toContain('劳动用工备案登记花名册');
  });
});

describe('劳动保障书面审查表 and 劳动用工备案登记表: reference layouts, filled as far as the chat knows', () => {
  it('titles the review form as a reference layout, says where the official form comes from, and fills it in', async () => {
    const doc = reviewFormDocument(campaign, enterprise, NOW);
    const pdf = await printed('review-enterprise.pdf', doc);
    expect(doc.fileName).toBe('劳动保障书面审查表-昌吉市天山建材有限公司.pdf');
    expect(pdf.text).toContain(flat('劳动保障书面审查表（参考样式）'));
    expect(pdf.text).toContain(flat('参考样式，不是官方表格'));
    expect(pdf.text).toContain(flat('正式表格请从年审平台下载或向审查机关领取'));
    for (const s of ['一式三份', '昌吉市天山建材有限公司', '91350100M000100Y43', '（十一）劳务派遣', '单位（盖章）：', '负责人（签字）：', '日期：']) {
      expect(pdf.text).toContain(flat(s));
    }
    // The fields the chat asked for the forms.
    for (const s of ['昌吉市北京南路88号', '张建国', '李红', '0994-2345678']) expect(pdf.text).toContain(flat(s));
    expect(pdf.text).toContain(flat('25 人'));
    expect(pdf.text).toContain(`回答校验码${answersHash(campaign, enterprise, NOW)}`);
    expect(await inkOnFirstPage(pdf.path, tmp.dir)).toBeGreaterThan(0.01);
  });

  it('marks items that do not concern the organ and writes 无 under an empty section', async () => {
    const pdf = await printed('review-organ.pdf', reviewFormDocument(campaign, organ, NOW));
    expect(pdf.text).toContain('本单位不涉及');
    expect(pdf.text).toContain('昌吉州某某局');
    // Organs have no enforcement-record questions: the section says 无 rather than nothing.
    expect(pdf.text).toContain(flat('三、2024年度监察记录和本次审查情况无'));
  });

  it("puts the unit's name, code and contact on the filing form, and leaves the roster to write by hand", async () => {
    const doc = filingFormDocument(campaign, enterprise, NOW);
    const pdf = await printed('filing.pdf', doc);
    expect(doc.fileName).toBe('劳动用工备案登记表-昌吉市天山建材有限公司.pdf');
    expect(pdf.text).toContain(flat('劳动用工备案登记表（参考样式）'));
    for (const s of ['昌吉市天山建材有限公司', '91350100M000100Y43', '昌吉市北京南路88号', '张建国', '李红', '0994-2345678', '25 人']) expect(pdf.text).toContain(flat(s));
    for (const s of ['一式三份', '姓名', '身份证号', '岗位', '合同起止日期', '备注']) expect(pdf.text).toContain(flat(s));
  });

  it('writes 无 under the roster of a unit with nobody in labour relations', async () => {
    const pdf = await printed('filing-organ.pdf', filingFormDocument(campaign, organ, NOW));
    expect(pdf.text).toContain(flat('二、劳动用工备案登记花名册无'));
    expect(pdf.text).not.toContain('身份证号');
  });

  it('prints a blank filing form when nothing is known yet', async () => {
    const pdf = await printed('filing-blank.pdf', filingFormDocument(campaign, {}, NOW));
    for (const s of ['单位名称', '统一社会信用代码', '单位地址', '法定代表人', '联系人', '联系电话', '用工人数']) expect(pdf.text).toContain(flat(s));
  });
});
