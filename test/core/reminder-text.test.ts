/** The reminder a unit reads, for units the main reminder tests leave out: no name, no area, no stop, no deadline. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { Campaign } from '../../src/core/campaign.ts';
import { reminderText, selectAudience, type ReminderUnit } from '../../src/core/reminders.ts';
import type { UnitIndexEntry } from '../../src/core/store.ts';

const changji = findCampaign('changji-2024') as Campaign;
/** A moment on Changji's clock (UTC+8); the deadline is 2025-04-30. */
const at = (local: string) => new Date(`${local}+08:00`);
const unit: ReminderUnit = { unitName: '阜康某某有限公司', area: 'fukang', answered: 10, remaining: 40, stop: 'contracts_signed' };

describe('what a unit reads', () => {
  it('quotes the question it stopped at, in its own numbers, whole', () => {
    const text = reminderText(changji, unit, { staff: 12 }, at('2025-04-23T10:00:00'));
    expect(text).toContain('在这 12 名全日制职工中，已签订书面劳动合同（含电子劳动合同）的有多少人？');
  });

  it('says nothing of where it stopped when it has not stopped anywhere yet', () => {
    const text = reminderText(changji, { ...unit, stop: null }, {}, at('2025-04-23T10:00:00'));
    expect(text).toContain('您的自查已答 10 题（共 50 题），还剩最多 40 题。\n距截止日');
  });

  it('greets a unit that has not given its name yet with 您好', () => {
    expect(reminderText(changji, { ...unit, unitName: null }, {}, at('2025-04-23T10:00:00'))).toMatch(/^【.+·提醒】您好：\n/);
  });

  it('asks to finish soon when the campaign has no deadline (Wenshui grades only)', () => {
    const wenshui = findCampaign('wenshui-2022') as Campaign;
    expect(reminderText(wenshui, { ...unit, area: 'wenshui', stop: null }, {}, at('2024-06-03T10:00:00'))).toContain('\n请尽快完成。\n');
  });
});

describe('overdue, for a unit that has not said where it is', () => {
  const late = at('2025-05-03T10:00:00');

  it('tells it how to find its bureau, and never gives the supervision (complaints) line as the one to call', () => {
    const text = reminderText(changji, { ...unit, area: null }, {}, late);
    expect(text).toContain('截止日（2025-04-30）已过 3 天，请尽快完成；发送“联系方式”可查看各地负责审查的人社部门和电话。');
    expect(text).not.toContain(changji.supervisionPhone?.phone ?? 'no supervision phone');
  });

  it('names the bureau of its area and its phone once the area is known', () => {
    expect(reminderText(changji, unit, {}, late)).toContain('截止日（2025-04-30）已过 3 天，请尽快完成，并联系阜康市人力资源和社会保障局（电话 0994-3234108）。');
  });
});

describe('who is stuck', () => {
  it('a unit last active exactly N days ago counts as stuck N days', () => {
    const now = at('2025-04-23T10:00:00');
    const entry: UnitIndexEntry = { key: 'tg:1', campaignId: changji.id, area: 'fukang', unitName: null, status: 'started', updatedAt: at('2025-04-16T10:00:00').getTime() };
    expect(selectAudience([entry], () => true, { stuckDays: 7, skipPaused: false }, now).recipients).toEqual([entry]);
    expect(selectAudience([entry], () => true, { stuckDays: 8, skipPaused: false }, now).recipients).toEqual([]);
  });
});
