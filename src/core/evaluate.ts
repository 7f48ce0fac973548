/**
 * Where the unit stands: provisional grade with every reason and its source, the written-review
 * outcome it is heading for (合格, 不合格, or things still to do) with what to fix, risk flags,
 * answers to verify, missing materials and days left. Pure: the clock is passed in.
 */
import type { Area, Bureau, Campaign, Finding, Grade, Material, Source } from './campaign.ts';
import { conditionRefs, evalExpr, holds, mayHold, UNKNOWN, type Answers } from './conditions.ts';
import { assess, localDate, materialQuestionId, questionText, steps, type Assessment, type Step } from './engine.ts';
import { validityOf, type Validity } from './campaign-facts.ts';
import { fill } from './text.ts';
import { answerParams } from './validate.ts';

export type Reason = { grade: Grade; text: string; source: Source };
/** A finding the unit's answers produced, its problem filled with the unit's numbers, with where it came from. */
export type RaisedFinding = Finding & { questionId: string; item: number | undefined };
export type MaterialStatus = { material: Material; have: boolean | undefined };
/** An answer that decides nothing yet: 不确定, or a skipped question. A to-do, neither a pass nor a violation. */
export type ToVerify = { step: Step; question: string; reason: 'unknown' | 'skipped' };
export type Outcome = 'pass' | 'fail' | 'pending';

export type Evaluation = {
  /** Every applicable question answered (the grade and outcome are final for these answers). */
  complete: boolean;
  outOfScope: { reason: string; source: Source } | undefined;
  unit: {
    name: string | undefined;
    creditCode: string | undefined;
    area: Area | undefined;
    bureau: Bureau | undefined;
    address: string | undefined;
    legalRep: string | undefined;
    contactPerson: string | undefined;
    contactPhone: string | undefined;
  };
  /** Undefined for units the campaign does not grade (see `gradeNotApplicable`), or before it is known whether it grades them. */
  grade:
    | {
        grade: Grade;
        reasons: Reason[];
        /** What the grade means for the unit: every consequence of its grade that holds. */
        consequences: { text: string; source: Source }[];
        /** Set for units graded for reference only (no source grades them in this region). */
        reference: { text: string; source: Source } | undefined;
        /** Set when the record says A but the unit reported violations: if found, at best this grade (the worst one). */
        qualified: { grade: Grade; text: string; source: Source } | undefined;
        /** What may still change the grade (the campaign's caveats that hold). */
        caveats: { text: string; source: Source }[];
        /** Answers a rating rule reads that are 不确定 or skipped: the grade may be lower once verified. */
        uncertain: ToVerify[];
      }
    | undefined;
  gradeNotApplicable: { text: string; source: Source } | undefined;
  /** The written-review outcome it is heading for; undefined for a campaign without a written review. */
  verdict: { outcome: Outcome; text: string; source: Source; violations: RaisedFinding[] } | undefined;
  findings: RaisedFinding[];
  /** Violations are risks to the grade: if found, they would be sanctioned. */
  risks: RaisedFinding[];
  /** Answers to verify before submission (material questions are counted as missing materials instead). */
  toVerify: ToVerify[];
  materials: { upload: MaterialStatus[]; bring: MaterialStatus[] };
  missing: { upload: Material[]; bring: Material[] };
  /** How the unit answered the yes/no questions that apply (material questions aside). */
  tally: { yes: number; no: number; unknown: number; skipped: number };
  /** Days left to the end of the review window; undefined without a written review. */
  deadline: Deadline | undefined;
  /** The document's period of validity, when it states one, and whether it has passed. */
  validity: Validity | undefined;
  /** For a graded unit whose grade is published (seed 002 第十四条): what would be published. */
  disclosure: { intro: string; fields: { label: string; value: string | undefined }[]; source: Source } | undefined;
};

export type Deadline = { date: string; daysLeft: number; overdue: boolean; source: Source };

const GRADE_ORDER: Grade[] = ['A', 'B', 'C'];
const worse = (a: Grade, b: Grade): Grade => (GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b);

