/**
 * The unit's documents as PDF files: its self-review summary, its materials checklist, the pre-filled
 * review form and the blank filing form, built from the stored answers on demand.
 */
import type { Campaign } from '../core/campaign.ts';
import { checklistDocument, filingFormDocument, reviewFormDocument, summaryDocument, type Document } from '../core/document.ts';
import type { DocumentKind } from '../core/signed-link.ts';
import type { ConversationService } from './conversation-service.ts';

export type PdfFile = { fileName: string; bytes: Buffer };

export class DocumentService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly campaigns: readonly Campaign[],
    private readonly clock: () => Date,
    /** The PDF renderer (src/adapters/pdf.ts), supplied at the edge. */
    private readonly render: (doc: Document) => Promise<Buffer>,
  ) {}

  /** The document, or undefined when the unit has nothing to put in it yet (no campaign, or out of scope). */
  async document(key: string, kind: DocumentKind): Promise<Document | undefined> {
    const snapshot = await this.conversations.current(key);
    const campaign = this.campaigns.find((c) => c.id === snapshot?.context.campaignId);
    const answers = snapshot?.context.answers ?? {};
    if (kind === 'checklist') return checklistDocument(campaign ?? (this.campaigns[0] as Campaign), answers);
    if (kind === 'filing_form') return filingFormDocument(campaign ?? (this.campaigns[0] as Campaign));
    if (!campaign || snapshot?.value === 'outOfScope') return undefined;
    return kind === 'summary' ? summaryDocument(campaign, answers, this.clock()) : reviewFormDocument(campaign, answers);
  }

  async pdf(key: string, kind: DocumentKind): Promise<PdfFile | undefined> {
    const doc = await this.document(key, kind);
    return doc ? { fileName: doc.fileName, bytes: await this.render(doc) } : undefined;
  }
}
