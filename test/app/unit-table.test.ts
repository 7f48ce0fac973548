/** The units table every export and the dashboard share, and the completion chart: pure, in the campaign's clock. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { UnitRow } from '../../src/app/staff-service.ts';
import { areaName, completionByDay, localDateTime, progressText, scopeAreasText, unitTable, unitTypeLabel, verdictLabel } from '../../src/app/unit-table.ts';

const changji = findCampaign('changji-2024') as Campaign;
/** 2025-03-20 14:05 in Changji (UTC+8). */
const AT = Date.parse('2025-03-20T06:05:00Z');
const row = (over: Partial<UnitRow> = {}): UnitRow => ({
  key: 'tg:1',
  name: '阜康某某有限公司',
  creditCode: '91350100M000100Y43',
  area: 'fukang',
  unitType: 'enterprise',
  status: 'finished',
  answered: 48,
  remaining: 0,
  verdict: 'pending',
  grade: 'B',
  missing: 2,
  updatedAt: AT,
  remindersSent: 3,
  onRoster: true,
  inviteToken: 'tok123',
  remindersPaused: false,
  stop: null,
  ...over,
});

describe('cells as a clerk reads them', () => {
  it('dates and times on the campaign\'s wall clock, nothing for no time', () => {
    expect(localDateTime(changji, AT)).toBe('2025-03-20 14:05');
    expect(localDateTime(changji, Date.parse('2025-03-20T17:30:00Z'))).toBe('2025-03-21 01:30');
    expect(localDateTime(changji, undefined)).toBe('');
  });
  it('areas by name (the id when the campaign has no such area), all areas as 全部地区', () => {
    expect(areaName(changji, 'fukang')).toBe('阜康市');
    expect(areaName(changji, 'atlantis')).toBe('atlantis');
    expect(scopeAreasText(changji, ['fukang', 'qitai'])).toBe('阜康市、奇台县');
    expect(scopeAreasText(changji, changji.areas.map((a) => a.id))).toBe('全部地区');
  });
  it('unit types by their label, an unknown code as itself, none as blank', () => {
    expect(unitTypeLabel(changji, 'enterprise')).toBe('企业（含中央、自治区驻州企业）');
    expect(unitTypeLabel(changji, 'cooperative')).toBe('cooperative');
    expect(unitTypeLabel(changji, null)).toBe('');
  });
  it('progress as answered of at most this many, blank before the unit starts; verdicts in words', () => {
    expect(progressText(row({ status: 'started', answered: 12, remaining: 48 }))).toBe('12 / 60');
    expect(progressText(row({ status: 'not_started', answered: 0, remaining: 0 }))).toBe('');
    expect(verdictLabel('fail')).toBe('不合格');
    expect(verdictLabel(null)).toBe('');
  });
});

describe('the units table', () => {
  it('has a title and the eleven columns, in order', () => {
    const table = unitTable(changji, []);
    expect(table.title).toBe(`${changji.shortTitle} 单位进度`);
    expect(table.columns).toEqual(['单位名称', '统一社会信用代码', '所在地区', '单位类型', '状态', '进度（已答/最多）', '审查预判', '预估等级', '缺少材料数', '最后活动', '已发提醒']);
    expect(table.rows).toEqual([]);
  });
  it('writes one row per unit, with missing materials only for finished units', () => {
    const table = unitTable(changji, [row(), row({ status: 'started', answered: 12, remaining: 48, verdict: null, grade: null, missing: 5, updatedAt: undefined, remindersSent: 0 })]);
    expect(table.rows).toEqual([
      ['阜康某某有限公司', '91350100M000100Y43', '阜康市', '企业（含中央、自治区驻州企业）', '已完成', '48 / 48', '材料未备齐/待核实', 'B', 2, '2025-03-20 14:05', 3],
      ['阜康某某有限公司', '91350100M000100Y43', '阜康市', '企业（含中央、自治区驻州企业）', '进行中', '12 / 60', '', '', '', '', 0],
    ]);
  });
  it('adds the invitation link column when asked, blank for a unit with no invitation', () => {
    const table = unitTable(changji, [row(), row({ inviteToken: undefined })], (token) => `https://x.example/i/${token}`);
    expect(table.columns.at(-1)).toBe('邀请链接');
    expect(table.columns).toHaveLength(12);
    expect(table.rows.map((r) => r.at(-1))).toEqual(['https://x.example/i/tok123', '']);
  });
});

describe('units finished by day', () => {
  const now = new Date('2025-03-22T04:00:00Z'); // 2025-03-22 12:00 in Changji
  it('counts finished units up to each of the last days, cumulatively, by their local day', () => {
    const rows = [
      row({ updatedAt: Date.parse('2025-03-19T15:59:00Z') }), // 03-19 23:59 local
      row({ updatedAt: Date.parse('2025-03-19T16:01:00Z') }), // 03-20 00:01 local
      row({ updatedAt: Date.parse('2025-03-22T01:00:00Z') }),
      row({ status: 'started', updatedAt: Date.parse('2025-03-21T01:00:00Z') }),
      row({ updatedAt: undefined }),
    ];
    expect(completionByDay(changji, rows, now, 4)).toEqual([
      { label: '03-19', value: 1 },
      { label: '03-20', value: 2 },
      { label: '03-21', value: 2 },
      { label: '03-22', value: 3 },
    ]);
  });
  it('gives as many points as days asked, the last one today', () => {
    const points = completionByDay(changji, [], now, 7);
    expect(points).toHaveLength(7);
    expect(points.at(-1)).toEqual({ label: '03-22', value: 0 });
    expect(points[0]?.label).toBe('03-16');
  });
});
