/**
 * /remind for bureau staff: shows who would be reminded (how many, a few names) and what they would read,
 * and sends only after the staff member confirms. Audience: unfinished units in the caller's areas,
 * optionally one area and only those stuck N days (`/remind 阜康 7天`). The preview is kept server-side
 * (a draft under the run id its buttons carry, `s:r:ok:<run>` / `s:r:no:<run>`), so a button can only
 * confirm what its own staff member was shown; every press checks the caller and their areas again, and
 * forged data changes nothing. Without Redis reminders are off and /remind says so.
 */
import { Composer, type Context } from 'telegraf';
import { z } from 'zod';
import { newRunId, type ReminderDispatch, type ReminderService } from '../../app/reminder-service.ts';
import type { StaffScope, StaffService } from '../../app/staff-service.ts';
import { areaName } from '../../app/unit-table.ts';
import { isDaytime, type AudienceFilter } from '../../core/reminders.ts';
import { t } from '../../core/text.ts';
import type { Logger } from '../log/log.ts';
import { MAX_CALLBACK_BYTES } from './callback-data.ts';

export type RemindOptions = {
  staff: StaffService;
  /** Absent without Redis: /remind answers that reminders are off. */
  reminders?: { service: ReminderService; dispatch: ReminderDispatch };
  logger: Logger;
  clock?: () => Date;
};

/** How long a preview can be confirmed. */
export const DRAFT_TTL_SECONDS = 3600;
/** How many unit names the preview shows. */
const SAMPLE_NAMES = 5;

const RemindButton = z.object({ action: z.enum(['ok', 'no']), runId: z.string().regex(/^m-[A-Za-z0-9_-]{12}$/) });
type RemindButton = z.infer<typeof RemindButton>;

