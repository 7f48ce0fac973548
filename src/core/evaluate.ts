/**
 * Where the unit stands: provisional grade with every reason and its source, the written-review
 * verdict it is heading for with what to fix, risk flags, missing materials and days left.
 * Pure: the clock is passed in.
 */
import type { Area, Bureau, Campaign, Finding, Grade, Material, Source } from './campaign.ts';
import { holds, type Answers } from './conditions.ts';
import { exclusion, materialQuestionId, nextQuestion, optionValueOf, relevantAnswers, steps } from './engine.ts';

export type Reason = { grade: Grade; text: string; source: Source };
/** A finding the unit's answers produced, with the question and review item it came from. */
export type RaisedFinding = Finding & { questionId: string; item: number | undefined };
export type MaterialStatus = { material: Material; have: boolean | undefined };

export type Evaluation = {
  /** Every applicable question answered (the grade and verdict are final for these answers). */
  complete: boolean;
  outOfScope: { reason: string; source: Source } | undefined;
  unit: { name: string | undefined; creditCode: string | undefined; area: Area | undefined; bureau: Bureau | undefined };
  /** Undefined for units the campaign does not grade (see `gradeNotApplicable`). */
  grade: { grade: Grade; reasons: Reason[]; consequence: { text: string; source: Source } | undefined } | undefined;
  gradeNotApplicable: { text: string; source: Source } | undefined;
  verdict: { outcome: 'pass' | 'fail'; text: string; source: Source; violations: RaisedFinding[] };
  findings: RaisedFinding[];
  /** Violations are risks to the grade: if found, they would be sanctioned. */
  risks: RaisedFinding[];
  materials: { upload: MaterialStatus[]; bring: MaterialStatus[] };
  missing: { upload: Material[]; bring: Material[] };
  deadline: { date: string; daysLeft: number; overdue: boolean; source: Source };
};

const GRADE_ORDER: Grade[] = ['A', 'B', 'C'];
const worse = (a: Grade, b: Grade): Grade => (GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b);

export function evaluate(campaign: Campaign, answers: Answers, now: Date): Evaluation {
  const relevant = relevantAnswers(campaign, answers);
  const ov = optionValueOf(campaign);
  const excluded = exclusion(campaign, answers);

  const findings: RaisedFinding[] = [];
  for (const step of steps(campaign)) {
    if (!(step.id in relevant)) continue;
    for (const f of step.findings) if (holds(f.when, relevant, ov)) findings.push({ ...f, questionId: step.id, item: step.item });
  }
  const violations = findings.filter((f) => f.severity === 'violation');

  const appliesWhen = campaign.rating.appliesWhen;
  const graded = !appliesWhen || holds(appliesWhen, relevant, ov);
  const matched = campaign.rating.rules.filter((r) => holds(r.when, relevant, ov));
  const grade = matched.reduce<Grade>((g, r) => worse(g, r.grade), campaign.rating.best.grade);
  const reasons: Reason[] = matched.length
    ? [...matched].sort((a, b) => GRADE_ORDER.indexOf(b.grade) - GRADE_ORDER.indexOf(a.grade)).map(({ grade, reason, source }) => ({ grade, text: reason, source }))
    : [{ grade: campaign.rating.best.grade, text: campaign.rating.best.reason, source: campaign.rating.best.source }];

  const needed = campaign.materials.filter((m) => !m.when || holds(m.when, relevant, ov));
  const status = (m: Material): MaterialStatus => {
    const v = m.ask ? relevant[materialQuestionId(m.id)] : undefined;
    return { material: m, have: typeof v === 'boolean' ? v : undefined };
  };
  const upload = needed.filter((m) => m.list === 'upload').map(status);
  const bring = needed.filter((m) => m.list === 'bring').map(status);
  const isMissing = (s: MaterialStatus) => s.material.ask && s.have !== true;

  const areaId = relevant[campaign.areaQuestion];
  const area = campaign.areas.find((a) => a.id === areaId);
  const text = (id: string) => {
    const v = relevant[id];
    return typeof v === 'string' ? v : undefined;
  };
  const missing = { upload: upload.filter(isMissing).map((s) => s.material), bring: bring.filter(isMissing).map((s) => s.material) };
  const outcome = violations.length > 0 || missing.upload.length + missing.bring.length > 0 ? 'fail' : 'pass';

  return {
    complete: !excluded && nextQuestion(campaign, answers) === undefined,
    outOfScope: excluded ? { reason: excluded.reason, source: excluded.source } : undefined,
    unit: {
      name: text(campaign.unitNameQuestion),
      creditCode: text(campaign.creditCodeQuestion),
      area,
      bureau: campaign.bureaus.find((b) => b.id === area?.bureau),
    },
    grade: graded ? { grade, reasons, consequence: campaign.consequences.find((c) => c.grade === grade) } : undefined,
    gradeNotApplicable: graded ? undefined : campaign.rating.notApplicable,
    verdict: { outcome, ...campaign.verdicts[outcome], violations },
    findings,
    risks: violations,
    materials: { upload, bring },
    missing,
    deadline: deadline(campaign, now),
  };
}

/** Days left to the end of the review window, counted in the region's local calendar days. */
export function deadline(campaign: Campaign, now: Date) {
  const localToday = new Date(now.getTime() + campaign.utcOffsetHours * 3_600_000).toISOString().slice(0, 10);
  const daysLeft = Math.round((Date.parse(campaign.window.end) - Date.parse(localToday)) / 86_400_000);
  return { date: campaign.window.end, daysLeft, overdue: daysLeft < 0, source: campaign.window.source };
}
