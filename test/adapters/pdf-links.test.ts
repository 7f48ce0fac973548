/**
 * The browser link the bot sends beside a PDF opens that same document: the real bot against the
 * emulator, the links fetched from the real download route.
 */
import { afterEach, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { linkSigner, registerDownloads } from '../../src/adapters/http/downloads.ts';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';
import { startTelegramEmulator, type SentMessage } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => new Date('2025-03-10T09:00:00+08:00');
const SECRET = 'test-secret-that-is-long-enough-for-hmac-0002';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The file name a download response names, from its RFC 6266 `filename*`. */
const servedName = (response: Response) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? '');

/** Every link the bot sent, with the message right before it (the document it belongs beside). */
function linksBesideDocuments(messages: SentMessage[]): { url: string; beside: SentMessage | undefined }[] {
  return messages.flatMap((m, i) => {
    const url = /(https?:\/\/\S+\/d\/\S+)/.exec(m.text ?? '')?.[1];
    return url ? [{ url, beside: messages[i - 1] }] : [];
  });
}

it('sends beside each PDF a link that downloads that very document', async () => {
  const emu = await startTelegramEmulator();
  cleanups.push(() => emu.close());
  const store = new MemoryStore({ retentionSeconds: 3600 });
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  const documents = new DocumentService(service, [campaign], clock, renderPdf);
  const app = createHttpServer();
  registerDownloads(app, documents, SECRET, clock);
  cleanups.push(() => app.close());
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store, documents, linkFor: linkSigner(base, SECRET, 7, clock) });

  let id = 1;
  const say = (chat: number, text: string) =>
    bot.handleUpdate({ update_id: id++, message: { message_id: emu.nextUserMessageId(chat), date: 0, chat: { id: chat, type: 'private', first_name: 'u' }, from: { id: chat, is_bot: false, first_name: 'u' }, text } });

  // A finished unit asks for its checklist (first PDF: the checklist) and then for all its PDFs.
  const finished = 9101;
  for (const line of ['/start', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseB))]) await say(finished, line);
  await say(finished, '/checklist');
  await say(finished, '/pdf');
  // A unit outside the campaign's scope gets no summary or review form: its first PDF is the filing form.
  const outOfScope = 9102;
  for (const line of ['/start', '某某小吃店', '91350100M000100Y43', '个体经济组织', '阜康市', '2', '0', '/pdf']) await say(outOfScope, line);

  const links = [...linksBesideDocuments(emu.sent(finished)), ...linksBesideDocuments(emu.sent(outOfScope))];
  // The summary at the end of the review, the checklist, the /pdf summary, the out-of-scope unit's filing form.
  expect(links.map((l) => l.beside?.document?.file_name)).toEqual([
    expect.stringContaining('自查报告'),
    expect.stringContaining('材料清单'),
    expect.stringContaining('自查报告'),
    expect.stringContaining('劳动用工备案登记表'),
  ]);
  for (const { url, beside } of links) {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(servedName(response)).toBe(beside?.document?.file_name);
  }
});
