/**
 * The bureau's dashboard over HTTP: what /stats, /units, /export, /roster, /invite and /audit give staff
 * in Telegram, at a desk. Thin handlers over StaffService (scoped to the signed-in member's areas on every
 * request, audited as in Telegram); sign-in with argon2 and a rate limit; CSRF on every form.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import QRCode from 'qrcode';
import { z } from 'zod';
import { INVITE_PREFIX } from '../../app/conversation-service.ts';
import { progressReportDocument } from '../../app/progress-report.ts';
import type { StaffDirectory, StaffMember } from '../../app/staff-directory.ts';
import type { StaffScope, StaffService, UnitFilter } from '../../app/staff-service.ts';
import { completionByDay, localDateTime, unitTable, type Table } from '../../app/unit-table.ts';
import type { Document } from '../../core/document.ts';
import { t, type TextKey } from '../../core/text.ts';
import { readSheet, tableToCsv, tableToXlsx } from '../export/spreadsheet.ts';
import { contentDisposition } from '../http/downloads.ts';
import type { Logger } from '../log/log.ts';
import { inviteLink } from '../telegram/staff.ts';
import { auditBody, exportBody, inviteBody, layout, loginPage, overviewBody, rosterBody, STATUSES, unitsBody, type DashboardView } from './dashboard-pages.ts';
import { messagePage } from './chat-pages.ts';
import { absoluteUrl, sendPage } from './respond.ts';
import type { CookieSecurity } from './session.ts';
import { remindersRoutes, StuckDays, type RemindersPageOptions } from './reminders-routes.ts';
import { checkPassword, clearStaffCookie, setStaffCookie, signedInMember } from './staff-auth.ts';

export type DashboardOptions = {
  staff: StaffService;
  directory: StaffDirectory;
  renderPdf: (doc: Document) => Promise<Buffer>;
  cookieSecure: CookieSecurity;
  sessionHours: number;
  loginPerMinute: number;
  baseUrl?: string;
  botUsername?: () => string | undefined;
  /** Reminders (BullMQ, with Redis): the reminders page previews, confirms and reports runs. */
  reminders?: RemindersPageOptions['reminders'];
  logger: Logger;
};

