/** The self-check result as chat text: grade and reasons, verdict and what to fix, materials, deadline, contacts. */
import type { Campaign, Material } from './campaign.ts';
import type { Evaluation } from './evaluate.ts';
import { formatSource } from './present.ts';
import { t } from './text.ts';

const materialLine = (m: Material) => t('summary.material', { name: m.name, detail: m.detail ? t('material.detail', { detail: m.detail }) : '' });

export function deadlineLine(e: Evaluation): string {
  const { date, daysLeft } = e.deadline;
  if (daysLeft > 0) return t('summary.deadline', { date, days: daysLeft });
  if (daysLeft === 0) return t('summary.deadlineToday', { date });
  return t('summary.overdue', { date, days: -daysLeft });
}

export function bureauLine(campaign: Campaign, e: Evaluation): string {
  const supervision = campaign.supervisionPhone.phone;
  return e.unit.bureau
    ? t('summary.bureau', { bureau: e.unit.bureau.name, phone: e.unit.bureau.phone, supervision })
    : t('summary.bureauUnknown', { supervision });
}

export function summaryText(campaign: Campaign, e: Evaluation, unanswered: number): string {
  const out: string[] = [t('summary.title', { unit: e.unit.name ?? '' })];
  if (e.unit.name) out.push(t('summary.unitLine', { name: e.unit.name, code: e.unit.creditCode ?? '' }));
  if (unanswered > 0) out.push(t('summary.incomplete', { left: unanswered }));
  out.push('');
  if (e.grade) {
    out.push(t('summary.grade', { grade: e.grade.grade }));
    for (const r of e.grade.reasons) out.push(t('summary.reason', { text: r.text, source: formatSource(r.source) }));
    const c = e.grade.consequence;
    if (c) out.push(t('summary.consequence', { grade: e.grade.grade, text: c.text, source: formatSource(c.source) }));
  } else if (e.gradeNotApplicable) {
    out.push(t('summary.noGrade', { text: e.gradeNotApplicable.text, source: formatSource(e.gradeNotApplicable.source) }));
  }

  out.push('', t(e.verdict.outcome === 'pass' ? 'summary.verdictPass' : 'summary.verdictFail', { text: e.verdict.text }));
  if (e.risks.length) {
    out.push(t('summary.findingsTitle'));
    e.risks.forEach((f, i) => out.push(t('summary.finding', { n: i + 1, problem: f.problem, basis: f.basis.map(formatSource).join('；'), fix: f.fix })));
    out.push(t('summary.risk'));
  }
  const advice = e.findings.filter((f) => f.severity === 'advice');
  if (advice.length) {
    out.push(t('summary.adviceTitle'));
    advice.forEach((f, i) => out.push(t('summary.finding', { n: i + 1, problem: f.problem, basis: f.basis.map(formatSource).join('；'), fix: f.fix })));
  }
  out.push('');
  if (e.missing.upload.length) out.push(t('summary.missingUpload'), ...e.missing.upload.map(materialLine));
  if (e.missing.bring.length) out.push(t('summary.missingBring'), ...e.missing.bring.map(materialLine));
  if (!e.missing.upload.length && !e.missing.bring.length) out.push(t('summary.allMaterials'));
  out.push('', deadlineLine(e), bureauLine(campaign, e), '', t('summary.honesty', { text: campaign.honesty.text }), t('summary.next'));
  return out.join('\n');
}

/** The materials this unit needs, ticked where it said it has them. */
export function checklistText(campaign: Campaign, e: Evaluation): string {
  const { upload, bring } = e.materials;
  if (upload.length + bring.length === 0) return t('checklist.needUnitType');
  const line = (s: Evaluation['materials']['upload'][number]) =>
    t('checklist.line', { mark: s.have === true ? '☑' : '☐', name: s.material.name, detail: s.material.detail ? t('material.detail', { detail: s.material.detail }) : '' });
  const notes = campaign.materialNotes.map((n) => t('checklist.note', { text: n.text, source: formatSource(n.source) }));
  return [t('checklist.upload'), ...upload.map(line), t('checklist.bring'), ...bring.map(line), ...notes].join('\n');
}

/** The reviewing bureau's phone, or every bureau's before the unit's area is known. */
export function contactText(campaign: Campaign, e: Evaluation): string {
  const bureaus = e.unit.bureau ? [e.unit.bureau] : campaign.bureaus;
  return [
    t('contact.title'),
    ...bureaus.map((b) => t('contact.line', { bureau: b.name, phone: b.phone })),
    t('contact.supervision', { phone: campaign.supervisionPhone.phone }),
  ].join('\n');
}
