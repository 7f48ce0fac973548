/** Small helpers the web routes share: an HTML page reply, and absolute URLs as the client reached us. */
import type { FastifyReply, FastifyRequest } from 'fastify';

export function sendPage(reply: FastifyReply, page: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page);
}

/** `https://host/path` as the client sees this server (behind a trusted proxy: its forwarded host and scheme). */
export function absoluteUrl(request: FastifyRequest, path: string): string {
  return new URL(path, `${request.protocol}://${request.host}`).toString();
}
