/**
 * The unit's chat as pages: the replies of its last turn (notices, the question with big option buttons,
 * the summary with its PDF), the progress and map of the review, the commands as buttons, and the resume
 * code. Every word from templates/; every control labelled; no script needed.
 */
import type { MapSection, Reply } from '../../core/present.ts';
import { t, type TextKey } from '../../core/text.ts';
import { CHAT_CSS } from './assets.ts';
import { document, html, paragraphs, type Html } from './html.ts';
import { displayCode } from './session.ts';

/** What every form of a page carries: the CSRF token, and the page's own id (a resubmitted page is refused). */
export type FormTokens = { csrf: string; formId: string };

export type Progress = { answered: number; remaining: number; map: MapSection[] };

export type ChatPageModel = {
  tokens: FormTokens;
  replies: Reply[];
  progress?: Progress;
  /** The summary's signed PDF link, once there is a summary to download. */
  summaryPdf?: string;
  code?: string;
  resumeUrl?: string;
  severalCampaigns: boolean;
  /** In WeChat's browser: the summary's PDF comes with the hint to open it in the system browser. */
  wechat?: boolean;
};

/** The commands every chat page offers (the words the conversation knows), the first three in sight. */
export const MENU_COMMANDS = [
  ['返回', 'web.cmd.back'],
  ['查看', 'web.cmd.review'],
  ['帮助', 'web.cmd.help'],
  ['跳过', 'web.cmd.skip'],
  ['进度', 'web.cmd.status'],
  ['材料清单', 'web.cmd.checklist'],
  ['联系方式', 'web.cmd.contact'],
  ['切换', 'web.cmd.switch'],
  ['重新开始', 'web.cmd.restart'],
  ['删除我的数据', 'web.cmd.forget'],
] as const satisfies readonly (readonly [string, TextKey])[];

export function layout(title: string, body: Html): string {
  return document({ title, css: CHAT_CSS, script: '/web/app.js', body });
}

const hidden = (tokens: FormTokens) => html`<input type="hidden" name="_csrf" value="${tokens.csrf}"><input type="hidden" name="f" value="${tokens.formId}">`;

function header(progress: Progress | undefined): Html {
  const total = progress ? progress.answered + progress.remaining : 0;
  const percent = progress && total > 0 ? Math.round((progress.answered / total) * 100) : 0;
  return html`<header class="top"><div class="wrap"><h1>${t('web.title')}</h1><div>${t('web.subtitle')}</div></div></header>
${progress ? html`<section class="wrap" aria-label="${t('web.mapTitle')}">
<div class="muted">${t('web.progress', { answered: progress.answered, remaining: progress.remaining })}</div>
<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${percent}" aria-label="${t('web.mapTitle')}"><span style="width:${percent}%"></span></div>
${mapList(progress.map)}
</section>` : ''}`;
}

/** The map's one-word label of each section that is not a numbered item (every kind needs one: the compiler checks). */
const MAP_SHORT: Record<Exclude<MapSection['kind'], 'item'>, TextKey> = {
  basic: 'web.map.basic',
  items: 'web.map.items',
  materials: 'web.map.materials',
  record: 'web.map.record',
  contact: 'web.map.contact',
};

function mapList(map: MapSection[]): Html {
  if (map.length === 0) return html``;
  const short = (s: MapSection) => (s.kind === 'item' ? String(s.item) : t(MAP_SHORT[s.kind]));
  const label = (s: MapSection) =>
    s.kind === 'item'
      ? t('web.map.itemLabel', { item: s.item ?? '', title: s.title, state: t(`web.map.${s.state}`) })
      : t('web.map.phaseLabel', { title: s.title, state: t(`web.map.${s.state}`) });
  return html`<ol class="map">${map.map((s) => html`<li class="${s.state}" title="${label(s)}"${s.state === 'current' ? html` aria-current="step"` : ''}><span aria-hidden="true">${short(s)}</span><span class="sr">${label(s)}</span></li>`)}</ol>`;
}

