/**
 * The unit's documents as PDF files: its self-review summary, its materials checklist, the pre-filled
 * review form and the blank filing form, built from the stored answers on demand.
 * Rendering costs tens of milliseconds; building the document model does not. So each PDF is named by a
 * hash of its model (its ETag) and the last rendering per unit and kind is kept: a repeated request for
 * unchanged content renders nothing.
 */
import { createHash } from 'node:crypto';
import type { Campaign } from '../core/campaign.ts';
import { checklistDocument, filingFormDocument, formDocument, reviewFormDocument, summaryDocument, type Document } from '../core/document.ts';
import { findForm, formPosition } from '../core/forms.ts';
import { carriedAnswers } from '../core/conversation.ts';
import { formKind, type DocumentKind } from '../core/signed-link.ts';
import { assess } from '../core/engine.ts';
import { t, type TextKey } from '../core/text.ts';
import type { ConversationService } from './conversation-service.ts';
import { Lru } from './lru.ts';
import { documents } from '../../templates/documents.ts';

/** `etag` names the content: same etag, same bytes. */
export type PdfFile = { fileName: string; bytes: Buffer; etag: string };
/** A PDF ready to render: its name and etag are known without rendering it. */
export type PreparedPdf = { fileName: string; etag: string; bytes(): Promise<Buffer> };
/** Why a unit has no such PDF. */
export type NoPdf = { ok: false; reason: 'nothing_yet' | 'out_of_scope' };
/** A PDF, or why there is none: nothing answered yet, or the unit is outside the campaign's scope. */
export type PdfResult = { ok: true; file: PdfFile } | NoPdf;

/** The footer line that says when a summary was generated ("生成时间：…"). */
const GENERATED = documents['summary.generated'].slice(0, documents['summary.generated'].indexOf('{'));

/**
 * The content's name: the kind and the document model (the answers as printed, their hash and the
 * campaign id and version in the footer, days left to the deadline) but not the moment of generation.
 * So a PDF is reused while the answers, the campaign and the day stay the same, and it truthfully
 * says when it was generated.
 */
export function documentTag(kind: DocumentKind, doc: Document): string {
  const content = { ...doc, date: undefined, footer: doc.footer.filter((line) => !line.startsWith(GENERATED)) };
  return `"${createHash('sha256').update(kind).update('\0').update(JSON.stringify(content)).digest('base64url').slice(0, 32)}"`;
}

/** What a unit is told when it asked for PDFs and some could not be made. */
export const missingPdfText = (reasons: readonly ('nothing_yet' | 'out_of_scope')[]): TextKey =>
  reasons.includes('out_of_scope') ? 'pdf.outOfScope' : 'pdf.nothingYet';

export class DocumentService {
  /** The last rendering per unit and kind (a summary is ~140 KB: 64 entries stay under ~10 MB). */
  private readonly rendered = new Lru<string, { etag: string; bytes: Buffer }>(64);

  constructor(
    private readonly conversations: ConversationService,
    private readonly campaigns: readonly Campaign[],
    private readonly clock: () => Date,
    /** The PDF renderer (src/adapters/pdf/render.ts), supplied at the edge. */
    private readonly render: (doc: Document) => Promise<Buffer>,
  ) {}

  /**
   * The PDFs a unit can have now: its summary; a written review's forms; each form (异议, 修复) it completed.
   * What 下载 / /pdf sends.
   */
  async kindsFor(key: string): Promise<DocumentKind[]> {
    const snapshot = await this.conversations.current(key);
    const campaign = this.campaigns.find((c) => c.id === snapshot?.context.campaignId) ?? (this.campaigns.length === 1 ? this.campaigns[0] : undefined);
    if (!campaign) return ['summary'];
    const forms = campaign.forms.filter((f) => this.completedForm(campaign, f.id, snapshot?.context.forms[f.id]) !== undefined).map((f) => formKind(f.id));
    return [...(campaign.review ? (['summary', 'review_form', 'filing_form'] as const) : (['summary'] as const)), ...forms];
  }

