/**
 * The unit's documents as PDF files: its self-review summary, its materials checklist, the pre-filled
 * review form and the blank filing form, built from the stored answers on demand.
 */
import type { Campaign } from '../core/campaign.ts';
import { checklistDocument, filingFormDocument, reviewFormDocument, summaryDocument, type Document } from '../core/document.ts';
import type { DocumentKind } from '../core/signed-link.ts';
import { assess } from '../core/engine.ts';
import type { TextKey } from '../core/text.ts';
import type { ConversationService } from './conversation-service.ts';

export type PdfFile = { fileName: string; bytes: Buffer };
/** A PDF, or why there is none: nothing answered yet, or the unit is outside the campaign's scope. */
export type PdfResult = { ok: true; file: PdfFile } | { ok: false; reason: 'nothing_yet' | 'out_of_scope' };

/** What a unit is told when it asked for PDFs and some could not be made. */
export const missingPdfText = (reasons: readonly ('nothing_yet' | 'out_of_scope')[]): TextKey =>
  reasons.includes('out_of_scope') ? 'pdf.outOfScope' : 'pdf.nothingYet';

export class DocumentService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly campaigns: readonly Campaign[],
    private readonly clock: () => Date,
    /** The PDF renderer (src/adapters/pdf.ts), supplied at the edge. */
    private readonly render: (doc: Document) => Promise<Buffer>,
  ) {}

  /** The document, or why there is none (the checklist and the blank filing form always exist). */
  async document(key: string, kind: DocumentKind): Promise<Document | PdfResult & { ok: false }> {
    const snapshot = await this.conversations.current(key);
    const campaign = this.campaigns.find((c) => c.id === snapshot?.context.campaignId);
    const answers = snapshot?.context.answers ?? {};
    const now = this.clock();
    if (kind === 'checklist') return checklistDocument(campaign ?? (this.campaigns[0] as Campaign), answers, now);
    if (kind === 'filing_form') return filingFormDocument(campaign ?? (this.campaigns[0] as Campaign), answers, now);
    if (!campaign) return { ok: false, reason: 'nothing_yet' };
    if (assess(campaign, answers, now).excludedBy) return { ok: false, reason: 'out_of_scope' };
    return kind === 'summary' ? summaryDocument(campaign, answers, now) : reviewFormDocument(campaign, answers, now);
  }

  async pdf(key: string, kind: DocumentKind): Promise<PdfResult> {
    const doc = await this.document(key, kind);
    if ('ok' in doc) return doc;
    return { ok: true, file: { fileName: doc.fileName, bytes: await this.render(doc) } };
  }
}
