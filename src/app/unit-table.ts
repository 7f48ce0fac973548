/**
 * The caller's units as a table (columns and cells, words from templates/): what the XLSX and CSV exports
 * and the web dashboard's table show. Pure; the spreadsheet adapters only serialise it.
 */
import type { Campaign } from '../core/campaign.ts';
import { t, type TextKey } from '../core/text.ts';
import type { UnitRow } from './staff-service.ts';

export type Table = { title: string; columns: string[]; rows: (string | number)[][] };

/** A moment on the campaign's wall clock, "2025-03-20 14:05". */
export function localDateTime(campaign: Campaign, at: number | undefined): string {
  if (at === undefined) return '';
  const iso = new Date(at + campaign.utcOffsetHours * 3_600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export const areaName = (campaign: Campaign, id: string) => campaign.areas.find((a) => a.id === id)?.name ?? id;
/** The areas a staff member covers, as words: 全部地区 for the prefecture bureau, else their names. */
export const scopeAreasText = (campaign: Campaign, areas: readonly string[]) =>
  areas.length === campaign.areas.length ? t('staff.stats.allAreas') : areas.map((a) => areaName(campaign, a)).join(t('sep.enum'));
export const statusLabel = (status: UnitRow['status']) => t(`staff.status.${status}` as TextKey);
export const verdictLabel = (v: UnitRow['verdict']) => (v ? t(`staff.verdict.${v}` as TextKey) : '');
export const unitTypeLabel = (campaign: Campaign, code: string | null) =>
  code ? campaign.questions.find((q) => q.id === campaign.unitFields.unitType)?.options?.find((o) => o.code === code)?.label ?? code : '';
/** "12 / 60": answered of at most this many questions. */
export const progressText = (r: UnitRow) => (r.status === 'not_started' ? '' : t('staff.progress', { answered: r.answered, total: r.answered + r.remaining }));

/** The units table; with `inviteLink`, a last column holds each roster unit's invitation link. */
export function unitTable(campaign: Campaign, rows: readonly UnitRow[], inviteLink?: (token: string) => string): Table {
  const columns = (['name', 'creditCode', 'area', 'unitType', 'status', 'progress', 'verdict', 'grade', 'missing', 'lastActivity', 'reminders'] as const).map((c) => t(`staff.col.${c}`));
  return {
    title: t('staff.export.title', { campaign: campaign.shortTitle }),
    columns: inviteLink ? [...columns, t('staff.col.invite')] : columns,
    rows: rows.map((r) => [
      r.name,
      r.creditCode,
      areaName(campaign, r.area),
      unitTypeLabel(campaign, r.unitType),
      statusLabel(r.status),
      progressText(r),
      verdictLabel(r.verdict),
      r.grade ?? '',
      r.status === 'finished' ? r.missing : '',
      localDateTime(campaign, r.updatedAt),
      r.remindersSent,
      ...(inviteLink ? [r.inviteToken ? inviteLink(r.inviteToken) : ''] : []),
    ]),
  };
}

/**
 * Units finished by each of the last `days` days (cumulative), dated by their last activity: what the
 * dashboard's completion chart shows. A finished unit that changes an answer later moves to that day.
 */
export function completionByDay(campaign: Campaign, rows: readonly UnitRow[], now: Date, days: number): { label: string; value: number }[] {
  const day = (at: number) => localDateTime(campaign, at).slice(0, 10);
  const finished = rows.filter((r) => r.status === 'finished' && r.updatedAt !== undefined).map((r) => day(r.updatedAt as number)).sort();
  const points: { label: string; value: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const label = day(now.getTime() - i * 86_400_000);
    points.push({ label: label.slice(5), value: finished.filter((d) => d <= label).length });
  }
  return points;
}