  /** The form's answers when it is complete. */
  private completedForm(campaign: Campaign, formId: string, answers: Record<string, unknown> | undefined) {
    const form = findForm(campaign, formId);
    if (!form || !answers || Object.keys(answers).length === 0) return undefined;
    return formPosition(campaign, form, answers as never, this.clock()).next === undefined ? form : undefined;
  }

  /** What a unit is told it can download after its summary: a written review's forms, or its summary and forms. */
  async offerText(key: string): Promise<string> {
    return t((await this.kindsFor(key)).includes('review_form') ? 'pdf.more' : 'pdf.moreCredit');
  }

  /** The document, or why there is none (the checklist and the blank filing form always exist for a written review). */
  async document(key: string, kind: DocumentKind, campaignId?: string): Promise<Document | PdfResult & { ok: false }> {
    const snapshot = await this.conversations.current(key);
    // A campaign the unit has switched away from (a bureau's staff asking): its parked answers.
    const parked = campaignId && campaignId !== snapshot?.context.campaignId ? snapshot?.context.parked[campaignId] : undefined;
    if (campaignId && campaignId !== snapshot?.context.campaignId && !parked) return { ok: false, reason: 'nothing_yet' };
    const campaign = this.campaigns.find((c) => c.id === (parked ? campaignId : snapshot?.context.campaignId));
    const answers = parked && campaign ? carriedAnswers(campaign, parked) : snapshot?.context.answers ?? {};
    const now = this.clock();
    const reviewing = campaign ?? this.campaigns.find((c) => c.review) ?? (this.campaigns[0] as Campaign);
    if (kind === 'checklist') return checklistDocument(reviewing, answers, now);
    if (kind === 'filing_form') return filingFormDocument(reviewing, answers, now);
    if (!campaign) return { ok: false, reason: 'nothing_yet' };
    if (kind.startsWith('form_')) {
      const form = this.completedForm(campaign, kind.slice('form_'.length), snapshot?.context.forms[kind.slice('form_'.length)]);
      return form ? formDocument(campaign, form, answers, snapshot?.context.forms[form.id] ?? {}, now) : { ok: false, reason: 'nothing_yet' };
    }
    if (assess(campaign, answers, now).excludedBy) return { ok: false, reason: 'out_of_scope' };
    return kind === 'summary' ? summaryDocument(campaign, answers, now) : reviewFormDocument(campaign, answers, now);
  }

  /** The PDF's name and etag from the stored answers; rendered only when its bytes are asked for and not kept. */
  async prepare(key: string, kind: DocumentKind, campaignId?: string): Promise<{ ok: true; pdf: PreparedPdf } | NoPdf> {
    const doc = await this.document(key, kind, campaignId);
    if ('ok' in doc) return doc;
    const etag = documentTag(kind, doc);
    const slot = `${key}\0${kind}\0${campaignId ?? ''}`;
    const bytes = async () => {
      const kept = this.rendered.get(slot);
      if (kept?.etag === etag) return kept.bytes;
      const fresh = await this.render(doc);
      this.rendered.set(slot, { etag, bytes: fresh });
      return fresh;
    };
    return { ok: true, pdf: { fileName: doc.fileName, etag, bytes } };
  }

  /** Drops what is kept of this unit's PDFs (删除我的数据 deletes everything, renderings included). */
  forget(key: string): void {
    this.rendered.deleteWhere((slot) => slot.startsWith(`${key}\0`));
  }

  async pdf(key: string, kind: DocumentKind, campaignId?: string): Promise<PdfResult> {
    const prepared = await this.prepare(key, kind, campaignId);
    if (!prepared.ok) return prepared;
    const { fileName, etag } = prepared.pdf;
    return { ok: true, file: { fileName, etag, bytes: await prepared.pdf.bytes() } };
  }
}
