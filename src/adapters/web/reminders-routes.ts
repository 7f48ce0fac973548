/**
 * Reminders on the dashboard, as /remind does in Telegram: a preview (how many units, a few names, what
 * one of them reads), kept server-side as a draft under its run id; a confirmation that starts exactly that
 * run once (its id is the BullMQ job ids' part); and a report page with the run's counts as the worker
 * records them. Every step checks the signed-in member and their areas again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import { z } from 'zod';
import { newRunId, type ReminderService } from '../../app/reminder-service.ts';
import type { StaffScope, StaffService } from '../../app/staff-service.ts';
import { areaName } from '../../app/unit-table.ts';
import { isDaytime } from '../../core/reminders.ts';
import { t } from '../../core/text.ts';
import type { ReminderQueue } from '../queue/reminder-queue.ts';
import { DRAFT_TTL_SECONDS } from '../telegram/remind.ts';
import { layout, withCampaign } from './dashboard-pages.ts';
import { html, paragraphs, type Html } from './html.ts';
import { sendPage } from './respond.ts';

export type RemindersPageOptions = {
  staff: StaffService;
  /** Absent without Redis: the page says reminders are off. */
  reminders?: { service: ReminderService; queue: ReminderQueue };
  /** The campaigns a member may switch between (those whose areas they cover). */
  campaigns: (member: StaffScope['member']) => { id: string; title: string }[];
};

/** Days without progress from a form's number box: blank (or spaces) for any, never read as 0. */
export const StuckDays = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.union([z.literal(''), z.coerce.number().int().min(0).max(999)]));
const PreviewForm = z.object({ _csrf: z.string().max(200), area: z.string().regex(/^[a-z0-9_]{0,30}$/).optional(), days: StuckDays.optional() });
const ConfirmForm = z.object({ _csrf: z.string().max(200), run: z.string().regex(/^m-[A-Za-z0-9_-]{12}$/), action: z.enum(['ok', 'no']) });
const RunParams = z.object({ run: z.string().regex(/^m-[A-Za-z0-9_-]{12}$/) });