/** Everything a dashboard page may be asked for in its query string; anything else is ignored or refused. */
const Query = z.object({
  c: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  area: z.string().regex(/^[a-z0-9_]{0,30}$/).optional(),
  status: z.union([z.enum(STATUSES), z.literal('')]).optional(),
  stuck: StuckDays.optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  unit: z.string().regex(/^tg:-?\d{1,20}$|^web:[A-Za-z0-9_-]{1,40}$/).optional(),
  code: z.string().max(40).optional(),
});
type Query = z.infer<typeof Query>;
const LoginForm = z.object({ _csrf: z.string().max(200), login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
const PAGE_SIZE = 20;
const COMPLETION_DAYS = 30;

declare module 'fastify' {
  interface FastifyRequest {
    staffScope?: StaffScope;
  }
}

export async function dashboardRoutes(app: FastifyInstance, options: DashboardOptions): Promise<void> {
  const { staff, directory } = options;
  const now = () => staff.now();
  const webBase = (request: FastifyRequest) => options.baseUrl ?? absoluteUrl(request, '/');

  const campaignsOf = (member: StaffMember) => staff.campaigns.filter((c) => directory.areasOf(member, c).length > 0).map((c) => ({ id: c.id, title: c.title }));
  const page = (request: FastifyRequest, reply: FastifyReply, view: DashboardView, title: string, body: Parameters<typeof layout>[2]) => {
    const scope = request.staffScope as StaffScope;
    const campaigns = campaignsOf(scope.member);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, layout({ scope, csrf: reply.generateCsrf(), campaigns, view }, title, body));
  };
  const forbidden = (reply: FastifyReply) => sendPage(reply.code(403), messagePage(t('dash.forbidden'), { href: '/staff', label: t('staff.web.home') }));
  const download = (reply: FastifyReply, type: string, fileName: string, bytes: Buffer) =>
    reply.type(type).header('cache-control', 'no-store').header('content-disposition', contentDisposition(fileName, type === 'application/pdf' ? 'inline' : 'attachment')).send(bytes);

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } });

    scope.get('/staff/login', async (request, reply) => {
      if (signedInMember(request, directory, now())) return reply.code(303).header('location', '/staff').send();
      return sendPage(reply, loginPage(reply.generateCsrf()));
    });

    scope.post('/staff/login', { preHandler: scope.csrfProtection, config: { rateLimit: { max: options.loginPerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
      const form = LoginForm.safeParse(request.body);
      const member = form.success ? await checkPassword(directory, form.data.login, form.data.password) : undefined;
      if (!member) {
        options.logger.warn({ route: '/staff/login' }, 'staff sign-in refused');
        return sendPage(reply.code(401), loginPage(reply.generateCsrf(), t('dash.badLogin')));
      }
      setStaffCookie(reply, member, options.sessionHours, options.cookieSecure, now());
      const first = staff.scopeOf(member);
      if (first) await staff.audit(first, 'web_sign_in');
      return reply.code(303).header('location', '/staff').send();
    });

    // Every other dashboard route: a signed-in member, scoped to the campaign asked for (or their first).
    await scope.register(async (guarded) => {
      guarded.addHook('preHandler', async (request, reply) => {
        if (request.url === '/staff/logout') return;
        const member = signedInMember(request, directory, now());
        if (!member) return reply.code(303).header('location', '/staff/login').send();
        const query = Query.safeParse(request.query);
        const campaignId = query.success ? query.data.c : undefined;
        const scoped = staff.scopeOf(member, campaignId);
        if (!scoped || scoped.areas.length === 0 || !query.success) return forbidden(reply);
        request.staffScope = scoped;
      });
      routes(guarded);
      await remindersRoutes(guarded, { staff, ...(options.reminders ? { reminders: options.reminders } : {}), campaigns: campaignsOf });
    });
  });

  function routes(app: FastifyInstance): void {
    const q = (request: FastifyRequest): Query => Query.parse(request.query);
    const scopeOf = (request: FastifyRequest) => request.staffScope as StaffScope;

    app.post('/staff/logout', { preHandler: app.csrfProtection }, async (_request, reply) => {
      clearStaffCookie(reply, options.cookieSecure);
      return reply.code(303).header('location', '/staff/login').send();
    });

    app.get('/staff', async (request, reply) => {
      const scope = scopeOf(request);
      const [stats, rows] = await Promise.all([staff.stats(scope), staff.rows(scope)]);
      await staff.audit(scope, 'stats', undefined, 'web');
      return page(request, reply, 'overview', t('dash.nav.overview'), overviewBody(scope, stats, completionByDay(scope.campaign, rows, now(), COMPLETION_DAYS), COMPLETION_DAYS));
    });

    app.get('/staff/units', async (request, reply) => {
      const scope = scopeOf(request);
      const query = q(request);
      // An area outside the member's is refused, not silently widened.
      if (query.area && !scope.areas.includes(query.area)) return forbidden(reply);
      const filter: UnitFilter = {
        ...(query.area ? { area: query.area } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(typeof query.stuck === 'number' ? { stuckDays: query.stuck } : {}),
      };
      const result = await staff.units(scope, filter, (query.page ?? 1) - 1, PAGE_SIZE);
      await staff.audit(scope, 'units', result.total, 'web');
      return page(request, reply, 'units', t('dash.nav.units'), unitsBody(scope, filter, result));
    });

    app.get('/staff/units/pdf', async (request, reply) => {
      const unit = q(request).unit;
      if (!unit) return forbidden(reply);
      const pdf = await staff.unitPdf(scopeOf(request), unit);
      if (pdf === 'forbidden') return forbidden(reply);
      if (!pdf.ok) return sendPage(reply.code(404), messagePage(t('staff.units.noPdf'), { href: '/staff/units', label: t('dash.nav.units') }));
      return download(reply, 'application/pdf', pdf.file.fileName, pdf.file.bytes);
    });

    app.get('/staff/invite', async (request, reply) => {
      const scope = scopeOf(request);
      const unit = await staff.rosterUnit(scope, q(request).code ?? '');
      if (!unit) return sendPage(reply.code(404), messagePage(t('staff.invite.notFound'), { href: '/staff/units', label: t('dash.nav.units') }));
      const web = new URL(`start/${INVITE_PREFIX}${unit.token}`, webBase(request)).toString();
      const username = options.botUsername?.();
      const svg = await QRCode.toString(web, { type: 'svg', margin: 2 });
      await staff.audit(scope, 'invite', 1, 'web');
      return page(request, reply, 'units', t('dash.nav.units'), inviteBody(unit.name, web, username ? inviteLink(username, unit.token) : undefined, svg));
    });

    app.get('/staff/roster', async (request, reply) => page(request, reply, 'roster', t('dash.roster.title'), rosterBody(scopeOf(request), reply.generateCsrf())));

    app.post('/staff/roster', { preHandler: app.csrfProtection }, async (request, reply) => {
      const scope = scopeOf(request);
      const show = (status: number, result: Parameters<typeof rosterBody>[2]) => page(request, reply.code(status), 'roster', t('dash.roster.title'), rosterBody(scope, reply.generateCsrf(), result));
      const file = await request.file().catch(() => undefined);
      if (!file || !/\.(xlsx|csv)$/i.test(file.filename)) return show(400, { error: t('dash.roster.noFile') });
      let rows: unknown[][];
      try {
        rows = await readSheet(file.filename, await file.toBuffer());
      } catch {
        return show(400, { error: t('staff.roster.badFile') });
      }
      const result = await staff.importRoster(scope, rows);
      if (result.ok) return show(200, { ok: true, count: result.imported.length });
      const problems = result.problems.slice(0, 50).map((p) => t('staff.roster.problem', { line: p.line, message: t(p.key as TextKey, p.params) }));
      if (result.problems.length > 50) problems.push(t('staff.roster.more', { n: result.problems.length - 50 }));
      return show(400, { ok: false, problems });
    });

    app.get('/staff/export', async (request, reply) => page(request, reply, 'export', t('dash.export.title'), exportBody(scopeOf(request))));

    const unitsTable = async (request: FastifyRequest) => {
      const scope = scopeOf(request);
      const rows = await staff.rows(scope);
      const username = options.botUsername?.();
      const base = webBase(request);
      // The web link works from any phone; the Telegram one is the bot's when the bot runs here.
      const link = (token: string) => new URL(`start/${INVITE_PREFIX}${token}`, base).toString() + (username ? ` ${inviteLink(username, token)}` : '');
      const date = localDateTime(scope.campaign, now().getTime()).slice(0, 10);
      return { scope, table: unitTable(scope.campaign, rows, link), name: t('staff.export.title', { campaign: `${scope.campaign.shortTitle}-${date}` }) };
    };
    app.get('/staff/export/units.xlsx', async (request, reply) => {
      const { scope, table, name } = await unitsTable(request);
      await staff.audit(scope, 'export', table.rows.length, 'web xlsx');
      return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`, await tableToXlsx(table));
    });
    app.get('/staff/export/units.csv', async (request, reply) => {
      const { scope, table, name } = await unitsTable(request);
      await staff.audit(scope, 'export', table.rows.length, 'web csv');
      return download(reply, 'text/csv; charset=utf-8', `${name}.csv`, tableToCsv(table));
    });
    app.get('/staff/export/report.pdf', async (request, reply) => {
      const scope = scopeOf(request);
      const report = progressReportDocument(scope, await staff.stats(scope), now());
      await staff.audit(scope, 'export_report', undefined, 'web');
      return download(reply, 'application/pdf', report.fileName, await options.renderPdf(report));
    });

    const auditTable = async (request: FastifyRequest): Promise<{ scope: StaffScope; table: Table }> => {
      const scope = scopeOf(request);
      const entries = await staff.auditLog(scope);
      return {
        scope,
        table: {
          title: t('staff.audit.title'),
          columns: (['at', 'staff', 'action', 'count', 'detail'] as const).map((c) => t(`staff.audit.col.${c}`)),
          rows: entries.map((e) => [localDateTime(scope.campaign, e.at), e.staff, e.action, e.count ?? '', e.detail ?? '']),
        },
      };
    };
    app.get('/staff/audit', async (request, reply) => {
      const scope = scopeOf(request);
      const entries = await staff.auditLog(scope, 200);
      return page(request, reply, 'audit', t('dash.audit.title', { n: entries.length }), auditBody(scope, entries));
    });
    app.get('/staff/audit.xlsx', async (request, reply) => {
      const { table } = await auditTable(request);
      return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${table.title}.xlsx`, await tableToXlsx(table));
    });
    app.get('/staff/audit.csv', async (request, reply) => {
      const { table } = await auditTable(request);
      return download(reply, 'text/csv; charset=utf-8', `${table.title}.csv`, tableToCsv(table));
    });
  }
}
