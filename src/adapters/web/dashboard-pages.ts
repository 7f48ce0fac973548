/**
 * The bureau's dashboard as pages: sign-in, overview with charts, the units table, roster import, exports,
 * invitations, reminders and the audit log. Words from templates/; figures from StaffService.
 */
import type { StaffScope, StaffStats, UnitFilter, UnitRow } from '../../app/staff-service.ts';
import { areaName, localDateTime, progressText, scopeAreasText, statusLabel, verdictLabel } from '../../app/unit-table.ts';
import type { AuditEntry } from '../../core/staff-store.ts';
import { t } from '../../core/text.ts';
import { DASHBOARD_CSS } from './assets.ts';
import { bars, columns, legend, PALETTE, stackedBars } from './charts.ts';
import { document, html, paragraphs, raw, type Html } from './html.ts';

export const STATUSES = ['not_started', 'started', 'finished', 'out_of_scope'] as const;
export type DashboardView = 'overview' | 'units' | 'roster' | 'export' | 'reminders' | 'audit';

export type Chrome = { scope: StaffScope; csrf: string; campaigns: { id: string; title: string }[]; view: DashboardView };

const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;
export const withCampaign = (path: string, scope: StaffScope, extra: Record<string, string | number | undefined> = {}) => {
  const params = new URLSearchParams({ c: scope.campaign.id });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `${path}?${params}`;
};

function shell(title: string, body: Html): string {
  return document({ title, css: DASHBOARD_CSS, body });
}

