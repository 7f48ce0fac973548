/**
 * Documents as data: what a printed page shows, built from a campaign and a unit's answers, for any
 * renderer (src/adapters/pdf.ts). Pure: the clock is passed in; every word comes from templates/ or flows/.
 */
import { createHash } from 'node:crypto';
import { chineseNumeral, documents, type DocumentTextKey } from '../../templates/documents.ts';
import type { Campaign, Condition, Material, Source } from './campaign.ts';
import { conditionRefs, holds, type Answers, type OptionValueOf } from './conditions.ts';
import { applicableSteps, findStep, materialQuestionId, optionValueOf, progress, relevantAnswers, steps, type Step } from './engine.ts';
import { evaluate, type Evaluation, type RaisedFinding } from './evaluate.ts';
import { formatAnswer, formatSource } from './present.ts';
import { fill, t, type TextKey, type TextParams } from './text.ts';

/** A table column; `weight` is its share of the line width; short codes (序号, 等级) read best centred. */
export type Column = { title: string; weight: number; align?: 'left' | 'center' };
export type ChecklistItem = { checked: boolean; text: string; detail?: string };
/** A place to sign, stamp or date by hand; `hint` is printed at the end of the line (e.g. 年 月 日). */
export type SignatureField = { label: string; hint?: string };

/** One unit of layout. Empty values and cells are left blank for writing by hand. */
export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'strong' | 'muted'; align?: 'left' | 'center' | 'right' }
  | { kind: 'keyValue'; rows: { key: string; value: string }[] }
  | { kind: 'table'; columns: Column[]; rows: string[][] }
  | { kind: 'checklist'; items: ChecklistItem[] }
  | { kind: 'notice'; title: string; text: string }
  | { kind: 'signature'; fields: SignatureField[] };

export type Document = {
  title: string;
  subtitle: string[];
  /** What to call the file when it is saved or sent (Chinese, ends in .pdf). */
  fileName: string;
  blocks: Block[];
  /** Printed on every page, beside the page number. */
  footer: string[];
  /** The moment the content stands for (generation time, or the notice's date for blank forms): same date, same file. */
  date: Date;
};

/**
 * A file name that is safe on every system and cannot leave its folder: the unit name is typed by the
 * unit, so path separators, reserved characters, control characters and leading dots are replaced.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\/\\:*?"<>|／＼\u0000-\u001f\u007f]/g, '_')
    .replace(/^[.\s]+/, '');
  // At most 200 UTF-8 bytes before ".pdf": file systems count bytes (255), not characters.
  let stem = '';
  for (const char of cleaned.replace(/\.pdf$/i, '')) {
    if (Buffer.byteLength(stem + char) > 200) break;
    stem += char;
  }
  return `${stem || '_'}.pdf`;
}

/** Looks up document wording in templates/documents.ts. */
export function td(key: DocumentTextKey, params: TextParams = {}): string {
  return fill(documents[key], params);
}

/** The question whose option codes split the materials list by unit type (fixed id in every campaign). */
const UNIT_TYPE_QUESTION = 'unit_type';

const section = (n: number, title: string): Block => ({ kind: 'heading', level: 1, text: td('doc.section', { n: chineseNumeral(n), title }) });
const subsection = (n: number, title: string): Block => ({ kind: 'heading', level: 2, text: td('doc.subsection', { n: chineseNumeral(n), title }) });
const paragraph = (text: string, tone: 'normal' | 'strong' | 'muted' = 'normal'): Block => ({ kind: 'paragraph', text, tone });
const withSource = (text: string, source: Source) => td('doc.withSource', { text, source: formatSource(source) });
const itemTitle = (item: number) => t(`item.${item}` as TextKey);
const firstLine = (text: string) => text.split('\n')[0] ?? text;
const orBlank = (v: string | undefined) => v ?? td('doc.notAnswered');
/** Blank forms have no generation time: they carry the notice's date, so they render the same every time. */
const issued = (campaign: Campaign) => new Date(`${campaign.document.issued}T00:00:00Z`);

