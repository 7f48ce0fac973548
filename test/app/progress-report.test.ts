/** The weekly progress report as a document model: figures, the chart by area, where units stop, what they lack. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { Block } from '../../src/core/document.ts';
import { progressReportDocument } from '../../src/app/progress-report.ts';
import type { StaffScope, StaffStats } from '../../src/app/staff-service.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const NOW = new Date('2025-03-20T06:05:00Z'); // 14:05 in Changji
const scope = (campaign: Campaign, areas: string[]): StaffScope => ({ member: { name: '王科长', telegramIds: [], areas }, campaign, areas });
const stats = (over: Partial<StaffStats> = {}): StaffStats => ({
  areas: ['fukang', 'qitai'],
  expected: 30,
  notStarted: 12,
  started: 9,
  finished: 8,
  outOfScope: 1,
  selfRegistered: 4,
  verdicts: { pass: 3, fail: 1, pending: 4 },
  grades: { A: 5, B: 2, C: 1 },
  dropOff: [],
  missing: [],
  remindersSent: 17,
  unreachable: 2,
  byArea: [
    { area: 'fukang', expected: 20, notStarted: 8, started: 6, finished: 5, outOfScope: 1 },
    { area: 'qitai', expected: 10, notStarted: 4, started: 3, finished: 3, outOfScope: 0 },
  ],
  ...over,
});
const headings = (blocks: Block[]) => blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);

describe('the progress report', () => {
  it('names the campaign, the clerk and the areas, is dated on the campaign clock, and files as a PDF of that day', () => {
    const doc = progressReportDocument(scope(changji, ['fukang', 'qitai']), stats(), NOW);
    expect(doc.title).toBe('书面审查进度报告');
    expect(doc.subtitle).toEqual([changji.title, '王科长 · 阜康市、奇台县']);
    expect(doc.fileName).toBe('书面审查进度报告-2025-03-20.pdf');
    expect(doc.footer).toEqual(['生成时间：2025-03-20 14:05']);
    expect(doc.date).toBe(NOW);
  });

  it('gives every figure, with the verdicts only where the campaign has a written review', () => {
    const figures = (campaign: Campaign) =>
      (progressReportDocument(scope(campaign, ['fukang']), stats(), NOW).blocks.find((b) => b.kind === 'keyValue') as { rows: { key: string; value: string }[] }).rows;
    expect(figures(changji)).toEqual([
      { key: '名单内单位', value: '30 个，其中未开始 12 个' },
      { key: '自行进入（不在名单）', value: '4' },
      { key: '进行中', value: '9' },
      { key: '已完成', value: '8' },
      { key: '不在范围', value: '1' },
      { key: '审查预判（已完成）', value: '合格 3 · 不合格 1 · 材料未备齐/待核实 4' },
      { key: '预估等级（已完成）', value: 'A 5 · B 2 · C 1' },
      { key: '提醒', value: '已发 17 次 · 无法联系的单位 2 个' },
    ]);
    expect(figures(wenshui).map((r) => r.key)).not.toContain('审查预判（已完成）');
  });

  it('charts units by status for each area, by the area\'s name', () => {
    const chart = progressReportDocument(scope(changji, ['fukang', 'qitai']), stats(), NOW).blocks.find((b) => b.kind === 'barChart');
    expect(chart).toEqual({
      kind: 'barChart',
      series: ['未开始', '进行中', '已完成', '不在范围'],
      bars: [
        { label: '阜康市', values: [8, 6, 5, 1] },
        { label: '奇台县', values: [4, 3, 3, 0] },
      ],
    });
  });

  it('leaves out the stop and missing-material tables when there is nothing to list', () => {
    const doc = progressReportDocument(scope(changji, ['fukang']), stats(), NOW);
    expect(headings(doc.blocks)).toEqual(['一、总体情况', '二、各地区单位状态']);
    expect(doc.blocks.some((b) => b.kind === 'table')).toBe(false);
  });

  it('lists at most ten stops and ten missing materials, most first, with their counts', () => {
    const dropOff = Array.from({ length: 12 }, (_, i) => ({ questionId: `q${i}`, text: `问题${i}`, count: 20 - i }));
    const missing = Array.from({ length: 11 }, (_, i) => ({ materialId: `m${i}`, name: `材料${i}`, count: 11 - i }));
    const doc = progressReportDocument(scope(changji, ['fukang']), stats({ dropOff, missing }), NOW);
    expect(headings(doc.blocks)).toEqual(['一、总体情况', '二、各地区单位状态', '三、进行中的单位停在哪一题', '四、已完成单位最常缺少的材料']);
    const tables = doc.blocks.filter((b) => b.kind === 'table') as { columns: { title: string }[]; rows: string[][] }[];
    expect(tables.map((tb) => tb.columns.map((c) => c.title))).toEqual([['项目', '单位数'], ['项目', '单位数']]);
    expect(tables[0]?.rows).toHaveLength(10);
    expect(tables[0]?.rows[0]).toEqual(['问题0', '20']);
    expect(tables[1]?.rows).toHaveLength(10);
    expect(tables[1]?.rows.at(-1)).toEqual(['材料9', '2']);
  });
});
