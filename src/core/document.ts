/**
 * Documents as data: what a printed page shows, built from a campaign and a unit's answers, for any
 * renderer (src/adapters/pdf/render.ts). Pure: the clock is passed in; every word comes from templates/ or flows/.
 */
import { createHash } from 'node:crypto';
import { chineseNumeral, documents, type DocumentTextKey } from '../../templates/documents.ts';
import type { Campaign, Form, Material, Source } from './campaign.ts';
import { formPosition, formResult } from './forms.ts';
import { mayHold, type Answers } from './conditions.ts';
import { answeredSteps, assess, findStep, materialQuestionId, questionText, type Assessment, type Step } from './engine.ts';
import { evaluate, type Evaluation, type RaisedFinding } from './evaluate.ts';
import { formatAnswer, formatSource, phaseTitle } from './present.ts';
import { basisText, formWords, gradeLines, tallyLine, toVerifyLine } from './summary-text.ts';
import { authorityOf, phoneOf, validityOf } from './campaign-facts.ts';
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
  | { kind: 'signature'; fields: SignatureField[] }
  /** Horizontal stacked bars, one per label (an area), one segment per series (a status), with a legend. */
  | { kind: 'barChart'; series: string[]; bars: { label: string; values: number[] }[] };

export type Document = {
  title: string;
  subtitle: string[];
  /** What to call the file when it is saved or sent (Chinese, ends in .pdf). */
  fileName: string;
  blocks: Block[];
  /** Printed on every page, beside the page number. */
  footer: string[];
  /** The moment the content stands for (generation time, or the notice's date for forms): same date, same file. */
  date: Date;
};

/**
 * A file name that is safe on every system and cannot leave its folder: the unit name is typed by the
 * unit, so path separators, reserved characters, control characters and leading dots are replaced.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\/\\:*?"<>|／＼\u0000-\u001f\u007f\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '_')
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

const section = (n: number, title: string): Block => ({ kind: 'heading', level: 1, text: td('doc.section', { n: chineseNumeral(n), title }) });
const subsection = (n: number, title: string): Block => ({ kind: 'heading', level: 2, text: td('doc.subsection', { n: chineseNumeral(n), title }) });
const paragraph = (text: string, tone: 'normal' | 'strong' | 'muted' = 'normal'): Block => ({ kind: 'paragraph', text, tone });
const withSource = (text: string, source: Source) => td('doc.withSource', { text, source: formatSource(source) });
/** Past the document's period of validity, every document says so first. */
export function validityBlocks(campaign: Campaign, now: Date): Block[] {
  const v = validityOf(campaign, now);
  if (!v?.lapsed) return [];
  return [{ kind: 'notice', title: td('doc.validityTitle'), text: td('doc.validityLapsed', { from: v.from, until: v.until, source: formatSource(v.source), authority: authorityOf(campaign) }) }];
}
const itemTitle = (item: number) => t(`item.${item}` as TextKey);
const firstLine = (text: string) => text.split('\n')[0] ?? text;
/** Forms carry the notice's date, so the same answers print the same form every time. */
const issued = (campaign: Campaign) => new Date(`${campaign.document.issued}T00:00:00Z`);
/** The footer names the campaign in words and its version: ids are for machines, not for paper. */
const footerCampaign = (campaign: Campaign) => td('doc.footerCampaign', { campaign: campaign.shortTitle, version: campaign.version });
const footerHash = (campaign: Campaign, answers: Answers, now: Date, extra?: Answers) =>
  td('doc.footerHash', { campaign: campaign.shortTitle, version: campaign.version, hash: answersHash(campaign, answers, now, extra) });

/**
 * First 12 hex digits of the sha256 of the relevant answers as canonical JSON (sorted keys); `extra` are
 * answers outside the checklist that the paper also prints (a form's own, as `objection.ground`).
 */
export function answersHash(campaign: Campaign, answers: Answers, now: Date, extra: Answers = {}): string {
  const { relevant } = assess(campaign, answers, now);
  const all: Answers = { ...relevant, ...extra };
  const canonical = JSON.stringify(Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]])));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** `now` on the campaign's wall clock, e.g. "2025-03-20 14:05" and "+8". */