/** A number as a unit reads it: whole numbers plainly, others to one decimal place. */
const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The finding as this unit reads it: its answers and computed numbers filled into the problem text. */
function raise(f: Finding, step: Step, a: Assessment): RaisedFinding {
  const params: Record<string, string> = answerParams(a.relevant);
  for (const [name, expr] of Object.entries(f.params)) {
    const v = evalExpr(expr, a.relevant, a.ctx.optionValue);
    if (v !== undefined) params[name] = formatNumber(v);
  }
  return { ...f, problem: fill(f.problem, params), questionId: step.id, item: step.item };
}

function toVerifyOf(a: Assessment, step: Step, value: Answers[string]): ToVerify | undefined {
  const reason = value === null ? 'skipped' : value === UNKNOWN ? 'unknown' : undefined;
  return reason ? { step, question: questionText(a, step).split('\n')[0] ?? '', reason } : undefined;
}

export function evaluate(campaign: Campaign, answers: Answers, now: Date): Evaluation {
  const a = assess(campaign, answers, now);
  const { relevant, ctx } = a;

  const findings: RaisedFinding[] = [];
  const toVerify: ToVerify[] = [];
  const tally = { yes: 0, no: 0, unknown: 0, skipped: 0 };
  for (const step of steps(campaign)) {
    if (!(step.id in relevant)) continue;
    if (step.kind === 'yesno' && step.phase !== 'materials') {
      const v = relevant[step.id];
      tally[v === true ? 'yes' : v === false ? 'no' : v === null ? 'skipped' : 'unknown']++;
    }
    for (const f of step.findings) if (holds(f.when, relevant, ctx)) findings.push(raise(f, step, a));
    // Contact fields left blank are for the form, filled by hand; materials not ready are listed as missing.
    const verify = step.phase === 'materials' || step.phase === 'contact' ? undefined : toVerifyOf(a, step, relevant[step.id] ?? null);
    if (verify) toVerify.push(verify);
  }
  const violations = findings.filter((f) => f.severity === 'violation');

  const rating = campaign.rating;
  // Before the unit type is answered, it is not known whether the unit is graded: say neither.
  const open = (id: string) => a.applicable.some((s) => s.id === id && !(id in relevant));
  // A campaign without rating rules (a plain checklist) grades nobody and says nothing about grades.
  const gradedOrUnknown = !rating ? undefined : rating.appliesWhen ? mayHold(rating.appliesWhen, relevant, open, ctx) : true;
  const graded = gradedOrUnknown === true;

  const needed = campaign.materials.filter((m) => !m.when || holds(m.when, relevant, ctx));
  const status = (m: Material): MaterialStatus => {
    const v = m.ask ? relevant[materialQuestionId(m.id)] : undefined;
    return { material: m, have: typeof v === 'boolean' ? v : undefined };
  };
  const upload = needed.filter((m) => m.list === 'upload').map(status);
  const bring = needed.filter((m) => m.list === 'bring').map(status);
  const isMissing = (s: MaterialStatus) => s.material.ask && s.have !== true;
  const missing = { upload: upload.filter(isMissing).map((s) => s.material), bring: bring.filter(isMissing).map((s) => s.material) };

  const complete = !a.excludedBy && a.next === undefined;
  // 不合格 only while a reported violation remains; anything else unfinished is a to-do, not a failure.
  const todos = findings.filter((f) => f.severity === 'todo');
  const outcome: Outcome =
    violations.length > 0 ? 'fail' : missing.upload.length + missing.bring.length + toVerify.length + todos.length > 0 || !complete ? 'pending' : 'pass';

  const f = campaign.unitFields;
  const text = (id: string | undefined) => {
    const v = id === undefined ? undefined : relevant[id];
    return typeof v === 'string' ? v : undefined;
  };
  const area = f.area === undefined ? undefined : campaign.areas.find((x) => x.id === relevant[f.area as string]);
  const gradeResult = graded && rating ? gradeOf(campaign, rating, a, violations, toVerify) : undefined;
  const disclosure = campaign.disclosure;

  return {
    complete,
    outOfScope: a.excludedBy ? { reason: a.excludedBy.reason, source: a.excludedBy.source } : undefined,
    unit: {
      name: text(f.name),
      creditCode: text(f.creditCode),
      area,
      bureau: campaign.bureaus.find((b) => b.id === area?.bureau),
      address: text(f.address),
      legalRep: text(f.legalRep),
      contactPerson: text(f.contactPerson),
      contactPhone: text(f.contactPhone),
    },
    grade: gradeResult,
    gradeNotApplicable: gradedOrUnknown === false ? rating?.notApplicable : undefined,
    verdict: campaign.review ? { outcome, ...campaign.review.verdicts[outcome], violations } : undefined,
    findings,
    risks: violations,
    toVerify,
    materials: { upload, bring },
    missing,
    tally,
    deadline: deadline(campaign, now),
    validity: validityOf(campaign, now),
    disclosure: gradeResult && disclosure && disclosure.grades.includes(gradeResult.grade)
      ? { intro: disclosure.intro, fields: disclosure.fields.map((field) => ({ label: field.label, value: field.from === undefined ? undefined : shown(relevant[field.from]) })), source: disclosure.source }
      : undefined,
  };
}

