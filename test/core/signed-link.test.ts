/** Download links: signed, bound to one unit and one document, refused when forged and gone when expired. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentKindSchema, formKind, signLink, verifyLink } from '../../src/core/signed-link.ts';

const SECRET = 'test-secret-of-some-length';
const NOW = new Date('2025-03-10T01:00:00Z');
const LATER = new Date('2025-03-17T01:00:00Z');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('a link the bot signed', () => {
  it('opens its own unit\'s own document until it expires', () => {
    const token = signLink(SECRET, 'tg:42', 'summary', LATER);
    expect(verifyLink(SECRET, token, NOW)).toEqual({ ok: true, key: 'tg:42', kind: 'summary' });
    expect(verifyLink(SECRET, token, new Date(LATER.getTime() - 1000))).toEqual({ ok: true, key: 'tg:42', kind: 'summary' });
  });
  it('is expired from its expiry second on, and says so rather than "forged"', () => {
    const token = signLink(SECRET, 'tg:42', 'checklist', LATER);
    expect(verifyLink(SECRET, token, LATER)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyLink(SECRET, token, new Date(LATER.getTime() + 86_400_000))).toEqual({ ok: false, reason: 'expired' });
  });
  it('carries a form\'s document kind', () => {
    const token = signLink(SECRET, 'web:abc', formKind('objection'), LATER);
    expect(verifyLink(SECRET, token, NOW)).toEqual({ ok: true, key: 'web:abc', kind: 'form_objection' });
  });
  it('payload is the key, the kind and the expiry in whole seconds', () => {
    const [body] = signLink(SECRET, 'tg:42', 'review_form', new Date(LATER.getTime() + 999)).split('.');
    expect(JSON.parse(Buffer.from(body as string, 'base64url').toString())).toEqual({ k: 'tg:42', d: 'review_form', e: LATER.getTime() / 1000 });
  });
});

describe('a link that was not signed by us', () => {
  const good = signLink(SECRET, 'tg:42', 'summary', LATER);
  const [body, mac] = good.split('.') as [string, string];
  it.each([
    ['another secret', signLink('another-secret', 'tg:42', 'summary', LATER)],
    ['another unit in the payload', `${b64({ k: 'tg:43', d: 'summary', e: LATER.getTime() / 1000 })}.${mac}`],
    ['a signature one character off', `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`],
    ['a shorter signature', `${body}.${mac.slice(0, -2)}`],
    ['no signature', `${body}.`],
    ['no payload', `.${mac}`],
    ['no dot', body],
    ['a third part', `${good}.x`],
    ['an empty token', ''],
    ['an overlong token', `${body}.${mac}${'A'.repeat(1000)}`],
  ])('refuses %s as invalid', (_what, token) => expect(verifyLink(SECRET, token, NOW)).toEqual({ ok: false, reason: 'invalid' }));

  const signed = (payloadBase64: string) => {
    // A payload signed with our secret but that is not a link (another use of the secret, a bug): refused too.
    return `${payloadBase64}.${createHmac('sha256', SECRET).update(payloadBase64).digest('base64url')}`;
  };
  it.each([
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['an unknown document kind', b64({ k: 'tg:42', d: 'passport', e: 1e10 })],
    ['an empty key', b64({ k: '', d: 'summary', e: 1e10 })],
    ['an extra field', b64({ k: 'tg:42', d: 'summary', e: 1e10, admin: true })],
    ['a fractional expiry', b64({ k: 'tg:42', d: 'summary', e: 1.5e9 + 0.5 })],
  ])('refuses a signed payload with %s as invalid', (_what, payload) => expect(verifyLink(SECRET, signed(payload), NOW)).toEqual({ ok: false, reason: 'invalid' }));
});

describe('document kinds', () => {
  it.each(['summary', 'checklist', 'review_form', 'filing_form', 'form_objection', 'form_a1'])('%s is a kind', (kind) => expect(DocumentKindSchema.safeParse(kind).success).toBe(true));
  it.each(['form_', 'form_Objection', 'form_1a', `form_${'a'.repeat(42)}`, 'x_form_objection', 'summary2'])('%s is not', (kind) => expect(DocumentKindSchema.safeParse(kind).success).toBe(false));
});