function localTime(campaign: Campaign, now: Date): { time: string; offset: string } {
  const h = campaign.utcOffsetHours;
  const iso = new Date(now.getTime() + h * 3_600_000).toISOString();
  return { time: `${iso.slice(0, 10)} ${iso.slice(11, 16)}`, offset: `${h >= 0 ? '+' : '-'}${Math.abs(h)}` };
}

function answerOf(a: Assessment, id: string | undefined): string | undefined {
  const step = id === undefined ? undefined : findStep(a.campaign, id);
  return step && id !== undefined && id in a.relevant ? formatAnswer(a, step, a.relevant[id]) : undefined;
}

/** Answered questions grouped as the notice groups them: profile, items 1–12 (or unnumbered review questions), the record. */
function answerGroups(a: Assessment): { title: string; steps: Step[] }[] {
  const answered = a.applicable.filter((s) => s.id in a.relevant && s.phase !== 'materials' && s.phase !== 'contact');
  const groups = [{ title: td('summary.groupProfile'), steps: answered.filter((s) => s.phase === 'identity' || s.phase === 'profile') }];
  for (let item = 1; item <= 12; item++) {
    groups.push({ title: td('summary.groupItem', { n: chineseNumeral(item), title: itemTitle(item) }), steps: answered.filter((s) => s.phase === 'items' && s.item === item) });
  }
  // Review questions without an item number (Wenshui's self-check, a plain checklist) under the phase's own title.
  groups.push({ title: phaseTitle(a.campaign, 'items'), steps: answered.filter((s) => s.phase === 'items' && s.item === undefined) });
  groups.push({ title: phaseTitle(a.campaign, 'record'), steps: answered.filter((s) => s.phase === 'record') });
  return groups.filter((g) => g.steps.length > 0);
}

/** Who the unit is and who reviews it; `missing` stands in for what is not answered yet. */
function unitRows(a: Assessment, unit: Evaluation['unit'], missing: (field: 'answer' | 'bureau') => string) {
  const { unitFields, bureaus } = a.campaign;
  // A campaign that asks no unit type or area, or names no bureaus (a plain checklist), prints no such rows.
  const rows = [
    { key: td('field.unitName'), value: unit.name ?? missing('answer') },
    { key: td('field.creditCode'), value: unit.creditCode ?? missing('answer') },
    ...(unitFields.unitType !== undefined ? [{ key: td('field.unitType'), value: answerOf(a, unitFields.unitType) ?? missing('answer') }] : []),
    ...(unitFields.area !== undefined ? [{ key: td('field.area'), value: unit.area?.name ?? missing('answer') }] : []),
    ...(bureaus.length > 0 ? [{ key: authorityOf(a.campaign), value: unit.bureau?.name ?? missing('bureau') }] : []),
  ];
  if (unit.area?.note) rows.push({ key: td('field.jurisdiction'), value: unit.area.note });
  return rows;
}

/** The rows a form's unit block needs, filled as far as the chat knows; blank lines are for writing by hand. */
function formContactRows(unit: Evaluation['unit']) {
  return [
    { key: td('field.address'), value: unit.address ?? '' },
    { key: td('field.legalRep'), value: unit.legalRep ?? '' },
    { key: td('field.contact'), value: unit.contactPerson ?? '' },
    { key: td('field.phone'), value: unit.contactPhone ?? '' },
  ];
}

function findingsTable(campaign: Campaign, findings: RaisedFinding[]): Block {
  const columns = ['colNo', campaign.review ? 'colItem' : 'colTopic', 'colProblem', 'colLaw', 'colFix'] as const;
  const weights = [5, 12, 30, 22, 31];
  return {
    kind: 'table',
    columns: columns.map((c, i) => ({ title: td(`summary.${c}`), weight: weights[i] ?? 10, ...(i === 0 ? { align: 'center' as const } : {}) })),
    // A finding on a question outside the review items (or in a campaign without them) is named by its phase.
    rows: findings.map((f, i) => [String(i + 1), f.item ? itemTitle(f.item) : phaseTitle(campaign, findStep(campaign, f.questionId)?.phase ?? 'profile'), f.problem, basisText(f), f.fix]),
  };
}

const materialItem = (m: Material, checked: boolean, extra?: string): ChecklistItem => {
  const detail = [m.detail, extra, m.note ? withSource(m.note.text, m.note.source) : undefined].filter(Boolean).join(t('sep.list'));
  return detail ? { checked, text: m.name, detail } : { checked, text: m.name };
};

