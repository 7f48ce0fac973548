/**
 * The campaign format: everything a review campaign (one official notice) tells a unit, as data.
 * One campaign per file in `flows/`; this schema checks each at start-up and in the lint test.
 * Rules are small data predicates (see `Condition`), never strings to evaluate.
 */
import { z } from 'zod';
import { conditionRefs, exprRefs } from './conditions.ts';

/** Where a rule comes from: a document and its article or section. `unverified` rules are guidance, not law. */
export const Source = z.object({
  doc: z.string().min(1),
  article: z.string().min(1).optional(),
  unverified: z.boolean().optional(),
});
export type Source = z.infer<typeof Source>;

/** A number computed from answers: a literal, an answer, an option's value, a sum or a multiple. */
export type Expr =
  | number
  | { ref: string }
  | { optionValue: string }
  | { sum: Expr[] }
  | { times: number; of: Expr }
  | { divide: Expr; by: Expr };
export const Expr: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.number(),
    z.strictObject({ ref: z.string() }),
    z.strictObject({ optionValue: z.string() }),
    z.strictObject({ sum: z.array(Expr).min(1) }),
    z.strictObject({ times: z.number(), of: Expr }),
    z.strictObject({ divide: Expr, by: Expr }),
  ]),
);

type Scalar = string | number | boolean;
/**
 * A predicate over the answers. A comparison with an unanswered question is false
 * (so `not` of it is true): conditions must be written for the answered case.
 * `after` reads the clock: true once the campaign's local date is past the given date.
 */
export type Condition =
  | { q: string; eq: Scalar }
  | { q: string; in: Scalar[] }
  | { q: string; gte: Expr }
  | { q: string; gt: Expr }
  | { q: string; lte: Expr }
  | { q: string; lt: Expr }
  | { q: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { after: string };
const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ q: z.string(), eq: ScalarSchema }),
    z.strictObject({ q: z.string(), in: z.array(ScalarSchema).min(1) }),
    z.strictObject({ q: z.string(), gte: Expr }),
    z.strictObject({ q: z.string(), gt: Expr }),
    z.strictObject({ q: z.string(), lte: Expr }),
    z.strictObject({ q: z.string(), lt: Expr }),
    z.strictObject({ q: z.string(), answered: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
    z.strictObject({ after: z.iso.date() }),
  ]),
);

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower_snake_case');

/** A bureau that reviews units: who to call. */
export const Bureau = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** Absent when the source gives none: the unit is told to ask the bureau itself. */
  phone: z.string().min(1).optional(),
  source: Source,
});
export type Bureau = z.infer<typeof Bureau>;

/** A place a unit sits in (county, city, park, or the prefecture level) and the bureau that reviews it there. */
export const Area = z.strictObject({
  id: Id,
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  bureau: Id,
  /** Only offered when this holds (e.g. prefecture level only for organs, institutions and groups). */
  when: Condition.optional(),
  /** Why this bureau reviews this area, when it is not obvious. */
  note: z.string().optional(),
  source: Source,
});
export type Area = z.infer<typeof Area>;

export const Option = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]+$/),
  label: z.string().min(1),
  /** A number an `optionValue` expression reads (e.g. a minimum-wage tier's monthly amount). */
  value: z.number().optional(),
  /** Other words people type for this option (个体户 for 个体经济组织). */
  aliases: z.array(z.string().min(1)).default([]),
});
export type Option = z.infer<typeof Option>;

/** A grade a rule or a finding leads to, with why and where that is written. */
const GradeNote = z.strictObject({ grade: z.enum(['A', 'B', 'C']), text: z.string().min(1), source: Source });

/** What a bad answer means: Euphorie's "problem statement", with its legal basis and the fix. */
export const Finding = z.strictObject({
  id: Id,
  when: Condition,
  /**
   * `violation`: would be sanctioned if found (fails the written review, a risk to the grade);
   * `todo`: something to do before the review can pass (not a violation, not a failure); `advice`: worth doing.
   */
  severity: z.enum(['violation', 'todo', 'advice']),
  /** For a violation worse than the campaign's usual "at best B if found" (child labour: C). */
  ifFound: GradeNote.optional(),
  /** May name answers as {questionId} and the `params` below, so the unit reads its own numbers. */
  problem: z.string().min(1),
  fix: z.string().min(1),
  basis: z.array(Source).min(1),
  /** Numbers computed from the answers for the problem text, e.g. how many staff have no contract. */
  params: z.record(z.string(), Expr).default({}),
});
export type Finding = z.infer<typeof Finding>;

