/** The campaign's rules as data: numbers from answers, conditions on them, and what a rule still waits for. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign, Condition, Expr } from '../../src/core/campaign.ts';
import { conditionRefs, evalExpr, exprRefs, holds, mayHold, readsClock, type Answers, type EvalContext } from '../../src/core/conditions.ts';
import { optionValueOf } from '../../src/core/engine.ts';

const changji = findCampaign('changji-2024') as Campaign;
const ctx: EvalContext = { optionValue: optionValueOf(changji), today: '2025-03-10' };
const value = (expr: Expr, answers: Answers) => evalExpr(expr, answers, ctx.optionValue);

describe('numbers computed from answers', () => {
  it('reads a number answer, and nothing from a skipped or non-number one', () => {
    expect(value({ ref: 'staff' }, { staff: 12 })).toBe(12);
    expect(value({ ref: 'staff' }, { staff: null })).toBeUndefined();
    expect(value({ ref: 'staff' }, { staff: '12' })).toBeUndefined();
  });

  it('reads the minimum wage of the chosen tier, and none when the tier was skipped', () => {
    expect(value({ optionValue: 'wage_tier' }, { wage_tier: 'tier1' })).toBe(1900);
    // Whatever the lookup would say, a skipped question has no option to look up.
    const anyOption = () => 1900;
    expect(evalExpr({ optionValue: 'wage_tier' }, { wage_tier: null }, anyOption)).toBeUndefined();
  });

  it('a total needs every part: 12 staff and unanswered dispatch is no total, not NaN', () => {
    const total: Expr = { sum: [{ ref: 'staff' }, { ref: 'dispatched' }] };
    expect(value(total, { staff: 12, dispatched: 3 })).toBe(15);
    expect(value(total, { staff: 12 })).toBeUndefined();
  });

  it('a share needs both numbers and something to divide by', () => {
    const share: Expr = { divide: { ref: 'contracts_signed' }, by: { ref: 'staff' } };
    expect(value(share, { contracts_signed: 6, staff: 12 })).toBe(0.5);
    expect(value(share, { staff: 12 })).toBeUndefined();
    expect(value(share, { contracts_signed: 6 })).toBeUndefined();
    // No staff: no share at all (not Infinity, which every "more than" rule would take as true).
    expect(value(share, { contracts_signed: 6, staff: 0 })).toBeUndefined();
  });

  it('10% of an unanswered headcount is no number, not NaN', () => {
    expect(value({ times: 0.1, of: { ref: 'staff' } }, { staff: 30 })).toBe(3);
    expect(value({ times: 0.1, of: { ref: 'staff' } }, {})).toBeUndefined();
  });
});

describe('conditions', () => {
  it('after: only once the local date is past the given day, not on it', () => {
    expect(holds({ after: '2025-03-10' }, {}, ctx)).toBe(false);
    expect(holds({ after: '2025-03-09' }, {}, ctx)).toBe(true);
  });

  it('answered: a skipped or never-asked question is not answered', () => {
    const answered: Condition = { q: 'staff', answered: true };
    expect(holds(answered, { staff: 0 }, ctx)).toBe(true);
    expect(holds(answered, { staff: null }, ctx)).toBe(false);
    expect(holds(answered, {}, ctx)).toBe(false);
    expect(holds({ q: 'staff', answered: false }, { staff: null }, ctx)).toBe(true);
  });

  it('eq holds on the answer given', () => {
    expect(holds({ q: 'unit_type', eq: 'enterprise' }, { unit_type: 'enterprise' }, ctx)).toBe(true);
  });

  it('compares numbers only: a text that looks like a number is no headcount', () => {
    expect(holds({ q: 'staff', gte: 20 }, { staff: 25 }, ctx)).toBe(true);
    expect(holds({ q: 'staff', gte: 20 }, { staff: '25' }, ctx)).toBe(false);
    expect(holds({ q: 'uses_dispatch', gte: 1 }, { uses_dispatch: true }, ctx)).toBe(false);
  });

  it('a comparison with an unanswered bound is false, whichever way it points', () => {
    expect(holds({ q: 'contracts_signed', lte: { ref: 'staff' } }, { contracts_signed: 5 }, ctx)).toBe(false);
    expect(holds({ q: 'contracts_signed', gt: { ref: 'staff' } }, { contracts_signed: 5 }, ctx)).toBe(false);
  });

  it('gt and lt: strictly more, strictly fewer', () => {
    expect(holds({ q: 'overtime_hours_day', gt: 3 }, { overtime_hours_day: 3 }, ctx)).toBe(false);
    expect(holds({ q: 'overtime_hours_day', gt: 3 }, { overtime_hours_day: 3.5 }, ctx)).toBe(true);
    expect(holds({ q: 'contracts_signed', lt: { ref: 'staff' } }, { contracts_signed: 12, staff: 12 }, ctx)).toBe(false);
    expect(holds({ q: 'contracts_signed', lt: { ref: 'staff' } }, { contracts_signed: 11, staff: 12 }, ctx)).toBe(true);
  });

  it('compares in hundredths: 3 dispatched of 30 is exactly 10%, not over it', () => {
    expect(holds({ q: 'dispatched', gt: { times: 0.1, of: { ref: 'total' } } }, { dispatched: 3, total: 30 }, ctx)).toBe(false);
  });

  it('any: one part is enough; all: every part', () => {
    const parts: Condition[] = [{ q: 'unit_type', eq: 'enterprise' }, { q: 'staff', gte: 20 }];
    expect(holds({ any: parts }, { unit_type: 'organ', staff: 25 }, ctx)).toBe(true);
    expect(holds({ any: parts }, { unit_type: 'organ', staff: 3 }, ctx)).toBe(false);
    expect(holds({ all: parts }, { unit_type: 'organ', staff: 25 }, ctx)).toBe(false);
  });

  it('lte: more contracts than staff does not hold', () => {
    expect(holds({ q: 'contracts_signed', lte: { ref: 'staff' } }, { contracts_signed: 12, staff: 12 }, ctx)).toBe(true);
    expect(holds({ q: 'contracts_signed', lte: { ref: 'staff' } }, { contracts_signed: 13, staff: 12 }, ctx)).toBe(false);
  });
});

describe('mayHold: what a rule still waits for', () => {
  const open = (...ids: string[]) => (id: string) => ids.includes(id);
  const enterprise: Condition = { q: 'unit_type', eq: 'enterprise' };
  const twentyStaff: Condition = { q: 'staff', gte: 20 };

  it('any: one part that holds decides, even with another still open', () => {
    expect(mayHold({ any: [enterprise, twentyStaff] }, { unit_type: 'enterprise' }, open('staff'), ctx)).toBe(true);
    expect(mayHold({ any: [enterprise, twentyStaff] }, { unit_type: 'organ' }, open('staff'), ctx)).toBeUndefined();
    expect(mayHold({ any: [enterprise, twentyStaff] }, { unit_type: 'organ', staff: 3 }, open(), ctx)).toBe(false);
  });

  it('all: one part that fails decides, even with another still open', () => {
    expect(mayHold({ all: [enterprise, twentyStaff] }, { unit_type: 'organ' }, open('staff'), ctx)).toBe(false);
    expect(mayHold({ all: [enterprise, twentyStaff] }, { unit_type: 'enterprise' }, open('staff'), ctx)).toBeUndefined();
    expect(mayHold({ all: [enterprise, twentyStaff] }, { unit_type: 'enterprise', staff: 25 }, open(), ctx)).toBe(true);
  });

  it('a comparison waits for its bound too: contracts against a headcount still to come', () => {
    expect(mayHold({ q: 'contracts_signed', lt: { ref: 'staff' } }, { contracts_signed: 5 }, open('staff'), ctx)).toBeUndefined();
  });

  it('not: turns a decided part round, and leaves an open one open', () => {
    const notEither: Condition = { not: { any: [enterprise, twentyStaff] } };
    expect(mayHold(notEither, { unit_type: 'enterprise' }, open('staff'), ctx)).toBe(false);
    expect(mayHold(notEither, { unit_type: 'organ' }, open('staff'), ctx)).toBeUndefined();
    expect(mayHold({ not: enterprise }, { unit_type: 'organ' }, open(), ctx)).toBe(true);
  });
});

describe('the questions a rule reads', () => {
  it('every part of all, any and not, and the answers a bound reads', () => {
    const rule: Condition = {
      all: [
        { any: [{ q: 'unit_type', eq: 'enterprise' }, { not: { q: 'uses_dispatch', eq: false } }] },
        { q: 'dispatched', gt: { times: 0.1, of: { sum: [{ ref: 'staff' }, { ref: 'dispatched' }] } } },
        { after: '2025-04-30' },
      ],
    };
    expect(conditionRefs(rule)).toEqual(['unit_type', 'uses_dispatch', 'dispatched', 'staff', 'dispatched']);
  });

  it('an expression: its answers, option lookups and both sides of a share', () => {
    expect(exprRefs({ divide: { ref: 'contracts_signed' }, by: { optionValue: 'wage_tier' } })).toEqual(['contracts_signed', 'wage_tier']);
    expect(exprRefs(3)).toEqual([]);
  });
});

describe('readsClock: rules the lint tries on both sides of a date', () => {
  it.each<[string, Condition | undefined, boolean]>([
    ['no rule', undefined, false],
    ['after', { after: '2025-04-30' }, true],
    ['an answer', { q: 'staff', gte: 1 }, false],
    ['all with one after among others', { all: [{ q: 'staff', gte: 1 }, { after: '2025-04-30' }] }, true],
    ['all without after', { all: [{ q: 'staff', gte: 1 }] }, false],
    ['any with one after among others', { any: [{ q: 'staff', gte: 1 }, { after: '2025-04-30' }] }, true],
    ['not after', { not: { after: '2025-04-30' } }, true],
  ])('%s: %s', (_label, cond, clock) => expect(readsClock(cond)).toBe(clock));
});
