/**
 * What a summary PDF costs, beside the floor: a one-page pdfkit document with the same embedded font and
 * one line of Chinese. Both warm (fonts already read), median of RUNS. `npx tsx bench/pdf.ts` prints the figures.
 */
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { findCampaign } from '../flows/index.ts';
import { fonts, pdfBytes, renderPdf } from '../src/adapters/pdf/render.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { checklistDocument, filingFormDocument, reviewFormDocument, summaryDocument } from '../src/core/document.ts';
import { MemoryStore } from '../src/adapters/store/memory-store.ts';
import { ConversationService } from '../src/app/conversation-service.ts';
import { DocumentService } from '../src/app/document-service.ts';
import { eventForText } from '../src/core/commands.ts';
import { completeAnswers, typedConversation } from '../test/support/profiles.ts';
import { medianMs } from './support/timing.ts';

const RUNS = 30;

const median = (run: () => Promise<unknown>) => medianMs(run, RUNS);

/** The least a PDF with this font can cost: one page, one line, the same subset embedding. */
function floorPdf(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
  const done = pdfBytes(pdf);
  pdf.registerFont('regular', fonts().regular);
  pdf.font('regular').fontSize(10.5).text('劳动保障书面审查自查报告');
  pdf.end();
  return done;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A unit that finished the conversation (through the service, as a chat would), and its documents. */
async function documentService(campaign: Campaign, answers: ReturnType<typeof completeAnswers>, now: Date) {
  const conversations = new ConversationService({ campaigns: [campaign], store: new MemoryStore(), clock: () => now });
  for (const line of ['开始', ...typedConversation(campaign, answers)]) {
    const event = eventForText(line);
    if (typeof event !== 'string') await conversations.handle('tg:1', event);
  }
  return { documents: new DocumentService(conversations, [campaign], () => now, renderPdf) };
}

export async function benchPdf(): Promise<Record<string, string | number>> {
  const campaign = findCampaign('changji-2024') as Campaign;
  // An enterprise with 25 staff and dispatch, sanctioned once, missing its licence: a typical six-page report.
  const answers = completeAnswers(campaign, { unit_name: '昌吉市天山建材有限公司', unit_type: 'enterprise', area: 'changji_city', staff: 25, uses_dispatch: true, dispatched: 5, sanctions_2024: 1 });
  const now = new Date('2025-03-20T06:00:00Z');
  const summary = () => renderPdf(summaryDocument(campaign, answers, now));

  // Warm up: fonts read, code paths compiled.
  const summaryBytes = (await summary()).length;
  await floorPdf();
  const summaryMs = await median(summary);
  const floorMs = await median(floorPdf);
  const floorBytes = (await floorPdf()).length;
  const service = await documentService(campaign, answers, now);
  const freshMs = await median(async () => {
    service.documents.forget('tg:1');
    return service.documents.pdf('tg:1', 'summary');
  });
  const repeatMs = await median(() => service.documents.pdf('tg:1', 'summary'));
  return {
    runs: RUNS,
    summary_ms: round(summaryMs),
    unit_summary_fresh_ms: round(freshMs),
    unit_summary_repeat_ms: round(repeatMs),
    summary_bytes: summaryBytes,
    floor_ms: round(floorMs),
    floor_bytes: floorBytes,
    ratio: round(summaryMs / floorMs),
    checklist_blank_bytes: (await renderPdf(checklistDocument(campaign, {}, now))).length,
    review_form_bytes: (await renderPdf(reviewFormDocument(campaign, answers, now))).length,
    filing_form_bytes: (await renderPdf(filingFormDocument(campaign, answers, now))).length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchPdf())) console.log(`${k.padEnd(22)} ${v}`);
}