/** An extra check on a number against other answers; a failed check refuses the answer. */
export const Check = z.strictObject({
  rule: Condition,
  /** Shown when the rule does not hold; may name other answers as {questionId}. */
  message: z.string().min(1),
});

export const QuestionKind = z.enum(['yesno', 'choice', 'number', 'text', 'credit_code', 'area', 'phone', 'date']);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** Phases of campaign questions in the order a unit meets them (materials come between items and record). */
export const PHASES = ['identity', 'profile', 'items', 'record', 'contact'] as const;
export type Phase = (typeof PHASES)[number];

export const Question = z.strictObject({
  id: Id,
  phase: z.enum(PHASES),
  /** Review item 1–12 of the notice, for questions in the `items` phase. */
  item: z.number().int().min(1).max(12).optional(),
  kind: QuestionKind,
  text: z.string().min(1),
  hint: z.string().optional(),
  /** Why we ask, in plain words, for 帮助 / 为什么问 during the question (its legal source is `source`). */
  why: z.string().min(1).optional(),
  options: z.array(Option).optional(),
  /** Numbers: bounds (inclusive), whether only whole numbers, the unit shown after the value. */
  min: Expr.optional(),
  max: Expr.optional(),
  integer: z.boolean().optional(),
  unit: z.string().optional(),
  checks: z.array(Check).default([]),
  /** Texts: maximum length. */
  maxLength: z.number().int().positive().optional(),
  /** Dates: not after today (a date something was received or decided). */
  notFuture: z.boolean().optional(),
  /** May the unit skip it (SKIP)? Skipped questions count as answered with no value. */
  optional: z.boolean().optional(),
  when: Condition.optional(),
  findings: z.array(Finding).default([]),
  /** Where the question itself comes from (the review item, or the rule it checks). */
  source: Source,
});
export type Question = z.infer<typeof Question>;

/** A document the unit must hand in, under the seed's own name. */
export const Material = z.strictObject({
  id: Id,
  name: z.string().min(1),
  list: z.enum(['upload', 'bring']),
  /** When it is needed (unit type, headcount, dispatch…); always when absent. */
  when: Condition.optional(),
  /** The condition or quantity spelled out, e.g. "20人以上：每类劳动合同各三份". */
  detail: z.string().optional(),
  /** Ask whether the unit already has it (forms the bureau fills in with the unit need not be asked). */
  ask: z.boolean().default(true),
  /** A remark from another source, e.g. what stands in for a certificate that is no longer issued. */
  note: z.strictObject({ text: z.string().min(1), source: Source }).optional(),
  source: Source,
});
export type Material = z.infer<typeof Material>;

export const Grade = z.enum(['A', 'B', 'C']);
export type Grade = z.infer<typeof Grade>;

/** A rating rule: when it holds, the grade is at best `grade`. */
export const RatingRule = z.strictObject({
  id: Id,
  grade: Grade,
  when: Condition,
  reason: z.string().min(1),
  source: Source,
});
export type RatingRule = z.infer<typeof RatingRule>;

/** A campaign version's changes that old answers do not survive: these questions are asked again. */
export const Revision = z.strictObject({
  version: z.number().int().positive(),
  /** Questions whose meaning changed (same id, new wording, scale or options). */
  reask: z.array(Id).min(1),
  why: z.string().min(1),
});

/** Out of scope: the notice does not apply to this unit. */
export const Exclusion = z.strictObject({
  id: Id,
  when: Condition,
  reason: z.string().min(1),
  source: Source,
});

/** A remark the notice makes that a unit should hear: at the start, on the summary, or both. */
export const Note = z.strictObject({ text: z.string().min(1), source: Source, show: z.array(z.enum(['intro', 'summary'])).min(1) });
export type Note = z.infer<typeof Note>;

/** A word a unit may not know (劳务派遣, 综合计算工时): explained when a question uses it. */
/** A date computed from an answered date: so many Chinese working days later, or so many months. */
export const DateRule = z.strictObject({
  id: Id,
  /** What the date is, e.g. 人社部门答复期限. */
  label: z.string().min(1),
  /** What the unit should make of it; may name {date}. */
  text: z.string().min(1),
  /** An answered date (a question of the form), or the first of these rules that applies. */
  from: z.union([z.strictObject({ q: Id }), z.strictObject({ rules: z.array(Id).min(1) })]),
  /**
   * Working days are counted from the day after `from` (weekends and statutory holidays off, make-up
   * working days on); months are calendar months.
   */
  add: z.union([z.strictObject({ workingDays: z.number().int().positive() }), z.strictObject({ months: z.number().int().positive() })]),
  when: Condition.optional(),
  source: Source,
});
export type DateRule = z.infer<typeof DateRule>;