function deadlineText(e: Evaluation): string {
  if (!e.deadline) return '';
  const { date, daysLeft } = e.deadline;
  if (daysLeft > 0) return td('summary.deadlineLeft', { date, days: daysLeft });
  if (daysLeft === 0) return td('summary.deadlineToday', { date });
  // The A cap for late reviews is said only to units the campaign grades.
  return td('summary.deadlineOverdue', { date, days: -daysLeft }) + (e.grade ? td('summary.deadlineOverdueCap') : '');
}

/** The self-check report: the chat summary on paper, with every answer behind it. */
export function summaryDocument(campaign: Campaign, answers: Answers, now: Date): Document {
  const e = evaluate(campaign, answers, now);
  const a = assess(campaign, answers, now);
  const unanswered = a.excludedBy ? 0 : a.applicable.length - a.answered;
  const blocks: Block[] = [...validityBlocks(campaign, now), paragraph(td('summary.selfCheckOnly'), 'muted')];
  // Sections are numbered as they come: a campaign without a written review has no materials section.
  let n = 0;
  if (e.outOfScope) blocks.push({ kind: 'notice', title: td('summary.outOfScopeTitle'), text: withSource(e.outOfScope.reason, e.outOfScope.source) });
  else if (unanswered > 0) blocks.push({ kind: 'notice', title: td('summary.incompleteTitle'), text: td('summary.incomplete', { left: unanswered }) });

  blocks.push(section(++n, td('summary.hUnit')), { kind: 'keyValue', rows: unitRows(a, e.unit, (f) => td(f === 'bureau' ? 'summary.bureauUnknown' : 'doc.notAnswered')) });

  // A plain checklist grades nothing and judges nothing: no such section (its tally heads the answers).
  const judged = campaign.rating !== undefined || campaign.review !== undefined;
  if (judged) blocks.push(section(++n, td(campaign.review ? 'summary.hResult' : 'summary.hGrade')));
  if (e.grade) {
    const [headline, ...rest] = gradeLines(e);
    blocks.push(paragraph(headline ?? '', 'strong'), {
      kind: 'table',
      columns: [{ title: td('summary.colGrade'), weight: 10, align: 'center' }, { title: td('summary.colReason'), weight: 60 }, { title: td('summary.colBasis'), weight: 30 }],
      rows: e.grade.reasons.map((r) => [td('summary.gradeCell', { grade: r.grade }), r.text, formatSource(r.source)]),
    });
    // The qualifications (reference only, reported violations, to verify, consequence) under the reasons table.
    const reasonLines = new Set(e.grade.reasons.map((r) => t('summary.reason', { text: r.text, source: formatSource(r.source) })));
    for (const line of rest.filter((l) => !reasonLines.has(l))) blocks.push(paragraph(line));
  } else if (e.gradeNotApplicable) {
    blocks.push(paragraph(withSource(e.gradeNotApplicable.text, e.gradeNotApplicable.source), 'strong'));
  }
  const outcome = e.verdict?.outcome;
  const todoFindings = e.findings.filter((f) => f.severity === 'todo');
  if (e.verdict) blocks.push(paragraph(td(`summary.verdict.${e.verdict.outcome}`, { text: e.verdict.text, source: formatSource(e.verdict.source) }), 'strong'));
  const missingCount = e.missing.upload.length + e.missing.bring.length;
  if (e.verdict && outcome === 'fail') blocks.push(paragraph(td('summary.failCause', { n: e.verdict.violations.length })));
  if (outcome === 'pending') {
    // Name only the to-dos there are: "0 项待核实" reads like a contradiction.
    const todos = [
      ...(missingCount ? [td('summary.todoMissing', { n: missingCount })] : []),
      ...(e.toVerify.length ? [td('summary.todoVerify', { n: e.toVerify.length })] : []),
      ...todoFindings.map((f) => f.problem.replace(/。$/u, '')),
      ...(unanswered ? [td('summary.todoUnanswered', { n: unanswered })] : []),
    ];
    blocks.push(paragraph(td('summary.pendingTodos', { todos: todos.join(t('sep.clause')) })));
  }

  if (e.disclosure) {
    blocks.push(section(++n, td('summary.hDisclosure')), paragraph(withSource(e.disclosure.intro, e.disclosure.source), 'strong'), {
      kind: 'keyValue',
      rows: e.disclosure.fields.map((f) => ({ key: f.label, value: f.value ?? td('summary.disclosureBlank') })),
    });
  }

  blocks.push(section(++n, td('summary.hFindings')));
  const advice = e.findings.filter((f) => f.severity === 'advice');
  if (e.risks.length + advice.length + e.toVerify.length + todoFindings.length === 0) blocks.push(paragraph(td('summary.noFindings')));
  let sub = 0;
  if (e.risks.length) blocks.push(subsection(++sub, td('summary.hViolations')), findingsTable(campaign, e.risks), paragraph(td(e.grade ? 'summary.risk' : 'summary.riskUngraded'), 'strong'));
  if (todoFindings.length) blocks.push(subsection(++sub, td('summary.hTodo')), findingsTable(campaign, todoFindings));
  if (e.toVerify.length) {
    blocks.push(subsection(++sub, td('summary.hVerify')), { kind: 'checklist', items: e.toVerify.map((v, i) => ({ checked: false, text: td('doc.numbered', { n: i + 1, text: toVerifyLine(v) }) })) });
  }
  if (advice.length) blocks.push(subsection(++sub, td('summary.hAdvice')), findingsTable(campaign, advice));

  if (campaign.materials.length) {
    blocks.push(section(++n, td('summary.hMaterials')));
    // Before the unit type is known no material is needed yet: nothing to call ready.
    if (e.materials.upload.length + e.materials.bring.length === 0) blocks.push(paragraph(td('summary.materialsNotYet'), 'muted'));
    else if (missingCount === 0) blocks.push(paragraph(td('summary.allMaterials')));
    else blocks.push(paragraph(td(e.deadline?.overdue ? 'summary.materialsHintOverdue' : 'summary.materialsHint'), 'muted'));
    sub = 0;
    for (const [list, title] of [['upload', 'summary.hUpload'], ['bring', 'summary.hBring']] as const) {
      const missing = e.missing[list];
      if (missing.length) blocks.push(subsection(++sub, td(title)), { kind: 'checklist', items: missing.map((m, i) => ({ ...materialItem(m, false), text: td('doc.numbered', { n: i + 1, text: m.name }) })) });
    }
  }

  const review = campaign.review;
  const rows: { key: string; value: string }[] = [
    ...(review ? [{ key: td('field.window'), value: td('summary.window', { start: review.window.start, end: review.window.end }) }, { key: td('field.deadline'), value: deadlineText(e) }] : []),
    ...(campaign.bureaus.length > 0 ? [{ key: authorityOf(campaign), value: e.unit.bureau?.name ?? td('summary.bureauUnknown') }] : []),
    ...(e.unit.bureau ? [{ key: td('field.bureauPhone'), value: phoneOf(e.unit.bureau) }] : []),
    ...(campaign.supervisionPhone ? [{ key: td('field.supervision'), value: campaign.supervisionPhone.phone }] : []),
    ...(review ? [{ key: td('field.platform'), value: td('summary.platform', { name: review.platform.name, url: review.platform.url, login: review.platform.login }) }] : []),
    ...(campaign.forms.length ? [{ key: td('field.forms'), value: td('summary.formsValue', { words: formWords(campaign) }) }] : []),
  ];
  if (rows.length) blocks.push(section(++n, td(review ? 'summary.hDeadline' : 'summary.hContact')), { kind: 'keyValue', rows });
  const notes = campaign.notes.filter((n) => n.show.includes('summary'));
  if (notes.length) blocks.push(subsection(1, td('summary.hNotes')), ...notes.map((n, i) => paragraph(td('doc.numbered', { n: i + 1, text: withSource(n.text, n.source) }))));

  blocks.push(section(++n, td('summary.hAnswers')));
  if (!judged) blocks.push(paragraph(tallyLine(e)));
  const groups = answerGroups(a);
  if (groups.length === 0) blocks.push(paragraph(td('summary.noAnswers')));
  groups.forEach((g, i) => {
    blocks.push(subsection(i + 1, g.title), {
      kind: 'table',
      columns: [{ title: td('summary.colQuestion'), weight: 65 }, { title: td('summary.colAnswer'), weight: 35 }],
      rows: g.steps.map((s) => [firstLine(questionText(a, s)), formatAnswer(a, s, a.relevant[s.id])]),
    });
  });

  if (campaign.honesty) blocks.push({ kind: 'notice', title: td('summary.honestyTitle'), text: withSource(campaign.honesty.text, campaign.honesty.source) });

  return {
    title: td(campaign.review ? 'summary.title' : 'summary.titleCredit'),
    subtitle: [campaign.title, td('doc.basedOn', { issuer: campaign.document.issuer, number: campaign.document.number })],
    fileName: safeFileName(td(campaign.review ? 'summary.fileName' : 'summary.fileNameCredit', { unit: e.unit.name ?? td('summary.unnamed') })),
    blocks,
    footer: [footerHash(campaign, answers, now), td('summary.generated', localTime(campaign, now))],
    date: now,
  };
}