/** First 12 hex digits of the sha256 of the relevant answers as canonical JSON (sorted keys). */
export function answersHash(campaign: Campaign, answers: Answers): string {
  const relevant = relevantAnswers(campaign, answers);
  const canonical = JSON.stringify(Object.fromEntries(Object.keys(relevant).sort().map((k) => [k, relevant[k]])));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** `now` on the campaign's wall clock, e.g. "2025-03-20 14:05" and "+8". */
function localTime(campaign: Campaign, now: Date): { time: string; offset: string } {
  const h = campaign.utcOffsetHours;
  const iso = new Date(now.getTime() + h * 3_600_000).toISOString();
  return { time: `${iso.slice(0, 10)} ${iso.slice(11, 16)}`, offset: `${h >= 0 ? '+' : '-'}${Math.abs(h)}` };
}

function answerOf(campaign: Campaign, id: string, relevant: Answers): string | undefined {
  const step = findStep(campaign, id);
  return step && id in relevant ? formatAnswer(campaign, step, relevant[id], relevant) : undefined;
}

/** Answered questions of the campaign grouped as the notice groups them: profile, items 1–12, the record. */
function answerGroups(campaign: Campaign, relevant: Answers): { title: string; steps: Step[] }[] {
  const answered = steps(campaign).filter((s) => s.id in relevant && s.phase !== 'materials');
  const groups = [{ title: td('summary.groupProfile'), steps: answered.filter((s) => s.phase === 'identity' || s.phase === 'profile') }];
  for (let item = 1; item <= 12; item++) {
    groups.push({ title: td('summary.groupItem', { n: chineseNumeral(item), title: itemTitle(item) }), steps: answered.filter((s) => s.phase === 'items' && s.item === item) });
  }
  groups.push({ title: t('phase.record'), steps: answered.filter((s) => s.phase === 'record') });
  return groups.filter((g) => g.steps.length > 0);
}

/** Who the unit is and who reviews it; `missing` stands in for what is not answered yet. */
function unitRows(campaign: Campaign, unit: Evaluation['unit'], relevant: Answers, missing: (field: 'answer' | 'bureau') => string) {
  const rows = [
    { key: td('field.unitName'), value: unit.name ?? missing('answer') },
    { key: td('field.creditCode'), value: unit.creditCode ?? missing('answer') },
    { key: td('field.unitType'), value: answerOf(campaign, UNIT_TYPE_QUESTION, relevant) ?? missing('answer') },
    { key: td('field.area'), value: unit.area?.name ?? missing('answer') },
    { key: td('field.bureau'), value: unit.bureau?.name ?? missing('bureau') },
  ];
  if (unit.area?.note) rows.push({ key: td('field.jurisdiction'), value: unit.area.note });
  return rows;
}

function findingsTable(findings: RaisedFinding[]): Block {
  const columns = ['colNo', 'colItem', 'colProblem', 'colLaw', 'colFix'] as const;
  const weights = [5, 12, 30, 22, 31];
  return {
    kind: 'table',
    columns: columns.map((c, i) => ({ title: td(`summary.${c}`), weight: weights[i] ?? 10, ...(i === 0 ? { align: 'center' as const } : {}) })),
    // A finding on a profile question (e.g. the dispatch share) belongs to no review item: name its phase.
    rows: findings.map((f, i) => [String(i + 1), f.item ? itemTitle(f.item) : t('phase.profile'), f.problem, f.basis.map(formatSource).join('；'), f.fix]),
  };
}

const materialItem = (m: Material, checked: boolean, extra?: string): ChecklistItem => {
  const detail = [m.detail, extra].filter(Boolean).join('；');
  return detail ? { checked, text: m.name, detail } : { checked, text: m.name };
};

function deadlineText(e: Evaluation): string {
  const { date, daysLeft } = e.deadline;
  if (daysLeft > 0) return td('summary.deadlineLeft', { date, days: daysLeft });
  if (daysLeft === 0) return td('summary.deadlineToday', { date });
  return td('summary.deadlineOverdue', { date, days: -daysLeft });
}

/** The self-check report: the chat summary on paper, with every answer behind it. */
export function summaryDocument(campaign: Campaign, answers: Answers, now: Date): Document {
  const e = evaluate(campaign, answers, now);
  const relevant = relevantAnswers(campaign, answers);
  const { answered, applicable } = progress(campaign, answers);
  const blocks: Block[] = [paragraph(td('summary.selfCheckOnly'), 'muted')];
  if (e.outOfScope) blocks.push({ kind: 'notice', title: td('summary.outOfScopeTitle'), text: withSource(e.outOfScope.reason, e.outOfScope.source) });
  else if (applicable > answered) blocks.push({ kind: 'notice', title: td('summary.incompleteTitle'), text: td('summary.incomplete', { left: applicable - answered }) });

  blocks.push(section(1, td('summary.hUnit')), { kind: 'keyValue', rows: unitRows(campaign, e.unit, relevant, (f) => td(f === 'bureau' ? 'summary.bureauUnknown' : 'doc.notAnswered')) });

  blocks.push(section(2, td('summary.hResult')));
  if (e.grade) {
    const grade = e.grade.grade;
    blocks.push(paragraph(td('summary.grade', { grade }), 'strong'), {
      kind: 'table',
      columns: [{ title: td('summary.colGrade'), weight: 10, align: 'center' }, { title: td('summary.colReason'), weight: 60 }, { title: td('summary.colBasis'), weight: 30 }],
      rows: e.grade.reasons.map((r) => [td('summary.gradeCell', { grade: r.grade }), r.text, formatSource(r.source)]),
    });
    const c = e.grade.consequence;
    if (c) blocks.push(paragraph(td('summary.consequence', { grade, text: c.text, source: formatSource(c.source) })));
  } else if (e.gradeNotApplicable) {
    blocks.push(paragraph(withSource(e.gradeNotApplicable.text, e.gradeNotApplicable.source), 'strong'));
  }
  const pass = e.verdict.outcome === 'pass';
  blocks.push(paragraph(td(pass ? 'summary.verdictPass' : 'summary.verdictFail', { text: e.verdict.text, source: formatSource(e.verdict.source) }), 'strong'));
  const missingCount = e.missing.upload.length + e.missing.bring.length;
  if (!pass) {
    // Name only the causes there are: "0 项需要整改的问题" reads like a contradiction.
    const causes = [
      ...(e.verdict.violations.length ? [td('summary.causeViolations', { n: e.verdict.violations.length })] : []),
      ...(missingCount ? [td('summary.causeMissing', { n: missingCount })] : []),
    ];
    blocks.push(paragraph(td('summary.verdictCauses', { causes: causes.join('，') })));
  }

  blocks.push(section(3, td('summary.hFindings')));
  const advice = e.findings.filter((f) => f.severity === 'advice');
  if (e.risks.length + advice.length === 0) blocks.push(paragraph(td('summary.noFindings')));
  let sub = 0;
  if (e.risks.length) blocks.push(subsection(++sub, td('summary.hViolations')), findingsTable(e.risks), paragraph(td('summary.risk'), 'strong'));
  if (advice.length) blocks.push(subsection(++sub, td('summary.hAdvice')), findingsTable(advice));

  blocks.push(section(4, td('summary.hMaterials')));
  if (missingCount === 0) blocks.push(paragraph(td('summary.allMaterials')));
  else blocks.push(paragraph(td('summary.materialsHint'), 'muted'));
  sub = 0;
  for (const [list, title] of [['upload', 'summary.hUpload'], ['bring', 'summary.hBring']] as const) {
    const missing = e.missing[list];
    if (missing.length) blocks.push(subsection(++sub, td(title)), { kind: 'checklist', items: missing.map((m, i) => ({ ...materialItem(m, false), text: td('doc.numbered', { n: i + 1, text: m.name }) })) });
  }

  blocks.push(section(5, td('summary.hDeadline')), {
    kind: 'keyValue',
    rows: [
      { key: td('field.window'), value: td('summary.window', { start: campaign.window.start, end: campaign.window.end }) },
      { key: td('field.deadline'), value: deadlineText(e) },
      { key: td('field.bureau'), value: e.unit.bureau?.name ?? td('summary.bureauUnknown') },
      ...(e.unit.bureau ? [{ key: td('field.bureauPhone'), value: e.unit.bureau.phone }] : []),
      { key: td('field.supervision'), value: campaign.supervisionPhone.phone },
      { key: td('field.platform'), value: td('summary.platform', { name: campaign.platform.name, url: campaign.platform.url, login: campaign.platform.login }) },
    ],
  });

  blocks.push(section(6, td('summary.hAnswers')));
  const groups = answerGroups(campaign, relevant);
  if (groups.length === 0) blocks.push(paragraph(td('summary.noAnswers')));
  groups.forEach((g, i) => {
    blocks.push(subsection(i + 1, g.title), {
      kind: 'table',
      columns: [{ title: td('summary.colQuestion'), weight: 65 }, { title: td('summary.colAnswer'), weight: 35 }],
      rows: g.steps.map((s) => [firstLine(s.text), formatAnswer(campaign, s, relevant[s.id], relevant)]),
    });
  });

  blocks.push({ kind: 'notice', title: td('summary.honestyTitle'), text: withSource(campaign.honesty.text, campaign.honesty.source) });

  const params = { campaignId: campaign.id, version: campaign.version, hash: answersHash(campaign, answers) };
  return {
    title: td('summary.title'),
    subtitle: [campaign.title, td('doc.basedOn', { issuer: campaign.document.issuer, number: campaign.document.number })],
    fileName: safeFileName(td('summary.fileName', { unit: e.unit.name ?? td('summary.unnamed') })),
    blocks,
    footer: [td('doc.footerHash', params), td('summary.generated', localTime(campaign, now))],
    date: now,
  };
}

/**
 * Three-valued `holds`: undefined when the answer depends on a question in `unknown`.
 * Lets a blank checklist keep a material that may apply ("20 staff or more") instead of dropping it.
 */
function mayHold(cond: Condition, answers: Answers, unknown: ReadonlySet<string>, ov: OptionValueOf): boolean | undefined {
  if ('all' in cond || 'any' in cond) {
    const parts = 'all' in cond ? cond.all : cond.any;
    const decisive = 'all' in cond ? false : true;
    let result: boolean | undefined = !decisive;
    for (const part of parts) {
      const v = mayHold(part, answers, unknown, ov);
      if (v === decisive) return decisive;
      if (v === undefined) result = undefined;
    }
    return result;
  }
  if ('not' in cond) {
    const v = mayHold(cond.not, answers, unknown, ov);
    return v === undefined ? undefined : !v;
  }
  return conditionRefs(cond).some((id) => unknown.has(id)) ? undefined : holds(cond, answers, ov);
}

/** The materials that may apply, as printable lines: ticked where the unit said it has them. */
function materialSection(campaign: Campaign, answers: Answers, unknown: ReadonlySet<string>): Block[] {
  const ov = optionValueOf(campaign);
  const blocks: Block[] = [];
  let sub = 0;
  for (const [list, title] of [['upload', 'checklist.upload'], ['bring', 'checklist.bring']] as const) {
    const items = campaign.materials.flatMap((m): ChecklistItem[] => {
      if (m.list !== list) return [];
      const applies = m.when ? mayHold(m.when, answers, unknown, ov) : true;
      if (applies === false) return [];
      return [materialItem(m, answers[materialQuestionId(m.id)] === true, applies === undefined ? td('checklist.conditional') : undefined)];
    });
    if (items.length === 0) continue;
    blocks.push(subsection(++sub, td(title)), { kind: 'checklist', items: items.map((it, i) => ({ ...it, text: td('doc.numbered', { n: i + 1, text: it.text }) })) });
  }
  return blocks;
}

/** The notice's attachment as a printable checklist: for the unit's type, or for every type when unknown. */
export function checklistDocument(campaign: Campaign, answers: Answers): Document {
  const relevant = relevantAnswers(campaign, answers);
  const unitType = findStep(campaign, UNIT_TYPE_QUESTION);
  const typeCode = relevant[UNIT_TYPE_QUESTION];
  const name = typeof relevant[campaign.unitNameQuestion] === 'string' ? String(relevant[campaign.unitNameQuestion]) : undefined;
  const blocks: Block[] = [];
  let n = 0;
  if (unitType && typeof typeCode === 'string') {
    // Questions still to be asked are unknown; ones that no longer apply are simply unanswered.
    const unknown = new Set(applicableSteps(campaign, answers).filter((s) => !(s.id in relevant)).map((s) => s.id));
    const label = orBlank(answerOf(campaign, UNIT_TYPE_QUESTION, relevant));
    blocks.push(paragraph(td('checklist.forUnit', { type: label }), 'muted'), section(++n, td('checklist.section', { types: label })), ...materialSection(campaign, relevant, unknown));
  } else {
    blocks.push(paragraph(td('checklist.forAll'), 'muted'));
    // Only the unit type is known in each hypothetical: every other answer may go either way.
    const unknown = new Set(campaign.questions.map((q) => q.id).filter((id) => id !== UNIT_TYPE_QUESTION));
    const byList = new Map<string, { labels: string[]; blocks: Block[] }>();
    for (const option of unitType?.options ?? []) {
      const sectionBlocks = materialSection(campaign, { [UNIT_TYPE_QUESTION]: option.code }, unknown);
      if (sectionBlocks.length === 0) continue;
      const key = JSON.stringify(sectionBlocks);
      const group = byList.get(key) ?? { labels: [], blocks: sectionBlocks };
      group.labels.push(option.label);
      byList.set(key, group);
    }
    if (byList.size === 0) blocks.push(...materialSection(campaign, {}, unknown));
    for (const g of byList.values()) blocks.push(section(++n, td('checklist.section', { types: g.labels.join('、') })), ...g.blocks);
  }
  if (campaign.materialNotes.length) {
    blocks.push(section(++n, td('checklist.notes')), ...campaign.materialNotes.map((note, i) => paragraph(td('doc.listItem', { n: chineseNumeral(i + 1), text: note.text }))));
  }
  return {
    title: td('checklist.title'),
    subtitle: [campaign.title, td('checklist.subtitle', { number: campaign.document.number })],
    fileName: safeFileName(name ? td('checklist.fileNameUnit', { unit: name }) : td('checklist.fileName')),
    blocks,
    footer: [name ? td('doc.footerHash', { campaignId: campaign.id, version: campaign.version, hash: answersHash(campaign, answers) }) : td('doc.footerCampaign', { campaignId: campaign.id, version: campaign.version })],
    date: issued(campaign),
  };
}

const signature = (...labels: ('field.unitSeal' | 'field.principalSign' | 'field.handlerSign' | 'field.reviewerSign')[]): Block => ({
  kind: 'signature',
  fields: [...labels.map((l) => ({ label: td(l) })), { label: td('field.date'), hint: td('field.dateHint') }],
});

/** The 劳动保障书面审查表, pre-filled from the answers, to print in triplicate and sign. */
export function reviewFormDocument(campaign: Campaign, answers: Answers): Document {
  // Only the unit part of the evaluation is printed, so the clock does not matter.
  const e = evaluate(campaign, answers, issued(campaign));
  const relevant = relevantAnswers(campaign, answers);
  const applicable = applicableSteps(campaign, answers).filter((s) => s.phase !== 'materials');
  const filled = (s: Step) => (relevant[s.id] === null || relevant[s.id] === undefined ? '' : formatAnswer(campaign, s, relevant[s.id], relevant));
  const basicIds = new Set([campaign.unitNameQuestion, campaign.creditCodeQuestion, UNIT_TYPE_QUESTION, campaign.areaQuestion]);
  const answerTable = (rows: Step[]): Block[] =>
    rows.length === 0 ? [] : [{ kind: 'table', columns: [{ title: td('review.colQuestion'), weight: 65 }, { title: td('review.colAnswer'), weight: 35 }], rows: rows.map((s) => [firstLine(s.text), filled(s)]) }];

  const itemRows = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((item) => {
    const title = td('doc.subsection', { n: chineseNumeral(item), title: itemTitle(item) });
    const rows = applicable.filter((s) => s.phase === 'items' && s.item === item).map((s, j) => [j === 0 ? title : '', firstLine(s.text), filled(s)]);
    return rows.length ? rows : [[title, td('review.notApplicable'), '']];
  });

  const blocks: Block[] = [
    { kind: 'paragraph', text: td('doc.copies'), tone: 'strong', align: 'right' },
    paragraph(td('review.copies'), 'muted'),
    paragraph(td('review.prefilled'), 'muted'),
    section(1, td('review.hBasic')),
    {
      kind: 'keyValue',
      rows: [
        ...unitRows(campaign, e.unit, relevant, () => ''),
        ...(['field.address', 'field.legalRep', 'field.contact', 'field.phone'] as const).map((k) => ({ key: td(k), value: '' })),
      ],
    },
    ...answerTable(applicable.filter((s) => (s.phase === 'identity' || s.phase === 'profile') && !basicIds.has(s.id))),
    section(2, td('review.hItems')),
    { kind: 'table', columns: [{ title: td('review.colItem'), weight: 22 }, { title: td('review.colQuestion'), weight: 50 }, { title: td('review.colAnswer'), weight: 28 }], rows: itemRows },
    section(3, t('phase.record')),
    ...answerTable(applicable.filter((s) => s.phase === 'record')),
    signature('field.unitSeal', 'field.principalSign'),
    section(4, td('review.hOpinion')),
    { kind: 'checklist', items: (['review.opinionPass', 'review.opinionFail', 'review.opinionOnSite'] as const).map((k) => ({ checked: false, text: td(k) })) },
    signature('field.reviewerSign'),
  ];
  return {
    title: td('review.title'),
    subtitle: [campaign.title],
    fileName: safeFileName(td('review.fileName', { unit: e.unit.name ?? td('summary.unnamed') })),
    blocks,
    footer: [td('doc.footerHash', { campaignId: campaign.id, version: campaign.version, hash: answersHash(campaign, answers) })],
    date: issued(campaign),
  };
}

/** A blank 劳动用工备案登记表 with its roster, to print in triplicate and fill in by hand. */
export function filingFormDocument(campaign: Campaign, options: { rosterRows?: number } = {}): Document {
  const rows = options.rosterRows ?? 20;
  const columns = [['filing.colNo', 6], ['filing.colName', 13], ['filing.colId', 27], ['filing.colPost', 14], ['filing.colTerm', 24], ['filing.colNote', 16]] as const;
  const blocks: Block[] = [
    { kind: 'paragraph', text: td('doc.copies'), tone: 'strong', align: 'right' },
    paragraph(td('filing.copies'), 'muted'),
    section(1, td('filing.hUnit')),
    {
      kind: 'keyValue',
      rows: (['field.unitName', 'field.creditCode', 'field.address', 'field.legalRep', 'field.contact', 'field.phone', 'field.headcount'] as const).map((k) => ({ key: td(k), value: '' })),
    },
    section(2, td('filing.hRoster')),
    paragraph(td('filing.rosterNote'), 'muted'),
    { kind: 'table', columns: columns.map(([k, weight], i) => ({ title: td(k), weight, ...(i === 0 ? { align: 'center' as const } : {}) })), rows: Array.from({ length: rows }, (_, i) => [String(i + 1), '', '', '', '', '']) },
    signature('field.unitSeal', 'field.handlerSign'),
  ];
  return {
    title: td('filing.title'),
    subtitle: [campaign.title],
    fileName: td('filing.fileName'),
    blocks,
    footer: [td('doc.footerCampaign', { campaignId: campaign.id, version: campaign.version })],
    date: issued(campaign),
  };
}