/** A text the unit may type: a keypad fitting the question on a phone. */
function typedInput(reply: Extract<Reply, { kind: 'prompt' }>, id: string, primary: boolean): Html {
  const mode = reply.answerKind === 'number' ? 'decimal' : reply.answerKind === 'phone' ? 'tel' : 'text';
  const caps = reply.answerKind === 'credit_code' ? html` autocapitalize="characters" spellcheck="false"` : '';
  const label = reply.questionId === undefined && reply.options.length === 0 ? t('web.pickLabel') : primary ? t('web.answerLabel') : t('web.typeLabel');
  return html`<label for="${id}">${label}</label>
<input type="text" id="${id}" name="text" inputmode="${mode}" maxlength="500" autocomplete="off"${caps}${primary ? html` required` : ''}>
<button class="btn${primary ? '' : ' alt'}" type="submit">${t('web.send')}</button>`;
}

function promptCard(reply: Extract<Reply, { kind: 'prompt' }>, tokens: FormTokens, n: number): Html {
  const ids = { text: `q${n}`, input: `t${n}` };
  const revs = html`<input type="hidden" name="rev" value="${reply.rev}">${reply.questionId ? html`<input type="hidden" name="q" value="${reply.questionId}">` : ''}`;
  // A confirmation (重新开始, 删除我的数据) has no options: its menu is the two answers.
  const confirming = reply.options.length === 0 && reply.menu.some((m) => m.id === '是');
  const menu = reply.menu.map((m) => html`<button class="btn ${m.id === '是' ? 'danger' : 'alt'}" type="submit" name="m" value="${m.id}">${m.label}</button>`);
  const typed = reply.options.length === 0 && !confirming;
  return html`<section class="card q" aria-labelledby="${ids.text}">
<form method="post" action="/chat">${hidden(tokens)}${revs}
<div id="${ids.text}">${paragraphs(reply.text)}</div>
${reply.options.length ? html`<div role="group" aria-labelledby="${ids.text}">${reply.options.map((o) => html`<button class="btn" type="submit" name="a" value="${o.id}">${o.label}</button>`)}</div>` : ''}
${menu.length ? html`<div class="row">${menu}</div>` : ''}
</form>
${typed ? html`<form method="post" action="/chat">${hidden(tokens)}${revs}${typedInput(reply, ids.input, true)}</form>` : ''}
${reply.options.length ? html`<details><summary>${t('web.typeLabel')}</summary><form method="post" action="/chat">${hidden(tokens)}${revs}${typedInput(reply, ids.input, false)}</form></details>` : ''}
</section>`;
}

function replyBlock(reply: Reply, model: ChatPageModel, n: number): Html {
  if (reply.kind === 'prompt') return promptCard(reply, model.tokens, n);
  if (reply.kind === 'summary') {
    // The buttons first: the summary is long on a phone.
    return html`<section class="card summary text">
${model.wechat ? html`<p class="card warn" role="note">${t('web.wechat')}</p>` : ''}
${model.summaryPdf ? html`<a class="btn" href="${model.summaryPdf}">${t('web.summaryPdf')}</a>` : ''}
<a class="btn alt" href="/chat/files">${t('web.moreFiles')}</a>${paragraphs(reply.text)}</section>`;
  }
  return html`<section class="card note text" role="status">${paragraphs(reply.text)}</section>`;
}

function menu(model: ChatPageModel): Html {
  const commands = MENU_COMMANDS.filter(([word]) => word !== '切换' || model.severalCampaigns);
  const button = ([word, key]: (typeof commands)[number]) => html`<button class="btn quiet" type="submit" name="cmd" value="${word}">${t(key)}</button>`;
  return html`<nav class="menu" aria-label="${t('web.menuTitle')}"><form method="post" action="/chat">${hidden(model.tokens)}
<div class="row">${commands.slice(0, 3).map(button)}</div>
<details><summary>${t('web.menuTitle')}</summary><div class="row">${commands.slice(3).map(button)}<a class="btn quiet" href="/chat/files">${t('web.cmd.pdf')}</a></div></details>
</form></nav>`;
}

export function codeBox(code: string | undefined, resumeUrl: string | undefined): Html {
  if (!code) return html``;
  return html`<section class="card" aria-labelledby="code-title"><h2 id="code-title">${t('web.yourCode')}</h2>
<p class="code">${displayCode(code)}</p><p class="muted">${t('web.codeHelp')}</p>
${resumeUrl ? html`<div class="copy"><label class="sr" for="resume-link">${t('web.yourCode')}</label><input type="text" id="resume-link" readonly value="${resumeUrl}"><button class="btn alt" type="button" data-copy="resume-link" data-done="${t('web.copied')}" style="width:auto">${t('web.copy')}</button></div>` : ''}
</section>`;
}

