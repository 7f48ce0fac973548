/**
 * The bureau staff's commands on Telegram: /stats, /units (paged, with filters and a unit's PDF), /export
 * (XLSX, CSV and the progress report PDF), /roster (import a file), /invite (a unit's link and QR code) and
 * /audit. Each checks the caller on every call; anyone else gets a plain "无权限" and learns nothing. Staff
 * buttons carry `s:…` data, checked with zod; a forged one changes nothing.
 */
import QRCode from 'qrcode';
import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import { z } from 'zod';
import { INVITE_PREFIX } from '../../app/conversation-service.ts';
import { progressReportDocument } from '../../app/progress-report.ts';
import type { StaffScope, StaffService, UnitFilter } from '../../app/staff-service.ts';
import { areaName, localDateTime, progressText, scopeAreasText, statusLabel, unitTable, type Table } from '../../app/unit-table.ts';
import type { Document } from '../../core/document.ts';
import { t, type TextKey } from '../../core/text.ts';
import { readSheet, tableToCsv, tableToXlsx } from '../export/spreadsheet.ts';
import type { Logger } from '../log/log.ts';
import { MAX_CALLBACK_BYTES } from './callback-data.ts';
import { splitText } from './render.ts';

export type StaffCommandOptions = {
  staff: StaffService;
  renderPdf: (doc: Document) => Promise<Buffer>;
  /** The bot's username, for t.me invitation links. */
  botUsername: () => string | undefined;
  /** The web chat's invitation link, when the web chat is public (it opens in WeChat too). */
  webInviteLink?: (token: string) => string;
  logger: Logger;
};

export const STAFF_COMMANDS = ['stats', 'units', 'export', 'roster', 'invite', 'audit'] as const;
const PAGE_SIZE = 8;
const STATUSES = ['not_started', 'started', 'finished', 'out_of_scope'] as const;

/** `s:u:<page>:<status|->:<area|->[:<campaign>]` (units page) and `s:p:<unit key>` (a unit's PDF). */
const StaffButton = z.union([
  z.object({
    kind: z.literal('u'),
    page: z.number().int().min(0).max(100_000),
    status: z.enum(STATUSES).optional(),
    area: z.string().regex(/^[a-z0-9_]{1,30}$/).optional(),
    campaign: z.string().regex(/^[a-z0-9-]{1,24}$/).optional(),
  }),
  z.object({ kind: z.literal('p'), unit: z.string().regex(/^tg:-?\d{1,20}$|^web:[A-Za-z0-9_-]{1,40}$/) }),
]);
type StaffButton = z.infer<typeof StaffButton>;