export function encodeRemindButton(b: RemindButton): string {
  const data = `s:r:${b.action}:${b.runId}`;
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) throw new Error(`remind callback_data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

/** The button pressed, or undefined for data we did not make. */
export function decodeRemindButton(data: string): RemindButton | undefined {
  const parts = data.split(':');
  if (parts.length !== 4 || parts[0] !== 's' || parts[1] !== 'r') return undefined;
  const parsed = RemindButton.safeParse({ action: parts[2], runId: parts[3] });
  return parsed.success ? parsed.data : undefined;
}

/** "/remind 阜康 7天" → the area named (id, name or alias) and the days, or what could not be read. */
export function parseRemindArgs(scope: StaffScope, text: string): { area?: string; stuckDays?: number } | 'help' | 'not_your_area' {
  const words = text.normalize('NFKC').trim().split(/\s+/).slice(1);
  const result: { area?: string; stuckDays?: number } = {};
  for (const word of words) {
    const days = /^(\d{1,3})(天|日|d|days?)?$/i.exec(word);
    if (days) {
      result.stuckDays = Number(days[1]);
      continue;
    }
    const area = scope.campaign.areas.find((a) => a.id === word || a.name === word || a.aliases.includes(word));
    if (!area) return 'help';
    if (!scope.areas.includes(area.id)) return 'not_your_area';
    result.area = area.id;
  }
  return result;
}

function scopeLabel(scope: StaffScope, area: string | undefined, stuckDays: number | undefined): string {
  const all = scope.areas.length === scope.campaign.areas.length;
  const where = area ? areaName(scope.campaign, area) : all ? t('remind.scope.all') : scope.areas.map((a) => areaName(scope.campaign, a)).join(t('sep.enum'));
  return `${scope.campaign.shortTitle}·${where}${stuckDays !== undefined ? t('remind.scope.stuck', { days: stuckDays }) : ''}`;
}

export function remindCommands(options: RemindOptions): Composer<Context> {
  const { staff } = options;
  const clock = options.clock ?? (() => new Date());
  const composer = new Composer<Context>();

  composer.command('remind', async (ctx) => {
    const scope = staff.scope(ctx.from?.id);
    if (!scope) return void (await ctx.reply(t('staff.denied')));
    const reminders = options.reminders;
    if (!reminders) return void (await ctx.reply(t('remind.off')));
    const args = parseRemindArgs(scope, ctx.message.text);
    if (args === 'help') return void (await ctx.reply(t('remind.howTo')));
    if (args === 'not_your_area') return void (await ctx.reply(t('remind.notYourArea')));
    try {
      const now = clock();
      const filter: AudienceFilter = { areas: scope.areas, ...args, skipPaused: false };
      const audience = await reminders.service.audience(scope.campaign, filter, now);
      const label = scopeLabel(scope, args.area, args.stuckDays);
      // A sample of what one unit reads; none when no recipient has anything to do (or there are none).
      const sample = await reminders.service.sample(scope.campaign.id, audience, now);
      if (sample.text === undefined) {
        await staff.audit(scope, 'remind_preview', 0);
        return void (await ctx.reply(t('remind.preview.none', { scope: label, finished: sample.skipped.finished, unreachable: sample.skipped.unreachable })));
      }
      const { finished, unreachable } = audience.skipped;
      const runId = newRunId();
      await reminders.dispatch.saveDraft({ runId, campaignId: scope.campaign.id, staffTelegramId: ctx.from.id, ...args, createdAt: now.getTime() }, DRAFT_TTL_SECONDS);
      const names = audience.recipients.slice(0, SAMPLE_NAMES).map((u) => u.unitName || u.creditCode || t('remind.preview.noName')).join(t('sep.enum'));
      const notes = [
        audience.paused ? t('remind.preview.paused', { n: audience.paused }) : '',
        finished || unreachable ? t('remind.preview.skipped', { finished, unreachable }) : '',
        t('remind.preview.oncePerDay'),
        isDaytime(scope.campaign, now) ? '' : t('remind.preview.night'),
      ].join('');
      const text = t('remind.preview', {
        scope: label,
        count: audience.recipients.length,
        names: `${names}${audience.recipients.length > SAMPLE_NAMES ? t('remind.preview.more') : ''}`,
        notes,
        sample: sample.text,
      });
      await staff.audit(scope, 'remind_preview', audience.recipients.length);
      await ctx.reply(text, {
        reply_markup: {
          inline_keyboard: [[
            { text: t('remind.confirm'), callback_data: encodeRemindButton({ action: 'ok', runId }) },
            { text: t('remind.cancel'), callback_data: encodeRemindButton({ action: 'no', runId }) },
          ]],
        },
      });
    } catch (error) {
      options.logger.error({ err: error }, 'remind preview failed');
      await ctx.reply(t('staff.error')).catch(() => undefined);
    }
  });

  composer.action(/^s:r:/, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const button = decodeRemindButton(data);
    const scope = staff.scope(ctx.from?.id);
    const refusal = !scope ? t('staff.denied') : !button ? t('remind.invalid') : undefined;
    await ctx.answerCbQuery(refusal).catch(() => undefined);
    // A press always gets a plain answer in the chat (a forged one without a message has no chat to answer in).
    const tell = async (text: string) => {
      if (ctx.chat) await ctx.reply(text);
    };
    if (refusal !== undefined || !scope || !button) return void (await tell(refusal ?? t('remind.invalid')));
    const reminders = options.reminders;
    if (!reminders) return void (await tell(t('remind.off')));
    try {
      const draft = await reminders.dispatch.draft(button.runId);
      // A preview that expired, or that another staff member was shown: nothing to confirm here.
      if (!draft || draft.staffTelegramId !== ctx.from.id) return void (await tell(t('remind.expired')));
      const here = staff.scope(ctx.from.id, draft.campaignId);
      if (!here) return void (await tell(t('staff.denied')));
      if (draft.area !== undefined && !here.areas.includes(draft.area)) return void (await tell(t('remind.notYourArea')));
      const original = ctx.callbackQuery.message && 'text' in ctx.callbackQuery.message ? ctx.callbackQuery.message : undefined;
      const closePreview = async (line: string) => {
        if (!original) return void (await tell(line));
        await ctx.editMessageText(`${original.text}\n\n${line}`).catch(() => tell(line));
      };
      if (button.action === 'no') {
        await reminders.dispatch.dropDraft(button.runId);
        await staff.audit(here, 'remind_cancel');
        return void (await closePreview(t('remind.cancelled')));
      }
      const label = scopeLabel(here, draft.area, draft.stuckDays);
      const filter = { areas: here.areas, ...(draft.area !== undefined ? { area: draft.area } : {}), ...(draft.stuckDays !== undefined ? { stuckDays: draft.stuckDays } : {}) };
      const run = await reminders.service.manualRun(here.campaign, button.runId, filter, { chatId: ctx.chat?.id ?? ctx.from.id, staff: here.member.name, scope: label }, clock());
      const started = await reminders.dispatch.start(run);
      if (started === 'exists') return void (await tell(t('remind.already')));
      await staff.audit(here, 'remind', run.recipients.length, label);
      await closePreview(t('remind.started', { count: run.recipients.length }));
    } catch (error) {
      options.logger.error({ err: error }, 'remind failed');
      await tell(t('staff.error')).catch(() => undefined);
    }
  });

  return composer;
}