export function layout(chrome: Chrome, title: string, body: Html): string {
  const { scope } = chrome;
  const nav: [DashboardView, string, string][] = [
    ['overview', '/staff', t('dash.nav.overview')],
    ['units', '/staff/units', t('dash.nav.units')],
    ['roster', '/staff/roster', t('dash.nav.roster')],
    ['export', '/staff/export', t('dash.nav.export')],
    ['reminders', '/staff/reminders', t('dash.nav.reminders')],
    ['audit', '/staff/audit', t('dash.nav.audit')],
  ];
  return shell(`${title} · ${t('dash.title')}`, html`<header class="top"><div class="wrap">
<strong>${t('dash.title')}</strong>
<nav aria-label="${t('dash.title')}">${nav.map(([view, path, label]) => html`<a href="${withCampaign(path, scope)}"${view === chrome.view ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
<span>${t('dash.signedInAs', { name: scope.member.name, areas: scopeAreasText(scope.campaign, scope.areas) })}</span>
<form method="post" action="/staff/logout">${csrfField(chrome.csrf)}<button class="btn quiet" type="submit">${t('dash.signOut')}</button></form>
</div></header>
<main class="wrap">
${chrome.campaigns.length > 1 ? html`<form method="get" action="" class="filters"><div><label for="campaign">${t('dash.campaign')}</label><select id="campaign" name="c">${chrome.campaigns.map((c) => html`<option value="${c.id}"${c.id === scope.campaign.id ? html` selected` : ''}>${c.title}</option>`)}</select></div><button class="btn alt" type="submit">${t('dash.switch')}</button></form>` : ''}
<h1>${title}</h1>
${body}
</main>`);
}

export function loginPage(csrf: string, error?: string): string {
  return shell(t('dash.loginTitle'), html`<main class="wrap" style="max-width:26rem">
<h1>${t('dash.title')}</h1>
<section class="card"><h2>${t('dash.loginTitle')}</h2>
${error ? html`<p class="card err" role="alert">${error}</p>` : ''}
<form method="post" action="/staff/login">${csrfField(csrf)}
<label for="login">${t('dash.login')}</label><input type="text" id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="40">
<label for="password">${t('dash.password')}</label><input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200">
<button class="btn" type="submit">${t('dash.signIn')}</button></form></section></main>`);
}

const STATUS_COLORS = [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]] as string[];

export function overviewBody(scope: StaffScope, s: StaffStats, completion: { label: string; value: number }[], days: number): Html {
  const campaign = scope.campaign;
  const kpi = (label: string, value: number) => html`<div class="kpi">${label}<b>${value}</b></div>`;
  const series = STATUSES.map((st, i) => ({ name: statusLabel(st), color: STATUS_COLORS[i] as string }));
  const card = (title: string, content: Html) => html`<section class="card"><h2>${title}</h2>${content}</section>`;
  const none = html`<p class="muted">${t('dash.chart.none')}</p>`;
  return html`<div class="kpis">
${kpi(t('dash.kpi.expected'), s.expected)}${kpi(t('dash.kpi.notStarted'), s.notStarted)}${kpi(t('dash.kpi.selfRegistered'), s.selfRegistered)}
${kpi(t('dash.kpi.started'), s.started)}${kpi(t('dash.kpi.finished'), s.finished)}${kpi(t('dash.kpi.outOfScope'), s.outOfScope)}
${kpi(t('dash.kpi.unreachable'), s.unreachable)}${kpi(t('dash.kpi.reminders'), s.remindersSent)}
</div>
<div class="grid">
${card(t('dash.chart.byArea'), html`${legend(series)}${stackedBars(t('dash.chart.byArea'), s.byArea.map((a) => ({ label: areaName(campaign, a.area), values: [a.notStarted, a.started, a.finished, a.outOfScope] })), series)}`)}
${card(t('dash.chart.completion', { days }), columns(t('dash.chart.completion', { days }), completion))}
${campaign.review ? card(t('dash.chart.verdicts'), bars(t('dash.chart.verdicts'), (['pass', 'fail', 'pending'] as const).map((v) => ({ label: verdictLabel(v), value: s.verdicts[v] })), PALETTE[4], 140)) : ''}
${card(t('dash.chart.grades'), bars(t('dash.chart.grades'), (['A', 'B', 'C'] as const).map((g) => ({ label: t('dash.grade', { grade: g }), value: s.grades[g] })), PALETTE[2], 60))}
${card(t('dash.chart.dropOff'), s.dropOff.length ? bars(t('dash.chart.dropOff'), s.dropOff.slice(0, 10).map((d) => ({ label: d.text, value: d.count })), PALETTE[1], 230) : none)}
${card(t('dash.chart.missing'), s.missing.length ? bars(t('dash.chart.missing'), s.missing.slice(0, 10).map((m) => ({ label: m.name, value: m.count })), PALETTE[5], 230) : none)}
</div>`;
}

export function unitsBody(scope: StaffScope, filter: UnitFilter, result: { rows: UnitRow[]; total: number; page: number; pages: number }): Html {
  const campaign = scope.campaign;
  const link = (page: number) => withCampaign('/staff/units', scope, { area: filter.area, status: filter.status, stuck: filter.stuckDays, page: page + 1 });
  return html`<form method="get" action="/staff/units" class="filters card"><input type="hidden" name="c" value="${campaign.id}">
<div><label for="f-area">${t('dash.filter.area')}</label><select id="f-area" name="area"><option value="">${t('dash.filter.all')}</option>${scope.areas.map((a) => html`<option value="${a}"${a === filter.area ? html` selected` : ''}>${areaName(campaign, a)}</option>`)}</select></div>
<div><label for="f-status">${t('dash.filter.status')}</label><select id="f-status" name="status"><option value="">${t('dash.filter.all')}</option>${STATUSES.map((st) => html`<option value="${st}"${st === filter.status ? html` selected` : ''}>${statusLabel(st)}</option>`)}</select></div>
<div><label for="f-stuck">${t('dash.filter.stuck')}</label><input type="number" id="f-stuck" name="stuck" min="0" max="999" value="${filter.stuckDays ?? ''}"></div>
<button class="btn" type="submit">${t('dash.filter.apply')}</button></form>
<p>${t('dash.units.count', { total: result.total, page: result.page + 1, pages: result.pages })}</p>
<div class="scroll"><table><thead><tr>${(['name', 'creditCode', 'area', 'status', 'progress', 'verdict', 'grade', 'lastActivity'] as const).map((c) => html`<th scope="col">${t(`staff.col.${c}`)}</th>`)}<th scope="col">${t('dash.units.actions')}</th></tr></thead>
<tbody>${result.rows.map((r) => html`<tr><td>${r.name}</td><td>${r.creditCode}</td><td>${areaName(campaign, r.area)}</td><td>${statusLabel(r.status)}</td><td>${progressText(r)}</td><td>${verdictLabel(r.verdict)}</td><td>${r.grade ?? ''}</td><td>${localDateTime(campaign, r.updatedAt)}</td>
<td>${r.key ? html`<a href="${withCampaign('/staff/units/pdf', scope, { unit: r.key })}">${t('dash.units.pdf')}</a> ` : ''}${r.inviteToken ? html`<a href="${withCampaign('/staff/invite', scope, { code: r.creditCode })}">${t('dash.units.invite')}</a>` : ''}</td></tr>`)}</tbody></table></div>
<nav class="pager" aria-label="${t('dash.units.count', { total: result.total, page: result.page + 1, pages: result.pages })}">
${result.page > 0 ? html`<a href="${link(result.page - 1)}" rel="prev">${t('dash.units.prev')}</a>` : ''}
${result.page < result.pages - 1 ? html`<a href="${link(result.page + 1)}" rel="next">${t('dash.units.next')}</a>` : ''}</nav>`;
}

export function inviteBody(name: string, webLink: string, telegramLink: string | undefined, qrSvg: string): Html {
  return html`<section class="card"><h2>${t('dash.invite.title', { name })}</h2>
<p>${t('dash.invite.web')}<br><a href="${webLink}">${webLink}</a></p>
${telegramLink ? html`<p>${t('dash.invite.telegram')}<br><a href="${telegramLink}">${telegramLink}</a></p>` : ''}
<h3>${t('dash.invite.qr')}</h3><div style="max-width:16rem" role="img" aria-label="${t('dash.invite.qr')}">${raw(qrSvg)}</div></section>`;
}

export function rosterBody(scope: StaffScope, csrf: string, result?: { ok: true; count: number } | { ok: false; problems: string[] } | { error: string }): Html {
  return html`${result && 'error' in result ? html`<section class="card err" role="alert">${result.error}</section>` : ''}
${result && 'ok' in result && result.ok ? html`<section class="card note" role="status">${t('staff.roster.imported', { count: result.count })}</section>` : ''}
${result && 'ok' in result && !result.ok ? html`<section class="card err" role="alert">${paragraphs(t('staff.roster.refused', { problems: result.problems.join('\n') }))}</section>` : ''}
<section class="card"><p>${t('dash.roster.howTo')}</p>
<form method="post" action="${withCampaign('/staff/roster', scope, { _csrf: csrf })}" enctype="multipart/form-data">
<label for="roster-file">${t('dash.roster.file')}</label><input type="file" id="roster-file" name="file" accept=".xlsx,.csv" required>
<button class="btn" type="submit">${t('dash.roster.upload')}</button></form></section>`;
}

export function exportBody(scope: StaffScope): Html {
  return html`<section class="card"><p>${t('dash.export.intro')}</p>
<a class="btn inline" href="${withCampaign('/staff/export/units.xlsx', scope)}">${t('dash.export.xlsx')}</a>
<a class="btn inline alt" href="${withCampaign('/staff/export/units.csv', scope)}">${t('dash.export.csv')}</a>
<a class="btn inline alt" href="${withCampaign('/staff/export/report.pdf', scope)}">${t('dash.export.report')}</a></section>`;
}

export function auditBody(scope: StaffScope, entries: AuditEntry[]): Html {
  return html`<p><a class="btn inline alt" href="${withCampaign('/staff/audit.xlsx', scope)}">${t('dash.audit.xlsx')}</a> <a class="btn inline alt" href="${withCampaign('/staff/audit.csv', scope)}">${t('dash.audit.csv')}</a></p>
<div class="scroll"><table><thead><tr>${(['at', 'staff', 'action', 'count', 'detail'] as const).map((c) => html`<th scope="col">${t(`staff.audit.col.${c}`)}</th>`)}</tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${localDateTime(scope.campaign, e.at)}</td><td>${e.staff}</td><td>${e.action}</td><td>${e.count ?? ''}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody></table></div>`;
}
