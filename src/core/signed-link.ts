/**
 * Download links a unit can open in a browser or forward: `<payload>.<hmac>`, payload being base64url
 * JSON `{ k: session key, d: document kind, e: expiry (unix seconds) }`, signed with HMAC-SHA256.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const DOCUMENT_KINDS = ['summary', 'checklist', 'review_form', 'filing_form'] as const;
/** A fixed kind, or a campaign form's PDF (`form_objection`): forms are data, so their kinds are too. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number] | `form_${string}`;
export const DocumentKindSchema = z.union([z.enum(DOCUMENT_KINDS), z.string().regex(/^form_[a-z][a-z0-9_]{0,40}$/) as z.ZodType<`form_${string}`>]);
export const formKind = (formId: string): DocumentKind => `form_${formId}`;

const Payload = z.strictObject({ k: z.string().min(1).max(200), d: DocumentKindSchema, e: z.number().int().positive() });
export type LinkPayload = z.infer<typeof Payload>;

export type LinkCheck = { ok: true; key: string; kind: DocumentKind } | { ok: false; reason: 'invalid' | 'expired' };

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function signLink(secret: string, key: string, kind: DocumentKind, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ k: key, d: kind, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** Tampered or malformed → invalid (403); genuine but past its expiry → expired (410). */
export function verifyLink(secret: string, token: string, now: Date): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 1000) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let payload: LinkPayload;
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    payload = parsed.data;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (payload.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, key: payload.k, kind: payload.d };
}