/** The materials that may apply, as printable lines: ticked where the unit said it has them. */
function materialSection(a: Assessment, answers: Answers, open: (id: string) => boolean): Block[] {
  const blocks: Block[] = [];
  let sub = 0;
  for (const [list, title] of [['upload', 'checklist.upload'], ['bring', 'checklist.bring']] as const) {
    const items = a.campaign.materials.flatMap((m): ChecklistItem[] => {
      if (m.list !== list) return [];
      const applies = m.when ? mayHold(m.when, answers, open, a.ctx) : true;
      if (applies === false) return [];
      return [materialItem(m, answers[materialQuestionId(m.id)] === true, applies === undefined ? td('checklist.conditional') : undefined)];
    });
    if (items.length === 0) continue;
    blocks.push(subsection(++sub, td(title)), { kind: 'checklist', items: items.map((it, i) => ({ ...it, text: td('doc.numbered', { n: i + 1, text: it.text }) })) });
  }
  return blocks;
}

/** The notice's attachment as a printable checklist: for the unit's type, or for every type when unknown. */
export function checklistDocument(campaign: Campaign, answers: Answers, now: Date): Document {
  const a = assess(campaign, answers, now);
  const { unitType: typeId, name: nameId } = campaign.unitFields;
  const unitType = typeId === undefined ? undefined : findStep(campaign, typeId);
  const typeCode = unitType ? a.relevant[unitType.id] : undefined;
  const nameValue = nameId === undefined ? undefined : a.relevant[nameId];
  const name = typeof nameValue === 'string' ? nameValue : undefined;
  const blocks: Block[] = [...validityBlocks(campaign, now)];
  let n = 0;
  if (unitType && typeof typeCode === 'string') {
    // Questions still to be asked are open; ones that no longer apply are simply unanswered.
    const open = new Set(a.applicable.filter((s) => !(s.id in a.relevant)).map((s) => s.id));
    const label = answerOf(a, typeId) ?? td('doc.notAnswered');
    blocks.push(paragraph(td('checklist.forUnit', { type: label }), 'muted'), section(++n, td('checklist.section', { types: label })), ...materialSection(a, a.relevant, (id) => open.has(id)));
  } else {
    blocks.push(paragraph(td('checklist.forAll'), 'muted'));
    // Only the unit type is known in each hypothetical: every other answer may go either way.
    const open = (id: string) => id !== typeId;
    const byList = new Map<string, { labels: string[]; blocks: Block[] }>();
    for (const option of unitType?.options ?? []) {
      const sectionBlocks = materialSection(a, { [unitType?.id ?? '']: option.code }, open);
      if (sectionBlocks.length === 0) continue;
      const key = JSON.stringify(sectionBlocks);
      const group = byList.get(key) ?? { labels: [], blocks: sectionBlocks };
      group.labels.push(option.label);
      byList.set(key, group);
    }
    if (byList.size === 0) blocks.push(...materialSection(a, {}, open));
    for (const g of byList.values()) blocks.push(section(++n, td('checklist.section', { types: g.labels.join(t('sep.enum')) })), ...g.blocks);
  }
  if (campaign.materialNotes.length) {
    blocks.push(section(++n, td('checklist.notes')), ...campaign.materialNotes.map((note, i) => paragraph(td('doc.listItem', { n: chineseNumeral(i + 1), text: note.text }))));
  }
  return {
    title: td('checklist.title'),
    subtitle: [campaign.title, td('checklist.subtitle', { number: campaign.document.number })],
    fileName: safeFileName(name ? td('checklist.fileNameUnit', { unit: name }) : td('checklist.fileName')),
    blocks,
    footer: [name ? footerHash(campaign, answers, now) : footerCampaign(campaign)],
    date: issued(campaign),
  };
}

