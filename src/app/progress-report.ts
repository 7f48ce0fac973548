/**
 * The weekly meeting's progress report as a document: the figures of the caller's areas, a bar chart of
 * units by status per area, where units in progress stopped, and the materials most often missing.
 */
import type { Campaign } from '../core/campaign.ts';
import { safeFileName, td, validityBlocks, type Block, type Document } from '../core/document.ts';
import { t } from '../core/text.ts';
import type { StaffScope, StaffStats } from './staff-service.ts';
import { areaName, localDateTime, scopeAreasText } from './unit-table.ts';


const TOP = 10;

export function progressReportDocument(scope: StaffScope, stats: StaffStats, now: Date): Document {
  const campaign: Campaign = scope.campaign;
  const figures: Block = {
    kind: 'keyValue',
    rows: [
      { key: td('report.expected'), value: td('report.expectedValue', { expected: stats.expected, notStarted: stats.notStarted }) },
      { key: td('report.selfRegistered'), value: String(stats.selfRegistered) },
      { key: t('staff.status.started'), value: String(stats.started) },
      { key: t('staff.status.finished'), value: String(stats.finished) },
      { key: t('staff.status.out_of_scope'), value: String(stats.outOfScope) },
      ...(campaign.review ? [{ key: td('report.verdicts'), value: td('report.verdictsValue', stats.verdicts) }] : []),
      { key: td('report.grades'), value: td('report.gradesValue', stats.grades) },
      { key: td('report.reminders'), value: td('report.remindersValue', { sent: stats.remindersSent, unreachable: stats.unreachable }) },
    ],
  };
  const chart: Block = {
    kind: 'barChart',
    series: (['not_started', 'started', 'finished', 'out_of_scope'] as const).map((s) => t(`staff.status.${s}`)),
    bars: stats.byArea.map((a) => ({ label: areaName(campaign, a.area), values: [a.notStarted, a.started, a.finished, a.outOfScope] })),
  };
  const table = (title: string, rows: string[][]): Block[] =>
    rows.length ? [{ kind: 'heading', level: 1, text: title }, { kind: 'table', columns: [{ title: td('report.colItem'), weight: 80 }, { title: td('report.colUnits'), weight: 20, align: 'center' }], rows }] : [];
  return {
    title: td('report.title'),
    subtitle: [campaign.title, td('report.scope', { staff: scope.member.name, areas: scopeAreasText(campaign, scope.areas) })],
    fileName: safeFileName(td('report.fileName', { date: localDateTime(campaign, now.getTime()).slice(0, 10) })),
    blocks: [
      ...validityBlocks(campaign, now),
      { kind: 'heading', level: 1, text: td('report.hFigures') },
      figures,
      { kind: 'heading', level: 1, text: td('report.hByArea') },
      chart,
      ...table(td('report.hDropOff'), stats.dropOff.slice(0, TOP).map((d) => [d.text, String(d.count)])),
      ...table(td('report.hMissing'), stats.missing.slice(0, TOP).map((m) => [m.name, String(m.count)])),
    ],
    footer: [td('report.generated', { time: localDateTime(campaign, now.getTime()) })],
    date: now,
  };
}