/** The provisional grade of a graded unit: the worst rule that holds, with every reason and what it means. */
function gradeOf(campaign: Campaign, rating: NonNullable<Campaign['rating']>, a: Assessment, violations: RaisedFinding[], toVerify: ToVerify[]): NonNullable<Evaluation['grade']> {
  const { relevant, ctx } = a;
  const matched = rating.rules.filter((r) => holds(r.when, relevant, ctx));
  const grade = matched.reduce<Grade>((g, r) => worse(g, r.grade), rating.best.grade);
  const reasons: Reason[] = matched.length
    ? [...matched].sort((x, y) => GRADE_ORDER.indexOf(y.grade) - GRADE_ORDER.indexOf(x.grade)).map(({ grade, reason, source }) => ({ grade, text: reason, source }))
    : [{ grade: rating.best.grade, text: rating.best.reason, source: rating.best.source }];
  const ratingInputs = new Set(rating.rules.flatMap((r) => conditionRefs(r.when)));
  const uncertain = toVerify.filter((v) => ratingInputs.has(v.step.id));
  const reference = rating.reference && holds(rating.reference.when, relevant, ctx) ? { text: rating.reference.text, source: rating.reference.source } : undefined;
  // Each reported violation, if found, caps the grade: at the campaign's usual grade, or its own (child labour: C).
  const qualified =
    grade === 'A' && violations.length > 0
      ? violations.map((v) => v.ifFound ?? rating.ifViolationsFound).reduce((w, n) => (worse(w.grade, n.grade) === w.grade ? w : n))
      : undefined;
  const caveats = rating.caveats.filter((c) => holds(c.when, relevant, ctx)).map(({ text, source }) => ({ text, source }));
  const consequences = campaign.consequences.filter((c) => c.grade === grade && (!c.when || holds(c.when, relevant, ctx))).map(({ text, source }) => ({ text, source }));
  return { grade, reasons, consequences, reference, qualified, uncertain, caveats };
}

/** An answer as printed in a preview: texts and dates as given, numbers as numbers; nothing for yes/no or skips. */
function shown(value: Answers[string] | undefined): string | undefined {
  return typeof value === 'string' && value !== UNKNOWN ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Days left to the end of the review window, counted in the region's local calendar days (none without a review). */
export function deadline(campaign: Campaign, now: Date): Deadline | undefined {
  const window = campaign.review?.window;
  if (!window) return undefined;
  const daysLeft = Math.round((Date.parse(window.end) - Date.parse(localDate(campaign, now))) / 86_400_000);
  return { date: window.end, daysLeft, overdue: daysLeft < 0, source: window.source };
}