export function chatPage(model: ChatPageModel): string {
  const body = html`${header(model.progress)}<main class="wrap" id="now">
${model.replies.map((r, i) => replyBlock(r, model, i))}
${menu(model)}
${codeBox(model.code, model.resumeUrl)}
</main>`;
  return layout(t('web.title'), body);
}

export type LandingModel = {
  csrf: string;
  notices: string[];
  /** A campaign id or `r_<token>` the link carried (as Telegram's /start payload). */
  payload?: string;
  payloadText?: string;
  /** This browser already holds a session with answers. */
  hasSession: boolean;
  code?: string;
  codeError?: string;
};

export function landingPage(model: LandingModel): string {
  const startForm = (fresh: boolean, label: string, cls = 'btn') => html`<form method="post" action="/chat/start"><input type="hidden" name="_csrf" value="${model.csrf}">
${model.payload ? html`<input type="hidden" name="start" value="${model.payload}">` : ''}${fresh ? html`<input type="hidden" name="fresh" value="1">` : ''}
<button class="${cls}" type="submit">${label}</button></form>`;
  const body = html`${header(undefined)}<main class="wrap">
${model.notices.map((n) => html`<section class="card note" role="status">${paragraphs(n)}</section>`)}
<section class="card">${paragraphs(t('web.welcome'))}
${model.payloadText ? html`<p><strong>${model.payloadText}</strong></p>` : ''}
${model.hasSession
    ? html`<p>${t('web.haveSession')}</p><a class="btn" href="/chat">${t('web.continueSession')}</a>${model.payload ? startForm(true, t('web.startFresh'), 'btn alt') : ''}`
    : startForm(false, t('web.start'))}
</section>
<section class="card" aria-labelledby="resume-title"><h2 id="resume-title">${t('web.resumeTitle')}</h2>
<form method="post" action="/chat/resume"><input type="hidden" name="_csrf" value="${model.csrf}">
<label for="code">${t('web.resumeLabel')}</label>
<input type="text" id="code" name="code" autocapitalize="characters" autocomplete="off" spellcheck="false" maxlength="20" value="${model.code ?? ''}"${model.codeError ? html` aria-invalid="true" aria-describedby="code-error"` : ''}>
${model.codeError ? html`<p class="err card" id="code-error" role="alert">${model.codeError}</p>` : html`<p class="muted">${t('web.resumeHint')}</p>`}
<button class="btn alt" type="submit">${t('web.resumeButton')}</button></form></section>
</main>`;
  return layout(t('web.title'), body);
}

export type FileLink = { label: string; url: string; absolute: string };

export function filesPage(files: FileLink[], options: { wechat: boolean; days: number; notice?: string }): string {
  const body = html`${header(undefined)}<main class="wrap">
<h2>${t('web.filesTitle')}</h2>
${options.notice ? html`<section class="card note" role="status">${paragraphs(options.notice)}</section>` : ''}
${options.wechat ? html`<section class="card warn" role="note">${paragraphs(t('web.wechat'))}</section>` : ''}
${files.length === 0 ? html`<section class="card">${t('web.filesNone')}</section>` : html`<p>${t('web.filesIntro', { days: options.days })}</p>`}
${files.map((f, i) => html`<section class="card"><a class="btn" href="${f.url}" target="_blank" rel="noopener">${f.label}</a>
${options.wechat ? html`<div class="copy"><label class="sr" for="link${i}">${f.label}</label><input type="text" id="link${i}" readonly value="${f.absolute}"><button class="btn alt" type="button" data-copy="link${i}" data-done="${t('web.copied')}" style="width:auto">${t('web.copy')}</button></div>` : ''}
</section>`)}
<a class="btn alt" href="/chat">${t('web.backToChat')}</a>
</main>`;
  return layout(t('web.filesTitle'), body);
}

/** A page that only says something (an error, a refusal) and leads back. */
export function messagePage(text: string, back: { href: string; label: string } = { href: '/chat', label: t('web.backToChat') }): string {
  const body = html`${header(undefined)}<main class="wrap"><section class="card err" role="alert">${paragraphs(text)}</section>
<a class="btn" href="${back.href}">${back.label}</a></main>`;
  return layout(t('web.title'), body);
}
