/**
 * The web channel as one fastify plugin: the unit's chat and the bureau's dashboard, over the same
 * conversation service, store and documents as Telegram. Cookies are signed (@fastify/cookie), forms
 * parsed by @fastify/formbody and checked against CSRF (@fastify/csrf-protection), guessing and password
 * attempts rate-limited (@fastify/rate-limit); every refusal is a plain Chinese page.
 */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StoreUnavailableError } from '../../core/store.ts';
import { t } from '../../core/text.ts';
import { messagePage } from './chat-pages.ts';
import { chatRoutes, type ChatOptions } from './chat-routes.ts';
import { sendPage } from './respond.ts';
import type { CookieSecurity } from './session.ts';

export type WebOptions = ChatOptions & {
  cookieSecret: string;
  cookieSecure: CookieSecurity;
  /** The dashboard's routes, registered in the same scope (cookies, forms, CSRF), when staff are configured. */
  dashboard?: (scope: FastifyInstance) => Promise<void>;
};

const CSRF_ERRORS = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

export function registerWeb(app: FastifyInstance, options: WebOptions): void {
  void app.register(async (scope) => {
    await scope.register(cookie, { secret: options.cookieSecret });
    await scope.register(formbody, { bodyLimit: 16 * 1024 });
    await scope.register(csrf, {
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.cookieSecure, signed: true },
      // Forms carry it in the body; a file upload (multipart, read later) in the query string.
      getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf ?? (request.query as { _csrf?: string } | undefined)?._csrf,
    });
    await scope.register(rateLimit, { global: false });
    scope.setNotFoundHandler(async (request, reply) => page(request, reply, 404, t('web.notFound')));
    scope.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      if (error.code && CSRF_ERRORS.has(error.code)) return page(request, reply, 403, t('web.csrf'));
      if (error instanceof StoreUnavailableError) {
        options.logger.warn({ err: error, route: request.routeOptions.url ?? 'unknown' }, 'web: store unavailable');
        return page(request, reply, 503, t('web.unavailable'));
      }
      const status = error.statusCode ?? 500;
      if (status === 413) return page(request, reply, 413, t('web.tooLong', { max: 500 }));
      if (status === 429) return page(request, reply, 429, t('web.tooMany'));
      if (status >= 400 && status < 500) return page(request, reply, status, t('web.badForm'));
      options.logger.error({ err: error, route: request.routeOptions.url ?? 'unknown' }, 'web handler failed');
      return page(request, reply, 500, t('web.error'));
    });
    await chatRoutes(scope, options);
    if (options.dashboard) await options.dashboard(scope);
  });
}

function page(request: FastifyRequest, reply: FastifyReply, status: number, text: string) {
  const staff = request.url.startsWith('/staff');
  return sendPage(reply.code(status), messagePage(text, staff ? { href: '/staff', label: t('staff.web.home') } : { href: '/', label: t('web.toHome') }));
}
