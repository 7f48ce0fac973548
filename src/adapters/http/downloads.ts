/**
 * Signed PDF download links over HTTP: `GET /d/<token>`. A unit opens or forwards its PDF in a
 * browser; staff fetch a unit's summary. Tampered links get 403, expired ones 410, with a plain message.
 * Each PDF carries an ETag naming its content (`If-None-Match` → 304, nothing rendered), unchanged
 * content is not rendered twice (DocumentService keeps the last rendering), and each client address
 * gets a limited number of requests a minute (@fastify/rate-limit).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DocumentService } from '../../app/document-service.ts';
import { signLink, verifyLink, type DocumentKind } from '../../core/signed-link.ts';
import { StoreUnavailableError } from '../../core/store.ts';
import { t } from '../../core/text.ts';

export const DOWNLOAD_PATH = '/d/';

export type LinkSigner = (key: string, kind: DocumentKind) => string;

/** Makes absolute download URLs valid for `days`. */
export function linkSigner(baseUrl: string, secret: string, days: number, clock: () => Date): LinkSigner {
  return (key, kind) => new URL(DOWNLOAD_PATH + signLink(secret, key, kind, new Date(clock().getTime() + days * 86_400_000)), baseUrl).toString();
}

/** `filename*` carries the Chinese name (RFC 6266); `filename` an ASCII fallback for old clients. */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  return `${disposition}; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Whether an If-None-Match header names this (strong) etag; weak comparison, as RFC 9110 asks for GET. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export type DownloadOptions = {
  /** Requests a minute from one client address before 429. */
  perMinute?: number;
};

const plain = (reply: FastifyReply, code: number, text: string) => reply.code(code).type('text/plain; charset=utf-8').send(text);

export function registerDownloads(app: FastifyInstance, documents: DocumentService, secret: string, clock: () => Date, options: DownloadOptions = {}): void {
  // Its own plugin scope: the rate limit and its plain-text 429 apply to download links only.
  void app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    scope.setErrorHandler(async (error: Error & { statusCode?: number }, _request, reply) => {
      if (error.statusCode === 429) return plain(reply, 429, t('download.tooMany'));
      throw error;
    });
    scope.get<{ Params: { token: string } }>(
      `${DOWNLOAD_PATH}:token`,
      { config: { rateLimit: { max: options.perMinute ?? 30, timeWindow: 60_000 } } },
      async (request, reply) => {
        const check = verifyLink(secret, request.params.token, clock());
        if (!check.ok) return check.reason === 'expired' ? plain(reply, 410, t('download.expired')) : plain(reply, 403, t('download.invalid'));
        let prepared;
        try {
          prepared = await documents.prepare(check.key, check.kind);
        } catch (error) {
          // Without the store the answers cannot be known, so neither can whether a kept PDF is still true.
          if (error instanceof StoreUnavailableError) return plain(reply, 503, t('download.unavailable'));
          throw error;
        }
        if (!prepared.ok) return plain(reply, 404, t(prepared.reason === 'out_of_scope' ? 'pdf.outOfScope' : 'download.nothing'));
        const pdf = prepared.pdf;
        // no-cache (not no-store): the browser may keep the file (it is downloading it anyway) but asks again.
        reply.header('etag', pdf.etag).header('cache-control', 'private, no-cache');
        if (matchesEtag(request.headers['if-none-match'], pdf.etag)) return reply.code(304).send();
        return reply
          .type('application/pdf')
          .header('content-disposition', contentDisposition(pdf.fileName))
          .send(await pdf.bytes());
      },
    );
  });
}
