/**
 * The web's small pieces on their own: HTML built by the `html` tag (escaped unless already HTML), text as
 * paragraphs, the page frame, the resume codes and session cookies as a unit types and a browser sends them, and
 * the staff's sign-in cookie.
 */
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { document, escapeHtml, html, Html, paragraphs, raw } from '../../src/adapters/web/html.ts';
import { absoluteUrl } from '../../src/adapters/web/respond.ts';
import { claimCode, clearSessionCookie, CODE_ALPHABET, CODE_LENGTH, displayCode, newResumeCode, newSessionId, normaliseCode, sessionIdOf, setSessionCookie, webKey } from '../../src/adapters/web/session.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { checkPassword, clearStaffCookie, hashPassword, setStaffCookie, signedInMember } from '../../src/adapters/web/staff-auth.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';

describe('html', () => {
  it('escapes every value it is given, keeps HTML it built, joins arrays and drops empty values', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const name = '<script>"某"</script>';
    expect(html`<p>${name}</p>`.toString()).toBe('<p>&lt;script&gt;&quot;某&quot;&lt;/script&gt;</p>');
    expect(html`<div>${html`<b>${'&'}</b>`}</div>`.value).toBe('<div><b>&amp;</b></div>');
    expect(html`${['a', html`<i>b</i>`, 3]}`.value).toBe('a<i>b</i>3');
    expect(html`[${null}${undefined}${false}${true}${0}]`.value).toBe('[0]');
    expect(html`${'only'}`.value).toBe('only');
    expect(html`plain`.value).toBe('plain');
    expect(raw('<svg/>')).toBeInstanceOf(Html);
    expect(`${raw('<svg/>')}`).toBe('<svg/>');
  });

  it('makes paragraphs of blank-line-separated text, and line breaks within them', () => {
    expect(paragraphs('一\n二\n\n三').value).toBe('<p>一<br>二</p><p>三</p>');
    expect(paragraphs('甲\n\n\n乙').value).toBe('<p>甲</p><p>乙</p>');
    expect(paragraphs('<b>').value).toBe('<p>&lt;b&gt;</p>');
  });

  it('frames a page: language, viewport, escaped title, its style, an optional deferred script and body class', () => {
    const page = document({ title: 'A & B', css: 'p{}', body: html`<p>x</p>`, script: '/web/app.js', bodyClass: 'dash' });
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<title>A &amp; B</title>');
    expect(page).toContain('<style>p{}</style>');
    expect(page).toContain('<script src="/web/app.js" defer></script>');
    expect(page).toContain('<body class="dash">\n<p>x</p>\n</body>');
    const bare = document({ title: 't', css: '', body: html`` });
    expect(bare).not.toContain('<script');
    expect(bare).toContain('<style></style>\n\n</head>');
    expect(bare).toContain('<body>\n');
  });
});