export async function remindersRoutes(app: FastifyInstance, options: RemindersPageOptions): Promise<void> {
  const { staff } = options;
  const show = (request: FastifyRequest, reply: FastifyReply, title: string, body: Html) => {
    const scope = request.staffScope as StaffScope;
    reply.header('cache-control', 'no-store');
    return sendPage(reply, layout({ scope, csrf: reply.generateCsrf(), campaigns: options.campaigns(scope.member), view: 'reminders' }, title, body));
  };
  const note = (kind: 'note' | 'err', text: string) => html`<section class="card ${kind}" role="${kind === 'err' ? 'alert' : 'status'}">${paragraphs(text)}</section>`;
  const label = (scope: StaffScope, area: string | undefined, days: number | undefined) =>
    `${scope.campaign.shortTitle}·${area ? areaName(scope.campaign, area) : scope.areas.length === scope.campaign.areas.length ? t('remind.scope.all') : scope.areas.map((a) => areaName(scope.campaign, a)).join(t('sep.enum'))}${days !== undefined ? t('remind.scope.stuck', { days }) : ''}`;

  const form = (request: FastifyRequest, csrf: string) => {
    const scope = request.staffScope as StaffScope;
    return html`<section class="card"><p>${t('dash.remind.intro')}</p>
<form method="post" action="${withCampaign('/staff/reminders/preview', scope)}" class="filters"><input type="hidden" name="_csrf" value="${csrf}">
<div><label for="r-area">${t('dash.filter.area')}</label><select id="r-area" name="area"><option value="">${t('dash.filter.all')}</option>${scope.areas.map((a) => html`<option value="${a}">${areaName(scope.campaign, a)}</option>`)}</select></div>
<div><label for="r-days">${t('dash.remind.days')}</label><input type="number" id="r-days" name="days" min="0" max="999"></div>
<button class="btn" type="submit">${t('dash.remind.preview')}</button></form></section>`;
  };

  app.get('/staff/reminders', async (request, reply) => {
    if (!options.reminders) return show(request, reply, t('dash.remind.title'), note('note', t('dash.remind.off')));
    return show(request, reply, t('dash.remind.title'), form(request, reply.generateCsrf()));
  });

  app.post('/staff/reminders/preview', { preHandler: app.csrfProtection }, async (request, reply) => {
    const scope = request.staffScope as StaffScope;
    const reminders = options.reminders;
    if (!reminders) return show(request, reply, t('dash.remind.title'), note('note', t('dash.remind.off')));
    const parsed = PreviewForm.safeParse(request.body);
    if (!parsed.success) return show(request, reply.code(400), t('dash.remind.title'), note('err', t('web.badForm')));
    const area = parsed.data.area || undefined;
    if (area && !scope.areas.includes(area)) return show(request, reply.code(403), t('dash.remind.title'), note('err', t('remind.notYourArea')));
    const stuckDays = typeof parsed.data.days === 'number' ? parsed.data.days : undefined;
    const now = staff.now();
    const audience = await reminders.service.audience(scope.campaign, { areas: scope.areas, ...(area ? { area } : {}), ...(stuckDays !== undefined ? { stuckDays } : {}), skipPaused: false }, now);
    const scopeText = label(scope, area, stuckDays);
    // A sample of what one unit reads; none when no recipient has anything to do (or there are none).
    const sample = await reminders.service.sample(scope.campaign.id, audience, now);
    if (sample.text === undefined) {
      await staff.audit(scope, 'remind_preview', 0, 'web');
      const { finished, unreachable } = sample.skipped;
      return show(request, reply, t('dash.remind.previewTitle'), html`${note('note', t('remind.preview.none', { scope: scopeText, finished, unreachable }))}${form(request, reply.generateCsrf())}`);
    }
    const { finished, unreachable } = audience.skipped;
    const runId = newRunId();
    await reminders.queue.saveDraft({ runId, campaignId: scope.campaign.id, staffTelegramId: -1, staffLogin: scope.member.login ?? '', ...(area ? { area } : {}), ...(stuckDays !== undefined ? { stuckDays } : {}), createdAt: now.getTime() }, DRAFT_TTL_SECONDS);
    const names = audience.recipients.slice(0, 5).map((u) => u.unitName || u.creditCode || t('remind.preview.noName')).join(t('sep.enum'));
    const notes = [
      audience.paused ? t('remind.preview.paused', { n: audience.paused }) : '',
      finished || unreachable ? t('remind.preview.skipped', { finished, unreachable }) : '',
      t('remind.preview.oncePerDay'),
      isDaytime(scope.campaign, now) ? '' : t('remind.preview.night'),
    ].join('');
    const text = t('remind.preview', { scope: scopeText, count: audience.recipients.length, names: `${names}${audience.recipients.length > 5 ? t('remind.preview.more') : ''}`, notes, sample: sample.text });
    await staff.audit(scope, 'remind_preview', audience.recipients.length, 'web');
    const csrf = reply.generateCsrf();
    const button = (action: 'ok' | 'no', text: string, cls: string) =>
      html`<form method="post" action="${withCampaign('/staff/reminders/confirm', scope)}" style="display:inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="run" value="${runId}"><input type="hidden" name="action" value="${action}"><button class="btn inline ${cls}" type="submit">${text}</button></form>`;
    return show(request, reply, t('dash.remind.previewTitle'), html`<section class="card" aria-label="${t('dash.remind.previewTitle')}">${paragraphs(text)}</section><p>${button('ok', t('remind.confirm'), '')} ${button('no', t('remind.cancel'), 'quiet')}</p>`);
  });

  app.post('/staff/reminders/confirm', { preHandler: app.csrfProtection }, async (request, reply) => {
    const scope = request.staffScope as StaffScope;
    const reminders = options.reminders;
    if (!reminders) return show(request, reply, t('dash.remind.title'), note('note', t('dash.remind.off')));
    const parsed = ConfirmForm.safeParse(request.body);
    if (!parsed.success) return show(request, reply.code(400), t('dash.remind.title'), note('err', t('remind.invalid')));
    const draft = await reminders.queue.draft(parsed.data.run);
    // A preview that expired, or that another staff member was shown: nothing to confirm here.
    if (!draft || draft.staffLogin === undefined || draft.staffLogin !== scope.member.login) return show(request, reply.code(410), t('dash.remind.title'), note('err', t('remind.expired')));
    const here = staff.scopeOf(scope.member, draft.campaignId);
    if (!here || (draft.area !== undefined && !here.areas.includes(draft.area))) return show(request, reply.code(403), t('dash.remind.title'), note('err', t('remind.notYourArea')));
    if (parsed.data.action === 'no') {
      await reminders.queue.dropDraft(draft.runId);
      await staff.audit(here, 'remind_cancel', undefined, 'web');
      return show(request, reply, t('dash.remind.title'), note('note', t('remind.cancelled')));
    }
    const scopeText = label(here, draft.area, draft.stuckDays);
    const filter = { areas: here.areas, ...(draft.area !== undefined ? { area: draft.area } : {}), ...(draft.stuckDays !== undefined ? { stuckDays: draft.stuckDays } : {}) };
    const chatId = here.member.telegramIds[0];
    const run = await reminders.service.manualRun(here.campaign, draft.runId, filter, { ...(chatId !== undefined ? { chatId } : {}), staff: here.member.name, scope: scopeText, ...(here.member.login !== undefined ? { login: here.member.login } : {}) }, staff.now());
    const started = await reminders.queue.start(run);
    if (started === 'started') await staff.audit(here, 'remind', run.recipients.length, `web ${scopeText}`);
    // The run's page, where its counts grow as the worker sends (a second confirm lands there too).
    return reply.code(303).header('location', withCampaign(`/staff/reminders/run/${draft.runId}`, here)).send();
  });

  app.get<{ Params: { run: string } }>('/staff/reminders/run/:run', async (request, reply) => {
    const scope = request.staffScope as StaffScope;
    const reminders = options.reminders;
    const params = RunParams.safeParse(request.params);
    if (!reminders || !params.success) return show(request, reply.code(404), t('dash.remind.reportTitle'), note('err', t('web.notFound')));
    const run = await reminders.queue.records.run(params.data.run);
    // A run's id is hard to guess, not secret: its page is for the clerk who confirmed it, signed in here or
    // (a run from Telegram) in the Telegram chat it reports to; a run with no one to report to, for its campaign's staff.
    const report = run?.meta.report;
    const theirs =
      run &&
      (report?.login !== undefined
        ? report.login === scope.member.login
        : report?.chatId !== undefined
          ? scope.member.telegramIds.includes(report.chatId)
          : staff.scopeOf(scope.member, run.meta.campaignId) !== undefined);
    if (!run || !theirs) return show(request, reply.code(404), t('dash.remind.reportTitle'), note('err', t('web.notFound')));
    const c = run.counts;
    return show(request, reply, t('dash.remind.reportTitle'), html`<section class="card" role="status"><p><strong>${run.meta.report?.scope ?? ''}</strong></p>
<p>${t('dash.remind.progress', { done: c.done, total: c.total })}</p>
<p>${t('dash.remind.count', { sent: c.sent, skipped: c.finished + c.unreachable + c.paused + c.today, finished: c.finished, unreachable: c.unreachable, paused: c.paused, today: c.today, failed: c.blocked + c.failed + c.unknown })}</p>
<a class="btn inline alt" href="${request.url}">${t('dash.remind.refresh')}</a></section>`);
  });
}
