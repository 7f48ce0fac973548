/** The self-check result as chat text: grade and reasons, outcome and what to do, materials, deadline, contacts. */
import type { Campaign, Material } from './campaign.ts';
import type { Evaluation, RaisedFinding, ToVerify } from './evaluate.ts';
import { authorityOf, phoneOf } from './campaign-facts.ts';
import { formatSource } from './present.ts';
import type { FormResult } from './forms.ts';
import { fill, t } from './text.ts';

const materialLine = (m: Material) => t('summary.material', { name: m.name, detail: m.detail ? t('material.detail', { detail: m.detail }) : '' });

/** "请核实：…" for an answer of 不确定, "请补答：…" for a skipped question. */
export const toVerifyLine = (v: ToVerify) => t(v.reason === 'unknown' ? 'summary.verifyUnknown' : 'summary.verifySkipped', { question: v.question });

export function deadlineLine(e: Evaluation): string | undefined {
  if (!e.deadline) return undefined;
  const { date, daysLeft } = e.deadline;
  if (daysLeft > 0) return t('summary.deadline', { date, days: daysLeft });
  if (daysLeft === 0) return t('summary.deadlineToday', { date });
  // The A cap for late reviews only concerns units the campaign grades.
  return t('summary.overdue', { date, days: -daysLeft }) + (e.grade ? t('summary.overdueCap') : '');
}

export function bureauLine(campaign: Campaign, e: Evaluation): string | undefined {
  // A bare checklist names no bureau: nothing to say.
  if (campaign.bureaus.length === 0 && !campaign.supervisionPhone) return undefined;
  const supervision = campaign.supervisionPhone ? t('summary.supervision', { phone: campaign.supervisionPhone.phone }) : '';
  const authority = authorityOf(campaign);
  return e.unit.bureau
    ? t('summary.bureau', { authority, bureau: e.unit.bureau.name, phone: phoneOf(e.unit.bureau), supervision })
    : t('summary.bureauUnknown', { authority, supervision });
}

/** What a provisional grade whose holders are published would publish about the unit. */
export function disclosureLines(e: Evaluation): string[] {
  if (!e.disclosure) return [];
  return [
    t('summary.disclosureTitle', { intro: e.disclosure.intro, source: formatSource(e.disclosure.source) }),
    ...e.disclosure.fields.map((f) => t('summary.disclosureField', { label: f.label, value: f.value ?? t('summary.disclosureBlank') })),
  ];
}

/** The words that start the campaign's side conversations (异议, 修复), or '' when it has none. */
export const formWords = (campaign: Campaign): string => campaign.forms.map((f) => `“${f.words[0]}”`).join(t('sep.enum'));

/** The grade headline and what qualifies it: reference only, reported violations, answers to verify. */
export function gradeLines(e: Evaluation): string[] {
  const out: string[] = [];
  if (e.grade) {
    const g = e.grade;
    out.push(t(g.qualified ? 'summary.gradeQualified' : 'summary.grade', { grade: g.grade, cap: g.qualified?.grade ?? '' }));
    if (g.reference) out.push(t('summary.gradeReference', { text: g.reference.text, source: formatSource(g.reference.source) }));
    for (const r of g.reasons) out.push(t('summary.reason', { text: r.text, source: formatSource(r.source) }));
    if (g.qualified) out.push(t('summary.qualified', { n: e.risks.length, text: g.qualified.text, source: formatSource(g.qualified.source) }));
    if (g.uncertain.length) out.push(t('summary.gradeUncertain', { n: g.uncertain.length }));
    for (const c of g.caveats) out.push(t('summary.caveat', { text: c.text, source: formatSource(c.source) }));
    for (const c of g.consequences) out.push(t('summary.consequence', { grade: g.grade, text: c.text, source: formatSource(c.source) }));
  } else if (e.gradeNotApplicable) {
    out.push(t('summary.noGrade', { text: e.gradeNotApplicable.text, source: formatSource(e.gradeNotApplicable.source) }));
  }
  return out;
}

/** Several sources of one rule, as one line. */
export const basisText = (f: RaisedFinding) => f.basis.map(formatSource).join(t('sep.list'));
const findingLine = (f: RaisedFinding, i: number) => t('summary.finding', { n: i + 1, problem: f.problem, basis: basisText(f), fix: f.fix });

/** Past the document's period of validity: said first, on every summary. */
export function validityLine(campaign: Campaign, e: Evaluation): string | undefined {
  const v = e.validity;
  return v?.lapsed ? t('intro.validityLapsed', { from: v.from, until: v.until, source: formatSource(v.source), authority: authorityOf(campaign) }).trim() : undefined;
}

/** How a unit answered the yes/no questions: what a plain checklist (no grade, no verdict) says of it. */
export const tallyLine = (e: Evaluation): string => t('summary.tally', { ...e.tally, n: e.tally.yes + e.tally.no + e.tally.unknown + e.tally.skipped });