const signature = (...labels: ('field.unitSeal' | 'field.principalSign' | 'field.handlerSign' | 'field.reviewerSign')[]): Block => ({
  kind: 'signature',
  fields: [...labels.map((l) => ({ label: td(l) })), { label: td('field.date'), hint: td('field.dateHint') }],
});

/** What a reference layout says of itself: the official form comes from the platform or the bureau. */
const referenceNotice = (form: string): Block => ({ kind: 'notice', title: td('form.referenceTitle'), text: td('form.referenceText', { form }) });

/** A reference layout of the 劳动保障书面审查表, filled as far as the chat knows, to check against the official form. */
export function reviewFormDocument(campaign: Campaign, answers: Answers, now: Date): Document {
  const e = evaluate(campaign, answers, now);
  const a = assess(campaign, answers, now);
  const applicable = a.applicable.filter((s) => s.phase !== 'materials' && s.phase !== 'contact');
  const filled = (s: Step) => (a.relevant[s.id] === null || a.relevant[s.id] === undefined ? '' : formatAnswer(a, s, a.relevant[s.id]));
  const f = campaign.unitFields;
  const basicIds = new Set([f.name, f.creditCode, f.unitType, f.area]);
  const answerTable = (rows: Step[]): Block[] =>
    rows.length === 0
      ? [paragraph(td('form.none'))]
      : [{ kind: 'table', columns: [{ title: td('review.colQuestion'), weight: 65 }, { title: td('review.colAnswer'), weight: 35 }], rows: rows.map((s) => [firstLine(questionText(a, s)), filled(s)]) }];

  const itemRows = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((item) => {
    const title = td('doc.subsection', { n: chineseNumeral(item), title: itemTitle(item) });
    const rows = applicable.filter((s) => s.phase === 'items' && s.item === item).map((s, j) => [j === 0 ? title : '', firstLine(questionText(a, s)), filled(s)]);
    return rows.length ? rows : [[title, td('review.notApplicable'), td('form.none')]];
  });

  const blocks: Block[] = [
    ...validityBlocks(campaign, now),
    { kind: 'paragraph', text: td('doc.copies'), tone: 'strong', align: 'right' },
    referenceNotice(td('review.formName')),
    paragraph(td('review.copies'), 'muted'),
    paragraph(td('review.prefilled'), 'muted'),
    section(1, td('review.hBasic')),
    { kind: 'keyValue', rows: [...unitRows(a, e.unit, () => ''), ...formContactRows(e.unit)] },
    ...answerTable(applicable.filter((s) => (s.phase === 'identity' || s.phase === 'profile') && !basicIds.has(s.id))),
    section(2, td('review.hItems')),
    { kind: 'table', columns: [{ title: td('review.colItem'), weight: 22 }, { title: td('review.colQuestion'), weight: 50 }, { title: td('review.colAnswer'), weight: 28 }], rows: itemRows },
    section(3, phaseTitle(campaign, 'record')),
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
    footer: [footerHash(campaign, answers, now)],
    date: issued(campaign),
  };
}