/**
 * A short side conversation a unit can start at any time (an objection, a request to repair its grade):
 * its own questions, the dates that follow from the answers, what to do, and a PDF to hand in.
 */
export const Form = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** What a unit types to start it (besides /<id>). */
  words: z.array(z.string().min(1)).min(1),
  /** Said when it starts: what it is for and where it goes. */
  intro: z.string().min(1),
  questions: z.array(Question).min(1),
  dates: z.array(DateRule).default([]),
  /** What to do next, shown with the dates when they hold. */
  steps: z.array(z.strictObject({ text: z.string().min(1), when: Condition.optional(), source: Source })).default([]),
  source: Source,
});
export type Form = z.infer<typeof Form>;

export const Term = z.strictObject({ term: z.string().min(1), aliases: z.array(z.string()).default([]), text: z.string().min(1), source: Source });
export type Term = z.infer<typeof Term>;

/** Local hours in which a reminder may reach a unit: from 08:00, before 21:00. Never at night. */
export const REMINDER_HOURS = { from: 8, to: 21 } as const;

const Reminders = z
  .strictObject({
    /** Days before the end of the review window on which the scheduled reminder goes out. */
    daysBefore: z.array(z.number().int().min(0).max(366)).min(1).default([14, 7, 3, 1]),
    /** Local time of day it goes out, `HH:MM`, inside REMINDER_HOURS. */
    at: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'reminders.at must be HH:MM')
      .refine((at) => {
        const hour = Number(at.slice(0, 2));
        return hour >= REMINDER_HOURS.from && hour < REMINDER_HOURS.to;
      }, `reminders.at must be between 0${REMINDER_HOURS.from}:00 and ${REMINDER_HOURS.to - 1}:59 (never at night)`)
      .default('10:00'),
    /** The IANA time zone of the scheduler's cron; it must keep the campaign's utcOffsetHours. */
    timeZone: z.string().default('Asia/Shanghai'),
  })
  .default({ daysBefore: [14, 7, 3, 1], at: '10:00', timeZone: 'Asia/Shanghai' });

/** The UTC offset (hours) of an IANA time zone at an instant, or undefined for a zone Intl does not know. */
export function zoneOffsetHours(timeZone: string, at: Date): number | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
    if (!m) return undefined;
    return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
  } catch {
    return undefined;
  }
}

