/**
 * Signed PDF download links over HTTP: `GET /d/<token>`. A unit opens or forwards its PDF in a
 * browser; staff fetch a unit's summary. Tampered links get 403, expired ones 410, with a plain message.
 */
import type { FastifyInstance } from 'fastify';
import type { DocumentService } from '../app/document-service.ts';
import { signLink, verifyLink, type DocumentKind } from '../core/signed-link.ts';
import { StoreUnavailableError } from '../core/store.ts';
import { t } from '../core/text.ts';

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

export function registerDownloads(app: FastifyInstance, documents: DocumentService, secret: string, clock: () => Date): void {
  app.get<{ Params: { token: string } }>(`${DOWNLOAD_PATH}:token`, async (request, reply) => {
    const check = verifyLink(secret, request.params.token, clock());
    const plain = (code: number, text: string) => reply.code(code).type('text/plain; charset=utf-8').send(text);
    if (!check.ok) return check.reason === 'expired' ? plain(410, t('download.expired')) : plain(403, t('download.invalid'));
    let result;
    try {
      result = await documents.pdf(check.key, check.kind);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return plain(503, t('download.unavailable'));
      throw error;
    }
    if (!result.ok) return plain(404, t(result.reason === 'out_of_scope' ? 'pdf.outOfScope' : 'download.nothing'));
    const file = result.file;
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(file.fileName))
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });
}
