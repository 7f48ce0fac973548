/**
 * The unit's web session: a random, unguessable session id in a signed HttpOnly cookie (SameSite=Lax,
 * Secure behind https), the conversation key `web:<id>`, and a short resume code that names the session
 * on another device. Every cookie and code is read through zod: anything else is no session at all.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { z } from 'zod';
import type { SessionStore } from '../../core/store.ts';

export const SESSION_COOKIE = 'nsz_web';
/** 18 random bytes: 24 base64url characters. */
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{24}$/);
/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from a screenshot is not misread. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 8;
const Code = z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));

export type CookieSecurity = boolean | 'auto';

export const webKey = (sessionId: string) => `web:${sessionId}`;
export const newSessionId = () => randomBytes(18).toString('base64url');
export const newResumeCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** A code as people type it: any case, with spaces or a dash in the middle; undefined when it cannot be one. */
export function normaliseCode(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const parsed = Code.safeParse(input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, ''));
  return parsed.success ? parsed.data : undefined;
}

/** "K7M2Q9XA" → "K7M2-Q9XA": easier to read and copy. */
export const displayCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The session id the request's cookie names, if the cookie is there, signed by us and well formed. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  const parsed = SessionId.safeParse(unsigned.value);
  return parsed.success ? parsed.data : undefined;
}

export function setSessionCookie(reply: FastifyReply, sessionId: string, secure: CookieSecurity, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, secure: CookieSecurity): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** Gives a new session its resume code (drawing again in the rare case a code is taken); `draw` for tests. */
export async function claimCode(store: SessionStore, key: string, draw: () => string = newResumeCode): Promise<string> {
  for (let tries = 0; tries < 8; tries++) {
    const code = draw();
    if (await store.claimResumeCode(code, key)) return code;
  }
  throw new Error('no free resume code after 8 draws');
}
