/** Side conversations (Wenshui's objection and repair forms): finding one by its words, walking it, its dates. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { wenshui2022 } from '../../flows/wenshui-2022.ts';
import { Campaign, type Form } from '../../src/core/campaign.ts';
import { findForm, formByWord, formCampaign, formPosition, formResult } from '../../src/core/forms.ts';

const wenshui = findCampaign('wenshui-2022') as Campaign;
const form = (id: string) => wenshui.forms.find((f) => f.id === id) as Form;
const NOW = new Date('2025-04-28T02:00:00Z');

describe('finding a form', () => {
  it('by its id, and no form for an unknown or missing one', () => {
    expect(findForm(wenshui, 'repair')?.id).toBe('repair');
    expect(findForm(wenshui, 'appeal')).toBeUndefined();
    expect(findForm(wenshui, undefined)).toBeUndefined();
  });

  it('by a word the unit types, or /<id> in any case, full-width or with blanks around', () => {
    expect(formByWord(wenshui, '异议')?.id).toBe('objection');
    expect(formByWord(wenshui, ' 信用修复 ')?.id).toBe('repair');
    expect(formByWord(wenshui, '/repair')?.id).toBe('repair');
    expect(formByWord(wenshui, ' /Objection ')?.id).toBe('objection');
    expect(formByWord(wenshui, '／ＲＥＰＡＩＲ')?.id).toBe('repair');
    expect(formByWord(wenshui, '我要异议')).toBeUndefined();
  });

  it("a campaign's English word matches whatever its case", () => {
    const input = { ...wenshui2022, forms: wenshui2022.forms?.map((f) => (f.id === 'objection' ? { ...f, words: ['Appeal'] } : f)) };
    const english = Campaign.parse(input);
    expect(formByWord(english, 'appeal')?.id).toBe('objection');
    expect(formByWord(english, 'APPEAL')?.id).toBe('objection');
  });
});

describe('walking a form', () => {
  it("asks the form's own questions only: no materials, no exclusions, no other forms", () => {
    // A campaign of its own: the form campaign is derived once per form object, and this one is new.
    const fresh = Campaign.parse(wenshui2022);
    const objection = fresh.forms.find((f) => f.id === 'objection') as Form;
    const walk = formPosition(fresh, objection, {}, NOW);
    expect(walk.applicable.map((s) => s.id)).toEqual(['ground', 'record', 'detail', 'received_on', 'other_departments']);
    expect(formCampaign(fresh, objection)).toMatchObject({ materials: [], exclusions: [], forms: [] });
  });

  it('derives the form campaign once, so the engine reuses what it compiled for it', () => {
    expect(formCampaign(wenshui, form('repair'))).toBe(formCampaign(wenshui, form('repair')));
  });
});

describe('the dates of a form', () => {
  it('gives none before the date they count from is answered', () => {
    const r = formResult(wenshui, form('objection'), { ground: 'error', record: '处罚记录', detail: null }, NOW);
    expect(r.dates).toEqual([]);
    expect(formResult(wenshui, form('repair'), { corrected: true, penalty_done: true }, NOW).dates).toEqual([]);
  });

  it('says the holidays were counted when every day lies in a year with holiday data', () => {
    const objection = formResult(wenshui, form('objection'), { ground: 'error', record: '处罚记录', detail: null, received_on: '2025-04-29', other_departments: false }, NOW);
    expect(objection.dates.map((d) => [d.rule.id, d.date, d.holidaysKnown])).toEqual([
      ['answer_by_own', '2025-05-07', true],
      ['platform_by', '2025-05-14', true],
    ]);
    const repair = formResult(wenshui, form('repair'), { graded_on: '2024-01-10', corrected: true, penalty_done: true }, NOW);
    expect(repair.dates.map((d) => [d.rule.id, d.holidaysKnown])).toEqual([
      ['cycle_end', true],
      ['regrade_by', true],
    ]);
  });
});
