/**
 * The unit's chat over HTTP: a thin adapter like the Telegram one. A form post becomes a conversation
 * event, the service decides and saves (compare-and-set, exactly once), the replies are kept as the
 * session's last page and the browser is redirected to it (POST-redirect-GET). Each page's forms carry
 * the page's own id, recorded with the save as Telegram records an update id, and each question form
 * its revision: a second submit of the same page is refused, never a second answer.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import { z } from 'zod';
import type { ConversationService } from '../../app/conversation-service.ts';
import { INVITE_PREFIX } from '../../app/conversation-service.ts';
import type { DocumentService } from '../../app/document-service.ts';
import { eventForText } from '../../core/commands.ts';
import type { ConversationEvent } from '../../core/conversation.ts';
import { assess, findStep } from '../../core/engine.ts';
import { reviewMap, type Reply } from '../../core/present.ts';
import type { DocumentKind } from '../../core/signed-link.ts';
import type { SessionStore } from '../../core/store.ts';
import { t, type TextKey } from '../../core/text.ts';
import type { ConversationSnapshot } from '../../app/snapshot.ts';
import type { Logger } from '../log/log.ts';
import { chatPage, filesPage, landingPage, MENU_COMMANDS, messagePage, type FileLink, type Progress } from './chat-pages.ts';
import { claimCode, clearSessionCookie, normaliseCode, sessionIdOf, setSessionCookie, webKey, newSessionId, type CookieSecurity } from './session.ts';
import { absoluteUrl, sendPage } from './respond.ts';
import { APP_JS } from './assets.ts';

export type ChatOptions = {
  service: ConversationService;
  store: SessionStore;
  documents: DocumentService;
  /** A signed download path (`/d/<token>`) for one of the unit's PDFs. */
  downloadPath: (key: string, kind: DocumentKind) => string;
  linkDays: number;
  cookieSecure: CookieSecurity;
  /** How long the session cookie lasts: as long as the answers are kept. */
  retentionSeconds: number;
  /** Public base URL for links a unit copies (resume link, PDFs); else the request's own. */
  baseUrl?: string;
  /** Resume-code attempts a minute per client address. */
  resumePerMinute: number;
  clock: () => Date;
  logger: Logger;
};

/** The words a menu button may send (the page's own and a question's menu: 继续, 是, 取消, 为什么问, 返回). */
const MENU_WORDS = [...MENU_COMMANDS.map(([word]) => word), '继续', '是', '取消', '为什么问'] as const;
const FormId = z.string().regex(/^[A-Za-z0-9_-]{16}$/);
const MAX_TYPED = 500;

/** A chat form as posted; anything else is refused with a plain message and changes nothing. */
const ChatForm = z.object({
  _csrf: z.string().max(200),
  f: FormId,
  rev: z.coerce.number().int().min(0).max(999_999_999).optional(),
  q: z.string().regex(/^[a-z0-9_]{1,40}$/).optional(),
  a: z.string().min(1).max(24).regex(/^[^\s:]+$/u).optional(),
  text: z.string().max(MAX_TYPED).optional(),
  m: z.enum(MENU_WORDS).optional(),
  cmd: z.enum(MENU_COMMANDS.map(([word]) => word) as [string, ...string[]]).optional(),
});
type ChatForm = z.infer<typeof ChatForm>;

const StartForm = z.object({ _csrf: z.string().max(200), start: z.string().max(64).optional(), fresh: z.literal('1').optional() });
const ResumeForm = z.object({ _csrf: z.string().max(200), code: z.string().max(40) });
const ChatQuery = z.object({ t: FormId.optional() });
const HomeQuery = z.object({ m: z.enum(['forgotten']).optional() });
/** The last page: the turn that made it, the revision it shows, its replies. */
const View = z.object({ turn: z.string(), rev: z.number(), replies: z.array(z.custom<Reply>((r) => typeof r === 'object' && r !== null && 'kind' in r)) });
/** The stored last page, or undefined when there is none or it cannot be read (the current prompt is shown instead). */
function readView(raw: string | undefined, logger: Logger): z.infer<typeof View> | undefined {
  if (!raw) return undefined;
  let view;
  try {
    view = View.safeParse(JSON.parse(raw));
  } catch {
    view = undefined;
  }
  // Worth an operator's look (a deploy that changed its shape?), never the unit's: its words are not logged.
  if (!view?.success) logger.warn({ bytes: raw.length }, 'web: stored page unreadable, current question shown');
  return view?.success ? view.data : undefined;
}

