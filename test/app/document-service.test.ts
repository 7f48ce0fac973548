/** The unit's PDFs: rendered once while unchanged, and nothing of them kept once the unit asks to be forgotten. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { Document } from '../../src/core/document.ts';
import { eventForText } from '../../src/core/commands.ts';
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
