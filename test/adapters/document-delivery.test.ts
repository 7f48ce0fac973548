/**
 * PDFs reach the unit: signed HTTP links (valid, tampered, expired), Telegram documents with Chinese
 * names, and files under out/ from the terminal. Real fastify, real telegraf + emulator, real pdftotext.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { contentDisposition, linkSigner, registerDownloads } from '../../src/adapters/http/downloads.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { chatKey, createBot } from '../../src/adapters/telegram/bot.ts';
import { runTerminal } from '../../src/adapters/terminal/terminal.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import { signLink, verifyLink } from '../../src/core/signed-link.ts';
import { safeFileName } from '../../src/core/document.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { startRedis } from '../support/redis-server.ts';
import { t } from '../../src/core/text.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';
import { startTelegramEmulator } from '../support/telegram-emulator.ts';
import { flat, pdfText, scratch } from '../pdf/poppler.ts';

const campaign = findCampaign('changji-2024') as Campaign;
let now = new Date('2025-03-10T09:00:00+08:00');
const clock = () => now;
const SECRET = 'test-secret-that-is-long-enough-for-hmac-0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  now = new Date('2025-03-10T09:00:00+08:00');
});

async function finishedUnit(key: string) {
  const store = new MemoryStore({ retentionSeconds: 3600 });
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  const documents = new DocumentService(service, [campaign], clock, renderPdf);
  const answers = completeAnswers(campaign, { ...PROFILES.enterpriseB, unit_name: '昌吉市示例建材有限公司' });
  for (const line of ['开始', ...typedConversation(campaign, answers)]) await service.handle(key, eventForText(line) as never);
  return { store, service, documents };
}

describe('signed download links', () => {
  it('verifies its own links, refuses tampered ones and reports expired ones', () => {
    const token = signLink(SECRET, 'tg:1', 'summary', new Date('2025-03-11T00:00:00Z'));
    expect(verifyLink(SECRET, token, new Date('2025-03-10T00:00:00Z'))).toEqual({ ok: true, key: 'tg:1', kind: 'summary' });
    expect(verifyLink(SECRET, token, new Date('2025-03-12T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    const [body, mac] = token.split('.') as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ k: 'tg:2', d: 'summary', e: 4_000_000_000 })).toString('base64url');
    expect(verifyLink(SECRET, `${forgedBody}.${mac}`, now).ok).toBe(false);
    expect(verifyLink(SECRET, `${body}.${mac.slice(0, -2)}xx`, now).ok).toBe(false);
    expect(verifyLink('another-secret-another-secret-another', token, new Date('2025-03-10T00:00:00Z')).ok).toBe(false);
    expect(verifyLink(SECRET, 'garbage', now).ok).toBe(false);
  });

  it('serves the PDF over HTTP: 200 for a valid link, 403 tampered, 410 expired, each with a plain message', async () => {
    // A real chat id and the longest kind name: tokens well past fastify's default 100-character limit.
    const KEY10 = 'tg:1234567890';
    const { documents } = await finishedUnit(KEY10);
    const app = createHttpServer();
    registerDownloads(app, documents, SECRET, clock);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const link = linkSigner(base, SECRET, 7, clock)(KEY10, 'summary');
    expect(new URL(link).pathname.length).toBeGreaterThan(110);
    expect((await fetch(linkSigner(base, SECRET, 7, clock)(KEY10, 'review_form'))).status).toBe(200);

    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('content-disposition')).toBe(contentDisposition('劳动保障书面审查自查报告-昌吉市示例建材有限公司.pdf'));
    const dir = await scratch();
    cleanups.push(dir.cleanup);
    const text = flat(await pdfText(await dir.write('summary.pdf', Buffer.from(await ok.arrayBuffer()))));
    expect(text).toContain('昌吉市示例建材有限公司');
    expect(text).toContain('0994-7225613'); // 奇台县人社局

    const tampered = await fetch(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toBe(t('download.invalid'));

    now = new Date(now.getTime() + 8 * 86_400_000);
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe(t('download.expired'));
  });
});

describe('file names', () => {
  it('keeps a unit name with path characters inside the folder', () => {
    expect(safeFileName('自查报告-某公司/分公司.pdf')).toBe('自查报告-某公司_分公司.pdf');
    expect(safeFileName('../../../etc/passwd')).toBe('_.._.._etc_passwd.pdf');
    expect(safeFileName('报告-（昌吉）有限公司.pdf')).toBe('报告-（昌吉）有限公司.pdf');
    expect(safeFileName('a:b*c?"d"<e>|f／g\u0007.pdf')).toBe('a_b_c__d__e__f_g_.pdf');
    // File systems count bytes: 100 four-byte characters must still fit in 255.
    expect(Buffer.byteLength(safeFileName(`报告-${'𠀀'.repeat(100)}.pdf`))).toBeLessThanOrEqual(204);
  });
});

describe('documents in the channels', () => {
  it('sends the summary PDF with its Chinese name at the end on Telegram, and three PDFs on /pdf', async () => {
    const emu = await startTelegramEmulator();
    cleanups.push(() => emu.close());
    const store = new MemoryStore({ retentionSeconds: 3600 });
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    const documents = new DocumentService(service, [campaign], clock, renderPdf);
    const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store, documents, linkFor: linkSigner('https://example.test/', SECRET, 7, clock) });
    const chat = 7001;
    const lines = ['/start', ...typedConversation(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseA, unit_name: '阜康市示例商贸有限公司' }))];
    let id = 1;
    const say = (text: string) =>
      bot.handleUpdate({ update_id: id++, message: { message_id: emu.nextUserMessageId(chat), date: 0, chat: { id: chat, type: 'private', first_name: 'u' }, from: { id: chat, is_bot: false, first_name: 'u' }, text } });
    for (const line of lines) await say(line);
    const [summary] = emu.documents(chat);
    expect(summary?.file_name).toBe('劳动保障书面审查自查报告-阜康市示例商贸有限公司.pdf');
    expect(summary?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(emu.sent(chat).some((m) => (m.text ?? '').includes('https://example.test/d/'))).toBe(true);

    await say('/pdf');
    expect(emu.documents(chat).map((d) => d.file_name).slice(1)).toEqual([
      '劳动保障书面审查自查报告-阜康市示例商贸有限公司.pdf',
      expect.stringContaining('劳动保障书面审查表'),
      expect.stringContaining('劳动用工备案登记表'),
    ]);
    await say('/checklist');
    expect(emu.documents(chat).at(-1)?.file_name).toContain('材料清单');
    expect(await store.isUnreachable(chatKey(chat))).toBe(false);
  });

  async function terminalRun(store: SessionStore, lines: string[], out: string): Promise<string> {
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    const documents = new DocumentService(service, [campaign], clock, renderPdf);
    const input = new PassThrough();
    let printed = '';
    const output = new Writable({ write: (chunk, _enc, done) => ((printed += chunk.toString()), done()) });
    const running = runTerminal({ service, input, output, documents, outDir: out });
    input.end(lines.map((l) => `${l}\n`).join(''));
    await running;
    return printed;
  }

  it('writes a unit with a slash in its name inside out/, and says so when Redis is down', async () => {
    const out = await mkdtemp(join(tmpdir(), 'nsz-out-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    await terminalRun(new MemoryStore({ retentionSeconds: 60 }), ['某公司/分公司', '下载'], out);
    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBe(4); // summary, review form, filing form, checklist: all directly in out/
    expect(files.filter((f) => f.includes('某公司')).every((f) => f.includes('某公司_分公司') && !f.includes('/'))).toBe(true);

    const redis = await startRedis();
    const store = new RedisStore({ url: redis.url, retentionSeconds: 60, commandTimeoutMs: 500 });
    await store.connect();
    cleanups.push(async () => {
      await store.close();
      await redis.stop();
    });
    await redis.kill();
    const printed = await terminalRun(store, ['下载', '进度', '退出'], out);
    expect(printed).toContain(t('conversation.saveFailed'));
    expect(printed.split(t('conversation.saveFailed')).length).toBe(4); // start, 下载, 进度: each told, none crashed
    // No "已保存" on the way out while the store is down.
    expect(printed).toContain(t('terminal.byeUnsaved'));
    expect(printed).not.toContain(t('terminal.bye'));
  });

  it('tells an out-of-scope unit why it gets no report, and still gives it the checklist', async () => {
    const out = await mkdtemp(join(tmpdir(), 'nsz-out-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    const printed = await terminalRun(new MemoryStore({ retentionSeconds: 60 }), ['某某小吃店', '91350100M000100Y43', '个体经济组织', '阜康市', '2', '0', '下载'], out);
    expect(printed).toContain(t('pdf.outOfScope'));
    const files = await readdir(out);
    expect(files.some((f) => f.includes('材料清单'))).toBe(true);
    expect(files.some((f) => f.includes('自查报告'))).toBe(false);
  });

  it('writes the PDFs under out/ from the terminal and prints their paths', async () => {
    const out = await mkdtemp(join(tmpdir(), 'nsz-out-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    const lines = [...typedConversation(campaign, completeAnswers(campaign, PROFILES.organ)), '下载'];
    const printed = await terminalRun(new MemoryStore({ retentionSeconds: 3600 }), lines, out);
    const files = await readdir(out);
    expect(files.some((f) => f.startsWith('劳动保障书面审查自查报告'))).toBe(true);
    expect(files.some((f) => f.includes('劳动用工备案登记表'))).toBe(true);
    const summaryFile = files.find((f) => f.startsWith('劳动保障书面审查自查报告')) as string;
    expect(printed).toContain(t('pdf.written', { path: join(out, summaryFile) }));
    expect((await readFile(join(out, summaryFile))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