/** A reference layout of the 劳动用工备案登记表 with its roster: the unit's data filled in, the roster left to write by hand. */
export function filingFormDocument(campaign: Campaign, answers: Answers, now: Date, options: { rosterRows?: number } = {}): Document {
  const e = evaluate(campaign, answers, now);
  const a = assess(campaign, answers, now);
  const rows = options.rosterRows ?? 20;
  const columns = [['filing.colNo', 6], ['filing.colName', 13], ['filing.colId', 27], ['filing.colPost', 14], ['filing.colTerm', 24], ['filing.colNote', 16]] as const;
  const headcountId = campaign.unitFields.headcount;
  const headcount = headcountId ? answerOf(a, headcountId) : undefined;
  const nobody = headcountId !== undefined && a.relevant[headcountId] === 0;
  const blocks: Block[] = [
    ...validityBlocks(campaign, now),
    { kind: 'paragraph', text: td('doc.copies'), tone: 'strong', align: 'right' },
    referenceNotice(td('filing.formName')),
    paragraph(td('filing.copies'), 'muted'),
    section(1, td('filing.hUnit')),
    {
      kind: 'keyValue',
      rows: [
        { key: td('field.unitName'), value: e.unit.name ?? '' },
        { key: td('field.creditCode'), value: e.unit.creditCode ?? '' },
        ...formContactRows(e.unit),
        { key: td('field.headcount'), value: headcount ?? '' },
      ],
    },
    section(2, td('filing.hRoster')),
    // Nobody in labour relations: the roster section says 无 rather than offering empty lines.
    ...(nobody
      ? [paragraph(td('form.none'))]
      : [
          paragraph(td('filing.rosterNote'), 'muted'),
          { kind: 'table', columns: columns.map(([k, weight], i) => ({ title: td(k), weight, ...(i === 0 ? { align: 'center' as const } : {}) })), rows: Array.from({ length: rows }, (_, i) => [String(i + 1), '', '', '', '', '']) } as Block,
        ]),
    signature('field.unitSeal', 'field.handlerSign'),
  ];
  return {
    title: td('filing.title'),
    subtitle: [campaign.title],
    fileName: safeFileName(e.unit.name ? td('filing.fileNameUnit', { unit: e.unit.name }) : td('filing.fileName')),
    blocks,
    footer: [e.unit.name ? footerHash(campaign, answers, now) : footerCampaign(campaign)],
    date: issued(campaign),
  };
}

