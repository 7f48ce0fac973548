/**
 * A browser for in-process web tests (fastify's `inject`): keeps the cookies it is given and sends them
 * back, follows a post's redirect, and reads the fields, buttons and words of the last HTML page.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export const flat = (text: string) => text.replace(/\s+/g, '');

/**
 * A page as a golden file keeps it: what differs on every request put aside, yet what matters kept. Tokens,
 * form and run ids become numbered stand-ins (the same value, the same stand-in, so "these two forms carry
 * one token" still shows); a signed download link keeps its document and expiry, losing only the session
 * key and signature; the resume code, an invitation's token and its QR code's modules become placeholders.
 */
export function golden(page: string): string {
  const seen = new Map<string, string>();
  const stand = (kind: string, value: string) => {
    const key = `${kind}:${value}`;
    if (!seen.has(key)) seen.set(key, `${kind.toUpperCase()}${[...seen.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1}`);
    return seen.get(key) as string;
  };
  const code = /\/r\/([0-9A-Z]{8})\b/.exec(page)?.[1];
  const out = page
    .replace(/name="(_csrf|f|run)" value="([^"]*)"/g, (_, name: string, value: string) => `name="${name}" value="${stand(name, value)}"`)
    .replace(/_csrf=([\w-]+)/g, (_, value: string) => `_csrf=${stand('_csrf', value)}`)
    .replace(/\/d\/([\w-]+)\.[\w-]+/g, (_, body: string) => {
      const { d, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { d: string; e: number };
      return `/d/${d}@${new Date(e * 1000).toISOString()}`;
    })
    .replace(/(\/start\/|\?start=)r_[\w-]+/g, '$1r_…')
    .replace(/(<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" shape-rendering="crispEdges">)[\s\S]*?<\/svg>/g, '$1…</svg>');
  return code ? out.replaceAll(code, 'CODE0000').replaceAll(`${code.slice(0, 4)}-${code.slice(4)}`, 'CODE-0000') : out;
}

/** A browser: keeps the cookies it is given, sends them back, and reads the forms of the last page. */
let browsers = 0;

export class Browser {
  cookies = new Map<string, string>();
  page = '';
  /** Each browser its own client address, as rate limits count by address. */
  readonly address = `127.0.${Math.floor(++browsers / 250)}.${(browsers % 250) + 1}`;
  constructor(
    private readonly app: FastifyInstance,
    private readonly userAgent = 'Mozilla/5.0 (Linux; Android 14) Mobile',
  ) {}

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.page = response.body;
    return response;
  }
  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { 'user-agent': this.userAgent, ...(this.cookies.size ? { cookie: this.cookieHeader } : {}), ...headers } }));
  }
  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.send(url, new URLSearchParams(form).toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
  }
  /** Uploads one file as a multipart form (the roster page's). */
  async upload(url: string, file: { field: string; name: string; type: string; content: Buffer | string }) {
    const boundary = '----nsz-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.send(url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
  private async send(url: string, payload: string | Buffer, headers: Record<string, string>) {
    return this.keep(await this.app.inject({ method: 'POST', url, payload, remoteAddress: this.address, headers: { 'user-agent': this.userAgent, ...(this.cookies.size ? { cookie: this.cookieHeader } : {}), ...headers } }));
  }
  /** Posts and follows the redirect to the page it leads to, as a browser does. */
  async submit(url: string, form: Record<string, string>) {
    const response = await this.post(url, form);
    expect(response.statusCode, response.body).toBe(303);
    return this.get(response.headers.location as string);
  }
  /** Presses a button of the page: posts the form holding it, its hidden fields and `fill`, without following the redirect. */
  press(button: string, fill: Record<string, string> = {}) {
    const form = (this.page.match(/<form method="post"[\s\S]*?<\/form>/g) ?? []).find((f) => f.includes(`>${button}</button>`));
    expect(form, `a form with the button ${button}`).toBeDefined();
    const read = (v: string) => v.replace(/&amp;/g, '&');
    const action = read(/action="([^"]*)"/.exec(form as string)?.[1] ?? '');
    const hidden = Object.fromEntries([...(form as string).matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1], read(m[2] as string)]));
    return this.post(action, { ...hidden, ...fill });
  }
  field(name: string): string {
    return new RegExp(`name="${name}" value="([^"]*)"`).exec(this.page)?.[1] ?? '';
  }
  /** The fields every chat form carries, from the last question on the page. */
  questionForm(): Record<string, string> {
    const last = this.page.slice(this.page.lastIndexOf('<section class="card q"'));
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(last)?.[1];
    const form: Record<string, string> = { _csrf: this.field('_csrf'), f: this.field('f') };
    const rev = value('rev');
    const q = value('q');
    if (rev !== undefined) form.rev = rev;
    if (q !== undefined) form.q = q;
    return form;
  }
  /** The option buttons of the last question: [value, label]. */
  options(): [string, string][] {
    const last = this.page.slice(this.page.lastIndexOf('<section class="card q"'));
    return [...last.matchAll(/name="a" value="([^"]*)">([^<]*)</g)].map((m) => [m[1] as string, m[2] as string]);
  }
  answer(text: string) {
    return this.submit('/chat', { ...this.questionForm(), text });
  }
  command(word: string) {
    return this.submit('/chat', { _csrf: this.field('_csrf'), f: this.field('f'), cmd: word });
  }
  start(extra: Record<string, string> = {}) {
    return this.submit('/chat/start', { _csrf: this.field('_csrf'), ...extra });
  }
  /** The page's words, tags and white space dropped, entities read (compare with `flat`). */
  get text(): string {
    return flat(
      this.page
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
    );
  }
}