export function summaryText(campaign: Campaign, e: Evaluation, unanswered: number): string {
  const out: string[] = [e.unit.name ? t('summary.title', { unit: e.unit.name }) : t('summary.titleUnnamed')];
  const validity = validityLine(campaign, e);
  if (validity) out.push(validity);
  if (e.unit.name) out.push(e.unit.creditCode ? t('summary.unitLine', { name: e.unit.name, code: e.unit.creditCode }) : t('summary.unitLineNoCode', { name: e.unit.name }));
  if (unanswered > 0) out.push(t('summary.incomplete', { left: unanswered }));
  // A plain checklist (no grade, no written review) says at least how the unit answered.
  const tally = !e.grade && !e.gradeNotApplicable && !e.verdict ? [tallyLine(e)] : [];
  const standing = [...gradeLines(e), ...tally];
  if (standing.length) out.push('', ...standing);
  const disclosure = disclosureLines(e);
  if (disclosure.length) out.push('', ...disclosure);

  if (e.verdict) out.push('', t(`summary.verdict.${e.verdict.outcome}`, { text: e.verdict.text, source: formatSource(e.verdict.source) }));
  if (e.risks.length) {
    out.push(t('summary.findingsTitle'), ...e.risks.map(findingLine));
    out.push(t(e.grade ? 'summary.risk' : 'summary.riskUngraded'));
  }
  const todos = e.findings.filter((f) => f.severity === 'todo');
  if (todos.length) out.push(t('summary.todoTitle'), ...todos.map(findingLine));
  if (e.toVerify.length) out.push(t('summary.verifyTitle'), ...e.toVerify.map(toVerifyLine));
  const advice = e.findings.filter((f) => f.severity === 'advice');
  if (advice.length) out.push(t('summary.adviceTitle'), ...advice.map(findingLine));
  // Before the unit type is known no material is needed yet: nothing to call ready.
  if (e.materials.upload.length + e.materials.bring.length > 0) {
    out.push('');
    if (e.missing.upload.length) out.push(t('summary.missingUpload'), ...e.missing.upload.map(materialLine));
    if (e.missing.bring.length) out.push(t('summary.missingBring'), ...e.missing.bring.map(materialLine));
    if (e.missing.upload.length + e.missing.bring.length === 0) out.push(t('summary.allMaterials'));
    else out.push(t(e.deadline?.overdue ? 'summary.missingRiskOverdue' : 'summary.missingRisk'));
  }
  const platform = campaign.review?.platform;
  const where = [deadlineLine(e), bureauLine(campaign, e), platform && t('summary.platform', { name: platform.name, url: platform.url, login: platform.login })].filter((l): l is string => !!l);
  if (where.length) out.push('', ...where);
  if (campaign.forms.length) out.push(t('summary.forms', { words: formWords(campaign) }));
  const notes = campaign.notes.filter((n) => n.show.includes('summary'));
  if (notes.length) out.push('', t('summary.notesTitle'), ...notes.map((n) => t('summary.note', { text: n.text, source: formatSource(n.source) })));
  out.push('', ...(campaign.honesty ? [t('summary.honesty', { text: campaign.honesty.text })] : []), t('summary.next'));
  return out.join('\n');
}

/** The materials this unit needs, ticked where it said it has them. */
export function checklistText(campaign: Campaign, e: Evaluation): string {
  const { upload, bring } = e.materials;
  if (upload.length + bring.length === 0) return t('checklist.needUnitType');
  const line = (s: Evaluation['materials']['upload'][number]) => {
    const m = s.material;
    const main = t('checklist.line', { mark: s.have === true ? '☑' : '☐', name: m.name, detail: m.detail ? t('material.detail', { detail: m.detail }) : '' });
    return m.note ? `${main}\n${t('checklist.materialNote', { text: m.note.text, source: formatSource(m.note.source) })}` : main;
  };
  const notes = campaign.materialNotes.map((n) => t('checklist.note', { text: n.text, source: formatSource(n.source) }));
  return [t('checklist.upload'), ...upload.map(line), t('checklist.bring'), ...bring.map(line), ...notes].join('\n');
}

/** The reviewing bureau's phone, or every bureau's before the unit's area is known. */
export function contactText(campaign: Campaign, e: Evaluation): string {
  const bureaus = e.unit.bureau ? [e.unit.bureau] : campaign.bureaus;
  if (bureaus.length === 0 && !campaign.supervisionPhone) return t('contact.none');
  return [
    t('contact.title', { authority: authorityOf(campaign) }),
    ...bureaus.map((b) => t('contact.line', { bureau: b.name, phone: phoneOf(b) })),
    ...(campaign.supervisionPhone ? [t('contact.supervision', { phone: campaign.supervisionPhone.phone })] : []),
  ].join('\n');
}

/** A completed form as chat text: its dates (with a word when holidays could not be counted), what to do, its PDF. */
export function formResultText(result: FormResult): string {
  const { form } = result;
  const lines = [t('form.resultTitle', { title: form.title })];
  for (const d of result.dates) lines.push(t('form.date', { label: d.rule.label, date: d.date, text: fill(d.rule.text, { date: d.date }), source: formatSource(d.rule.source) }));
  const unknownYear = result.dates.find((d) => !d.holidaysKnown);
  if (unknownYear) lines.push(t('form.dateEstimated', { year: unknownYear.date.slice(0, 4) }));
  for (const s of result.steps) lines.push(t('form.step', { text: s.text, source: formatSource(s.source) }));
  lines.push(t('form.pdf', { title: form.title }));
  return lines.join('\n');
}