const CampaignObject = z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    /** What changed meaning in each version since the first: snapshots from older versions drop those answers. */
    revisions: z.array(Revision).default([]),
    title: z.string().min(1),
    /** What documents and footers call the campaign (never its id). */
    shortTitle: z.string().min(1),
    document: z.strictObject({ number: z.string(), issuer: z.string(), issued: z.iso.date(), source: Source }),
    region: z.string(),
    /** The UTC offset of the region's clock, in hours (days left are counted in local days). */
    utcOffsetHours: z.number().default(8),
    /**
     * How long the document is in force. Past `until` every reply and document says that its measures may
     * have lapsed and whom to ask.
     */
    validity: z.strictObject({ from: z.iso.date(), until: z.iso.date(), source: Source }).optional(),
    /**
     * A written review (seed 000): its window, where units declare, and what each outcome means: pass;
     * fail (a reported violation remains); pending (no violation, but materials not ready or answers to
     * verify: a to-do before submission, not a failure). Campaigns without one grade only.
     */
    review: z
      .strictObject({
        window: z.strictObject({ start: z.iso.date(), end: z.iso.date(), source: Source }),
        platform: z.strictObject({ name: z.string(), url: z.string(), login: z.string(), source: Source }),
        verdicts: z.strictObject({
          pass: z.strictObject({ text: z.string(), source: Source }),
          fail: z.strictObject({ text: z.string(), source: Source }),
          pending: z.strictObject({ text: z.string(), source: Source }),
        }),
      })
      .optional(),
    /** Scheduled reminders to unfinished units before the review's deadline; by default 14, 7, 3 and 1 days before, at 10:00. */
    reminders: Reminders,
    honesty: z.strictObject({ text: z.string(), source: Source }),
    supervisionPhone: z.strictObject({ phone: z.string(), source: Source }).optional(),
    bureaus: z.array(Bureau).min(1),
    areas: z.array(Area).min(1),
    /** The questions that say who the unit is, for documents, forms and staff lists. */
    unitFields: z.strictObject({
      name: Id,
      creditCode: Id,
      unitType: Id,
      /** Its answer is an area id (kind `area`). */
      area: Id,
      address: Id.optional(),
      legalRep: Id.optional(),
      contactPerson: Id.optional(),
      contactPhone: Id.optional(),
      /** The staff count printed on the filing form. */
      headcount: Id.optional(),
    }),
    notes: z.array(Note).default([]),
    /** What this campaign calls its phases where the templates' words do not fit (the record's year, say). */
    phaseTitles: z.partialRecord(z.enum(PHASES), z.string().min(1)).default({}),
    glossary: z.array(Term).default([]),
    exclusions: z.array(Exclusion).default([]),
    questions: z.array(Question).min(1),
    materials: z.array(Material).default([]),
    /** Notes printed under the materials list. */
    materialNotes: z.array(z.strictObject({ text: z.string(), source: Source })).default([]),
    rating: z.strictObject({
      /** Which units are graded at all (e.g. enterprises only); all when absent. */
      appliesWhen: Condition.optional(),
      /** What ungraded units are told instead of a grade. */
      notApplicable: z.strictObject({ text: z.string(), source: Source }).optional(),
      /** Graded units whose grade is for reference only (no source grades them here): said beside the grade. */
      reference: z.strictObject({ when: Condition, text: z.string(), source: Source }).optional(),
      /** The grade when no rule holds. */
      best: z.strictObject({ grade: Grade, reason: z.string(), source: Source }),
      /** What the reported violations would cost if found (the grade itself stays record-based). */
      ifViolationsFound: GradeNote,
      /** Said beside the grade when they hold: what may still change it (a review not yet done, say). */
      caveats: z.array(z.strictObject({ id: Id, when: Condition, text: z.string().min(1), source: Source })).default([]),
      rules: z.array(RatingRule).min(1),
    }),
    /** What a grade means for the unit (inspections, incentives, penalties); each that holds is shown. */
    consequences: z.array(z.strictObject({ grade: Grade, text: z.string(), when: Condition.optional(), source: Source })),
    /**
     * For grades whose holders are published (seed 002 第十四条): what would be published, each field
     * filled from an answer where the unit gave it, so that it sees the stakes of a provisional grade.
     */
    disclosure: z
      .strictObject({
        grades: z.array(Grade).min(1),
        intro: z.string().min(1),
        fields: z.array(z.strictObject({ label: z.string().min(1), from: Id.optional() })).min(1),
        source: Source,
      })
      .optional(),
    /** Side conversations the unit can start (objections, repair). */
    forms: z.array(Form).default([]),
});
export const Campaign = CampaignObject.superRefine((campaign, ctx) => {
  for (const problem of campaignReferenceProblems(campaign)) ctx.addIssue({ code: 'custom', message: problem });
  // Reminder days are counted with utcOffsetHours, the scheduler fires in timeZone: they must agree.
  const onDay = campaign.review?.window.end ?? campaign.validity?.until ?? campaign.document.issued;
  const offset = zoneOffsetHours(campaign.reminders.timeZone, new Date(`${onDay}T12:00:00Z`));
  if (offset !== campaign.utcOffsetHours) {
    ctx.addIssue({ code: 'custom', path: ['reminders', 'timeZone'], message: `reminders.timeZone ${campaign.reminders.timeZone} is not at UTC${campaign.utcOffsetHours >= 0 ? '+' : ''}${campaign.utcOffsetHours} (utcOffsetHours) on the deadline (or the date the document is in force to)` });
  }
});
export type Campaign = z.infer<typeof Campaign>;
export type CampaignInput = z.input<typeof Campaign>;

/** A form's rules may only read its own questions (earlier ones), and its dates earlier dates. */
function formProblems(form: Form): string[] {
  const problems: string[] = [];
  const order = new Map(form.questions.map((q, i) => [q.id, i]));
  const where = `form ${form.id}`;
  const known = (what: string, refs: string[], before?: number) => {
    for (const ref of refs) {
      const at = order.get(ref);
      if (at === undefined) problems.push(`${where}: ${what} names unknown question "${ref}"`);
      else if (before !== undefined && at >= before) problems.push(`${where}: ${what} looks at "${ref}", which is not asked before it`);
    }
  };
  if (new Set(form.questions.map((q) => q.id)).size !== form.questions.length) problems.push(`${where}: duplicate question ids`);
  form.questions.forEach((q, i) => {
    known(`question ${q.id}`, conditionRefs(q.when), i);
    if (q.findings.length) problems.push(`${where}: question ${q.id} has findings (forms raise none)`);
  });
  const dates = new Map<string, number>();
  form.dates.forEach((d, i) => {
    if (dates.has(d.id)) problems.push(`${where}: duplicate date rule "${d.id}"`);
    dates.set(d.id, i);
    known(`date ${d.id}`, conditionRefs(d.when));
    if ('q' in d.from) {
      known(`date ${d.id}`, [d.from.q]);
      if (form.questions.find((q) => q.id === (d.from as { q: string }).q)?.kind !== 'date') problems.push(`${where}: date ${d.id} counts from "${d.from.q}", which is not a date question`);
    } else for (const r of d.from.rules) if (!((dates.get(r) ?? i) < i)) problems.push(`${where}: date ${d.id} counts from "${r}", which is not an earlier date rule`);
  });
  form.steps.forEach((st, i) => known(`step ${i + 1}`, conditionRefs(st.when)));
  return problems;
}

