/**
 * Staff sign-in for the dashboard: passwords checked against argon2id hashes (@node-rs/argon2, whose
 * prebuilt binary comes from the registry), and a signed HttpOnly cookie naming the staff member until it
 * expires. The cookie carries a fingerprint of the password hash, so a new password signs out every device.
 */
import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { z } from 'zod';
import type { StaffDirectory, StaffMember } from '../../app/staff-directory.ts';
import type { CookieSecurity } from './session.ts';

export const STAFF_COOKIE = 'nsz_staff';
export const MIN_PASSWORD_LENGTH = 10;

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum for argon2id. */
export const hashPassword = (password: string) => hash(password);

/** A hash of a password nobody has: an unknown login costs the same time as a wrong password. */
let dummy: Promise<string> | undefined;

export async function checkPassword(directory: StaffDirectory, login: string, password: string): Promise<StaffMember | undefined> {
  const member = directory.byLogin(login);
  const stored = member?.passwordHash ?? (await (dummy ??= hashPassword('no such staff member, no such password')));
  const ok = await verify(stored, password).catch(() => false);
  return ok && member ? member : undefined;
}

const fingerprint = (member: StaffMember) => createHash('sha256').update(member.passwordHash ?? '').digest('base64url').slice(0, 16);
const CookieValue = z.string().regex(/^[A-Za-z0-9._-]{2,40}\|\d{1,12}\|[A-Za-z0-9_-]{16}$/);

export function setStaffCookie(reply: FastifyReply, member: StaffMember, hours: number, secure: CookieSecurity, now: Date): void {
  const expires = Math.floor(now.getTime() / 1000 + hours * 3600);
  reply.setCookie(STAFF_COOKIE, `${member.login}|${expires}|${fingerprint(member)}`, { path: '/staff', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: hours * 3600 });
}

export function clearStaffCookie(reply: FastifyReply, secure: CookieSecurity): void {
  reply.clearCookie(STAFF_COOKIE, { path: '/staff', httpOnly: true, sameSite: 'lax', secure });
}

/** The signed-in staff member, when the cookie is ours, unexpired, and their password has not changed since. */
export function signedInMember(request: FastifyRequest, directory: StaffDirectory, now: Date): StaffMember | undefined {
  const raw = request.cookies[STAFF_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  const parsed = CookieValue.safeParse(unsigned.valid ? unsigned.value : undefined);
  if (!parsed.success) return undefined;
  const [login, expires, print] = parsed.data.split('|') as [string, string, string];
  if (Number(expires) * 1000 <= now.getTime()) return undefined;
  const member = directory.byLogin(login);
  return member && fingerprint(member) === print ? member : undefined;
}
