/**
 * Server-rendered HTML without a template engine: a tagged template that escapes every value it is given
 * (text from templates/, a unit's own answers) unless it is already `Html`. Pages are small, need no
 * build step and stay readable at 360 px wide and at 200% zoom.
 */

/** HTML that is safe to insert as it is (built by `html` or trusted). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: values escaped, nested `Html` and arrays of it kept. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => (out += render(v) + (strings[i + 1] ?? '')));
  return new Html(out);
}

/** Trusted markup (an SVG built here, the stylesheet). */
export const raw = (markup: string): Html => new Html(markup);

/** A text with line breaks as paragraphs: what a chat message becomes on a page. */
export function paragraphs(text: string): Html {
  const blocks = text.split(/\n{2,}/);
  return html`${blocks.map((b) => html`<p>${b.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`)}`;
}

/** The whole document: one small inline stylesheet, one optional deferred script, no other request. */
export function document(options: { title: string; body: Html; css: string; script?: string; bodyClass?: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${options.css}</style>
${options.script ? `<script src="${escapeHtml(options.script)}" defer></script>` : ''}
</head>
<body${options.bodyClass ? ` class="${escapeHtml(options.bodyClass)}"` : ''}>
${options.body.value}
</body>
</html>`;
}