/** Every id a campaign names must exist, ids must be unique, and a rule may only look back at earlier questions. */
function campaignReferenceProblems(c: z.output<typeof CampaignObject>): string[] {
  const problems: string[] = [];
  const order = new Map(c.questions.map((q, i) => [q.id, i]));
  const dup = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${kind} id "${id}"`);
      seen.add(id);
    }
  };
  dup('question', c.questions.map((q) => q.id));
  dup('material', c.materials.map((m) => m.id));
  dup('bureau', c.bureaus.map((b) => b.id));
  dup('area', c.areas.map((a) => a.id));
  dup('finding', c.questions.flatMap((q) => q.findings.map((f) => f.id)));
  dup('rating rule', c.rating.rules.map((r) => r.id));
  const known = (where: string, refs: string[], before?: number) => {
    for (const ref of refs) {
      const at = order.get(ref);
      if (at === undefined) problems.push(`${where} names unknown question "${ref}"`);
      else if (before !== undefined && at >= before) problems.push(`${where} looks at "${ref}", which is not asked before it`);
    }
  };
  const bureaus = new Set(c.bureaus.map((b) => b.id));
  for (const area of c.areas) {
    if (!bureaus.has(area.bureau)) problems.push(`area ${area.id} names unknown bureau "${area.bureau}"`);
    known(`area ${area.id}`, conditionRefs(area.when));
  }
  c.questions.forEach((q, i) => {
    known(`question ${q.id} applicability`, conditionRefs(q.when), i);
    for (const e of [q.min, q.max]) if (e !== undefined) known(`question ${q.id} bounds`, exprRefs(e, []), i);
    q.checks.forEach((ch) => known(`question ${q.id} check`, conditionRefs(ch.rule).filter((r) => r !== q.id), i));
    q.findings.forEach((f) => {
      known(`finding ${f.id}`, conditionRefs(f.when));
      for (const e of Object.values(f.params)) known(`finding ${f.id} params`, exprRefs(e, []));
    });
    if ((q.kind === 'choice') !== Boolean(q.options?.length)) problems.push(`question ${q.id}: options go with kind choice only`);
  });
  for (const id of Object.values(c.unitFields)) if (id !== undefined) known('unitFields', [id]);
  if (c.questions.find((q) => q.id === c.unitFields.area)?.kind !== 'area') problems.push('unitFields.area must be a question of kind area');
  if (c.questions.find((q) => q.id === c.unitFields.unitType)?.kind !== 'choice') problems.push('unitFields.unitType must be a question of kind choice');
  if (c.rating.reference) known('rating.reference', conditionRefs(c.rating.reference.when));
  c.rating.caveats.forEach((v) => known(`rating caveat ${v.id}`, conditionRefs(v.when)));
  c.revisions.forEach((r) => known(`revision ${r.version}`, r.reask));
  dup('glossary term', c.glossary.map((g) => g.term));
  c.materials.forEach((m) => known(`material ${m.id}`, conditionRefs(m.when)));
  c.exclusions.forEach((e) => known(`exclusion ${e.id}`, conditionRefs(e.when)));
  c.rating.rules.forEach((r) => known(`rating rule ${r.id}`, conditionRefs(r.when)));
  known('rating.appliesWhen', conditionRefs(c.rating.appliesWhen));
  if (c.rating.appliesWhen && !c.rating.notApplicable) problems.push('rating.appliesWhen needs rating.notApplicable: what ungraded units are told');
  c.consequences.forEach((k, i) => known(`consequence ${i + 1} (${k.grade})`, conditionRefs(k.when)));
  for (const field of c.disclosure?.fields ?? []) if (field.from) known(`disclosure field ${field.label}`, [field.from]);
  dup('form', c.forms.map((f) => f.id));
  for (const form of c.forms) problems.push(...formProblems(form));
  return problems;
}