/**
 * A completed form (异议申请, 信用修复申请) to print, sign, stamp and hand in: who the unit is, what it
 * answered, the dates that follow (with their basis), what happens next.
 */
export function formDocument(campaign: Campaign, form: Form, answers: Answers, formAnswers: Answers, now: Date): Document {
  const e = evaluate(campaign, answers, now);
  const at = formPosition(campaign, form, formAnswers, now);
  const result = formResult(campaign, form, formAnswers, now);
  const blocks: Block[] = [
    ...validityBlocks(campaign, now),
    paragraph(withSource(form.intro, form.source), 'muted'),
    section(1, td('formDoc.hUnit')),
    {
      kind: 'keyValue',
      rows: [
        { key: td('field.unitName'), value: e.unit.name ?? '' },
        { key: td('field.creditCode'), value: e.unit.creditCode ?? '' },
        { key: td('field.legalRep'), value: e.unit.legalRep ?? '' },
        { key: td('field.contact'), value: e.unit.contactPerson ?? '' },
        { key: td('field.phone'), value: e.unit.contactPhone ?? '' },
        { key: td('formDoc.to'), value: e.unit.bureau?.name ?? '' },
      ],
    },
    section(2, td('formDoc.hContent')),
    {
      kind: 'table',
      columns: [{ title: td('summary.colQuestion'), weight: 55 }, { title: td('summary.colAnswer'), weight: 45 }],
      // A skipped answer is a blank to write in by hand on the printed form.
      rows: answeredSteps(at).map((s) => [firstLine(questionText(at, s)), at.relevant[s.id] === null ? '' : formatAnswer(at, s, at.relevant[s.id])]),
    },
  ];
  if (result.dates.length) {
    blocks.push(section(3, td('formDoc.hDates')), {
      kind: 'table',
      columns: [{ title: td('formDoc.colWhat'), weight: 30 }, { title: td('formDoc.colDate'), weight: 18, align: 'center' }, { title: td('summary.colBasis'), weight: 52 }],
      rows: result.dates.map((d) => [d.rule.label, d.date, `${fill(d.rule.text, { date: d.date })}（${formatSource(d.rule.source)}）`]),
    });
    const estimated = result.dates.find((d) => !d.holidaysKnown);
    blocks.push(paragraph(estimated ? td('formDoc.estimated', { year: estimated.date.slice(0, 4) }) : td('formDoc.workingDays'), 'muted'));
  }
  if (result.steps.length) blocks.push(section(result.dates.length ? 4 : 3, td('formDoc.hNext')), ...result.steps.map((s, i) => paragraph(td('doc.numbered', { n: i + 1, text: withSource(s.text, s.source) }))));
  blocks.push(signature('field.unitSeal', 'field.handlerSign'));
  return {
    title: form.title,
    subtitle: [campaign.title, td('doc.basedOn', { issuer: campaign.document.issuer, number: campaign.document.number })],
    fileName: safeFileName(td('formDoc.fileName', { title: form.title, unit: e.unit.name ?? td('summary.unnamed') })),
    blocks,
    footer: [footerHash(campaign, answers, now, Object.fromEntries(Object.entries(formAnswers).map(([k, v]) => [`${form.id}.${k}`, v]))), td('summary.generated', localTime(campaign, now))],
    date: now,
  };
}