describe('resume codes and session cookies', () => {
  it('reads a code as people type it, and refuses what cannot be one', () => {
    expect(normaliseCode('k7m3-q9xa')).toBe('K7M3Q9XA');
    expect(normaliseCode(' K7M3 Q9XA ')).toBe('K7M3Q9XA');
    expect(normaliseCode('Ｋ７Ｍ３Ｑ９ＸＡ')).toBe('K7M3Q9XA');
    for (const bad of ['K7M3Q9X', 'K7M3Q9XAA', 'K0M3Q9XA', 'K7M3Q9X!', '', 12345678, undefined]) expect(normaliseCode(bad), String(bad)).toBeUndefined();
    expect(displayCode('K7M3Q9XA')).toBe('K7M3-Q9XA');
  });

  it('draws codes of eight unambiguous characters, and session ids of 24', () => {
    for (let i = 0; i < 50; i++) {
      const code = newResumeCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
      expect(normaliseCode(code)).toBe(code);
    }
    expect(newSessionId()).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(webKey('abc')).toBe('web:abc');
  });

  it('gives a session a free code, drawing again when one is taken, and gives up after eight draws', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const code = await claimCode(store, 'web:a');
    expect(await store.resumeKey(code)).toBe('web:a');
    // Draws that keep hitting codes other sessions hold: taken ones are skipped, and after eight it gives up.
    const held = ['TAKEN347', 'TAKEN369', 'TAKEN467'];
    for (const [i, c] of held.entries()) await store.claimResumeCode(c, `web:other${i}`);
    let draws = 0;
    expect(await claimCode(store, 'web:b', () => held[draws++] ?? 'FREE3467')).toBe('FREE3467');
    expect(draws).toBe(4);
    draws = 0;
    await expect(claimCode(store, 'web:c', () => (draws++, 'TAKEN347'))).rejects.toThrow('no free resume code after 8 draws');
    expect(draws).toBe(8);
  });

  it('sets a signed, HttpOnly, Lax cookie, reads back only its own, and clears it', async () => {
    const app = Fastify();
    await app.register(cookie, { secret: 'a-cookie-secret-long-enough-for-tests-0123' });
    app.get('/set', async (_request, reply) => {
      setSessionCookie(reply, 'A'.repeat(24), false, 600);
      return 'ok';
    });
    app.get('/read', async (request) => ({ id: sessionIdOf(request) ?? null, url: absoluteUrl(request, '/r/X') }));
    app.get('/clear', async (_request, reply) => {
      clearSessionCookie(reply, false);
      return 'ok';
    });
    const set = await app.inject('/set');
    const made = set.cookies.find((c) => c.name === 'nsz_web') as { value: string; httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number };
    expect(made).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 600 });
    const read = async (value?: string) => (await app.inject({ url: '/read', headers: { host: 'example.test', ...(value === undefined ? {} : { cookie: `nsz_web=${value}` }) } })).json() as { id: string | null; url: string };
    expect(await read(made.value)).toEqual({ id: 'A'.repeat(24), url: 'http://example.test/r/X' });
    expect((await read()).id).toBeNull();
    expect((await read('A'.repeat(24))).id).toBeNull();
    expect((await read(`${made.value.split('.')[0]}.forged`)).id).toBeNull();
    const clear = await app.inject('/clear');
    expect(clear.cookies.find((c) => c.name === 'nsz_web')).toMatchObject({ value: '', path: '/', httpOnly: true, sameSite: 'Lax' });
    await app.close();
  });
});

describe('staff sign-in', () => {
  const HOUR = 3_600_000;
  const at = new Date('2025-05-01T08:00:00Z');
  const members = (passwordHash: string) => new StaffDirectory([{ name: '王', telegramIds: [], areas: 'all', login: 'wang', passwordHash }], []);

  it('signs nobody in with a stored hash argon2 cannot read, or under an unknown login', async () => {
    const broken = members('$argon2id$v=19$not-a-hash');
    expect(await checkPassword(broken, 'wang', 'any password at all')).toBeUndefined();
    const directory = members(await hashPassword('a-good-password'));
    expect(await checkPassword(directory, 'WANG', 'a-good-password')).toMatchObject({ login: 'wang' });
    expect(await checkPassword(directory, 'wang', 'a-wrong-password')).toBeUndefined();
    expect(await checkPassword(directory, 'nobody', 'a-good-password')).toBeUndefined();
  });

  it('keeps a member signed in until the cookie expires, while the password is unchanged; clears it on /staff', async () => {
    const hash = await hashPassword('a-good-password');
    const member = members(hash).byLogin('wang');
    const app = Fastify();
    await app.register(cookie, { secret: 'a-cookie-secret-long-enough-for-tests-0123' });
    let directory = members(hash);
    app.get('/set', async (_request, reply) => {
      if (member) setStaffCookie(reply, member, 8, false, at);
      return 'ok';
    });
    app.get('/who', async (request) => ({ login: signedInMember(request, directory, new Date(String((request.query as { at: string }).at)))?.login ?? null }));
    app.get('/clear', async (_request, reply) => {
      clearStaffCookie(reply, false);
      return 'ok';
    });
    const made = (await app.inject('/set')).cookies.find((c) => c.name === 'nsz_staff') as { value: string };
    const who = async (when: Date) => ((await app.inject({ url: `/who?at=${when.toISOString()}`, headers: { cookie: `nsz_staff=${made.value}` } })).json() as { login: string | null }).login;
    expect(await who(at)).toBe('wang');
    expect(await who(new Date(at.getTime() + 8 * HOUR - 1000))).toBe('wang');
    expect(await who(new Date(at.getTime() + 8 * HOUR))).toBeNull();
    // A new password signs out every device; a login no longer in the directory too.
    directory = members(await hashPassword('a-new-password-0'));
    expect(await who(at)).toBeNull();
    directory = new StaffDirectory([], []);
    expect(await who(at)).toBeNull();
    const clear = await app.inject('/clear');
    expect(clear.cookies.find((c) => c.name === 'nsz_staff')).toMatchObject({ value: '', path: '/staff', httpOnly: true, sameSite: 'Lax' });
    await app.close();
  });
});
