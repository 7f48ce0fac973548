/** The unit's PDFs: rendered once while unchanged, and nothing of them kept once the unit asks to be forgotten. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService, documentTag } from '../../src/app/document-service.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { Document } from '../../src/core/document.ts';
import { eventForText } from '../../src/core/commands.ts';
import { t } from '../../src/core/text.ts';
import type { ConversationEvent } from '../../src/core/conversation.ts';
import { completeAnswers, IN_WINDOW, PROFILES, typedConversation } from '../support/profiles.ts';

const campaign = findCampaign('changji-2024') as Campaign;

describe('document service', () => {
  it('renders a summary once while the answers stay the same, and keeps nothing of it after 删除我的数据', async () => {
    const service = new ConversationService({ campaigns: [campaign], store: new MemoryStore({ retentionSeconds: 60 }), clock: () => IN_WINDOW });
    let renders = 0;
    const documents = new DocumentService(service, [campaign], () => IN_WINDOW, (doc: Document) => {
      renders++;
      return renderPdf(doc);
    });
    const say = (text: string) => service.handle('tg:1', eventForText(text) as ConversationEvent);
    for (const line of ['开始', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.organ))]) await say(line);
    const first = await documents.pdf('tg:1', 'summary');
    const again = await documents.pdf('tg:1', 'summary');
    expect(first.ok && again.ok && first.file.etag === again.file.etag).toBe(true);
    expect(renders).toBe(1);
    await say('删除我的数据');
    expect((await say('是')).outcome).toBe('forgotten');
    documents.forget('tg:1');
    expect(await documents.pdf('tg:1', 'summary')).toEqual({ ok: false, reason: 'nothing_yet' });
    // The blank checklist is a different document: rendered afresh, not served from what was kept.
    await documents.pdf('tg:1', 'checklist');
    expect(renders).toBe(2);
    expect((documents as unknown as { rendered: { size: number } }).rendered.size).toBe(1);
  });
});

describe('which documents a unit has, and from which answers', () => {
  const wenshui = findCampaign('wenshui-2022') as Campaign;
  const setup = (campaigns: Campaign[]) => {
    const service = new ConversationService({ campaigns, store: new MemoryStore({ retentionSeconds: 60 }), clock: () => IN_WINDOW });
    const rendered: string[] = [];
    const documents = new DocumentService(service, campaigns, () => IN_WINDOW, (doc: Document) => {
      rendered.push(doc.fileName);
      return renderPdf(doc);
    });
    const say = (key: string, text: string) => service.handle(key, eventForText(text) as ConversationEvent);
    const walk = async (key: string, c: Campaign, answers: Parameters<typeof completeAnswers>[1], start = '开始') => {
      await say(key, start);
      for (const line of typedConversation(c, completeAnswers(c, answers))) await say(key, line);
    };
    return { documents, say, walk, rendered };
  };

  it('names a document by its content, not by when it was made', () => {
    const doc = { title: 't', subtitle: [], fileName: 'f.pdf', blocks: [], footer: ['生成时间：2025-03-10 09:00', '版本 1'], date: IN_WINDOW } as unknown as Document;
    const tag = documentTag('summary', doc);
    expect(tag).toMatch(/^"[\w-]{32}"$/);
    expect(documentTag('summary', { ...doc, date: new Date(0), footer: ['生成时间：2025-03-11 10:00', '版本 1'] })).toBe(tag);
    expect(documentTag('checklist', doc)).not.toBe(tag);
    expect(documentTag('summary', { ...doc, footer: ['生成时间：2025-03-10 09:00', '版本 2'] })).not.toBe(tag);
  });

  it('offers a written review\'s forms beside the summary, and only the summary where there is no written review', async () => {
    const { documents } = setup([campaign]);
    expect(await documents.kindsFor('tg:1')).toEqual(['summary', 'review_form', 'filing_form']);
    expect(await documents.offerText('tg:1')).toBe(t('pdf.more'));
    const w = setup([wenshui]);
    expect(await w.documents.kindsFor('tg:1')).toEqual(['summary']);
    expect(await w.documents.offerText('tg:1')).toBe(t('pdf.moreCredit'));
    expect(await setup([campaign, wenshui]).documents.kindsFor('tg:1')).toEqual(['summary']);
  });

  it('has the blank checklist and filing form before any answer, but no summary', async () => {
    const { documents } = setup([campaign]);
    expect(await documents.document('tg:1', 'summary')).toEqual({ ok: false, reason: 'nothing_yet' });
    expect(await documents.document('tg:1', 'review_form')).toEqual({ ok: false, reason: 'nothing_yet' });
    expect(await documents.document('tg:1', 'checklist')).toMatchObject({ title: expect.any(String) });
    expect(await documents.document('tg:1', 'filing_form')).toMatchObject({ title: expect.any(String) });
    expect(await documents.document('tg:1', 'form_objection')).toEqual({ ok: false, reason: 'nothing_yet' });
  });

  it('makes no summary or review form for a unit out of scope', async () => {
    const { documents, walk } = setup([campaign]);
    await walk('tg:2', campaign, { unit_type: 'individual', area: 'fukang', staff: 2, part_time_staff: 0 });
    expect(await documents.document('tg:2', 'summary')).toEqual({ ok: false, reason: 'out_of_scope' });
    expect(await documents.document('tg:2', 'review_form')).toEqual({ ok: false, reason: 'out_of_scope' });
  });

  it('makes the summary and the review form of a finished unit, each its own document', async () => {
    const { documents, walk } = setup([campaign]);
    await walk('tg:3', campaign, { ...PROFILES.enterpriseA, unit_name: '阜康某某有限公司' });
    const summary = (await documents.document('tg:3', 'summary')) as Document;
    const review = (await documents.document('tg:3', 'review_form')) as Document;
    expect(summary.fileName).not.toBe(review.fileName);
    expect(summary.fileName).toContain('阜康某某有限公司');
  });

  it('makes a campaign\'s PDF from the answers parked there after the unit switched, and none for a campaign it never used', async () => {
    const { documents, walk, say } = setup([campaign, wenshui]);
    await walk('tg:4', campaign, { ...PROFILES.enterpriseA, unit_name: '阜康某某有限公司' }, '/start changji-2024');
    await say('tg:4', '/start wenshui-2022');
    const parked = (await documents.document('tg:4', 'summary', 'changji-2024')) as Document;
    expect(parked.fileName).toContain('阜康某某有限公司');
    expect(await documents.document('tg:5', 'summary', 'changji-2024')).toEqual({ ok: false, reason: 'nothing_yet' });
  });

  it('keeps one rendering per unit and kind: another unit\'s or kind\'s is never reused, and forgetting one unit keeps the others', async () => {
    const { documents, walk, rendered } = setup([campaign]);
    await walk('tg:1', campaign, PROFILES.enterpriseA);
    await walk('tg:10', campaign, PROFILES.enterpriseA);
    await documents.pdf('tg:1', 'summary');
    await documents.pdf('tg:10', 'summary');
    await documents.pdf('tg:1', 'review_form');
    expect(rendered).toHaveLength(3);
    documents.forget('tg:1');
    await documents.pdf('tg:10', 'summary');
    expect(rendered).toHaveLength(3);
    await documents.pdf('tg:1', 'summary');
    expect(rendered).toHaveLength(4);
  });
});