export function encodeStaffButton(b: StaffButton): string {
  const data = b.kind === 'u' ? `s:u:${b.page}:${b.status ?? '-'}:${b.area ?? '-'}${b.campaign ? `:${b.campaign}` : ''}` : `s:p:${b.unit}`;
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) throw new Error(`staff callback_data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

export function decodeStaffButton(data: string): StaffButton | undefined {
  const parts = data.split(':');
  if (parts[0] !== 's') return undefined;
  const candidate =
    parts[1] === 'u' && (parts.length === 5 || parts.length === 6)
      ? { kind: 'u', page: Number(parts[2]), ...(parts[3] !== '-' ? { status: parts[3] } : {}), ...(parts[4] !== '-' ? { area: parts[4] } : {}), ...(parts[5] ? { campaign: parts[5] } : {}) }
      : parts[1] === 'p'
        ? { kind: 'p', unit: parts.slice(2).join(':') }
        : undefined;
  const parsed = StaffButton.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** A unit's invitation on Telegram: the bot's deep link with the roster token as the /start payload. */
export const inviteLink = (username: string, token: string) => `https://t.me/${username}?start=${INVITE_PREFIX}${token}`;

/** The words after a command: "/units 阜康 进行中" → ["阜康", "进行中"]. */
const argsOf = (text: string) => text.normalize('NFKC').trim().split(/\s+/).slice(1);

export function staffCommands(options: StaffCommandOptions): Composer<Context> {
  const { staff } = options;
  const composer = new Composer<Context>();
  /** The caller's scope, for the campaign named after the command (its id; a file's caption too) or the first one they cover. */
  const scopeOf = (ctx: Context): StaffScope | undefined => {
    const text = ctx.message && 'text' in ctx.message ? ctx.message.text : ctx.message && 'caption' in ctx.message ? (ctx.message.caption ?? '') : '';
    const named = staff.campaigns.find((c) => argsOf(text).includes(c.id));
    return staff.scope(ctx.from?.id, named?.id);
  };
  const deny = (ctx: Context) => ctx.reply(t('staff.denied'));
  const sendLong = async (ctx: Context, text: string) => {
    for (const piece of splitText(text)) await ctx.reply(piece);
  };
  const sendTable = async (ctx: Context, scope: StaffScope, table: Table, base: string) => {
    await ctx.replyWithDocument({ source: await tableToXlsx(table), filename: `${base}.xlsx` }, { caption: t('staff.export.caption', { name: base, count: table.rows.length }) });
    await ctx.replyWithDocument({ source: tableToCsv(table), filename: `${base}.csv` });
    void scope;
  };

  /** Runs a staff command for staff only; the rest get 无权限 and nothing else. */
  const guarded = (run: (ctx: Context, scope: StaffScope) => Promise<unknown>) => async (ctx: Context) => {
    const scope = scopeOf(ctx);
    if (!scope) return deny(ctx);
    try {
      await run(ctx, scope);
    } catch (error) {
      options.logger.error({ err: error }, 'staff command failed');
      await ctx.reply(t('staff.error')).catch(() => undefined);
    }
  };

  composer.command('stats', guarded(async (ctx, scope) => {
    const s = await staff.stats(scope);
    await staff.audit(scope, 'stats');
    const lines = [
      t('staff.stats', {
        campaign: scope.campaign.shortTitle,
        areas: scopeAreasText(scope.campaign, scope.areas),
        expected: s.expected,
        notStarted: s.notStarted,
        selfRegistered: s.selfRegistered,
        started: s.started,
        finished: s.finished,
        outOfScope: s.outOfScope,
        verdicts: scope.campaign.review ? t('staff.stats.verdicts', s.verdicts) : '',
        ...s.grades,
        remindersSent: s.remindersSent,
        unreachable: s.unreachable,
      }),
      '',
      t('staff.stats.dropOffTitle', { n: 5 }),
      ...(s.dropOff.length ? s.dropOff.slice(0, 5).map((d, i) => t('staff.stats.dropOffLine', { n: i + 1, text: d.text, count: d.count })) : [t('staff.stats.none')]),
      '',
      t('staff.stats.missingTitle', { n: 5 }),
      ...(s.missing.length ? s.missing.slice(0, 5).map((m, i) => t('staff.stats.missingLine', { n: i + 1, name: m.name, count: m.count })) : [t('staff.stats.none')]),
    ];
    await sendLong(ctx, lines.join('\n'));
  }));

  /** A page of the units list, with buttons for pages, status filters and each unit's PDF. */
  const unitsPage = async (scope: StaffScope, filter: UnitFilter, page: number) => {
    const result = await staff.units(scope, filter, page, PAGE_SIZE);
    const filterText = filter.status ? t('staff.units.filter', { status: statusLabel(filter.status) }) : '';
    const lines = [t('staff.units.header', { filter: filterText, page: result.page + 1, pages: result.pages, total: result.total })];
    if (result.rows.length === 0) lines.push(t('staff.units.empty'));
    result.rows.forEach((r, i) => {
      const progress = progressText(r);
      lines.push(
        t('staff.units.line', {
          n: i + 1,
          name: r.name || r.creditCode,
          area: areaName(scope.campaign, r.area),
          status: statusLabel(r.status),
          progress: progress ? t('staff.units.progress', { progress }) : '',
          last: r.updatedAt ? t('staff.units.last', { at: localDateTime(scope.campaign, r.updatedAt) }) : '',
        }),
      );
    });
    const base = { ...(filter.status ? { status: filter.status } : {}), ...(filter.area ? { area: filter.area } : {}), campaign: scope.campaign.id };
    const nav = [
      ...(result.page > 0 ? [{ text: t('staff.units.prev'), callback_data: encodeStaffButton({ kind: 'u', page: result.page - 1, ...base }) }] : []),
      ...(result.page < result.pages - 1 ? [{ text: t('staff.units.next'), callback_data: encodeStaffButton({ kind: 'u', page: result.page + 1, ...base }) }] : []),
    ];
    const filters = [
      { text: t('staff.units.all'), callback_data: encodeStaffButton({ kind: 'u', page: 0, ...(filter.area ? { area: filter.area } : {}), campaign: scope.campaign.id }) },
      ...STATUSES.map((status) => ({ text: statusLabel(status), callback_data: encodeStaffButton({ kind: 'u', page: 0, status, ...(filter.area ? { area: filter.area } : {}), campaign: scope.campaign.id }) })),
    ];
    const pdfs = result.rows.flatMap((r, i) => (r.key ? [{ text: t('staff.units.pdf', { n: i + 1 }), callback_data: encodeStaffButton({ kind: 'p', unit: r.key }) }] : []));
    const rows = [...(nav.length ? [nav] : []), filters.slice(0, 3), filters.slice(3), ...(pdfs.length ? [pdfs.slice(0, 4), pdfs.slice(4)].filter((row) => row.length) : [])];
    return { text: lines.join('\n'), keyboard: { inline_keyboard: rows } };
  };

  composer.command('units', guarded(async (ctx, scope) => {
    const args = 'text' in (ctx.message ?? {}) ? argsOf((ctx.message as { text: string }).text) : [];
    const area = scope.campaign.areas.find((a) => args.some((w) => a.name === w || a.aliases.includes(w) || a.id === w));
    const status = STATUSES.find((s) => args.includes(statusLabel(s)));
    const filter: UnitFilter = { ...(area && scope.areas.includes(area.id) ? { area: area.id } : {}), ...(status ? { status } : {}) };
    const page = await unitsPage(scope, filter, 0);
    await staff.audit(scope, 'units');
    await ctx.reply(page.text, { reply_markup: page.keyboard });
  }));

  composer.action(/^s:[up]:/, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const button = decodeStaffButton(data);
    const scope = staff.scope(ctx.from?.id, button?.kind === 'u' ? button.campaign : undefined);
    // Checked again on every press: a button kept from before, or forged, shows only what the caller may see.
    const foreignArea = button?.kind === 'u' && button.area !== undefined && !scope?.areas.includes(button.area);
    await ctx.answerCbQuery(!scope || foreignArea ? t('staff.denied') : button ? undefined : t('telegram.invalidButton')).catch(() => undefined);
    if (!scope || !button || foreignArea) return;
    try {
      if (button.kind === 'u') {
        const page = await unitsPage(scope, { ...(button.status ? { status: button.status } : {}), ...(button.area ? { area: button.area } : {}) }, button.page);
        await ctx.editMessageText(page.text, { reply_markup: page.keyboard }).catch(() => ctx.reply(page.text, { reply_markup: page.keyboard }));
        return;
      }
      const pdf = await staff.unitPdf(scope, button.unit);
      if (pdf === 'forbidden') return void (await ctx.reply(t('staff.denied')));
      if (!pdf.ok) return void (await ctx.reply(t('staff.units.noPdf')));
      await ctx.replyWithDocument({ source: pdf.file.bytes, filename: pdf.file.fileName });
    } catch (error) {
      options.logger.error({ err: error }, 'staff button failed');
      await ctx.reply(t('staff.error')).catch(() => undefined);
    }
  });

  composer.command('export', guarded(async (ctx, scope) => {
    const rows = await staff.rows(scope);
    const date = localDateTime(scope.campaign, staff.now().getTime()).slice(0, 10);
    const username = options.botUsername();
    const link = username ? (token: string) => inviteLink(username, token) : undefined;
    await sendTable(ctx, scope, unitTable(scope.campaign, rows, link), t('staff.export.title', { campaign: `${scope.campaign.shortTitle}-${date}` }));
    const report = progressReportDocument(scope, await staff.stats(scope), staff.now());
    await ctx.replyWithDocument({ source: await options.renderPdf(report), filename: report.fileName }, { caption: t('staff.report.caption') });
    await staff.audit(scope, 'export', rows.length);
  }));

  composer.command('roster', guarded(async (ctx) => {
    await ctx.reply(t('staff.roster.howTo'));
  }));

  // A roster file: a document whose caption is /roster.
  composer.on(message('document'), async (ctx, next) => {
    if (!/^\/roster\b/.test(ctx.message.caption ?? '')) return next();
    const scope = scopeOf(ctx);
    if (!scope) return deny(ctx);
    const doc = ctx.message.document;
    let rows: unknown[][];
    try {
      const link = await ctx.telegram.getFileLink(doc.file_id);
      const response = await fetch(link);
      rows = await readSheet(doc.file_name ?? '', Buffer.from(await response.arrayBuffer()));
    } catch {
      return void (await ctx.reply(t('staff.roster.badFile')));
    }
    const result = await staff.importRoster(scope, rows);
    if (result.ok) return void (await ctx.reply(t('staff.roster.imported', { count: result.imported.length })));
    const shown = result.problems.slice(0, 30).map((p) => t('staff.roster.problem', { line: p.line, message: t(p.key as TextKey, p.params) }));
    if (result.problems.length > 30) shown.push(t('staff.roster.more', { n: result.problems.length - 30 }));
    await sendLong(ctx, t('staff.roster.refused', { problems: shown.join('\n') }));
  });

  composer.command('invite', guarded(async (ctx, scope) => {
    const [code] = argsOf((ctx.message as { text: string }).text);
    if (!code) return void (await ctx.reply(t('staff.invite.howTo')));
    const unit = await staff.rosterUnit(scope, code);
    if (!unit) return void (await ctx.reply(t('staff.invite.notFound')));
    const username = options.botUsername();
    if (!username) return void (await ctx.reply(t('staff.invite.noUsername')));
    const link = inviteLink(username, unit.token);
    await ctx.reply(t('staff.invite.text', { name: unit.name, link }) + (options.webInviteLink ? `\n${t('staff.invite.web', { link: options.webInviteLink(unit.token) })}` : ''));
    await ctx.replyWithPhoto({ source: await QRCode.toBuffer(link, { type: 'png', width: 512, margin: 2 }) }, { caption: t('staff.invite.caption', { name: unit.name }) });
    await staff.audit(scope, 'invite', 1);
  }));

  composer.command('audit', guarded(async (ctx, scope) => {
    const entries = await staff.auditLog(scope);
    const table: Table = {
      title: t('staff.audit.title'),
      columns: (['at', 'staff', 'action', 'count', 'detail'] as const).map((c) => t(`staff.audit.col.${c}`)),
      rows: entries.map((e) => [localDateTime(scope.campaign, e.at), e.staff, e.action, e.count ?? '', e.detail ?? '']),
    };
    await sendTable(ctx, scope, table, t('staff.audit.title'));
  }));

  return composer;
}