const newFormId = () => randomBytes(12).toString('base64url');
const isWeChat = (request: FastifyRequest) => /MicroMessenger/i.test(request.headers['user-agent'] ?? '');

export async function chatRoutes(app: FastifyInstance, options: ChatOptions): Promise<void> {
  const { service, store, documents } = options;
  const campaignIds = service.campaigns.map((c) => c.id);
  const Payload = z.union([z.enum(campaignIds as [string, ...string[]]), z.string().regex(new RegExp(`^${INVITE_PREFIX}[A-Za-z0-9_-]{8,40}$`))]);
  const base = (request: FastifyRequest) => options.baseUrl ?? absoluteUrl(request, '/');

  /** The unit's key when its cookie names a session that has answers stored. */
  const liveKey = async (request: FastifyRequest) => {
    const id = sessionIdOf(request);
    if (!id) return undefined;
    const key = webKey(id);
    const snapshot = await service.current(key);
    return snapshot ? { key, snapshot } : undefined;
  };

  const landing = async (request: FastifyRequest, reply: FastifyReply, extra: { notices?: string[]; payload?: string; code?: string; codeError?: string; status?: number } = {}) => {
    const live = await liveKey(request);
    const campaign = service.campaigns.find((c) => c.id === extra.payload);
    const payloadText = campaign ? t('web.campaignLink', { title: campaign.title }) : extra.payload ? t('web.invited') : undefined;
    return sendPage(reply.code(extra.status ?? 200), landingPage({
      csrf: reply.generateCsrf(),
      notices: extra.notices ?? [],
      hasSession: live !== undefined,
      ...(extra.payload ? { payload: extra.payload } : {}),
      ...(payloadText ? { payloadText } : {}),
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.codeError ? { codeError: extra.codeError } : {}),
    }));
  };

  const progressOf = (snapshot: ConversationSnapshot): Progress | undefined => {
    const ctx = snapshot.context;
    const campaign = service.campaigns.find((c) => c.id === ctx.campaignId);
    const state = String(snapshot.value);
    if (!campaign || state === 'choosingCampaign' || state === 'form') return undefined;
    const a = assess(campaign, ctx.answers, options.clock());
    const current = state === 'editing' ? findStep(campaign, ctx.editing ?? '') : a.next;
    return { answered: a.answered, remaining: a.excludedBy ? 0 : a.remaining, map: reviewMap(a, current) };
  };

  /** The chat page: the last turn's replies while they are still what the conversation shows, else its current prompt. */
  const chat = async (request: FastifyRequest, reply: FastifyReply, key: string, snapshot: ConversationSnapshot) => {
    const query = ChatQuery.safeParse(request.query);
    const turn = query.success ? query.data.t : undefined;
    let replies: Reply[] | undefined;
    if (turn) {
      const view = readView(await store.loadView(key), options.logger);
      if (view && view.turn === turn && view.rev === snapshot.context.rev) replies = view.replies;
    }
    replies ??= service.prompt(snapshot);
    if (replies.length === 0) replies = [{ kind: 'text', text: t('conversation.finishedHint') }];
    const code = await store.resumeCode(key);
    const finished = String(snapshot.value) === 'finished' || replies.some((r) => r.kind === 'summary');
    const progress = progressOf(snapshot);
    // A page is never cached: it holds the unit's answers and forms that may only be posted once.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, chatPage({
      tokens: { csrf: reply.generateCsrf(), formId: newFormId() },
      replies: replies.map(forWeb),
      ...(progress ? { progress } : {}),
      ...(finished ? { summaryPdf: options.downloadPath(key, 'summary') } : {}),
      ...(code ? { code, resumeUrl: new URL(`r/${code}`, base(request)).toString() } : {}),
      severalCampaigns: service.campaigns.length > 1,
      wechat: isWeChat(request),
    }));
  };

  /** Keeps the turn's replies as the session's last page and sends the browser to it. */
  const showTurn = async (reply: FastifyReply, key: string, rev: number, replies: Reply[]) => {
    const turn = newFormId();
    await store.saveView(key, JSON.stringify({ turn, rev, replies }));
    return reply.code(303).header('location', `/chat?t=${turn}#now`).send();
  };

  app.get('/web/app.js', async (_request, reply) => {
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(APP_JS);
  });

  // Browsers ask for it on every first visit: nothing, cached, rather than a 404 page each time.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).header('cache-control', 'public, max-age=604800').send());

  app.get('/', async (request, reply) => {
    const live = await liveKey(request);
    if (live) return chat(request, reply, live.key, live.snapshot);
    const query = HomeQuery.safeParse(request.query);
    return landing(request, reply, query.success && query.data.m === 'forgotten' ? { notices: [t('web.forgotten')] } : {});
  });

  app.get('/chat', async (request, reply) => {
    const live = await liveKey(request);
    if (live) return chat(request, reply, live.key, live.snapshot);
    return landing(request, reply, sessionIdOf(request) || request.headers.cookie === undefined ? {} : { notices: [t('web.noCookie')] });
  });

  // A campaign link or a roster invitation (the same payloads as Telegram's /start): a page, never a change,
  // since chat apps fetch links to preview them. Starting is the button on it.
  app.get<{ Params: { payload: string } }>('/start/:payload', async (request, reply) => {
    const payload = Payload.safeParse(request.params.payload);
    if (!payload.success) return landing(request, reply, { notices: [t('web.notFound')], status: 404 });
    return landing(request, reply, { payload: payload.data });
  });

  app.get<{ Params: { code: string } }>('/r/:code', async (request, reply) => {
    const code = normaliseCode(request.params.code);
    return landing(request, reply, code ? { code } : { codeError: t('web.resumeBad') });
  });

  app.post('/chat/start', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = StartForm.safeParse(request.body);
    const payload = form.success && form.data.start !== undefined ? Payload.safeParse(form.data.start) : undefined;
    if (!form.success || (payload && !payload.success)) return sendPage(reply.code(400), messagePage(t('web.badForm'), { href: '/', label: t('web.toHome') }));
    const live = form.data.fresh ? undefined : await liveKey(request);
    let key = live?.key;
    if (!key) {
      const id = newSessionId();
      key = webKey(id);
      await claimCode(store, key);
      setSessionCookie(reply, id, options.cookieSecure, options.retentionSeconds);
    }
    const event: ConversationEvent = payload?.success ? { type: 'user.start', campaignId: payload.data } : { type: 'user.start' };
    const result = await service.handle(key, event, { updateId: `w${newFormId()}` });
    if (result.outcome === 'store_unavailable') return sendPage(reply.code(503), messagePage(t('web.unavailable'), { href: '/', label: t('web.toHome') }));
    return showTurn(reply, key, result.snapshot?.context.rev ?? 0, result.replies);
  });

  // Its own scope: the rate limit on guessing codes applies to this route only.
  await app.register(async (limited) => {
    limited.post('/chat/resume', { preHandler: app.csrfProtection, config: { rateLimit: { max: options.resumePerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
      const form = ResumeForm.safeParse(request.body);
      const code = form.success ? normaliseCode(form.data.code) : undefined;
      if (!code) return landing(request, reply, { codeError: t('web.resumeBad'), status: 400 });
      const key = await store.resumeKey(code);
      const snapshot = key ? await service.current(key) : undefined;
      if (!key || !snapshot) return landing(request, reply, { code, codeError: t('web.resumeUnknown'), status: 404 });
      setSessionCookie(reply, key.slice('web:'.length), options.cookieSecure, options.retentionSeconds);
      return showTurn(reply, key, snapshot.context.rev, [{ kind: 'text', text: t('web.resumed') }, ...service.prompt(snapshot)]);
    });
  });

  app.post('/chat', { preHandler: app.csrfProtection, bodyLimit: 16 * 1024 }, async (request, reply) => {
    const parsed = ChatForm.safeParse(request.body);
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((i) => i.path[0] === 'text' && i.code === 'too_big');
      return sendPage(reply.code(400), messagePage(tooLong ? t('web.tooLong', { max: MAX_TYPED }) : t('web.badForm')));
    }
    const id = sessionIdOf(request);
    if (!id) return landing(request, reply, { notices: [t('web.noCookie')], status: 400 });
    const key = webKey(id);
    const event = eventOf(parsed.data);
    if (event === 'pdf') return reply.code(303).header('location', '/chat/files').send();
    if (event === 'quit' || event === undefined) {
      const snapshot = await service.current(key);
      return showTurn(reply, key, snapshot?.context.rev ?? 0, [{ kind: 'text', text: t(event === 'quit' ? 'web.quit' : 'web.badForm') }, ...(snapshot ? service.prompt(snapshot) : [])]);
    }
    const result = await service.handle(key, event, { updateId: `w${parsed.data.f}` });
    switch (result.outcome) {
      case 'forgotten':
        documents.forget(key);
        clearSessionCookie(reply, options.cookieSecure);
        return reply.code(303).header('location', '/?m=forgotten').send();
      case 'store_unavailable':
        return sendPage(reply.code(503), messagePage(t('web.unavailable')));
      case 'duplicate':
      case 'stale': {
        // The same page posted again (a double tap, or Back and a button of the old page): said plainly.
        const stale = t('conversation.stale');
        const replies = result.replies.filter((r) => r.kind !== 'text' || r.text !== stale);
        return showTurn(reply, key, result.snapshot?.context.rev ?? 0, [{ kind: 'text', text: t('web.resubmitted') }, ...replies]);
      }
      default:
        return showTurn(reply, key, result.snapshot?.context.rev ?? 0, result.replies);
    }
  });

  app.get('/chat/files', async (request, reply) => {
    const live = await liveKey(request);
    if (!live) return landing(request, reply);
    const kinds = await documents.kindsFor(live.key);
    const files: FileLink[] = [];
    for (const kind of [...kinds, ...(kinds.includes('review_form') ? (['checklist'] as const) : [])]) {
      const prepared = await documents.prepare(live.key, kind);
      if (!prepared.ok) continue;
      const path = options.downloadPath(live.key, kind);
      const label = kind.startsWith('form_') ? prepared.pdf.fileName.replace(/\.pdf$/, '') : t(`web.pdf.${kind}` as TextKey);
      files.push({ label, url: path, absolute: new URL(path.replace(/^\//, ''), base(request)).toString() });
    }
    reply.header('cache-control', 'no-store');
    return sendPage(reply, filesPage(files, { wechat: isWeChat(request), days: options.linkDays }));
  });
}

/** A posted form as a conversation event (or a channel command), as Telegram maps a button or a message. */
function eventOf(form: ChatForm): ConversationEvent | 'pdf' | 'quit' | undefined {
  if (form.cmd !== undefined) return eventForText(form.cmd);
  if (form.a !== undefined) return { type: 'user.answer', input: form.a, ...(form.q ? { questionId: form.q } : {}), ...(form.rev !== undefined ? { rev: form.rev } : {}) };
  const said = form.m ?? form.text;
  if (said === undefined || said.trim() === '') return form.text !== undefined ? { type: 'user.answer', input: '', ...(form.rev !== undefined ? { rev: form.rev } : {}) } : undefined;
  const typed = eventForText(said);
  // A command word (typed, or a menu button such as 继续) is that command; anything else answers what was on screen.
  if (typeof typed === 'string' || typed.type !== 'user.answer') return typed;
  return { ...typed, ...(form.q ? { questionId: form.q } : {}), ...(form.rev !== undefined ? { rev: form.rev } : {}) };
}

/** The chat's greetings speak of typing replies; the web's of buttons (and, when answers are kept, the resume code). */
const WEB_GREETINGS = new Map([
  [t('conversation.welcome'), t('web.welcome')],
  [t('conversation.welcomeNotKept'), t('web.welcomeNotKept')],
]);
function forWeb(reply: Reply): Reply {
  const greeting = reply.kind === 'text' ? WEB_GREETINGS.get(reply.text) : undefined;
  return greeting ? { kind: 'text', text: greeting } : reply;
}
